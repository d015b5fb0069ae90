import type { KubeObject } from '../manifest/object.js';

/**
 * The file of each object in dist/: `<app>/<wave>-<kind>-<name>.yaml`, so that `ls` shows
 * the apply order. The namespace joins the name only when two objects would share a file.
 */
export function layoutFiles(
  objects: readonly { readonly app: string; readonly object: KubeObject; readonly wave: number }[],
): string[] {
  const base = objects.map(({ app, object, wave }) => `${app}/${String(wave).padStart(2, '0')}-${object.kind.toLowerCase()}-${object.metadata?.name ?? 'unnamed'}`);
  const counts = new Map<string, number>();
  for (const b of base) counts.set(b, (counts.get(b) ?? 0) + 1);
  return base.map((b, i) => {
    const ns = objects[i]!.object.metadata?.namespace;
    return (counts.get(b)! > 1 && ns ? `${b}.${ns}` : b) + '.yaml';
  });
}
