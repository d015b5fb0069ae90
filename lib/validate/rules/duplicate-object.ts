import type { RuleIssue, SetRule } from '../rule.js';
import { displayName, objectKey } from '../../manifest/object.js';

export const duplicateObject: SetRule = {
  id: 'duplicate-object',
  description: 'the same object (group, kind, namespace, name) appears only once in one input',
  *checkSet(objects): Iterable<RuleIssue & { index: number }> {
    const first = new Map<string, number>();
    for (const [index, o] of objects.entries()) {
      if (!o.metadata?.name) continue;
      const key = objectKey(o);
      const seen = first.get(key);
      if (seen === undefined) first.set(key, index);
      else {
        const ns = o.metadata.namespace ? ` in namespace ${o.metadata.namespace}` : '';
        yield {
          index,
          path: ['metadata', 'name'],
          message: `${displayName(o)}${ns} is defined twice (first as object #${seen + 1}): each object may appear only once`,
        };
      }
    }
  },
};
