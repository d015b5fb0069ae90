import { documentsOf } from '../manifest/documents.js';
import { displayName, isKubeObject, isRecord, type KubeObject } from '../manifest/object.js';
import { parseYamlStream } from '../manifest/parse-yaml.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import { POLICIES, type Policy, checkPolicies } from '../validate/policies/index.js';
import { type SchemaCatalog, validateObjects, type ValidationInput } from '../validate/validate.js';
import { APPLYSET, type ApplySetRef, applySetRef } from '../core/applyset.js';
import { HISTORY } from '../core/names.js';
import { A, manifestsDigest, recordText } from './history.js';

/**
 * A history record is input like any other: anyone who may write Secrets in the namespace (the
 * built-in `edit` role) can write one. Before a rollback uses it, it must be whole, of this
 * format, written for this application's set, and valid (schema, rules, policies).
 */
export interface RecordCheck {
  /** The record's objects with their origin (the record, line numbers), when it could be read. */
  readonly inputs: ValidationInput[];
  /** Why the record cannot be used (empty when it can). */
  readonly problems: string[];
}

/** What the record should be: the application, environment and ApplySet the user asked for. */
export interface ExpectedRecord {
  readonly app: string;
  readonly env?: string;
  readonly namespace: string;
}

export function recordLabel(record: KubeObject): string {
  return `history record secret/${record.metadata?.name ?? '?'} -n ${record.metadata?.namespace ?? '?'}`;
}

/** Format, identity and completeness of a record; pure. */
export function checkRecord(record: KubeObject, expected: ExpectedRecord): RecordCheck {
  const problems: string[] = [];
  const labels = record.metadata?.labels ?? {};
  const annotations = record.metadata?.annotations ?? {};
  const set: ApplySetRef = applySetRef(expected.app, expected.namespace, expected.env);
  if (record.type !== HISTORY.type)
    return { inputs: [], problems: [`type ${JSON.stringify(record.type ?? null)}: not a lading history record of this format (expected ${HISTORY.type})`] };
  if (
    labels[HISTORY.setLabel] !== set.id ||
    labels[HISTORY.appLabel] !== expected.app ||
    (labels[HISTORY.envLabel] ?? undefined) !== expected.env ||
    record.metadata?.namespace !== set.namespace ||
    annotations[A.setName] !== set.name
  ) {
    problems.push(
      `written for another application or set (labels ${HISTORY.setLabel}=${labels[HISTORY.setLabel] ?? '-'}, ${HISTORY.appLabel}=${labels[HISTORY.appLabel] ?? '-'}, ${HISTORY.envLabel}=${labels[HISTORY.envLabel] ?? '-'}; expected the set ${set.name} -n ${set.namespace}, id ${set.id})`,
    );
  }
  let text: string | undefined;
  try {
    text = recordText(record);
  } catch (e) {
    return { inputs: [], problems: [...problems, `its manifests cannot be read (${(e as Error).message})`] };
  }
  if (text === undefined) return { inputs: [], problems: [...problems, `holds no manifests (data.${HISTORY.manifestsKey} is missing or empty)`] };
  const count = annotations[A.objects];
  const digest = annotations[A.digest];
  if (count === undefined || digest === undefined) {
    problems.push(`has no ${A.objects} or ${A.digest} annotation: it cannot be checked to be whole (written by another tool or an older lading)`);
  } else if (digest !== manifestsDigest(text)) {
    problems.push(`its manifests do not match their ${A.digest} annotation: cut or changed since it was written`);
  }
  const parsed = documentsOf(recordLabel(record), parseYamlStream(text));
  for (const e of parsed.errors) problems.push(`line ${e.line}: syntax error: ${e.message}`);
  const inputs = parsed.inputs;
  if (inputs.length === 0) problems.push('holds no objects: an empty rollback would leave nothing of the application');
  if (count !== undefined && Number(count) !== inputs.length)
    problems.push(`holds ${inputs.length} object${inputs.length === 1 ? '' : 's'}, its ${A.objects} annotation says ${count}`);
  inputs.forEach((input, i) => {
    if (!isKubeObject(input.value)) {
      problems.push(`document ${i + 1}: not a Kubernetes object (apiVersion, kind and metadata.name expected)`);
      return;
    }
    const o = input.value;
    if (o.metadata?.labels?.[APPLYSET.partOfLabel] !== set.id)
      problems.push(`${displayName(o)}: not a member of the set ${set.name} (label ${APPLYSET.partOfLabel})`);
    if (o.kind === 'Secret' && (hasValues(o.data) || hasValues(o.stringData)))
      problems.push(`${displayName(o)}: holds secret values, which lading never records`);
  });
  return { inputs, problems };
}

function hasValues(v: unknown): boolean {
  return isRecord(v) && Object.keys(v).length > 0;
}

/**
 * The record's objects validated like any input: schema and API-server rules (kinds without a
 * schema are left to the server: their CRD is live), and policies (as warnings when the user
 * vouches for the record: `policiesAsWarnings`).
 */
export function validateRecord(
  inputs: readonly ValidationInput[],
  catalog: SchemaCatalog,
  options: { policies?: readonly Policy[]; policiesAsWarnings?: boolean } = {},
): Diagnostic[] {
  const result = validateObjects(inputs, { catalog, ignoreMissingSchemas: true });
  const out = [...result.diagnostics];
  for (const input of inputs) {
    if (!isKubeObject(input.value)) continue;
    for (const { policy, issue } of checkPolicies(input.value, options.policies ?? POLICIES)) {
      out.push({
        severity: options.policiesAsWarnings ? 'warning' : policy.severity,
        rule: policy.id,
        object: displayName(input.value),
        origin: input.origin,
        path: issue.path,
        message: issue.message,
      });
    }
  }
  return out;
}
