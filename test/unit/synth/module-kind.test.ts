import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commonJsProblem } from '../../../lib/synth/module-kind.js';

function projectWith(pkg: object | string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lading-module-kind-'));
  writeFileSync(join(dir, 'package.json'), typeof pkg === 'string' ? pkg : JSON.stringify(pkg));
  mkdirSync(join(dir, 'apps'));
  return dir;
}

test('an app under a package.json with "type": "module" loads as an ES module', () => {
  assert.equal(commonJsProblem(join(projectWith({ type: 'module' }), 'apps', 'shop.ts')), undefined);
});

test('.mts and .mjs files are ES modules whatever package.json says', () => {
  const dir = projectWith({});
  assert.equal(commonJsProblem(join(dir, 'apps', 'shop.mts')), undefined);
  assert.equal(commonJsProblem(join(dir, 'apps', 'shop.mjs')), undefined);
});

test('a CommonJS project: the message names the package.json and both ways out', () => {
  const dir = projectWith({ name: 'x' });
  const pkg = join(dir, 'package.json');
  assert.equal(
    commonJsProblem(join(dir, 'apps', 'shop.ts')),
    `would load as CommonJS (${pkg} has no "type": "module"), but lading is an ES module: add "type": "module" to ${pkg}, or name the file *.mts`,
  );
  assert.match(commonJsProblem(join(dir, 'apps', 'shop.js'))!, /name the file \*\.mjs$/);
});

test('the nearest package.json decides, and a broken one is named', () => {
  const dir = projectWith({ type: 'module' });
  writeFileSync(join(dir, 'apps', 'package.json'), '{ nope');
  assert.equal(commonJsProblem(join(dir, 'apps', 'shop.ts')), `${join(dir, 'apps', 'package.json')} is not valid JSON`);
});
