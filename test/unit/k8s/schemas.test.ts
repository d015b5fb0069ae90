// The generated 1.36 schemas on realistic objects and on the mistakes users make.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ZodType } from 'zod';
import * as schemas from '../../../lib/k8s/generated/schemas.js';
import { MISTAKES, VALID } from './samples.js';

const byKind: Record<string, ZodType> = {
  Deployment: schemas.Deployment(),
  Service: schemas.Service(),
  Secret: schemas.Secret(),
  HorizontalPodAutoscaler: schemas.HorizontalPodAutoscaler(),
  ConfigMap: schemas.ConfigMap(),
};

function problems(value: Record<string, unknown>): string[] {
  const r = byKind[value.kind as string].safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('generated schemas (1.36)', () => {
  for (const make of VALID) {
    it(`accepts a realistic ${make().kind}`, () => assert.deepEqual(problems(make()), []));
  }

  for (const m of MISTAKES) {
    it(`rejects: ${m.name}`, () => {
      const found = problems(m.make());
      for (const e of m.expect) {
        assert.ok(
          found.some((f) => f.startsWith(e)),
          `expected "${e}" among:\n  ${found.join('\n  ')}`,
        );
      }
      assert.equal(found.length, m.expect.length, `unexpected extra issues:\n  ${found.join('\n  ')}`);
    });
  }

  it('HorizontalPodAutoscaler is autoscaling/v2; the v1 one is HorizontalPodAutoscalerV1', () => {
    assert.ok(
      schemas.HorizontalPodAutoscalerV1().safeParse({
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, targetCPUUtilizationPercentage: 50 },
      }).success,
    );
    assert.equal(schemas.HorizontalPodAutoscaler().safeParse({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler' }).success, false);
  });

  it('validates a CustomResourceDefinition with a recursive openAPIV3Schema', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { kind: 'Widget', plural: 'widgets' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            subresources: { status: {} as Record<string, unknown> },
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: { spec: { type: 'object', properties: { size: { type: 'integer', minimum: 1 } }, additionalProperties: false } },
              },
            },
          },
        ],
      },
    };
    assert.ok(schemas.CustomResourceDefinition().safeParse(crd).success);
    (crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.size as Record<string, unknown>).minimun = 1;
    const r = schemas.CustomResourceDefinition().safeParse(crd);
    assert.deepEqual(
      r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      ['spec.versions.0.schema.openAPIV3Schema.properties.spec.properties.size: unknown field "minimun"'],
    );
    // The status subresource is an empty struct: nothing may go in it.
    delete (crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.size as Record<string, unknown>).minimun;
    crd.spec.versions[0].subresources.status.enabled = true;
    assert.deepEqual(
      schemas
        .CustomResourceDefinition()
        .safeParse(crd)
        .error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      ['spec.versions.0.subresources.status: unknown field "enabled"'],
    );
  });
});
