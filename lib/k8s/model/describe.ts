// Plain words for what a shape accepts, used where a message must name the alternatives.

import type { Shape } from './ir.js';

export function describe(shape: Shape): string {
  switch (shape.type) {
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'int-or-string':
      return 'an integer or a string';
    case 'quantity':
      return 'a quantity';
    case 'array':
      return `a list of ${describe(shape.items).replace(/^an? /, '')}s`;
    case 'union':
      return shape.options.map(describe).join(' or ');
    case 'any':
      return 'any value';
    default:
      return 'an object';
  }
}
