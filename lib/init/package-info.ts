import { readFileSync } from 'node:fs';

interface PackageJson {
  readonly version: string;
  readonly devDependencies?: Record<string, string>;
}

let info: PackageJson | undefined;

/** lading's own package.json (lib/init and build/init are both two levels below it). */
export function ladingPackage(): PackageJson {
  info ??= JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageJson;
  return info;
}
