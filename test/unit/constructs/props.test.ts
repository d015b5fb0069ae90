import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../../lib/constructs/app.js';
import { Chart } from '../../../lib/constructs/chart.js';
import { Config } from '../../../lib/constructs/config.js';
import { CronTask } from '../../../lib/constructs/cron-task.js';
import { DaemonService } from '../../../lib/constructs/daemon-service.js';
import { ExternalService } from '../../../lib/constructs/external-service.js';
import { AppNamespace } from '../../../lib/constructs/app-namespace.js';
import { TrafficPolicy } from '../../../lib/constructs/traffic-policy.js';
import { VolumeClaim } from '../../../lib/constructs/volume-claim.js';
import { z } from 'zod';
import { PropsError, propsSchema } from '../../../lib/constructs/props.js';
import { Credentials } from '../../../lib/constructs/credentials.js';
import { fromEnv } from '../../../lib/constructs/secret-source.js';
import { PodIdentity } from '../../../lib/constructs/pod-identity.js';
import { StatefulService } from '../../../lib/constructs/stateful-service.js';
import { closestName } from '../../../lib/constructs/suggest.js';
import { Task } from '../../../lib/constructs/task.js';
import { WebApp } from '../../../lib/constructs/web-app.js';
import { Worker } from '../../../lib/constructs/worker.js';
import { collectObjects } from '../../../lib/synth/collect.js';
import { synth } from './synth-helper.js';

const image = 'ghcr.io/acme/shop:1.0.0';

/** The PropsError message of a build (props bypass the types, as plain JavaScript would). */
function propsError(build: Parameters<typeof synth>[0], options?: Parameters<typeof synth>[1]): string {
  try {
    synth(build, options);
  } catch (e) {
    assert.ok(e instanceof PropsError, `expected a PropsError, got ${String(e)}`);
    return e.message;
  }
  return assert.fail('no error');
}

// Typos as plain JavaScript (or a cast) lets through.
const loose = (props: object) => props as never;

describe('unknown props', () => {
  test('are errors naming the construct, the prop and the closest valid name', () => {
    assert.equal(
      propsError((c) => new WebApp(c, 'web', loose({ image, port: 80, readyness: null }))),
      'shop/web: props.readyness: unknown prop: did you mean "readiness"?',
    );
    assert.equal(
      propsError((c) => new WebApp(c, 'web', loose({ image, port: 80, autoscale: { max: 4, cpuPercnt: 60 } }))),
      'shop/web: props.autoscale.cpuPercnt: unknown prop: did you mean "cpuPercent"?',
    );
    assert.equal(
      propsError(() => undefined, { chart: loose({ namepsace: 'shop' }) }),
      'shop: props.namepsace: unknown prop: did you mean "namespace"?',
    );
  });

  test('without a close name, the valid ones are listed', () => {
    assert.equal(
      propsError((c) => new CronTask(c, 'nightly', loose({ image, schedule: '0 3 * * *', historyLimit: { kept: 3 } }))),
      'shop/nightly: props.historyLimit.kept: unknown prop (expected one of: successful, failed)',
    );
  });

  test('levels of defaults are strict too, and name the level', () => {
    assert.equal(
      propsError(() => undefined, { app: loose({ replica: 3 }) }),
      'App: props.defaults.replica: unknown prop: did you mean "replicas"?',
    );
    assert.equal(
      propsError(() => undefined, { chart: loose({ defaults: { securityContex: null } }) }),
      'shop: props.defaults.securityContex: unknown prop: did you mean "securityContext"?',
    );
  });

  test('every construct rejects an unknown prop', () => {
    const cases: [string, (c: Chart) => unknown][] = [
      ['WebApp', (c) => new WebApp(c, 'x', loose({ image, port: 80, typo: 1 }))],
      ['Worker', (c) => new Worker(c, 'x', loose({ image, typo: 1 }))],
      ['Task', (c) => new Task(c, 'x', loose({ image, typo: 1 }))],
      ['CronTask', (c) => new CronTask(c, 'x', loose({ image, schedule: '@daily', typo: 1 }))],
      ['StatefulService', (c) => new StatefulService(c, 'x', loose({ image, port: 5432, typo: 1 }))],
      ['DaemonService', (c) => new DaemonService(c, 'x', loose({ image, typo: 1 }))],
      ['Config', (c) => new Config(c, 'x', loose({ data: { a: 'b' }, typo: 1 }))],
      ['Secret', (c) => new Credentials(c, 'x', loose({ keys: { p: fromEnv('P') }, typo: 1 }))],
      ['Namespace', (c) => new AppNamespace(c, 'x', loose({ typo: 1 }))],
      ['ServiceAccount', (c) => new PodIdentity(c, 'x', loose({ typo: 1 }))],
      ['NetworkPolicy', (c) => new TrafficPolicy(c, 'x', loose({ selects: { a: 'b' }, typo: 1 }))],
      ['PersistentVolumeClaim', (c) => new VolumeClaim(c, 'x', loose({ size: '1Gi', typo: 1 }))],
      ['ExternalService', (c) => new ExternalService(c, 'x', loose({ externalName: 'db.example.com', typo: 1 }))],
    ];
    for (const [name, build] of cases) assert.match(propsError(build), /^shop\/x: props\.typo: unknown prop/, name);
  });

  test('a Namespace takes no namespace', () => {
    assert.match(
      propsError((c) => new AppNamespace(c, 'x', loose({ namespace: 'y' }))),
      /^shop\/x: props\.namespace: unknown prop/,
    );
  });
});

