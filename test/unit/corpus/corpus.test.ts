// Zero false positives on real-world manifests: every unit of ../shared/corpus/ (its README says
// what holds for them) validates with exit 0, exactly as `lading validate` runs. A rejection of
// anything there is lading's false positive, listed in full when this test fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePaths } from '../../../lib/cli/validate.js';
import { formatDiagnostic } from '../../../lib/validate/format.js';
import { lading } from '../../support/cli.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CORPUS = resolve(REPO, '../shared/corpus');
const skip = existsSync(CORPUS) ? false : `no corpus at ${CORPUS}`;

const manifests = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();

/** The units the corpus README names: what `lading validate UNIT` must accept. */
function units(): string[] {
  return [
    ...manifests(join(CORPUS, 'kubernetes-examples')),
    ...manifests(join(CORPUS, 'argo-cd')),
    ...manifests(join(CORPUS, 'ingress-nginx')),
    join(CORPUS, 'cert-manager'),
  ];
}

test('the corpus: lading validate accepts every unit (0 false positives)', { skip }, async (t) => {
  const rejections: string[] = [];
  let objects = 0;
  let warnings = 0;
  const all = units();
  for (const unit of all) {
    const { result, syntax } = await validatePaths([unit], { strict: true, ignoreMissingSchemas: false });
    objects += result.objects;
    warnings += result.warnings;
    for (const e of syntax) rejections.push(`${relative(CORPUS, e.file)}:${e.line}: syntax error: ${e.message}`);
    for (const d of result.diagnostics) if (d.severity === 'error') rejections.push(`[${relative(CORPUS, unit)}] ${formatDiagnostic(d)}`);
  }
  assert.deepEqual(rejections, [], `${rejections.length} false positives in ${all.length} units`);
  assert.ok(all.length >= 40 && objects >= 300, `${all.length} units, ${objects} objects`);
  t.diagnostic(`${all.length} units, ${objects} objects, ${warnings} warnings, 0 false positives`);
});

test('the corpus: the command line exits 0 for the cert-manager folder (CRDs and their resources together)', { skip }, async () => {
  const res = await lading(['validate', join(CORPUS, 'cert-manager')]);
  assert.equal(res.code, 0, res.stdout + res.stderr);
  assert.match(res.stdout, /^9 objects in 7 files \(Kubernetes 1\.36\): valid$/m);
});
