// The generated module and the runtime builder must agree: for 1.36, both backends of the
// one IR accept and reject the same objects with the same issues.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ZodType } from 'zod';
import { definitions as generated } from '../../../lib/k8s/generated/schemas.js';
import { buildSchemas } from '../../../lib/k8s/model/build-zod.js';
import { loadOpenApi } from '../../../lib/k8s/model/load-openapi.js';
import { normalize } from '../../../lib/k8s/model/normalize.js';
import { MISTAKES, VALID } from './samples.js';

const runtime = buildSchemas(normalize('1.36', await loadOpenApi('1.36')));

const outcome = (schema: ZodType, value: unknown): string => {
  const r = schema.safeParse(value);
  return r.success ? 'ok' : r.error.issues.map((i) => `${i.code} ${i.path.join('.')}: ${i.message}`).join('\n');
};

const DEFINITION = {
  Deployment: 'io.k8s.api.apps.v1.Deployment',
  Service: 'io.k8s.api.core.v1.Service',
  Secret: 'io.k8s.api.core.v1.Secret',
  HorizontalPodAutoscaler: 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  ConfigMap: 'io.k8s.api.core.v1.ConfigMap',
} as Record<string, string>;

describe('generated and runtime-built schemas (1.36)', () => {
  it('cover the same definitions', () => {
    assert.deepEqual(Object.keys(generated).sort(), [...runtime.keys()].sort());
  });

  it('agree on the sample objects and mistakes', () => {
    const samples = [...VALID, ...MISTAKES.map((m) => m.make)].map((make) => make());
    for (const value of samples) {
      const id = DEFINITION[value.kind as string];
      assert.equal(outcome(runtime.get(id)!, value), outcome(generated[id], value), `${value.kind} ${JSON.stringify(value).slice(0, 80)}`);
    }
  });

  it('agree on probes of every definition', () => {
    const probes: unknown[] = [{}, null, 'x', 7, 1.5, [], [{}], { bogus: 1 }, { name: 'a', type: 'b', spec: {}, items: [{}] }];
    for (const id of Object.keys(generated)) {
      for (const probe of probes) assert.equal(outcome(runtime.get(id)!, probe), outcome(generated[id], probe), `${id} ${JSON.stringify(probe)}`);
    }
  });
});
