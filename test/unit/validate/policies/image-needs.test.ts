import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PodVolume } from '../../../../lib/constructs/pod-volume.js';
import { StatefulService } from '../../../../lib/constructs/stateful-service.js';
import { WebApp } from '../../../../lib/constructs/web-app.js';
import { formatPath } from '../../../../lib/manifest/object.js';
import { IMAGE_NEEDS, checkPolicies, imageNeedsPolicy, imageNeedsPolicyOf } from '../../../../lib/validate/policies/index.js';
import { imageRepository } from '../../../../lib/validate/policies/image-needs.js';
import { synth } from '../../constructs/synth-helper.js';

const findings = (o: Parameters<typeof checkPolicies>[0], policy = imageNeedsPolicy) =>
  checkPolicies(o, [policy]).map((f) => `${formatPath(f.issue.path)}: ${f.issue.message}`);

test('image repositories: tag, digest and docker.io/library/ dropped; registries with ports kept', () => {
  assert.equal(imageRepository('redis:7.4.1'), 'redis');
  assert.equal(imageRepository('docker.io/library/mysql:8.0@sha256:abc'), 'mysql');
  assert.equal(imageRepository('registry:5000/team/app'), 'registry:5000/team/app');
  assert.equal(imageRepository('gcr.io/google-samples/cassandra:v14'), 'gcr.io/google-samples/cassandra');
});

test('the library defaults on well-known images: one warning per need, naming the prop that fixes it', () => {
  const out = synth((chart) => new StatefulService(chart, 'redis', { image: 'redis:7.4.1', port: 6379, storage: { '/data': { size: '1Gi' } } }));
  const got = findings(out.find('StatefulSet'));
  assert.equal(got.length, 1, got.join('\n'));
  assert.match(
    got[0]!,
    /^spec\.template\.spec\.containers\[0\]\.securityContext\.runAsNonRoot: image "redis:7\.4\.1" \(the entrypoint starts as root and switches to the redis user \(999\)\) starts as root: .*set securityContext: \{ runAsUser: 999 \}/,
  );

  const wp = findings(synth((chart) => new WebApp(chart, 'wordpress', { image: 'wordpress:6.2.1-apache', port: 80 })).find('Deployment'));
  assert.equal(wp.length, 3, wp.join('\n'));
  assert.match(wp[0]!, /starts as root: .*runAsNonRoot: null/);
  assert.match(
    wp[1]!,
    /writes to \/var\/www\/html, \/var\/run\/apache2, \/var\/lock\/apache2, \/tmp: .*mounts: \{ '\/var\/www\/html': PodVolume\.emptyDir\('var-www-html'\) \}.*readOnlyRootFilesystem: null/,
  );
  assert.match(
    wp[2]!,
    /needs NET_BIND_SERVICE, SETUID, SETGID, dropped: set securityContext: \{ capabilities: \{ add: \['NET_BIND_SERVICE', 'SETUID', 'SETGID'\] \} \}/,
  );

  const cassandra = findings(
    synth((chart) => new StatefulService(chart, 'c', { image: 'gcr.io/google-samples/cassandra:v14', port: 9042 })).find('StatefulSet'),
  );
  assert.ok(
    cassandra.some((f) => /resources\.limits\.memory: .*needs at least 1Gi of memory: set resources: \{ limits: \{ memory: '1Gi' \} \}/.test(f)),
    cassandra.join('\n'),
  );
});

test('no warning once the props give the image what it needs', () => {
  const out = synth((chart) => {
    new StatefulService(chart, 'redis', { image: 'redis:7.4.1', port: 6379, securityContext: { runAsUser: 999 }, storage: { '/data': { size: '1Gi' } } });
    new WebApp(chart, 'nginx', {
      image: 'nginx:1.27.3',
      port: 80,
      securityContext: { runAsNonRoot: null, capabilities: { add: ['NET_BIND_SERVICE', 'SETUID', 'SETGID', 'CHOWN'] } },
      mounts: { '/var/cache/nginx': PodVolume.emptyDir('cache'), '/var/run': PodVolume.emptyDir('run'), '/tmp': PodVolume.emptyDir('tmp') },
    });
    new WebApp(chart, 'mine', { image: 'ghcr.io/acme/shop:1.0.0', port: 8080 });
  });
  for (const o of out.objects) assert.deepEqual(findings(o), [], `${o.kind}/${o.metadata?.name}`);
});

test('the table is data: a team adds its own image', () => {
  const policy = imageNeedsPolicyOf([...IMAGE_NEEDS, { repositories: ['ghcr.io/acme/legacy'], why: 'an old image', writes: ['/app/cache'] }]);
  const out = synth((chart) => new WebApp(chart, 'legacy', { image: 'ghcr.io/acme/legacy:3.1.0', port: 8080 }));
  assert.match(findings(out.find('Deployment'), policy)[0]!, /image "ghcr\.io\/acme\/legacy:3\.1\.0" \(an old image\) writes to \/app\/cache/);
});