describe('reporting', () => {
  test("every construct's problems are reported in one run", () => {
    const message = propsError((c) => {
      new WebApp(c, 'web', loose({ image, port: 80, readyness: null }));
      new Worker(c, 'worker', loose({ image, replicas: -1 }));
      new Config(c, 'settings', loose({ dat: {} }));
    });
    assert.deepEqual(message.split('\n'), [
      'shop/web: props.readyness: unknown prop: did you mean "readiness"?',
      'shop/worker: props.replicas: expected an integer >= 0',
      'shop/settings: props.dat: unknown prop: did you mean "data"?',
    ]);
  });

  test('a missing required prop says so', () => {
    assert.equal(
      propsError((c) => new WebApp(c, 'web', loose({ image }))),
      'shop/web: props.port: required: expected an integer from 1 to 65535',
    );
    assert.equal(
      propsError((c) => new WebApp(c, 'web', loose({ image, port: 80, autoscale: {} }))),
      'shop/web: props.autoscale.max: required: expected an integer >= 1',
    );
    assert.equal(
      propsError((c) => new CronTask(c, 'nightly', loose({ image }))),
      'shop/nightly: props.schedule: required: expected string',
    );
  });

  test('record keys say what a key must be', () => {
    assert.match(
      propsError((c) => new Worker(c, 'w', { image, labels: { 'team name': 'x' } })),
      /^shop\/w: props\.labels\["team name"\]: invalid key "team name": expected a label key: name part must consist of/,
    );
  });

  test('a problem repeated by several constructs is one message listing them', () => {
    const message = propsError((c) => {
      for (const id of ['a', 'b', 'c']) new Worker(c, id, { image, labels: { team: 'shop floor' } });
    });
    assert.match(message, /^shop\/a, shop\/b, shop\/c: props\.labels\.team: expected a label value: /);
    assert.equal(message.split('\n').length, 1);
  });

  test('an error that bad props lead to is reported after them', () => {
    const message = propsError((c) => new Worker(c, 'w', loose({ image, sidecars: 5 })));
    const [first, then] = message.split('\n');
    assert.match(first!, /^shop\/w: props\.sidecars: Invalid input: expected array, received number/);
    assert.match(then!, /^\(then building stopped: /);
  });

  test('a construct made hundreds of times (its schema then compiled) reports the same problems, before and after', () => {
    // checkProps compiles a schema used often; a failure still gets zod's own issues.
    const bad = [
      loose({ image, port: 80, readyness: null }),
      loose({ image }),
      loose({ image, port: 80, autoscale: {} }),
      loose({ image: 'Bad Image', port: 0 }),
    ];
    const message = propsError((c) => {
      bad.forEach((props, i) => new WebApp(c, `early-${i}`, props));
      for (let i = 0; i < 300; i++) new WebApp(c, `web-${i}`, { image, port: 80, autoscale: { max: 4 }, env: { A: 'x' } });
      bad.forEach((props, i) => new WebApp(c, `late-${i}`, props));
    });
    assert.deepEqual(message.split('\n'), [
      'shop/early-0, shop/late-0: props.readyness: unknown prop: did you mean "readiness"?',
      'shop/early-1, shop/late-1: props.port: required: expected an integer from 1 to 65535',
      'shop/early-2, shop/late-2: props.autoscale.max: required: expected an integer >= 1',
      'shop/early-3, shop/late-3: props.image: invalid image reference "Bad Image": repository name "Bad Image" must be lowercase',
      'shop/early-3, shop/late-3: props.port: expected an integer from 1 to 65535',
    ]);
  });

  test('valid props produce no error; a bad chart id is reported with the rest', () => {
    assert.doesNotThrow(() => synth((c) => new WebApp(c, 'web', { image, port: 80, autoscale: { max: 4, cpuPercent: 60 } })));
    const app = new App();
    new Worker(new Chart(app, 'Shop_Front'), 'w', loose({ image, replica: 2 }));
    assert.throws(
      () => collectObjects(app),
      (e: Error) => {
        assert.match(e.message, /^Shop_Front: id: "Shop_Front": the chart id is the application's name and must be a DNS-1123 label/);
        assert.match(e.message, /\nShop_Front\/w: props\.replica: unknown prop: did you mean "replicas"\?$/);
        return true;
      },
    );
  });
});

test('closestName: small typos, transpositions and case; nothing far away', () => {
  assert.equal(closestName('readyness', ['readiness', 'liveness', 'startup']), 'readiness');
  assert.equal(closestName('namepsace', ['name', 'namespace', 'labels']), 'namespace');
  assert.equal(closestName('CPUPercent', ['cpuPercent', 'memoryPercent']), 'cpuPercent');
  assert.equal(closestName('zzz', ['image', 'port']), undefined);
});

test('a props schema is checked against its interface by tsc, field by field (props are declared once, the schema follows)', () => {
  interface P {
    readonly port: number;
    readonly name?: string;
  }
  // @ts-expect-error the schema of `port` produces a string, the interface says number
  propsSchema<P>()({ port: z.string(), name: z.string().optional() });
  // @ts-expect-error a prop of the interface without its schema
  propsSchema<P>()({ port: z.number() });
  // @ts-expect-error a schema for a prop the interface does not have
  propsSchema<P>()({ port: z.number(), name: z.string().optional(), extra: z.string() });
  assert.ok(propsSchema<P>()({ port: z.number(), name: z.string().optional() }).safeParse({ port: 1 }).success);
});
