// The committed /openapi/v3 documents of 1.36 (npm run gen:openapi) and what the generator takes
// from them: the enums the v2 definitions lack, with the tables as the fallback.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { ZodType } from 'zod';
import { FIELD_ENUMS } from '../../../lib/k8s/enums.js';
import * as schemas from '../../../lib/k8s/generated/schemas.js';
import type { Shape } from '../../../lib/k8s/model/ir.js';
import { loadOpenApi, loadOpenApiV3, loadOverlay, openApiV3Dir, openApiV3FileName } from '../../../lib/k8s/model/load-openapi.js';
import { normalize } from '../../../lib/k8s/model/normalize.js';
import { TABLE_OVERLAY } from '../../../lib/k8s/model/overlay.js';
import { overlayFromOpenApiV3 } from '../../../lib/k8s/model/overlay-v3.js';
import { trimDocument } from '../../../scripts/fetch-openapi-v3.js';
import { generate } from '../../../scripts/gen-k8s.js';
import { deployment, service } from './samples.js';

const dir = openApiV3Dir('1.36');
const documents = await loadOpenApiV3('1.36');
const v3 = overlayFromOpenApiV3(documents);

/** The enum the committed v3 documents give a field. */
function v3Enum(definition: string, property: string): readonly string[] {
  const values = v3.enumOf(definition, property);
  assert.ok(values, `the v3 documents have no enum for ${definition}.${property}`);
  return values;
}

