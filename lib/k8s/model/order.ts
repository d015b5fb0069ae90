// Dependency order for building schemas: each definition comes after the definitions it refers
// to, and a reference that closes a cycle (JSONSchemaProps -> JSONSchemaProps) is marked lazy.
// Both schema backends follow this order, so a lazy reference is where both use z.lazy.

import type { Definition, Model, Shape } from './ir.js';

export function order(model: Model): Model {
  const byId = new Map(model.definitions.map((d) => [d.id, d]));
  const state = new Map<string, 'visiting' | 'done'>();
  const out: Definition[] = [];

  const visitShape = (shape: Shape): Shape => {
    switch (shape.type) {
      case 'ref': {
        if (!byId.has(shape.target)) throw new Error(`order: reference to unknown definition ${shape.target}`);
        if (state.get(shape.target) === 'visiting') return { type: 'ref', target: shape.target, lazy: true };
        visit(shape.target);
        return { type: 'ref', target: shape.target };
      }
      case 'array':
        return { ...shape, items: visitShape(shape.items) };
      case 'map':
        return { ...shape, values: visitShape(shape.values) };
      case 'union':
        return { ...shape, options: shape.options.map(visitShape) };
      default:
        return shape;
    }
  };

  const visit = (id: string): void => {
    if (state.has(id)) return;
    state.set(id, 'visiting');
    const d = byId.get(id)!;
    const next: Definition = d.properties
      ? { ...d, properties: d.properties.map((p) => ({ ...p, shape: visitShape(p.shape) })) }
      : { ...d, alias: visitShape(d.alias!) };
    state.set(id, 'done');
    out.push(next);
  };

  for (const d of model.definitions) visit(d.id);
  return { version: model.version, definitions: out };
}
