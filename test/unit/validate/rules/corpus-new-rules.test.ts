import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentsOf } from '../../../../lib/manifest/documents.js';
import { type KubeObject, formatPath, isKubeObject } from '../../../../lib/manifest/object.js';
import { parseYamlStream } from '../../../../lib/manifest/parse-yaml.js';
import type { ObjectRule, SetRule } from '../../../../lib/validate/rule.js';
import { imageReference } from '../../../../lib/validate/rules/images.js';
import { probePorts } from '../../../../lib/validate/rules/probe-ports.js';
import { cronTimeZone } from '../../../../lib/validate/rules/time-zone.js';
import { networkPolicyPorts, networkPolicySelects } from '../../../../lib/validate/wiring/network-policy-pods.js';
import { serviceSelectsBatchPods } from '../../../../lib/validate/wiring/service-selects-batch-pods.js';

// The corpus lies beside the repository root (../shared/corpus): real manifests the API server accepts.
const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/corpus');

const OBJECT_RULES: readonly ObjectRule[] = [imageReference, probePorts, cronTimeZone];
const SET_RULES: readonly SetRule[] = [networkPolicySelects({ inputIsComplete: false }), networkPolicyPorts(), serviceSelectsBatchPods()];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

// As the corpus README says: each file alone, and cert-manager as one folder.
function units(): string[][] {
  const files = ['kubernetes-examples', 'argo-cd', 'ingress-nginx'].flatMap((d) => yamlFiles(join(CORPUS, d)).map((f) => [f]));
  return [...files, yamlFiles(join(CORPUS, 'cert-manager'))];
}

test('the rules for mistakes nothing caught reject nothing of the corpus (warnings included)', { skip: !existsSync(CORPUS) && 'no ../shared/corpus' }, () => {
  const found: string[] = [];
  let objects = 0;
  for (const unit of units()) {
    const input: KubeObject[] = unit.flatMap((f) =>
      documentsOf(f, parseYamlStream(readFileSync(f, 'utf8')))
        .inputs.map((i) => i.value)
        .filter(isKubeObject),
    );
    objects += input.length;
    const where = relative(CORPUS, unit[0]!);
    for (const o of input)
      for (const rule of OBJECT_RULES) for (const i of rule.check(o)) found.push(`${where}: ${rule.id}: ${formatPath(i.path)}: ${i.message}`);
    for (const rule of SET_RULES) for (const i of rule.checkSet(input)) found.push(`${where}: ${rule.id}: ${formatPath(i.path)}: ${i.message}`);
  }
  assert.ok(objects > 300, `only ${objects} objects read`);
  assert.deepEqual(found, []);
});
