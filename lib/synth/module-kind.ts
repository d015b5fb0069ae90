import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/** The package.json that decides how Node loads a file: the nearest one above it. */
function nearestPackageJson(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Why an app file (or lading.config) would load as CommonJS, which lading cannot use (it is an
 * ES module only), as a message naming what to change; undefined when it loads as an ES module.
 */
export function commonJsProblem(file: string): string | undefined {
  const ext = extname(file);
  if (ext === '.mts' || ext === '.mjs') return undefined;
  const pkg = nearestPackageJson(file);
  let type: unknown;
  if (pkg) {
    try {
      type = (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: unknown }).type;
    } catch {
      return `${pkg} is not valid JSON`;
    }
  }
  if (type === 'module') return undefined;
  const where = pkg ? `${pkg} has no "type": "module"` : 'no package.json above it sets "type": "module"';
  const fix = pkg ? `add "type": "module" to ${pkg}` : 'create a package.json with "type": "module"';
  return `would load as CommonJS (${where}), but lading is an ES module: ${fix}, or name the file *${ext === '.js' ? '.mjs' : '.mts'}`;
}
