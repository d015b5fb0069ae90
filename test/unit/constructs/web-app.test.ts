import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Chart } from '../../../lib/constructs/chart.js';
import { LABELS } from '../../../lib/constructs/labels.js';
import { Probe } from '../../../lib/constructs/probe.js';
import { PropsError } from '../../../lib/constructs/props.js';
import { Credentials } from '../../../lib/constructs/credentials.js';
import { fromEnv } from '../../../lib/constructs/secret-source.js';
import { WebApp } from '../../../lib/constructs/web-app.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { at, synth } from './synth-helper.js';

const image = 'ghcr.io/acme/shop-web:1.4.2';

describe('WebApp', () => {
  test('snapshot: Deployment, Service, HPA, Ingress, PDB, ServiceAccount', () => {
    const out = synth((chart) => {
      const db = new Credentials(chart, 'db', { keys: { password: fromEnv('DB_PASSWORD') } });
      new WebApp(chart, 'web', {
        image,
        port: 8080,
        env: { DB_PASSWORD: db.key('password'), MODE: 'shop' },
        readiness: Probe.http('/healthz'),
        autoscale: { min: 2, max: 10, cpuPercent: 70, memoryPercent: 80, podMetrics: { http_requests_per_second: '100' } },
        ingress: { host: 'shop.example.com', tlsSecret: 'shop-tls' },
      });
    });
    assert.deepEqual(out.problems, []);
    assertSnapshot(import.meta.url, 'web-app.yaml', out.yaml);
  });

  test('the selector is the stable labels, and the pod template carries them', () => {
    const out = synth((chart) => new WebApp(chart, 'web', { image, port: 8080 }));
    const d = out.find('Deployment');
    const selector = at(d, 'spec.selector.matchLabels') as Record<string, string>;
    assert.deepEqual(Object.keys(selector).sort(), [LABELS.instance, LABELS.name]);
    const podLabels = at(d, 'spec.template.metadata.labels') as Record<string, string>;
    for (const [k, v] of Object.entries(selector)) assert.equal(podLabels[k], v);
    assert.deepEqual(at(out.find('Service'), 'spec.selector'), selector);
    assert.deepEqual(at(out.find('PodDisruptionBudget'), 'spec.selector.matchLabels'), selector);
  });

  test('every object has the recommended labels', () => {
    const out = synth((chart) => new WebApp(chart, 'web', { image, port: 8080, autoscale: { max: 4 }, ingress: { host: 'a.example.com' } }));
    for (const o of out.objects) {
      const labels = o.metadata?.labels ?? {};
      for (const key of Object.values(LABELS).filter((k) => k !== LABELS.version)) assert.ok(labels[key], `${o.kind} lacks ${key}`);
      assert.equal(labels[LABELS.managedBy], 'lading');
      assert.equal(labels[LABELS.partOf], 'shop');
    }
  });

  test('autoscaled: no replicas on the Deployment, an autoscaling/v2 HPA targets it', () => {
    const out = synth((chart) => new WebApp(chart, 'web', { image, port: 8080, autoscale: { max: 5 } }));
    assert.equal(at(out.find('Deployment'), 'spec.replicas'), undefined);
    const hpa = out.find('HorizontalPodAutoscaler');
    assert.equal(hpa.apiVersion, 'autoscaling/v2');
    assert.deepEqual(at(hpa, 'spec.scaleTargetRef'), { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
    assert.equal(at(hpa, 'spec.metrics.0.resource.target.averageUtilization'), 80);
  });

  test('not autoscaled: replicas from props, else the defaults', () => {
    assert.equal(at(synth((c) => new WebApp(c, 'web', { image, port: 80 })).find('Deployment'), 'spec.replicas'), 2);
    assert.equal(at(synth((c) => new WebApp(c, 'web', { image, port: 80, replicas: 5 })).find('Deployment'), 'spec.replicas'), 5);
    assert.equal(at(synth((c) => new WebApp(c, 'web', { image, port: 80 }), { app: { replicas: 3 } }).find('Deployment'), 'spec.replicas'), 3);
  });

  test('the selector does not depend on the Chart: moving the construct keeps it', () => {
    const a = synth((chart) => new WebApp(chart, 'web', { image, port: 80 }));
    const b = synth((_chart, app) => new WebApp(new Chart(app, 'storefront'), 'web', { image, port: 80 }));
    assert.deepEqual(at(a.find('Deployment'), 'spec.selector'), at(b.find('Deployment'), 'spec.selector'));
  });

  test('defaults are removable: resources, security context, PDB, readiness, rolling update', () => {
    const out = synth(
      (chart) =>
        new WebApp(chart, 'web', {
          image,
          port: 80,
          resources: null,
          securityContext: false,
          podSecurityContext: null,
          disruptionBudget: false,
          readiness: null,
          rollingUpdate: null,
        }),
    );
    const c = at(out.find('Deployment'), 'spec.template.spec.containers.0') as Record<string, unknown>;
    assert.equal(c.resources, undefined);
    assert.equal(c.securityContext, undefined);
    assert.equal(c.readinessProbe, undefined);
    assert.equal(at(out.find('Deployment'), 'spec.template.spec.securityContext'), undefined);
    assert.equal(at(out.find('Deployment'), 'spec.strategy'), undefined);
    assert.ok(!out.objects.some((o) => o.kind === 'PodDisruptionBudget'));
  });

  test('organisation and chart defaults override the library field by field; props override both', () => {
    const out = synth(
      (chart) => {
        new WebApp(chart, 'a', { image, port: 80 });
        new WebApp(chart, 'b', { image, port: 80, resources: { requests: { cpu: '1' } } });
        new WebApp(chart, 'c', { image, port: 80, resources: { requests: { memory: null }, limits: null } });
      },
      { app: { resources: { requests: { cpu: '10m' } }, labels: { team: 'checkout' } }, chart: { defaults: { imagePullPolicy: 'IfNotPresent' } } },
    );
    const a = at(out.find('Deployment', 'a'), 'spec.template.spec.containers.0') as Record<string, unknown>;
    assert.deepEqual(a.resources, { requests: { cpu: '10m', memory: '128Mi' }, limits: { memory: '256Mi' } });
    assert.equal(a.imagePullPolicy, 'IfNotPresent');
    assert.deepEqual(at(out.find('Deployment', 'b'), 'spec.template.spec.containers.0.resources'), {
      requests: { cpu: '1', memory: '128Mi' },
      limits: { memory: '256Mi' },
    });
    assert.deepEqual(
      at(out.find('Deployment', 'c'), 'spec.template.spec.containers.0.resources'),
      { requests: { cpu: '10m' } },
      'null removes one field, or a whole branch',
    );
    assert.equal(out.find('Service', 'a').metadata?.labels?.team, 'checkout');
  });

  test('service types: NodePort, LoadBalancer, headless', () => {
    assert.equal(at(synth((c) => new WebApp(c, 'w', { image, port: 80, serviceType: 'NodePort' })).find('Service'), 'spec.type'), 'NodePort');
    assert.equal(at(synth((c) => new WebApp(c, 'w', { image, port: 80, serviceType: 'LoadBalancer' })).find('Service'), 'spec.type'), 'LoadBalancer');
    assert.equal(at(synth((c) => new WebApp(c, 'w', { image, port: 80, serviceType: 'Headless' })).find('Service'), 'spec.clusterIP'), 'None');
  });

  test('props errors name the construct path and the prop', () => {
    const err = (props: object) => {
      try {
        synth((chart) => new WebApp(chart, 'web', { image, port: 80, ...props }));
      } catch (e) {
        assert.ok(e instanceof PropsError);
        return e.message;
      }
      return assert.fail('no error');
    };
    assert.equal(err({ port: 70000 }), 'shop/web: props.port: expected an integer from 1 to 65535');
    assert.match(err({ replicas: 3, autoscale: { max: 4 } }), /^shop\/web: props\.replicas: replicas cannot be set with autoscale/);
    assert.match(err({ autoscale: { min: 5, max: 4 } }), /^shop\/web: props\.autoscale\.min: min must not exceed max/);
    assert.match(err({ name: 'Web_App' }), /^shop\/web: props\.name: "Web_App"/);
    assert.match(err({ ingress: { host: 'shop.example.com', path: 'x' } }), /props\.ingress\.path: a path starts with "\/"/);
  });
});
