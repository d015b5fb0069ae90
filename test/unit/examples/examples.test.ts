import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { cassandra } from '../../../examples/cassandra.js';
import { guestbook } from '../../../examples/guestbook.js';
import { orders } from '../../../examples/orders.js';
import { wordpress } from '../../../examples/wordpress.js';
import { App } from '../../../lib/constructs/app.js';
import type { Chart } from '../../../lib/constructs/chart.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { canonicalize } from '../../../lib/manifest/canonical.js';
import { collectObjects } from '../../../lib/synth/collect.js';
import { policyDiagnostics } from '../../../lib/synth/policies.js';
import { type ContainerMeaning, type Options, meaningOf, repositoryOf } from './meaning.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'kubernetes-examples');
const noCorpus = existsSync(CORPUS) ? false : `no corpus at ${CORPUS}`;

function upstream(...files: string[]): KubeObject[] {
  return files.flatMap((f) =>
    parseAllDocuments(readFileSync(join(CORPUS, f), 'utf8'))
      .map((d) => d.toJS() as KubeObject)
      .filter(Boolean),
  );
}

function synthesized(build: (app: App) => Chart) {
  const app = new App();
  build(app);
  const objects = collectObjects(app);
  return { objects: objects.map((o) => canonicalize(o.object) as KubeObject), findings: policyDiagnostics(objects) };
}

const subset = (mine: Record<string, unknown>, theirs: Record<string, unknown>, what: string) => {
  for (const [k, v] of Object.entries(theirs)) assert.deepEqual(mine[k], v, `${what}.${k}`);
};

// The same meaning: equal where upstream says something; where lading adds a default
// (resources it does not set, named ports, capabilities an image needs) upstream's is a subset.
function assertContainer(mine: ContainerMeaning, theirs: ContainerMeaning, where: string): void {
  if (theirs.image.includes(':')) assert.equal(mine.image, theirs.image, `${where} image`);
  else assert.equal(repositoryOf(mine.image), theirs.image, `${where} image (upstream untagged; lading pins a tag)`);
  for (const key of ['command', 'args', 'ports', 'env', 'mounts', 'readiness', 'liveness', 'lifecycle', 'imagePullPolicy'] as const) {
    assert.deepEqual(mine[key], theirs[key], `${where} ${key}`);
  }
  subset(mine.portNames, theirs.portNames, `${where} port names`);
  subset(mine.requests, theirs.requests, `${where} requests`);
  subset(mine.limits, theirs.limits, `${where} limits`);
  for (const c of theirs.capabilitiesAdded as string[]) assert.ok((mine.capabilitiesAdded as string[]).includes(c), `${where} adds capability ${c}`);
}

function assertSameMeaning(mine: readonly KubeObject[], theirs: readonly KubeObject[], options: Options = {}): void {
  const a = meaningOf(mine, options);
  const b = meaningOf(theirs, options);
  assert.deepEqual(Object.keys(a.workloads).sort(), Object.keys(b.workloads).sort(), 'the same workloads');
  for (const [name, w] of Object.entries(b.workloads)) {
    const m = a.workloads[name]!;
    assert.equal(m.replicas, w.replicas, `${name} replicas`);
    assert.equal(m.terminationGracePeriodSeconds, w.terminationGracePeriodSeconds, `${name} terminationGracePeriodSeconds`);
    assert.deepEqual(m.claims, w.claims, `${name} claims`);
    assert.equal(m.containers.length, w.containers.length, `${name} containers`);
    w.containers.forEach((c, i) => assertContainer(m.containers[i]!, c, `${name} container ${i}`));
  }
  assert.deepEqual(a.services, b.services, 'the same Services: types, ports, selected workloads');
}

