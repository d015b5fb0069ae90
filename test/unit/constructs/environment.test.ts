import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../../lib/constructs/app.js';
import { defineEnvironments, environment } from '../../../lib/constructs/environment.js';

const defs = { dev: { replicas: 1, host: 'dev.shop.example.com' }, prod: { replicas: 3, host: 'shop.example.com' } };

test('environment: the definition of app.env, typed by the object', () => {
  const env = environment(new App({ env: 'prod' }), defs);
  const replicas: number = env.replicas;
  assert.equal(replicas, 3);
  assert.equal(env.name, 'prod');
  assert.deepEqual(defineEnvironments(defs).names, ['dev', 'prod']);
});

test('environment: an unknown or missing environment names the known ones', () => {
  assert.throws(() => environment(new App({ env: 'staging' }), defs), /unknown environment "staging" \(known environments: dev, prod\)/);
  assert.throws(() => environment(new App(), defs), /no environment selected: run lading synth --env NAME \(known environments: dev, prod\)/);
  assert.throws(() => environment(new App({ env: 'toString' }), defs), /unknown environment "toString"/);
});
