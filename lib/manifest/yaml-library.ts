import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let library: typeof Yaml | undefined;

/**
 * The `yaml` library, loaded on first use: only the reference parser needs it (the fast parser
 * reads nearly every manifest alone), and loading it costs ~50–90 ms of every command's start.
 * Node resolves `yaml` to its CommonJS build either way, so require gives the same module.
 */
export function yamlLibrary(): typeof Yaml {
  return (library ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}