describe('examples: the same meaning as kubernetes/examples (read from the corpus)', { skip: noCorpus }, () => {
  test('guestbook: web/guestbook (Redis leader and followers, PHP frontend)', () => {
    const { objects } = synthesized((app) => guestbook(app));
    const files = [
      'frontend-deployment',
      'frontend-service',
      'redis-master-deployment',
      'redis-master-service',
      'redis-replica-deployment',
      'redis-replica-service',
    ];
    assertSameMeaning(objects, upstream(...files.map((f) => `web/guestbook/${f}.yaml`)));
  });

  test('cassandra: databases/cassandra (StatefulSet, headless Service, claim templates, StorageClass)', () => {
    const { objects } = synthesized((app) => cassandra(app));
    const theirs = upstream('databases/cassandra/cassandra-service.yaml', 'databases/cassandra/cassandra-statefulset.yaml');
    assertSameMeaning(objects, theirs);
    const sc = (list: readonly KubeObject[]) => {
      const o = list.find((x) => x.kind === 'StorageClass') as Record<string, unknown> | undefined;
      return o && { name: (o.metadata as { name: string }).name, provisioner: o.provisioner, parameters: o.parameters };
    };
    assert.deepEqual(sc(objects), sc(theirs));
  });

  test('wordpress: its MySQL is databases/mysql-cinder-pd (a literal password becomes a Secret)', () => {
    const { objects } = synthesized((app) => wordpress(app));
    const mysql = objects.filter((o) => o.metadata?.name === 'mysql');
    assertSameMeaning(mysql, upstream('databases/mysql-cinder-pd/mysql.yaml', 'databases/mysql-cinder-pd/mysql-service.yaml'), {
      secretEnv: ['MYSQL_ROOT_PASSWORD'],
    });
  });
});

describe('examples: written with constructs only, clean at synth', () => {
  const examples = { guestbook, wordpress, cassandra, orders };
  for (const [name, build] of Object.entries(examples)) {
    test(`${name}: no policy finding (the props give each image what it needs)`, () => {
      const { findings } = synthesized((app) => build(app));
      assert.deepEqual(
        findings.map((f) => `${f.object}: ${f.rule}: ${f.message}`),
        [],
      );
    });
  }

  test('no raw object or manifest edit in any example', () => {
    const dir = join(ROOT, 'examples');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      assert.doesNotMatch(source, /\bApiObject\b|\.manifest\b|\bInclude\b/, file);
    }
  });

  test('wordpress: MySQL and WordPress each own a ReadWriteOnce claim, replaced with Recreate', () => {
    const { objects } = synthesized((app) => wordpress(app));
    for (const name of ['mysql', 'wordpress']) {
      const d = objects.find((o) => o.kind === 'Deployment' && o.metadata?.name === name) as unknown as { spec: { replicas: number; strategy: unknown } };
      assert.deepEqual([d.spec.replicas, d.spec.strategy], [1, { type: 'Recreate' }], name);
    }
    const wp = meaningOf(objects, { secretEnv: ['MYSQL_ROOT_PASSWORD'] }).workloads.wordpress!.containers[0]!;
    assert.deepEqual(wp.env, { WORDPRESS_DB_HOST: 'mysql', WORDPRESS_DB_PASSWORD: '<secret>' });
    assert.deepEqual(wp.mounts, ['/var/www/html']);
  });

  test('orders: every piece of a production service, wired', () => {
    const { objects } = synthesized((app) => orders(app, 'orders'));
    const kinds = new Set(objects.map((o) => o.kind));
    for (const k of [
      'Secret',
      'ConfigMap',
      'HorizontalPodAutoscaler',
      'Ingress',
      'PodDisruptionBudget',
      'CronJob',
      'NetworkPolicy',
      'ServiceAccount',
      'Role',
      'RoleBinding',
    ])
      assert.ok(kinds.has(k), k);
    const ingress = objects.find((o) => o.kind === 'Ingress') as unknown as { spec: { tls: unknown } };
    assert.deepEqual(ingress.spec.tls, [{ hosts: ['orders.example.com'], secretName: 'orders-tls' }]);
    const api = objects.find((o) => o.kind === 'Deployment') as unknown as {
      spec: { template: { metadata: { annotations: Record<string, string> }; spec: { serviceAccountName: string; automountServiceAccountToken: boolean } } };
    };
    assert.equal(api.spec.template.spec.serviceAccountName, 'orders-api');
    assert.equal(api.spec.template.spec.automountServiceAccountToken, true, 'the identity has grants');
    assert.match(api.spec.template.metadata.annotations['lading.dev/config-checksum']!, /^[0-9a-f]{32}$/);
  });
});
