// The committed data tables must name things that exist in the pinned version.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEY_DEFAULTS } from '../../../lib/k8s/defaults.js';
import { FIELD_ENUMS } from '../../../lib/k8s/enums.js';
import { KINDS } from '../../../lib/k8s/generated/catalog.js';
import { loadOpenApi } from '../../../lib/k8s/model/load-openapi.js';
import type { OpenApiSchema } from '../../../lib/k8s/model/openapi.js';
import { CLUSTER_SCOPED_KINDS } from '../../../lib/k8s/scope.js';

const doc = await loadOpenApi('1.36');

describe('data tables', () => {
  it('enums name existing string fields (or lists of strings)', () => {
    for (const [definition, fields] of Object.entries(FIELD_ENUMS)) {
      const props = doc.definitions[definition]?.properties;
      assert.ok(props, `no definition ${definition}`);
      for (const [field, values] of Object.entries(fields)) {
        const s: OpenApiSchema | undefined = props[field];
        assert.ok(s, `no field ${definition}.${field}`);
        const type: string | undefined = s.type === 'array' ? s.items?.type : s.type;
        assert.equal(type, 'string', `${definition}.${field} is not a string`);
        assert.equal(new Set(values).size, values.length, `${definition}.${field} repeats a value`);
      }
    }
  });

  it('key defaults name existing fields', () => {
    for (const [definition, fields] of Object.entries(KEY_DEFAULTS)) {
      for (const field of Object.keys(fields)) assert.ok(doc.definitions[definition]?.properties?.[field], `${definition}.${field}`);
    }
  });

  it('cluster-scoped kinds exist', () => {
    const kinds = new Set(KINDS.map(([group, , kind]) => `${group}/${kind}`));
    for (const k of CLUSTER_SCOPED_KINDS) assert.ok(kinds.has(k), k);
  });
});
