import type { ObjectRule, RuleIssue } from '../rule.js';
import { dns1035Label, dns1123Label, dns1123Subdomain, type FormatCheck } from '../formats.js';

// RBAC objects accept any name usable as a URL path segment.
const pathSegment: FormatCheck = (v) => (v === '.' || v === '..' || /[/%]/.test(v) ? `must not be "." or ".." and must not contain '/' or '%'` : undefined);

/** The name format the API server requires, per kind (a table users may extend). */
export const NAME_FORMATS: Record<string, { check: FormatCheck; maxLength?: number }> = {
  Namespace: { check: dns1123Label },
  Service: { check: dns1035Label },
  Role: { check: pathSegment },
  ClusterRole: { check: pathSegment },
  RoleBinding: { check: pathSegment },
  ClusterRoleBinding: { check: pathSegment },
  // A Job's name becomes a label value; a CronJob's gets 11 characters appended for its Jobs.
  Job: { check: dns1123Subdomain, maxLength: 63 },
  CronJob: { check: dns1123Subdomain, maxLength: 52 },
};

export const objectName: ObjectRule = {
  id: 'object-name',
  description: 'metadata.name is present and has the format the API server requires for the kind',
  *check(o): Iterable<RuleIssue> {
    const meta = o.metadata;
    const name = meta?.name;
    if (name === undefined) {
      if (meta?.generateName === undefined) {
        yield { path: ['metadata', 'name'], message: 'required: every object needs a name' };
      }
    } else if (typeof name === 'string') {
      const format = NAME_FORMATS[o.kind] ?? { check: dns1123Subdomain };
      const bad = format.check(name);
      if (bad) yield { path: ['metadata', 'name'], message: `invalid name "${name}": ${bad}` };
      else if (format.maxLength !== undefined && name.length > format.maxLength) {
        yield {
          path: ['metadata', 'name'],
          message: `invalid name "${name}": must be no more than ${format.maxLength} characters for a ${o.kind} (got ${name.length})`,
        };
      }
    }
    const ns = meta?.namespace;
    if (typeof ns === 'string') {
      const bad = dns1123Label(ns);
      if (bad) yield { path: ['metadata', 'namespace'], message: `invalid namespace "${ns}": ${bad}` };
    }
  },
};
