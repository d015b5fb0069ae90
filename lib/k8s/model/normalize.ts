// The one normalisation: OpenAPI definitions (+ an overlay of enums and key defaults) -> IR.

import type { Definition, GroupVersionKind, ListSemantics, Model, Property, Shape } from './ir.js';
import { assignNames, parseDefinitionId } from './naming.js';
import type { OpenApiDocument, OpenApiSchema } from './openapi.js';
import { order } from './order.js';
import { type Overlay, TABLE_OVERLAY } from './overlay.js';
import { EMPTY_OBJECTS, SPECIAL_DEFINITIONS } from './special.js';

const REF_PREFIX = '#/definitions/';

export function normalize(version: string, doc: OpenApiDocument, overlay: Overlay = TABLE_OVERLAY): Model {
  const ids = Object.keys(doc.definitions).sort();
  const names = assignNames(ids.map((id) => parseDefinitionId(id, gvkOf(doc.definitions[id]).length > 0)));
  const definitions = ids.map((id) => normalizeDefinition(id, names.get(id)!, doc, overlay));
  return order({ version, definitions: withEmbeddedVariants(definitions, doc) });
}

/** The id of the variant of a kind's definition used where the kind is embedded in another object. */
export const embeddedId = (id: string): string => `${id}#embedded`;

// A kind's apiVersion and kind are literals only a whole object must write.
const TYPE_META = new Set(['apiVersion', 'kind']);

const isListKind = (schema: OpenApiSchema): boolean => schema.properties?.metadata?.$ref === `${REF_PREFIX}io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta`;

/**
 * An object embedded in another (a StatefulSet's volumeClaimTemplates, any field the OpenAPI marks
 * x-kubernetes-embedded-resource) need not write apiVersion and kind: such a field refers to a
 * variant of the kind's definition where they are optional (EmbeddedPersistentVolumeClaim).
 * A list's items are not embedded objects: validation expands lists into their items.
 */
function withEmbeddedVariants(definitions: readonly Definition[], doc: OpenApiDocument): Definition[] {
  const byId = new Map(definitions.map((d) => [d.id, d]));
  const hasTypeMeta = (id: string) => byId.get(id)?.properties?.some((p) => TYPE_META.has(p.name) && p.required) === true;
  const variants = new Map<string, Definition>();
  const embed = (shape: Shape, marked: boolean, kindRef: boolean): Shape => {
    switch (shape.type) {
      case 'ref': {
        if (!(marked || kindRef) || !hasTypeMeta(shape.target)) return shape;
        const target = byId.get(shape.target)!;
        if (!variants.has(target.id)) {
          variants.set(target.id, {
            id: embeddedId(target.id),
            name: `Embedded${target.name}`,
            description: `${target.name} as embedded in another object: apiVersion and kind may be left out (the API server ignores them).`,
            gvk: [],
            // The API server ignores an embedded object's apiVersion and kind (any string is accepted).
            properties: target.properties!.map((p) => (TYPE_META.has(p.name) ? { ...p, shape: { type: 'string' }, required: false } : p)),
          });
        }
        return { type: 'ref', target: embeddedId(target.id) };
      }
      case 'array':
        return { ...shape, items: embed(shape.items, marked, kindRef) };
      case 'map':
        return { ...shape, values: embed(shape.values, marked, kindRef) };
      default:
        return shape;
    }
  };
  const out = definitions.map((d) => {
    const schema = doc.definitions[d.id];
    if (!d.properties || !schema || isListKind(schema)) return d;
    const properties = d.properties.map((p) => {
      const s = schema.properties?.[p.name];
      const marked = s?.['x-kubernetes-embedded-resource'] === true || s?.items?.['x-kubernetes-embedded-resource'] === true;
      const refTo = s?.$ref ?? s?.items?.$ref ?? (typeof s?.additionalProperties === 'object' ? s.additionalProperties.$ref : undefined);
      const kindRef = refTo !== undefined && gvkOf(doc.definitions[refTarget(refTo)] ?? {}).length === 1;
      return marked || kindRef ? { ...p, shape: embed(p.shape, marked, kindRef) } : p;
    });
    return { ...d, properties };
  });
  return [...out, ...variants.values()];
}

function gvkOf(schema: OpenApiSchema): readonly GroupVersionKind[] {
  return (schema['x-kubernetes-group-version-kind'] ?? []).map(({ group, version, kind }) => ({ group, version, kind }));
}

