import type { KubeObject } from '../manifest/object.js';

/**
 * The file of each object in dist/: `<app>/<wave>-<kind>-<name>.yaml`, so that `ls` shows
 * the apply order. The namespace joins the name only when two objects would share a file.
 */
export function layoutFiles(objects: readonly { readonly app: string; readonly object: KubeObject; readonly wave: number }[]): string[] {
  const base = objects.map(
    ({ app, object, wave }) => `${app}/${String(wave).padStart(2, '0')}-${object.kind.toLowerCase()}-${object.metadata?.name ?? 'unnamed'}`,
  );
  const counts = new Map<string, number>();
  for (const b of base) counts.set(b, (counts.get(b) ?? 0) + 1);
  return base.map((b, i) => {
    const ns = objects[i]!.object.metadata?.namespace;
    return (counts.get(b)! > 1 && ns ? `${b}.${ns}` : b) + '.yaml';
  });
}

// The name of a file synth writes: `<wave>-<kind>-<name>[.<namespace>].yaml`.
const DIST_FILE = /^\d{2}-[a-z0-9]+-[^/\\]+\.yaml$/;

/**
 * The unit of a file of synth's dist/ layout: its folder (`<app>` or `<env>/<app>`), since
 * each application folder of each environment is applied on its own. Undefined for a file that
 * does not follow the layout.
 */
export function distUnit(file: string): string | undefined {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return DIST_FILE.test(file.slice(slash + 1)) ? file.slice(0, Math.max(slash, 0)) : undefined;
}
