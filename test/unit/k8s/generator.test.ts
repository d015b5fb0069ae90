import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { ZodType } from 'zod';
import { normalize } from '../../../lib/k8s/model/normalize.js';
import { emitChecks, emitSchemas } from '../../../scripts/gen/emit-schemas.js';
import { emitTypes } from '../../../scripts/gen/emit-types.js';
import { FIXTURE, FIXTURE_OVERLAY } from './fixture.js';

const model = normalize('9.9', FIXTURE, FIXTURE_OVERLAY);
const types = emitTypes(model);
const primitives = pathToFileURL(join(import.meta.dirname, '../../../lib/k8s/model/primitives.ts')).href;
const memo = pathToFileURL(join(import.meta.dirname, '../../../lib/k8s/model/memo.ts')).href;
const code = emitSchemas(model, { builders: primitives, memo });
const checkBuilders = pathToFileURL(join(import.meta.dirname, '../../../lib/k8s/model/checks.ts')).href;
const checkCode = emitChecks(model, { builders: checkBuilders, memo });
const dir = mkdtempSync(join(tmpdir(), 'lading-gen-'));
writeFileSync(join(dir, 'types.ts'), types);
writeFileSync(join(dir, 'schemas.ts'), code);
writeFileSync(join(dir, 'checks.ts'), checkCode);
// Each export builds its schema (or check) on first call.
const schemaModule = (await import(pathToFileURL(join(dir, 'schemas.ts')).href)) as Record<string, () => ZodType>;
const checkModule = (await import(pathToFileURL(join(dir, 'checks.ts')).href)) as Record<string, () => (v: unknown) => boolean>;
const built = <T>(module: Record<string, () => T>): Record<string, T> =>
  Object.fromEntries(Object.entries(module).flatMap(([name, get]) => (name === 'definitions' ? [] : [[name, get()]])));
const schemas = built(schemaModule);
const checks = built(checkModule);
const nameOf = new Map(Object.entries(schemas).map(([name, schema]) => [schema, name]));

/** `path: message` of every issue, or [] when the value is valid; the fast check must agree. */
function problems(schema: ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  const found = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const name = nameOf.get(schema)!;
  assert.equal(checks[name](value), found.length === 0, `fast check of ${name} disagrees on ${JSON.stringify(value)}`);
  return found;
}