function normalizeDefinition(id: string, name: string, doc: OpenApiDocument, overlay: Overlay): Definition {
  const schema = doc.definitions[id];
  const gvk = gvkOf(schema);
  const base = { id, name, gvk, ...(schema.description ? { description: schema.description } : {}) };
  const special = SPECIAL_DEFINITIONS[id];
  if (special) return { ...base, alias: special };
  if (EMPTY_OBJECTS.has(id)) return { ...base, properties: [] };
  if (!schema.properties) return { ...base, alias: shapeOf(schema, doc, overlay, id, '') };

  const required = new Set(schema.required ?? []);
  const single = gvk.length === 1 ? gvk[0] : undefined;
  const properties = Object.entries(schema.properties).map(([prop, s]): Property => {
    const description = s.description ? { description: s.description } : {};
    // A kind's apiVersion and kind are fixed literals and always written.
    if (single && prop === 'apiVersion') {
      const apiVersion = single.group ? `${single.group}/${single.version}` : single.version;
      return { name: prop, shape: { type: 'string', enum: [apiVersion] }, required: true, ...description };
    }
    if (single && prop === 'kind') {
      return { name: prop, shape: { type: 'string', enum: [single.kind] }, required: true, ...description };
    }
    const shape = shapeOf(s, doc, overlay, id, prop);
    const loose = gvk.length > 0 && prop === 'status' ? { loose: true } : {};
    return { name: prop, shape, required: required.has(prop), ...description, ...loose };
  });
  return { ...base, properties };
}

function refTarget(ref: string): string {
  if (!ref.startsWith(REF_PREFIX)) throw new Error(`normalize: unsupported $ref ${ref}`);
  return ref.slice(REF_PREFIX.length);
}

function isIntOrString(s: OpenApiSchema): boolean {
  if (s['x-kubernetes-int-or-string'] || s.format === 'int-or-string') return true;
  const types = (s.oneOf ?? []).map((o) => o.type).sort();
  return types.length === 2 && types[0] === 'integer' && types[1] === 'string';
}

/** The shape of a schema found at `definition`.`property` ('' for the definition itself). */
function shapeOf(s: OpenApiSchema, doc: OpenApiDocument, overlay: Overlay, definition: string, property: string): Shape {
  if (s.$ref) return { type: 'ref', target: refTarget(s.$ref) };
  if (isIntOrString(s)) return { type: 'int-or-string' };
  if (s.oneOf) return { type: 'union', options: s.oneOf.map((o) => shapeOf(o, doc, overlay, definition, property)) };
  switch (s.type) {
    case 'string': {
      const values = s.enum?.map(String) ?? (property ? overlay.enumOf(definition, property) : undefined);
      const format = s.format === 'byte' || s.format === 'date-time' ? { format: s.format as 'byte' | 'date-time' } : {};
      return { type: 'string', ...format, ...(values ? { enum: values } : {}) };
    }
    case 'integer':
      return { type: 'integer', format: s.format === 'int32' ? 'int32' : 'int64' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'array': {
      if (!s.items) throw new Error(`normalize: ${definition}.${property} is an array without items`);
      const items = shapeOf(s.items, doc, overlay, definition, property);
      const list = listSemantics(s, items, overlay);
      return { type: 'array', items, ...(list ? { list } : {}) };
    }
    case 'object':
    case undefined: {
      if (s.properties) throw new Error(`normalize: ${definition}.${property} has an inline object`);
      const ap = s.additionalProperties;
      if (ap && typeof ap === 'object') return { type: 'map', values: shapeOf(ap, doc, overlay, definition, property) };
      return s.type === 'object' || ap === true || s['x-kubernetes-preserve-unknown-fields'] ? { type: 'free-object' } : { type: 'any' };
    }
    default:
      throw new Error(`normalize: ${definition}.${property} has unsupported type ${s.type}`);
  }
}

function listSemantics(s: OpenApiSchema, items: Shape, overlay: Overlay): ListSemantics | undefined {
  const type = s['x-kubernetes-list-type'];
  const mergeKey = s['x-kubernetes-patch-merge-key'];
  const patchStrategy = s['x-kubernetes-patch-strategy'];
  if (!type && !mergeKey && !patchStrategy) return undefined;
  const keys = type === 'map' ? (s['x-kubernetes-list-map-keys'] ?? []) : undefined;
  let keyDefaults: Record<string, string | number> | undefined;
  if (keys && items.type === 'ref') {
    for (const key of keys) {
      const value = overlay.defaultOf(items.target, key);
      if (value !== undefined) (keyDefaults ??= {})[key] = value;
    }
  }
  return {
    type: type ?? 'atomic',
    ...(keys ? { keys: [...keys] } : {}),
    ...(keyDefaults ? { keyDefaults } : {}),
    ...(mergeKey ? { mergeKey } : {}),
    ...(patchStrategy ? { patchStrategy } : {}),
  };
}
