import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiObject as Cdk8sApiObject, type ApiObjectMetadata, App as Cdk8sApp, Chart as Cdk8sChart, Include as Cdk8sInclude, JsonPatch, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import type { Construct } from 'constructs';
import { App } from '../../../lib/constructs/app.js';
import { Chart, type ChartProps } from '../../../lib/constructs/chart.js';
import { Config } from '../../../lib/constructs/config.js';
import { IncludeCdk8s } from '../../../lib/constructs/include-cdk8s.js';
import { PropsError } from '../../../lib/constructs/props.js';
import { loadModel } from '../../../lib/k8s/index.js';
import { displayName } from '../../../lib/manifest/object.js';
import { CollectError, OrphanObjectsError, collectObjects } from '../../../lib/synth/collect.js';
import { type SynthesizedObject, synthesize } from '../../../lib/synth/synthesize.js';
import { formatDiagnostic } from '../../../lib/validate/format.js';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'corpus');
const model = await loadModel();

/** Synthesizes for real (schemas, API server rules, wiring, policies); fails on any error. */
function synth(
  build: (chart: Chart, app: App) => void,
  props: ChartProps = {},
  policies = true,
): { objects: SynthesizedObject[]; get(kind: string, name: string): SynthesizedObject } {
  const app = new App();
  build(new Chart(app, 'shop', props), app);
  const result = synthesize(app, { model, policies });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  assert.deepEqual(errors, [], 'no validation error');
  const objects = [...result.objects];
  return {
    objects,
    get(kind, name) {
      const o = objects.find((x) => x.object.kind === kind && x.object.metadata?.name === name);
      if (!o) throw new Error(`no ${kind}/${name} among ${objects.map((x) => displayName(x.object)).join(', ')}`);
      return o;
    },
  };
}

const NS = { namespace: 'shop', labels: { team: 'payments' } } satisfies ChartProps;

test("cdk8s-plus constructs in a lading Chart: names as cdk8s gives them, the chart's namespace and labels, its application", () => {
  const out = synth((chart) => {
    const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', portNumber: 8080, securityContext: { ensureNonRoot: true } }] });
    web.exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
    new kplus.ConfigMap(chart, 'settings', { data: { LOG_LEVEL: 'info' } });
  }, NS);
  assert.deepEqual(
    out.objects.map((o) => displayName(o.object)),
    ['configmap/shop-settings-c8f3f093', 'service/shop-web-service-c8566fa4', 'deployment.apps/shop-web-c81100ac'],
  );
  for (const o of out.objects) {
    assert.equal(o.app, 'shop');
    assert.equal(o.object.metadata?.namespace, 'shop', displayName(o.object));
    assert.equal(o.object.metadata?.labels?.team, 'payments', displayName(o.object));
  }
  const deployment = out.get('Deployment', 'shop-web-c81100ac');
  assert.equal(deployment.constructPath, 'shop/web/Resource');
  assert.equal(deployment.file, 'shop/05-deployment-shop-web-c81100ac.yaml');
  // The Service selects the Deployment's pods (cdk8s-plus' own selector label), through the wiring rules.
  const service = out.get('Service', 'shop-web-service-c8566fa4').object as unknown as { spec: { selector: Record<string, string> } };
  const template = deployment.object as unknown as { spec: { template: { metadata: { labels: Record<string, string> } } } };
  for (const [k, v] of Object.entries(service.spec.selector)) assert.equal(template.spec.template.metadata.labels[k], v);
});

test('a cdk8s ApiObject (as `cdk8s import` classes are), its lazy values and JSON patches', () => {
  const out = synth((chart) => {
    const account = new Cdk8sApiObject(chart, 'runner', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      automountServiceAccountToken: Lazy.any({ produce: () => false }),
    });
    account.addJsonPatch(JsonPatch.add('/metadata/annotations', { owner: 'ci' }));
    new Cdk8sApiObject(chart, 'named', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fixed', labels: { team: 'mine' } }, data: { a: '1' } });
  }, NS);
  const account = out.get('ServiceAccount', 'shop-runner-c811de79').object as Record<string, unknown> & { metadata: { annotations?: Record<string, string> } };
  assert.equal(account.automountServiceAccountToken, false);
  assert.deepEqual(account.metadata.annotations, { owner: 'ci' });
  assert.deepEqual(out.get('ConfigMap', 'fixed').object.metadata?.labels, { team: 'mine' }, "the object's own labels win");
});

