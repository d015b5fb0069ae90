// The one traversal from IR to a schema. A backend supplies the algebra (model/builders.ts):
// zod schemas or fast checks built at run time (build.ts), or code text that builds them
// (scripts/gen/emit-schemas.ts). What a field accepts (required, null, enums, formats, list
// keys, loose status) is decided here, once.

import { describe } from './describe.js';
import type { Definition, Property, Shape } from './ir.js';

export type Primitive = 'string' | 'boolean' | 'number' | 'int32' | 'int64' | 'byte' | 'dateTime' | 'intOrString' | 'quantity' | 'any' | 'freeObject';

/** One method per builder of model/builders.ts, plus references to other definitions. */
export interface SchemaAlgebra<T> {
  primitive(name: Primitive): T;
  oneOf(values: readonly string[]): T;
  object(properties: readonly (readonly [string, T])[]): T;
  optional(schema: T): T;
  array(items: T): T;
  listMap(items: T, field: string, keys: readonly string[], defaults?: Readonly<Record<string, string | number>>): T;
  listSet(items: T, field: string): T;
  map(values: T): T;
  union(options: readonly T[], text: string): T;
  ref(target: string, lazy: boolean): T;
}

export function lowerDefinition<T>(d: Definition, alg: SchemaAlgebra<T>): T {
  if (!d.properties) return lowerShape(d.alias!, '', alg);
  return alg.object(d.properties.map((p) => [p.name, lowerProperty(p, alg)] as const));
}

function lowerProperty<T>(p: Property, alg: SchemaAlgebra<T>): T {
  const schema = p.loose ? alg.primitive('freeObject') : lowerShape(p.shape, p.name, alg);
  return p.required ? schema : alg.optional(schema);
}

/** `field` names the property for list-duplicate messages. */
export function lowerShape<T>(shape: Shape, field: string, alg: SchemaAlgebra<T>): T {
  switch (shape.type) {
    case 'string':
      if (shape.enum) return alg.oneOf(shape.enum);
      if (shape.format === 'byte') return alg.primitive('byte');
      if (shape.format === 'date-time') return alg.primitive('dateTime');
      return alg.primitive('string');
    case 'integer':
      return alg.primitive(shape.format);
    case 'number':
    case 'boolean':
    case 'any':
      return alg.primitive(shape.type);
    case 'int-or-string':
      return alg.primitive('intOrString');
    case 'quantity':
      return alg.primitive('quantity');
    case 'free-object':
      return alg.primitive('freeObject');
    case 'ref':
      return alg.ref(shape.target, shape.lazy === true);
    case 'array': {
      const items = lowerShape(shape.items, field, alg);
      const list = shape.list;
      if (list?.type === 'map' && list.keys && list.keys.length > 0) return alg.listMap(items, field, list.keys, list.keyDefaults);
      if (list?.type === 'set') return alg.listSet(items, field);
      return alg.array(items);
    }
    case 'map':
      return alg.map(lowerShape(shape.values, field, alg));
    case 'union':
      return alg.union(
        shape.options.map((o) => lowerShape(o, field, alg)),
        describe(shape),
      );
  }
}
