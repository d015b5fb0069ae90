// @ts-check
// A module resolution hook for app files: `import ... from 'lading'` gets the very modules that load
// the apps (the CLI's build or bundle, or lading's sources under tsx), so constructs and the
// synthesizer share one class each.
let index = '';

/** @param {{ index: string }} data */
export function initialize(data) {
  index = data.index;
}

/** @type {(specifier: string, context: unknown, next: Function) => Promise<unknown>} */
export async function resolve(specifier, context, next) {
  // Through the rest of the chain: under tsx, lib/index.js is found as lib/index.ts.
  if (specifier === 'lading') return next(index, context);
  return next(specifier, context);
}
