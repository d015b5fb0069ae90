import { isRecord, type KubeObject } from '../manifest/object.js';
import { SECRET_SOURCES_ANNOTATION, secretSources } from '../validate/wiring/secret-keys.js';

/**
 * Reads one key's value from its source (env, file, dotenv, literal); throws a message naming
 * both. A Buffer is taken byte for byte (binary files); a string is encoded as UTF-8.
 */
export type SourceReader = (key: string, source: Record<string, unknown>) => string | Buffer;

export interface SecretInput {
  readonly object: KubeObject;
  /**
   * Full sources from the app's code (literal values included); dist/ only has descriptors.
   * Only these are read: a source named solely by the object's `lading.dev/secret-sources`
   * annotation (from `-f` input or a history record, which anyone who can write them controls)
   * is never read unless the user trusted it (`--trust-secret-sources` copies it here).
   */
  readonly sources?: Readonly<Record<string, unknown>>;
  /** Where the object came from, for messages. */
  readonly where?: string;
}

export interface SecretResolution {
  readonly objects: KubeObject[];
  /** One line per missing value: the Secret, the key and the source. */
  readonly errors: string[];
}

function needsValues(o: KubeObject): boolean {
  return o.kind === 'Secret' && o.apiVersion === 'v1' && o.metadata?.annotations?.[SECRET_SOURCES_ANNOTATION] !== undefined;
}

/**
 * Gives each declared Secret its values, read from their sources just before planning (never
 * at synth: dist/ holds only the shape). Keys that already have a value are left alone. Pure
 * over `read`; every missing or untrusted source is reported, not just the first.
 */
export function resolveSecretValues(inputs: readonly SecretInput[], read: SourceReader): SecretResolution {
  const errors: string[] = [];
  const objects = inputs.map(({ object, sources, where }) => {
    if (!needsValues(object)) return object;
    const declared = secretSources(object);
    const data: Record<string, string> = isRecord(object.data) ? { ...(object.data as Record<string, string>) } : {};
    for (const key of Object.keys(declared).sort()) {
      if (key in data) continue;
      const source = sources?.[key] as Record<string, unknown> | undefined;
      if (!source) {
        errors.push(
          `${where ? `${where} ` : ''}secret/${object.metadata?.name}: key "${key}": its source is named only by the ${SECRET_SOURCES_ANNOTATION} annotation of the input, which lading does not trust by default: apply from the app definitions, give the value in the input, or pass --trust-secret-sources if you trust whoever can write this input`,
        );
        continue;
      }
      try {
        const value = read(key, source);
        data[key] = (typeof value === 'string' ? Buffer.from(value, 'utf8') : value).toString('base64');
      } catch (e) {
        errors.push(`${where ? `${where} ` : ''}secret/${object.metadata?.name}: ${(e as Error).message}`);
      }
    }
    return { ...object, data };
  });
  return { objects, errors };
}