test('cdk8s Include of corpus files: objects keep their names; a cluster-scoped one gets no namespace', () => {
  const out = synth(
    (chart) => {
      new Cdk8sInclude(chart, 'guestbook', { url: join(CORPUS, 'kubernetes-examples/web/guestbook/all-in-one/frontend.yaml') });
      new Cdk8sInclude(chart, 'models', { url: join(CORPUS, 'kubernetes-examples/AI/model-serving-tensorflow/pv.yaml') });
    },
    NS,
    false,
  ); // the guestbook runs as root: the policies are the organisation's, not the file's
  assert.deepEqual(out.objects.map((o) => displayName(o.object)).sort(), ['deployment.apps/frontend', 'persistentvolume/my-model-pv', 'service/frontend']);
  assert.equal(out.get('Service', 'frontend').object.metadata?.namespace, 'shop');
  assert.equal(out.get('Service', 'frontend').object.metadata?.labels?.tier, 'frontend');
  assert.equal(out.get('PersistentVolume', 'my-model-pv').object.metadata?.namespace, undefined);
  assert.equal(out.get('PersistentVolume', 'my-model-pv').object.metadata?.labels?.team, 'payments');
});

class LegacyChart extends Cdk8sChart {
  constructor(scope: Cdk8sApp | Chart, id: string) {
    super(scope, id, { labels: { tier: 'legacy' } });
    new kplus.ConfigMap(this, 'flags', { data: { beta: 'on' } });
    new kplus.Deployment(this, 'worker', { containers: [{ image: 'busybox:1.36', securityContext: { ensureNonRoot: true } }] });
  }
}

test('a whole cdk8s Chart nested in a lading Chart belongs to the lading application', () => {
  const out = synth((chart) => {
    new LegacyChart(chart, 'legacy');
    new Config(chart, 'own', { data: { a: '1' } });
  }, NS);
  assert.ok(out.objects.length >= 3);
  for (const o of out.objects) {
    assert.equal(o.app, 'shop');
    assert.equal(o.object.metadata?.namespace, 'shop', displayName(o.object));
    assert.equal(o.object.metadata?.labels?.team, 'payments', displayName(o.object));
  }
  assert.equal(out.get('ConfigMap', 'shop-legacy-flags-c89c7a3d').object.metadata?.labels?.tier, 'legacy');
});

test('a cdk8s Chart added to the App itself is an application of its own, named by its id', () => {
  const app = new App();
  new LegacyChart(app as never, 'legacy');
  const objects = collectObjects(app);
  assert.deepEqual([...new Set(objects.map((o) => o.app))], ['legacy']);
  assert.deepEqual(
    objects.map((o) => o.object.metadata?.name),
    ['legacy-flags-c84c4f01', 'legacy-worker-c8983a2e'],
  );

  const bad = new App();
  new LegacyChart(bad as never, 'Legacy_Chart');
  assert.throws(
    () => collectObjects(bad),
    (e: Error) => e instanceof CollectError && /Legacy_Chart.*application's name/.test(e.message),
  );
});

