import { test } from 'node:test';
import assert from 'node:assert/strict';
import { READINESS_RULES, readinessRule } from '../../../lib/apply/readiness.js';
import { conditionReadiness } from '../../../lib/config/condition-readiness.js';
import { defineConfig } from '../../../lib/config/define-config.js';
import { ConfigError, resolveConfig } from '../../../lib/config/resolve-config.js';
import { LIBRARY_RULES } from '../../../lib/config/rule-tables.js';
import { EXPECTED_CO_OWNERS } from '../../../lib/plan/drift.js';
import { NORMALIZE_STEPS, type NormalizeStep } from '../../../lib/plan/normalize.js';
import { waveIndex } from '../../../lib/synth/kind-order.js';
import { imageTagPolicy, POLICIES } from '../../../lib/validate/policies/index.js';

const FILE = 'lading.config.ts';

test('no config: the library tables, unchanged', () => {
  assert.deepEqual(resolveConfig(FILE, {}), LIBRARY_RULES);
});

test('waves: a listed kind moves to the named wave; a new wave goes before "other"', () => {
  const rules = resolveConfig(
    FILE,
    defineConfig({
      waves: [
        { name: 'services', kinds: ['Ingress'] },
        { name: 'certificates', kinds: ['Certificate'] },
      ],
    }),
  );
  const names = rules.waves.map((w) => w.name);
  assert.deepEqual(names.slice(-3), ['certificates', 'other', 'custom-resources']);
  const wave = waveIndex(rules.waves);
  assert.equal(rules.waves[wave('Ingress', false)]!.name, 'services');
  assert.ok(!rules.waves.find((w) => w.name === 'policies')!.kinds.includes('Ingress'), 'taken out of its former wave');
  assert.equal(rules.waves[wave('Certificate', true)]!.name, 'certificates');
});

test('readiness: a rule for a custom resource is added; a listed rule wins over the library one of its kind', () => {
  const certificate = { group: 'cert-manager.io', kind: 'Certificate', check: conditionReadiness('Ready', ['Failed']) };
  const deployment = { group: 'apps', kind: 'Deployment', check: () => ({ state: 'ready' as const, message: 'mine' }) };
  const rules = resolveConfig(FILE, { readiness: [certificate, deployment] });
  assert.equal(readinessRule({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate' }, rules.readiness), certificate);
  assert.equal(readinessRule({ apiVersion: 'apps/v1', kind: 'Deployment' }, rules.readiness), deployment);
  assert.equal(rules.readiness.length, READINESS_RULES.length + 1);
  const check = certificate.check;
  const cert = (status: string, reason: string) => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    status: { conditions: [{ type: 'Ready', status, reason, message: 'm' }] },
  });
  assert.equal(check(cert('True', 'Ready')).state, 'ready');
  assert.equal(check(cert('False', 'Failed')).state, 'failed');
  assert.equal(check(cert('False', 'Issuing')).state, 'waiting');
  assert.equal(check({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate' }).message, 'no Ready condition yet');
});

test('co-owners and normalization steps are added after the library ones; a function replaces the table', () => {
  const step: NormalizeStep = (o) => o;
  const rules = resolveConfig(FILE, {
    coOwners: [{ description: 'cainjector injects the CA', path: /^spec\.caBundle$/, manager: /cainjector/ }],
    normalize: [step],
    policies: (library: typeof POLICIES) => library.filter((p) => p.id !== imageTagPolicy.id),
  });
  assert.equal(rules.coOwners.length, EXPECTED_CO_OWNERS.length + 1);
  assert.deepEqual(rules.normalize, [...NORMALIZE_STEPS, step]);
  assert.deepEqual(
    rules.policies.map((p) => p.id),
    POLICIES.filter((p) => p !== imageTagPolicy).map((p) => p.id),
  );
});

test('policies: a listed policy replaces the library one of its id, others are added', () => {
  const lenient = { ...imageTagPolicy, severity: 'warning' as const };
  const mine = { id: 'team-label', description: 'objects carry a team label', severity: 'error' as const, check: () => [] };
  const rules = resolveConfig(FILE, { policies: [lenient, mine] });
  assert.equal(
    rules.policies.find((p) => p.id === imageTagPolicy.id),
    lenient,
  );
  assert.equal(rules.policies.at(-1), mine);
  assert.equal(rules.policies.length, POLICIES.length + 1);
});

test("organisation defaults are checked like an App's", () => {
  assert.deepEqual(resolveConfig(FILE, { defaults: { labels: { team: 'payments' } } }).defaults, { labels: { team: 'payments' } });
});

test('mistakes name the config file, the field path and what was expected', () => {
  const err = (config: unknown) => {
    try {
      resolveConfig(FILE, config);
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      return e.message;
    }
    assert.fail('expected a ConfigError');
  };
  assert.equal(err({ wave: [] }), 'lading.config.ts: wave: unknown field: did you mean "waves"?');
  assert.match(err({ waves: [{ name: 'x', kinds: 'Certificate' }] }), /^lading\.config\.ts: waves\[0\]\.kinds: expected a list of kind names/);
  assert.match(err({ readiness: [{ group: 'cert-manager.io', kind: 'Certificate' }] }), /^lading\.config\.ts: readiness\[0\]\.check: expected a function/);
  assert.match(err({ coOwners: [{ description: 'x', path: '^spec' }] }), /^lading\.config\.ts: coOwners\[0\]\.path: expected a regular expression/);
  assert.match(err({ policies: [{ id: 'x', description: 'd', severity: 'fatal', check: () => [] }] }), /^lading\.config\.ts: policies\[0\]\.severity: /);
  assert.match(
    err({ defaults: { labels: { 'bad key!': 'x' } } }),
    /^lading\.config\.ts: defaults\.labels\.bad key!: invalid key "bad key!": expected a label key/,
  );
  assert.match(err({ waves: () => [{ name: 'only' }] }), /^lading\.config\.ts: waves \(the table its function returned\)\[0\]\.kinds: /);
  assert.match(err({ normalize: 'dropStatus' }), /^lading\.config\.ts: normalize: expected a list \(added to the library's\) or a function/);
  assert.match(err(42), /^lading\.config\.ts: /);
});
