// The example shop in lines: what a user writes in lading (apps/shop.ts + apps/_shop/), the same shop
// in cdk8s-plus-33 (bench/shop-cdk8s.ts), and the YAML lading synthesizes for it (dist/prod/shop/).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from './table.js';

const SELF_CHECK = 'if (process.argv[1] === fileURLToPath(import.meta.url))';

/** Lines of TypeScript that are neither blank nor comments (line comments and block comments). */
export function codeLines(source: string): number {
  let count = 0;
  let inBlock = false;
  for (const raw of source.split('\n')) {
    let line = raw.trim();
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end === -1) continue;
      inBlock = false;
      line = line.slice(end + 2).trim();
    }
    while (line.startsWith('/*')) {
      const end = line.indexOf('*/', 2);
      if (end === -1) {
        inBlock = true;
        line = '';
        break;
      }
      line = line.slice(end + 2).trim();
    }
    if (line === '' || line.startsWith('//')) continue;
    count++;
  }
  return count;
}

/** Lines of YAML that are neither blank nor comments. */
export function yamlLines(source: string): number {
  return source.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).length;
}

/**
 * The cdk8s shop without what only its self-check needs: the block that synthesizes it when run
 * directly, and the imports of Node modules that block uses (the shop itself uses none).
 */
export function withoutSelfCheck(source: string): string {
  const at = source.indexOf(SELF_CHECK);
  if (at === -1) throw new Error(`bench/shop-cdk8s.ts: self-check block not found (${SELF_CHECK})`);
  return source
    .slice(0, at)
    .split('\n')
    .filter((l) => !/^import .* from 'node:[a-z/]+';$/.test(l.trim()))
    .join('\n');
}

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

export async function benchLines(): Promise<Row[]> {
  const shopParts = readdirSync('apps/_shop')
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const ladingFiles = ['apps/shop.ts', ...shopParts.map((f) => join('apps/_shop', f))];
  const lading = ladingFiles.reduce((n, f) => n + codeLines(read(f)), 0);
  const cdk8s = codeLines(withoutSelfCheck(read('bench/shop-cdk8s.ts')));
  const yamlFiles = readdirSync('dist/prod/shop')
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const yaml = yamlFiles.reduce((n, f) => n + yamlLines(read(join('dist/prod/shop', f))), 0);
  console.log(
    `lines: the example shop — lading ${ladingFiles.join(' ')}; cdk8s-plus-33 bench/shop-cdk8s.ts;` + ` YAML dist/prod/shop (${yamlFiles.length} files)`,
  );
  return [
    { part: 'lines', what: 'example shop, TypeScript (2 environments)', lading, anchor: cdk8s, anchorName: 'cdk8s-plus-33', unit: 'lines' },
    {
      part: 'lines',
      what: `example shop vs its YAML (${yamlFiles.length} objects)`,
      lading,
      anchor: yaml,
      anchorName: 'raw YAML',
      unit: 'lines',
      note: 'YAML: prod only',
    },
  ];
}