function problems(schema: ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks untyped OpenAPI JSON
type Obj = Record<string, any>;
const pod = (d: Obj): Obj => d.spec.template.spec;

describe('the committed /openapi/v3 documents (1.36)', () => {
  it('are every built-in group-version, in canonical form (trimmed, keys sorted)', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    for (const gv of ['v1', 'apps/v1', 'batch/v1', 'autoscaling/v2', 'networking.k8s.io/v1', 'policy/v1']) {
      assert.ok(files.includes(openApiV3FileName(gv)), `${gv} was not fetched`);
    }
    assert.equal(documents.length, files.length);
    for (const file of files) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      assert.equal(`${JSON.stringify(trimDocument(JSON.parse(text)), null, 1)}\n`, text, `${file} is not what gen:openapi writes`);
      assert.ok(!/"description": "/.test(text), `${file} keeps descriptions`);
    }
    assert.match(readFileSync(new URL('SOURCE.md', dir), 'utf8'), /Kubernetes v1\.36\.\d+/);
  });

  it('carry the enums the v2 definitions lack', () => {
    assert.deepEqual(v3Enum('io.k8s.api.core.v1.Container', 'imagePullPolicy'), ['Always', 'IfNotPresent', 'Never']);
    assert.deepEqual(v3Enum('io.k8s.api.core.v1.ServiceSpec', 'type'), ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
    assert.deepEqual(v3Enum('io.k8s.api.core.v1.ContainerPort', 'protocol'), ['SCTP', 'TCP', 'UDP']);
    assert.deepEqual(v3Enum('io.k8s.api.core.v1.PodSpec', 'restartPolicy'), ['Always', 'Never', 'OnFailure']);
    assert.equal(v3.defaultOf('io.k8s.api.core.v1.ServicePort', 'protocol'), 'TCP');
    // A zero value ("" or 0) of a non-pointer Go field is not a default the server applies.
    assert.equal(v3.defaultOf('io.k8s.api.core.v1.ContainerPort', 'containerPort'), undefined);
    assert.equal(v3.defaultOf('io.k8s.api.core.v1.Container', 'name'), undefined);
  });

  it('trimming keeps types, formats, enums, defaults, required and x-kubernetes-*; drops the rest', () => {
    const doc = trimDocument({
      info: { version: '1.36', title: 'Kubernetes' },
      components: {
        schemas: {
          'a.B': {
            description: 'gone',
            required: ['z'],
            type: 'object',
            properties: {
              z: { description: 'gone', type: 'string', enum: ['Y', 'X'], default: 'Y', example: 'gone' },
              a: { type: 'array', items: { $ref: '#/c' }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['k'] },
              n: { allOf: [{ $ref: '#/d', description: 'gone' }], default: {} },
            },
          },
        },
      },
    });
    assert.equal(
      JSON.stringify(doc),
      JSON.stringify({
        components: {
          schemas: {
            'a.B': {
              properties: {
                a: { items: { $ref: '#/c' }, type: 'array', 'x-kubernetes-list-map-keys': ['k'], 'x-kubernetes-list-type': 'map' },
                n: { allOf: [{ $ref: '#/d' }], default: {} },
                z: { default: 'Y', enum: ['Y', 'X'], type: 'string' },
              },
              required: ['z'],
              type: 'object',
            },
          },
        },
        info: { title: 'Kubernetes', version: '1.36' },
      }),
    );
  });

  it('of another Kubernetes version are refused; a version without any gives none', async () => {
    const other = mkdtempSync(join(tmpdir(), 'lading-v3-'));
    writeFileSync(join(other, 'core_v1.json'), JSON.stringify({ info: { version: '1.35' }, components: { schemas: {} } }));
    await assert.rejects(loadOpenApiV3('1.36', pathToFileURL(`${other}/`)), /core_v1\.json is from Kubernetes 1\.35, not 1\.36/);
    assert.deepEqual(await loadOpenApiV3('1.33'), []);
    assert.equal(await loadOverlay('1.33'), TABLE_OVERLAY);
  });

  it('the tables never allow a value the v3 enum does not know', () => {
    for (const [definition, fields] of Object.entries(FIELD_ENUMS)) {
      for (const [field, values] of Object.entries(fields)) {
        const known = v3.enumOf(definition, field);
        if (!known) continue; // the table is the only source of this enum
        for (const value of values) assert.ok(known.includes(value), `${definition}.${field}: "${value}" is not in ${known.join(', ')}`);
      }
    }
  });
});

describe('the generated 1.36 schemas reject values outside the v3 enums', () => {
  const oneOf = (definition: string, property: string) => `expected one of: ${v3Enum(definition, property).join(', ')}`;

  it('imagePullPolicy', () => {
    const d = deployment();
    pod(d).containers[0].imagePullPolicy = 'Sometimes';
    assert.deepEqual(problems(schemas.Deployment(), d), [
      `spec.template.spec.containers.0.imagePullPolicy: ${oneOf('io.k8s.api.core.v1.Container', 'imagePullPolicy')}`,
    ]);
  });

  it('restartPolicy of a pod', () => {
    const d = deployment();
    pod(d).restartPolicy = 'Sometimes';
    assert.deepEqual(problems(schemas.Deployment(), d), [`spec.template.spec.restartPolicy: ${oneOf('io.k8s.api.core.v1.PodSpec', 'restartPolicy')}`]);
  });

  it('protocol of a container port and of a service port', () => {
    const d = deployment();
    pod(d).containers[0].ports[0].protocol = 'HTTP';
    assert.deepEqual(problems(schemas.Deployment(), d), [
      `spec.template.spec.containers.0.ports.0.protocol: ${oneOf('io.k8s.api.core.v1.ContainerPort', 'protocol')}`,
    ]);
    const s = service();
    s.spec.ports[0].protocol = 'HTTP';
    assert.deepEqual(problems(schemas.Service(), s), [`spec.ports.0.protocol: ${oneOf('io.k8s.api.core.v1.ServicePort', 'protocol')}`]);
  });

  it('Service spec.type', () => {
    const s = service();
    s.spec.type = 'Fancy';
    assert.deepEqual(problems(schemas.Service(), s), ['spec.type: expected one of: ClusterIP, ExternalName, LoadBalancer, NodePort']);
    assert.equal(oneOf('io.k8s.api.core.v1.ServiceSpec', 'type'), 'expected one of: ClusterIP, ExternalName, LoadBalancer, NodePort');
  });

  it('and accept every v3 value', () => {
    for (const policy of v3Enum('io.k8s.api.core.v1.Container', 'imagePullPolicy')) {
      const d = deployment();
      pod(d).containers[0].imagePullPolicy = policy;
      assert.deepEqual(problems(schemas.Deployment(), d), []);
    }
    for (const type of v3Enum('io.k8s.api.core.v1.ServiceSpec', 'type')) {
      const s = service();
      s.spec.type = type;
      assert.deepEqual(problems(schemas.Service(), s), []);
    }
  });
});

/** The enum of `definition`.`property` in a normalised model. */
function enumIn(model: ReturnType<typeof normalize>, definition: string, property: string): readonly string[] | undefined {
  const shape: Shape | undefined = model.definitions.find((d) => d.id === definition)?.properties?.find((p) => p.name === property)?.shape;
  if (shape?.type === 'string') return shape.enum;
  if (shape?.type === 'array' && shape.items.type === 'string') return shape.items.enum;
  return undefined;
}

describe('a fetched document missing', () => {
  const withoutCore = mkdtempSync(join(tmpdir(), 'lading-v3-partial-'));
  cpSync(dir, withoutCore, { recursive: true });
  rmSync(join(withoutCore, openApiV3FileName('v1')));
  const partial = pathToFileURL(`${withoutCore}/`);

  it('its enums come from the table; the other documents still give theirs', async () => {
    const model = normalize('1.36', await loadOpenApi('1.36'), await loadOverlay('1.36', partial));
    // core/v1 (missing): the table, in its order.
    assert.deepEqual(enumIn(model, 'io.k8s.api.core.v1.ServiceSpec', 'type'), FIELD_ENUMS['io.k8s.api.core.v1.ServiceSpec'].type);
    // A field only v3 knows has no enum without its document (NamespaceStatus is only in
    // core/v1; the pod types, which apps/v1 and batch/v1 also carry, keep their v3 enums).
    assert.equal(enumIn(model, 'io.k8s.api.core.v1.NamespaceStatus', 'phase'), undefined);
    assert.deepEqual(enumIn(model, 'io.k8s.api.core.v1.AzureDiskVolumeSource', 'cachingMode'), ['None', 'ReadOnly', 'ReadWrite']);
    // apps/v1 (present): v3.
    assert.deepEqual(
      enumIn(model, 'io.k8s.api.apps.v1.StatefulSetSpec', 'podManagementPolicy'),
      v3Enum('io.k8s.api.apps.v1.StatefulSetSpec', 'podManagementPolicy'),
    );
  });

  it('npm run gen still generates, from the table for what is missing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lading-gen-partial-'));
    await generate(out, { openApiV3Dir: partial });
    const types = readFileSync(join(out, 'types.ts'), 'utf8');
    assert.match(types, /type\?: "ClusterIP" \| "NodePort" \| "LoadBalancer" \| "ExternalName";/);
    assert.match(types, /imagePullPolicy\?: "Always" \| "IfNotPresent" \| "Never";/); // from apps/v1's copy of Container
    const none = mkdtempSync(join(tmpdir(), 'lading-gen-none-'));
    await generate(none, { openApiV3Dir: pathToFileURL(join(none, 'absent/')) });
    assert.match(
      readFileSync(join(none, 'schemas.ts'), 'utf8'),
      /type: \$\.optional\(\$\.oneOf\(\["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"\]\)\)/,
    );
  });
});
