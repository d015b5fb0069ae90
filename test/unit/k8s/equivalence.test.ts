// The backends of the one IR must agree. For 1.36: the generated zod schemas and the runtime-
// built ones report the same issues; the generated and runtime-built fast checks give the
// same answers; and a fast check says "valid" exactly when zod finds no issue.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ZodType } from 'zod';
import { definitions as generatedChecks } from '../../../lib/k8s/generated/checks.js';
import { definitions as generated } from '../../../lib/k8s/generated/schemas.js';
import { buildDefinitions } from '../../../lib/k8s/model/build.js';
import * as checkBuilders from '../../../lib/k8s/model/checks.js';
import { loadOpenApi, loadOverlay } from '../../../lib/k8s/model/load-openapi.js';
import { normalize } from '../../../lib/k8s/model/normalize.js';
import * as zodBuilders from '../../../lib/k8s/model/primitives.js';
import { MISTAKES, VALID } from './samples.js';

const ir = normalize('1.36', await loadOpenApi('1.36'), await loadOverlay('1.36'));
const runtime = buildDefinitions(ir, zodBuilders);
const runtimeChecks = buildDefinitions(ir, checkBuilders);

const outcome = (schema: ZodType, value: unknown): string => {
  const r = schema.safeParse(value);
  return r.success ? 'ok' : r.error.issues.map((i) => `${i.code} ${i.path.join('.')}: ${i.message}`).join('\n');
};

const DEFINITION: Record<string, string> = {
  Deployment: 'io.k8s.api.apps.v1.Deployment',
  Service: 'io.k8s.api.core.v1.Service',
  Secret: 'io.k8s.api.core.v1.Secret',
  HorizontalPodAutoscaler: 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  ConfigMap: 'io.k8s.api.core.v1.ConfigMap',
};

const samples = () => [...VALID, ...MISTAKES.map((m) => m.make)].map((make) => make());
const PROBES: unknown[] = [
  {},
  null,
  'x',
  '',
  7,
  -1,
  1.5,
  2 ** 31,
  true,
  [],
  [{}],
  ['a', 'a'],
  { bogus: 1 },
  { name: null },
  { name: 'a', type: 'b', spec: {}, items: [{}] },
  { name: 'a', value: 1 },
  { key: 'k', operator: 'Exists' },
];

describe('backends of the IR (1.36)', () => {
  it('cover the same definitions', () => {
    const ids = Object.keys(generated).sort();
    assert.deepEqual([...runtime.keys()].sort(), ids);
    assert.deepEqual(Object.keys(generatedChecks).sort(), ids);
    assert.deepEqual([...runtimeChecks.keys()].sort(), ids);
  });

  it('agree on the sample objects and mistakes', () => {
    for (const value of samples()) {
      const id = DEFINITION[value.kind as string];
      const expected = outcome(generated[id]!(), value);
      const label = `${value.kind} ${JSON.stringify(value).slice(0, 80)}`;
      assert.equal(outcome(runtime.get(id)!, value), expected, label);
      assert.equal(generatedChecks[id]!()(value), expected === 'ok', label);
      assert.equal(runtimeChecks.get(id)!(value), expected === 'ok', label);
    }
  });

  it('agree on probes of every definition', () => {
    for (const id of Object.keys(generated)) {
      for (const probe of PROBES) {
        const expected = outcome(generated[id]!(), probe);
        const label = `${id} ${JSON.stringify(probe)}`;
        assert.equal(outcome(runtime.get(id)!, probe), expected, label);
        assert.equal(generatedChecks[id]!()(probe), expected === 'ok', label);
        assert.equal(runtimeChecks.get(id)!(probe), expected === 'ok', label);
      }
    }
  });
});
