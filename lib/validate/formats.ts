/**
 * The string formats the API server checks (k8s.io/apimachinery/pkg/util/validation), each
 * returning `undefined` when valid or the reason it is not.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export type FormatCheck = (value: string) => string | undefined;

/**
 * A check that remembers its answers: label keys and values repeat across thousands of objects
 * (every object of an app carries the same labels). Bounded, so a stream of distinct values
 * cannot grow it without limit.
 */
function remembered(check: FormatCheck, max = 20_000): FormatCheck {
  const answers = new Map<string, string | undefined>();
  return (v) => {
    const known = answers.get(v);
    if (known !== undefined || answers.has(v)) return known;
    const answer = check(v);
    if (answers.size >= max) answers.clear();
    answers.set(v, answer);
    return answer;
  };
}

export const dns1123Label: FormatCheck = (v) => {
  if (v.length > 63) return `must be no more than 63 characters (got ${v.length})`;
  if (!DNS1123_LABEL.test(v)) {
    return `must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. "my-name")`;
  }
  return undefined;
};

export const dns1123Subdomain: FormatCheck = (v) => {
  if (v.length > 253) return `must be no more than 253 characters (got ${v.length})`;
  if (!DNS1123_SUBDOMAIN.test(v)) {
    return `must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. "example.com")`;
  }
  return undefined;
};

export const dns1035Label: FormatCheck = (v) => {
  if (v.length > 63) return `must be no more than 63 characters (got ${v.length})`;
  if (!DNS1035_LABEL.test(v)) {
    return `must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit (e.g. "my-name")`;
  }
  return undefined;
};

/** A label or annotation key: an optional DNS subdomain prefix and "/", then a name of at most 63. */
export const qualifiedName: FormatCheck = remembered((v) => {
  const slash = v.lastIndexOf('/');
  const prefix = slash >= 0 ? v.slice(0, slash) : undefined;
  const name = slash >= 0 ? v.slice(slash + 1) : v;
  if (prefix !== undefined) {
    if (prefix.length === 0) return 'prefix part must be non-empty';
    const bad = dns1123Subdomain(prefix);
    if (bad) return `prefix part ${bad}`;
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return `name part must be no more than 63 characters (got ${name.length})`;
  if (!QUALIFIED_NAME_PART.test(name)) {
    return `name part must consist of letters, digits, '-', '_' or '.', and start and end with a letter or digit (e.g. "app.kubernetes.io/name")`;
  }
  return undefined;
});

export const labelValue: FormatCheck = remembered((v) => {
  if (v.length > 63) return `must be no more than 63 characters (got ${v.length})`;
  if (!LABEL_VALUE.test(v)) {
    return `must be empty or consist of letters, digits, '-', '_' or '.', and start and end with a letter or digit`;
  }
  return undefined;
});

/** A named port: at most 15 characters, lowercase letters, digits and '-', at least one letter. */
export const portName: FormatCheck = (v) => {
  if (v.length > 15) return `must be no more than 15 characters (got ${v.length})`;
  if (!IANA_SVC_NAME.test(v)) return `must contain only lowercase letters, digits and '-', starting and ending with a letter or digit`;
  if (v.includes('--')) return `must not contain consecutive '-'`;
  if (!/[a-z]/.test(v)) return 'must contain at least one letter';
  return undefined;
};

export function portNumber(v: number): string | undefined {
  return Number.isInteger(v) && v >= 1 && v <= 65535 ? undefined : `must be a port number from 1 to 65535 (got ${v})`;
}