describe('emitTypes', () => {
  it('writes interfaces with JSDoc, literals, enums and aliases', () => {
    assert.match(types, /\/\*\* Port is a port\. \*\/\nexport interface Port \{/);
    assert.match(types, /  \/\*\* Name of the box, e\.g\. big\. \*\/\n  name: string;/);
    assert.match(types, /  policy\?: "Always" \| "Never";/);
    assert.match(types, /  apiVersion: "demo\.example\.com\/v1";\n  kind: "Crate";/);
    assert.match(types, /export interface CrateV1 \{/);
    assert.match(types, /export type Quantity = string;/);
    assert.match(types, /export type IntOrString = number \| string;/);
    assert.match(types, /  limits\?: Record<string, Quantity>;/);
    assert.match(types, /  children\?: Box\[\];/);
    assert.match(types, /export type BoxOrList = Box \| Box\[\];/);
  });
});

describe('emitSchemas', () => {
  const box = schemas.Box;
  const ok = { name: 'b' };

  it('emits the fast checks in the same shape', () => {
    assert.match(checkCode, /export const Box: \(\) => \$\.Check = memo\(\(\) => \$\.object\(\{/);
    assert.match(checkCode, /children: \$\.optional\(\$\.array\(\$\.lazy\(Box\)\)\)/);
  });

  it('emits one schema per definition and a table by definition name', () => {
    assert.match(code, /export const Box: \(\) => ZodType<T\.Box> = memo\(\(\) => \$\.object\(\{/);
    assert.match(code, /children: \$\.optional\(\$\.array\(\$\.lazy\(Box\)\)\)/);
    // Built once, on first call: the table and the export give the same schema.
    const table = schemaModule.definitions as unknown as Record<string, () => ZodType>;
    assert.ok(table['io.k8s.api.demo.v1.Box']!() === box);
    assert.ok(schemaModule.Box!() === box);
  });

  it('requires required fields', () => {
    assert.deepEqual(problems(box, ok), []);
    assert.deepEqual(problems(box, {}), ['name: missing required field, expected a string']);
  });

  it('rejects unknown fields and accepts null as absent', () => {
    assert.deepEqual(problems(box, { name: 'b', colour: 'red' }), [': unknown field "colour"']);
    assert.deepEqual(problems(box, { name: 'b', policy: null, size: null }), []);
  });

  it('checks enums', () => {
    assert.deepEqual(problems(box, { name: 'b', policy: 'Never' }), []);
    assert.deepEqual(problems(box, { name: 'b', policy: 'Sometimes' }), ['policy: expected one of: Always, Never']);
  });

  it('checks int32 bounds, int64 and numbers', () => {
    const port = schemas.Port;
    assert.deepEqual(problems(port, { containerPort: 2147483647 }), []);
    for (const bad of [2147483648, -2147483649, 1.5, '80']) {
      assert.deepEqual(problems(port, { containerPort: bad }), ['containerPort: expected an integer from -2147483648 to 2147483647 (int32)']);
    }
    assert.deepEqual(problems(box, { name: 'b', size: 2 ** 40, ratio: 0.5 }), []);
    assert.match(problems(box, { name: 'b', size: 2 ** 60 })[0], /^size: expected an integer .*\(int64\)$/);
    assert.deepEqual(problems(box, { name: 'b', enabled: 'yes' }), ['enabled: expected true or false']);
  });

  it('checks byte (base64) and date-time (RFC 3339)', () => {
    assert.deepEqual(problems(box, { name: 'b', data: { k: 'aGVsbG8=' }, createdAt: '2024-05-01T10:00:00Z' }), []);
    assert.deepEqual(problems(box, { name: 'b', createdAt: '2024-05-01T10:00:00+02:00' }), []);
    assert.deepEqual(problems(box, { name: 'b', data: { k: 'aGVs\nbG8=\n', e: '' } }), []);
    for (const bad of ['not base64!', 'aGVsbG8', 42]) {
      assert.deepEqual(problems(box, { name: 'b', data: { k: bad } }), ['data.k: expected base64-encoded data (byte)']);
    }
    assert.match(problems(box, { name: 'b', createdAt: 'yesterday' })[0], /^createdAt: expected an RFC 3339 date-time/);
  });

  it('checks int-or-string', () => {
    const port = schemas.Port;
    assert.deepEqual(problems(port, { containerPort: 1, target: 8080 }), []);
    assert.deepEqual(problems(port, { containerPort: 1, target: 'http' }), []);
    assert.match(problems(port, { containerPort: 1, target: 1.5 })[0], /^target: expected an integer or a string/);
    assert.match(problems(port, { containerPort: 1, target: true })[0], /int-or-string/);
  });

  it('checks quantities (string grammar or number) in maps', () => {
    const limits = { cpu: '500m', memory: '128Mi', disk: '2Gi', n: 1.5, e: '1e3', s: '1.5' };
    assert.deepEqual(problems(box, { name: 'b', limits }), []);
    for (const bad of ['1 core', 'Mi', '12MB', '', true]) {
      assert.deepEqual(problems(box, { name: 'b', limits: { cpu: bad } }), ['limits.cpu: expected a quantity such as 500m, 1.5, 128Mi or 2Gi']);
    }
    assert.deepEqual(problems(box, { name: 'b', limits: [] }), ['limits: expected an object (a map of names to values)']);
  });

  it('rejects duplicate list-map keys, with key defaults', () => {
    const ports = [{ containerPort: 80 }, { containerPort: 80, protocol: 'UDP' }];
    assert.deepEqual(problems(box, { name: 'b', ports }), []);
    assert.deepEqual(problems(box, { name: 'b', ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'TCP' }] }), [
      'ports.1: duplicate entry: ports[containerPort=80,protocol=TCP] appears twice',
    ]);
  });

  it('rejects duplicate items of a set', () => {
    assert.deepEqual(problems(box, { name: 'b', tags: ['a', 'b'] }), []);
    assert.deepEqual(problems(box, { name: 'b', tags: ['a', 'b', 'a'] }), ['tags.2: duplicate entry: tags[a] appears twice']);
  });

  it('validates recursive definitions', () => {
    assert.deepEqual(problems(box, { name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] }), []);
    assert.deepEqual(problems(box, { name: 'a', children: [{ name: 'b', children: [{ nom: 'c' }] }] }), [
      'children.0.children.0.name: missing required field, expected a string',
      'children.0.children.0: unknown field "nom"',
    ]);
  });

  it('fixes apiVersion and kind of a kind, and accepts any status object', () => {
    const crate = schemas.CrateV1;
    const base = { apiVersion: 'demo.example.com/v1', kind: 'Crate' };
    assert.deepEqual(problems(crate, { ...base, spec: { name: 'x' }, status: { anything: [1] } }), []);
    assert.deepEqual(problems(crate, { ...base, apiVersion: 'demo.example.com/v2' }), ['apiVersion: expected "demo.example.com/v1"']);
    assert.deepEqual(problems(crate, { ...base, status: 'done' }), ['status: expected an object']);
  });
});
