import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCrds } from '../../../lib/import/import-crds.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { lading } from '../../support/cli.js';

// The corpus is read where it is (beside the repository), never copied.
const CRDS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus/cert-manager/crds');

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lading-import-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  mkdirSync(join(dir, 'apps'));
  return dir;
}

const TLS_APP = (spec: string) => `import { type App, Chart } from 'lading';
import { Certificate, Issuer } from '../imports/cert-manager.io.js';
export default function tls(app: App): void {
  const chart = new Chart(app, 'tls', { namespace: 'tls' });
  new Issuer(chart, 'selfsigned', { spec: { selfSigned: {} } });
  new Certificate(chart, 'web', { spec: ${spec} });
}
`;

test('lading import of the cert-manager CRDs: one module per API group, a class per kind', async () => {
  const dir = project();
  const res = await lading(['import', CRDS], { cwd: dir });
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(readdirSync(join(dir, 'imports')).sort(), ['acme.cert-manager.io.ts', 'cert-manager.io.ts']);
  assert.match(res.stdout, /imports\/cert-manager\.io\.ts: .*Certificate \(cert-manager\.io\/v1\)/);
  const source = readFileSync(join(dir, 'imports', 'cert-manager.io.ts'), 'utf8');
  for (const name of ['Certificate', 'CertificateRequest', 'Issuer', 'ClusterIssuer'])
    assert.match(source, new RegExp(`^export class ${name} extends ImportedObject \\{$`, 'm'));
  assert.match(source, /^export interface CertificateSpec \{$/m);
  assert.match(source, /^  readonly secretName: string;$/m, 'required fields are required');
  assert.match(source, /^  readonly duration\?: string;$/m);
  assert.doesNotMatch(source, /CertificateStatus/, "status is the controller's: not a prop");
});

test('imported classes synthesize and validate without their CRDs among the objects', async () => {
  const dir = project();
  assert.equal((await lading(['import', CRDS, '--group', 'cert-manager.io'], { cwd: dir })).code, 0);
  assert.deepEqual(readdirSync(join(dir, 'imports')), ['cert-manager.io.ts'], '--group');
  writeFileSync(
    join(dir, 'apps', 'tls.ts'),
    TLS_APP(`{ secretName: 'web-tls', dnsNames: ['web.example.com'], issuerRef: { name: 'selfsigned', kind: 'Issuer' } }`),
  );
  const ok = await lading(['synth', '--stdout'], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /apiVersion: cert-manager\.io\/v1\nkind: Certificate\nmetadata:\n  name: web\n  namespace: tls\nspec:/);

  // Props are checked with zod when the construct is made: each problem names the construct path and field.
  writeFileSync(join(dir, 'apps', 'tls.ts'), TLS_APP(`{ secretNam: 'web-tls', issuerRef: { name: 'selfsigned' }, duration: 5 } as never`));
  const props = await lading(['synth', '--stdout'], { cwd: dir });
  assert.equal(props.code, 1);
  assert.match(props.stderr, /apps\/tls\.ts tls\/web: props\.spec\.secretNam: unknown prop: did you mean "secretName"\?/);
  assert.match(props.stderr, /tls\/web: props\.spec\.duration: .*expected string/);

  // What zod does not check (a pattern), the CRD's schema does at synth.
  writeFileSync(
    join(dir, 'apps', 'tls.ts'),
    TLS_APP(`{ secretName: 'web-tls', issuerRef: { name: 'selfsigned' }, renewal: { windows: [{ cron: '0 3 * * *', windowDuration: 'forever' }] } } as never`),
  );
  const schema = await lading(['synth', '--stdout'], { cwd: dir });
  assert.equal(schema.code, 1, schema.stdout);
  assert.match(schema.stderr, /spec\.renewal\.windows\[0\]\.windowDuration/);
});

test("a custom resource whose CRD is among the app's objects synthesizes with plain ApiObject", async () => {
  const dir = project();
  writeFileSync(
    join(dir, 'apps', 'tls.ts'),
    `import { type App, ApiObject, Chart, Include } from 'lading';
export default function tls(app: App): void {
  const chart = new Chart(app, 'tls', { namespace: 'tls' });
  new Include(chart, 'crds', { file: ${JSON.stringify(join(CRDS, 'cert-manager.io_issuers.yaml'))} });
  new ApiObject(chart, 'issuer', { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'selfsigned' }, spec: { selfSigned: {} } });
}
`,
  );
  const res = await lading(['synth', '--stdout'], { cwd: dir });
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stdout, /kind: Issuer\nmetadata:\n  name: selfsigned/);
});

const CRD = (versions: object[]): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: { group: 'example.com', scope: 'Cluster', names: { kind: 'Widget', plural: 'widgets' }, versions },
});
const SCHEMA = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['size'],
      properties: {
        size: { 'x-kubernetes-int-or-string': true },
        mode: { type: 'string', enum: ['fast', 'safe'] },
        'extra-config': { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        note: { type: 'string', nullable: true, description: 'Ends a comment? */ no.' },
      },
    },
  },
};

test('emitter: stored version gets the kind name, others a suffix; int-or-string, enums, nullable, odd keys', () => {
  const [mod] = importCrds(
    [
      CRD([
        { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: SCHEMA } },
        { name: 'v1beta1', served: true, storage: false, schema: { openAPIV3Schema: SCHEMA } },
        { name: 'v1alpha1', served: false, storage: false },
      ]),
    ],
    () => 'widgets.yaml',
    'widgets.yaml',
  );
  assert.equal(mod!.file, 'example.com.ts');
  assert.deepEqual(
    mod!.kinds.map((k) => k.version),
    ['v1', 'v1beta1'],
    'versions not served are left out',
  );
  const src = mod!.source;
  assert.match(src, /^export class Widget extends ImportedObject/m);
  assert.match(src, /^export class WidgetV1beta1 extends ImportedObject/m);
  assert.match(src, /readonly size: number \| string;/);
  assert.match(src, /readonly mode\?: "fast" \| "safe";/);
  assert.match(src, /readonly "extra-config"\?: \{ readonly \[key: string\]: unknown \};/);
  assert.match(src, /readonly note\?: string \| null;/);
  assert.match(src, /Ends a comment\? \*\\\/ no\./);
  assert.match(src, /namespaced: false/);
  assert.match(src, /constructor\(scope: Construct, id: string, props: WidgetProps = \{\}\)/, 'no required top-level field: props may be left out');
});

test("a custom resource with no schema: synth names its ways out (not validate's --ignore-missing-schemas)", async () => {
  const dir = project();
  writeFileSync(
    join(dir, 'apps', 'tls.ts'),
    `import { type App, ApiObject, Chart } from 'lading';
export default function tls(app: App): void {
  new ApiObject(new Chart(app, 'tls', { namespace: 'tls' }), 'issuer', { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'selfsigned' }, spec: {} });
}
`,
  );
  const res = await lading(['synth', '--stdout'], { cwd: dir });
  assert.equal(res.code, 1);
  assert.match(
    res.stderr,
    /no schema for Issuer \(cert-manager\.io\/v1\) .*: if it is a custom resource, make it with a class from `lading import` of its CustomResourceDefinition, or add the CustomResourceDefinition to the app's objects/,
  );
  assert.doesNotMatch(res.stderr, /ignore-missing-schemas/);
});