test('construct validations (cdk8s-plus) and objects outside any chart are user errors naming the construct', () => {
  const app = new App();
  const chart = new Chart(app, 'shop');
  new kplus.Deployment(chart, 'empty'); // no containers: cdk8s-plus' own validation
  assert.throws(
    () => collectObjects(app),
    (e: Error) => e instanceof CollectError && /shop\/empty/.test(e.message) && /container/i.test(e.message),
  );

  const orphan = new Cdk8sApp();
  const free = new Cdk8sChart(orphan, 'x');
  new Cdk8sApiObject(free, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
  assert.equal(collectObjects(orphan).length, 1, "a cdk8s App's own top-level charts are applications too");
  assert.ok(OrphanObjectsError.prototype instanceof CollectError);
});

test('disableResourceNameHashes: cdk8s names without the hash, as in cdk8s', () => {
  const out = synth(
    (chart) => {
      new kplus.ConfigMap(chart, 'settings', { data: { a: '1' } });
    },
    { disableResourceNameHashes: true },
  );
  assert.deepEqual(
    out.objects.map((o) => o.object.metadata?.name),
    ['shop-settings'],
  );
});

test('IncludeCdk8s: a whole cdk8s App built on its own (every chart, in cdk8s order) or one of its Charts', () => {
  const legacy = new Cdk8sApp();
  const base = new LegacyChart(legacy, 'base');
  const extra = new Cdk8sChart(legacy, 'extra', { namespace: 'extra' });
  new kplus.ConfigMap(extra, 'more', { data: { a: '1' } });
  extra.addDependency(base);
  const out = synth((chart) => {
    new IncludeCdk8s(chart, 'legacy', { from: legacy });
  }, NS);
  assert.deepEqual(
    out.objects.map((o) => `${displayName(o.object)} ${o.object.metadata?.namespace} ${o.constructPath}`),
    [
      'configmap/base-flags-c8135a0c shop shop/legacy/base-ConfigMap-base-flags-c8135a0c',
      'configmap/extra-more-c85d5f84 extra shop/legacy/extra-ConfigMap-extra-more-c85d5f84',
      'deployment.apps/base-worker-c8197478 shop shop/legacy/base-Deployment-base-worker-c8197478',
    ],
  );
  for (const o of out.objects) assert.equal(o.object.metadata?.labels?.team, 'payments');

  const one = synth((chart) => new IncludeCdk8s(chart, 'extra', { from: extra }), NS);
  assert.deepEqual(
    one.objects.map((o) => o.object.metadata?.name),
    ['extra-more-c85d5f84'],
  );

  const app = new App();
  const chart = new Chart(app, 'shop');
  new IncludeCdk8s(chart, 'bad', { from: chart });
  assert.throws(
    () => collectObjects(app),
    (e: Error) => e instanceof PropsError && /shop\/bad.*from.*expected a cdk8s App or a cdk8s Chart/s.test(e.message),
  );
});

// What `cdk8s import` generates for a CRD (cert-manager's Certificate), reduced to its shape: an
// ApiObject subclass with a static GVK and a toJson that maps the typed props.
interface CertificateProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: { readonly secretName: string; readonly dnsNames: string[]; readonly issuerRef: { readonly name: string; readonly kind: string } };
}
class Certificate extends Cdk8sApiObject {
  static readonly GVK = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate' };
  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id, { ...Certificate.GVK, ...props });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdk8s's own signature
  override toJson(): any {
    const resolved = super.toJson();
    return { ...Certificate.GVK, ...resolved };
  }
}

test('a class made by `cdk8s import`, validated against its CRD (included from the corpus)', () => {
  const build = (dnsNames: unknown) => (chart: Chart) => {
    new Cdk8sInclude(chart, 'crds', { url: join(CORPUS, 'cert-manager/crds/cert-manager.io_certificates.yaml') });
    new Certificate(chart, 'tls', {
      spec: { secretName: 'shop-tls', dnsNames: dnsNames as string[], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
    });
  };
  // Only the custom resource's own fields are asserted: metadata of kubebuilder CRDs
  // (`metadata: {type: object}`) is the validate module's (at bc88134 it flags ObjectMeta fields).
  const specErrors = (dnsNames: unknown) => {
    const app = new App();
    build(dnsNames)(new Chart(app, 'shop', NS));
    const result = synthesize(app, { model });
    const cert = result.objects.find((o) => o.object.kind === 'Certificate')!;
    assert.equal(cert.object.metadata?.name, 'shop-tls-c8c14cdf');
    assert.equal(cert.object.metadata?.namespace, 'shop');
    assert.equal(result.objects.find((o) => o.object.kind === 'CustomResourceDefinition')!.object.metadata?.namespace, undefined);
    return result.diagnostics.filter((d) => d.severity === 'error' && d.path[0] !== 'metadata').map(formatDiagnostic);
  };
  assert.deepEqual(specErrors(['shop.example.com']), []);
  assert.match(specErrors('shop.example.com').join('\n'), /certificate\.cert-manager\.io\/shop-tls-c8c14cdf: spec\.dnsNames/);
});
