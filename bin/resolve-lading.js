// @ts-check
// A module resolution hook for app files loaded by the CLI: `import ... from 'lading'` gets the
// very modules the CLI runs (its bundle), so constructs and the synthesizer share one class each.
let index = '';

/** @param {{ index: string }} data */
export function initialize(data) {
  index = data.index;
}

/** @type {(specifier: string, context: unknown, next: Function) => Promise<unknown>} */
export async function resolve(specifier, context, next) {
  if (specifier === 'lading') return { url: index, shortCircuit: true, format: 'module' };
  return next(specifier, context);
}
