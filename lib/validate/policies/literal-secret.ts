import { SECRET_SOURCES_ANNOTATION, secretSources } from '../wiring/secret-keys.js';
import type { Policy } from './policy.js';

export const literalSecretPolicy: Policy = {
  id: 'literal-secret',
  description: 'Secret values do not come from literals in the source code (meant for tests)',
  severity: 'warning',
  kinds: ['Secret'],
  *check(o) {
    for (const [key, source] of Object.entries(secretSources(o))) {
      if (source.literal === true)
        yield {
          path: ['metadata', 'annotations', SECRET_SOURCES_ANNOTATION],
          message: `key "${key}" has a literal value in the source code: use fromEnv, fromFile or fromDotenv outside tests`,
        };
    }
  },
};
