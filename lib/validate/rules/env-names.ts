import type { ObjectRule, RuleContext, RuleIssue } from '../rule.js';
import type { FieldPath } from '../../manifest/source.js';
import { getPath, isRecord } from '../../manifest/object.js';
import { WORKLOADS, podSpecPath } from '../workloads.js';

interface EnvNameRule {
  /** The first Kubernetes minor version this rule holds for (by the feature gate's default). */
  readonly since: string;
  readonly problem: (name: string) => string | undefined;
}

const PRINTABLE_ASCII_NO_EQUALS = /^[\x20-\x3C\x3E-\x7E]+$/;
const LEGACY = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

// IsEnvVarName of k8s.io/apimachinery: before RelaxedEnvironmentVariableValidation.
function legacyProblem(name: string): string | undefined {
  if (!LEGACY.test(name)) return "must consist of letters, digits, '_', '-' or '.', and must not start with a digit";
  if (name === '.' || name === '..' || name.startsWith('..')) return "must not be '.' or '..' or start with '..'";
  return undefined;
}

/**
 * Which names the API server accepts for env vars (and envFrom prefixes), newest first.
 * RelaxedEnvironmentVariableValidation is on by default since 1.32 (beta) and GA since 1.34:
 * any printable ASCII character except '='.
 */
export const ENV_NAME_RULES: readonly EnvNameRule[] = [
  { since: '1.32', problem: (name) => (PRINTABLE_ASCII_NO_EQUALS.test(name) ? undefined : "must consist only of printable ASCII characters other than '='") },
  { since: '1.0', problem: legacyProblem },
];

const minor = (v: string) => Number(v.split('.')[1] ?? 0) + 1000 * Number(v.split('.')[0]);

export function envNameProblem(name: string, kubeVersion: string): string | undefined {
  const rule = ENV_NAME_RULES.find((r) => minor(kubeVersion) >= minor(r.since)) ?? ENV_NAME_RULES.at(-1)!;
  return rule.problem(name);
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

export const envVarNames: ObjectRule = {
  id: 'env-var-names',
  description: 'env var names and envFrom prefixes are names the API server of the target version accepts',
  kinds: Object.keys(WORKLOADS),
  *check(o, context?: RuleContext): Iterable<RuleIssue> {
    const base = podSpecPath(o.kind);
    if (!base) return;
    const spec = getPath(o, base);
    if (!isRecord(spec)) return;
    const version = context?.kubeVersion ?? ENV_NAME_RULES[0]!.since;
    for (const list of CONTAINER_LISTS) {
      const containers = spec[list];
      if (!Array.isArray(containers)) continue;
      for (const [ci, c] of containers.entries()) {
        if (!isRecord(c)) continue;
        const at: FieldPath = [...base, list, ci];
        for (const [i, e] of (Array.isArray(c.env) ? c.env : []).entries()) {
          const name = isRecord(e) ? e.name : undefined;
          const bad = typeof name === 'string' ? envNameProblem(name, version) : undefined;
          if (bad)
            yield { path: [...at, 'env', i, 'name'], message: `invalid environment variable name ${JSON.stringify(name)} (Kubernetes ${version}): ${bad}` };
        }
        for (const [i, e] of (Array.isArray(c.envFrom) ? c.envFrom : []).entries()) {
          const prefix = isRecord(e) ? e.prefix : undefined;
          const bad = typeof prefix === 'string' && prefix !== '' ? envNameProblem(prefix, version) : undefined;
          if (bad) yield { path: [...at, 'envFrom', i, 'prefix'], message: `invalid envFrom prefix ${JSON.stringify(prefix)} (Kubernetes ${version}): ${bad}` };
        }
      }
    }
  },
};
