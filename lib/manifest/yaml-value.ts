/**
 * The JSON value of a document composed by the `yaml` library (failsafe schema: every scalar
 * a string), decoded as kubectl decodes it: go-yaml v2 then sigs.k8s.io/yaml's YAML-to-JSON.
 * Plain scalars and keys follow kubectl-scalars.ts, `<<` merges as go-yaml v2 merges, and the
 * inputs kubectl refuses are errors here too, never exceptions: an alias to an unknown anchor,
 * excessive aliasing (an alias bomb), a null or collection key, `.inf`/`.nan`.
 */
import type { Document, Node, Scalar, YAMLMap } from 'yaml';
import { yamlLibrary } from './yaml-library.js';
import { jsonKeyOf, resolvePlainScalar, type Resolved } from './kubectl-scalars.js';

/**
 * Deepest nesting of collections read. kubectl stops at 10,000; the `yaml` library's recursive
 * composer overflows the stack near 800, so lading stops well before (no manifest comes near).
 */
export const MAX_NESTING = 500;
export const TOO_DEEP = `nesting deeper than ${MAX_NESTING} levels (lading reads at most ${MAX_NESTING})`;

export interface ValueProblem {
  /** Offset in the document's text. */
  readonly offset: number;
  readonly message: string;
}

export interface DecodedValue {
  readonly value: unknown;
  /** Empty when the value is usable. */
  readonly problems: ValueProblem[];
}

/** Thrown inside the decoder for a problem after which the value is meaningless. */
class Fatal extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const TAG = 'tag:yaml.org,2002:';

/** Decodes one document; problems (not exceptions) for everything kubectl refuses. */
export function decodeDocument(doc: Document.Parsed): DecodedValue {
  const decoder = new Decoder();
  try {
    const value = decoder.node(doc.contents as Node | null, 0);
    return { value: value ?? null, problems: decoder.problems };
  } catch (e) {
    if (e instanceof Fatal) return { value: null, problems: [...decoder.problems, { offset: e.offset, message: e.message }] };
    throw e;
  }
}

class Decoder {
  readonly problems: ValueProblem[] = [];
  private readonly anchors = new Map<string, Node>();
  /** Collections being decoded: an alias to one of them would never end. */
  private readonly open = new Set<Node>();
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;

  node(n: Node | null, depth: number): unknown {
    if (n === null || n === undefined) return null;
    this.count(n);
    // Anchors are positional: only their first (document-order) reading defines them.
    if (n.anchor && this.aliasDepth === 0) this.anchors.set(n.anchor, n);
    if (yamlLibrary().isAlias(n)) return this.alias(n.source, offsetOf(n), (target) => this.node(target, depth));
    if (yamlLibrary().isScalar(n)) return scalarValue(n);
    if (depth >= MAX_NESTING) {
      throw new Fatal(offsetOf(n), TOO_DEEP);
    }
    this.open.add(n);
    try {
      if (yamlLibrary().isMap(n)) {
        const obj: Record<string, unknown> = {};
        this.mapInto(n, obj, depth + 1, true);
        return obj;
      }
      if (yamlLibrary().isSeq(n)) return n.items.map((item) => this.node(item as Node | null, depth + 1));
    } finally {
      this.open.delete(n);
    }
    throw new Fatal(offsetOf(n), 'unexpected YAML node');
  }

  /** go-yaml v2's alias budget (decode.go allowedAliasRatio): kubectl refuses beyond it. */
  private count(n: Node): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new Fatal(offsetOf(n), 'document contains excessive aliasing (an alias bomb?)');
    }
  }

  private alias<T>(name: string, offset: number, read: (target: Node) => T): T {
    const target = this.anchors.get(name);
    if (!target) throw new Fatal(offset, `unknown anchor '${name}' referenced`);
    if (this.open.has(target)) throw new Fatal(offset, `anchor '${name}' value contains itself`);
    this.aliasDepth++;
    try {
      return read(target);
    } finally {
      this.aliasDepth--;
    }
  }

  /** Sets the pairs of `map` into `obj`; keys written later win, as in go-yaml v2. */
  private mapInto(map: YAMLMap, obj: Record<string, unknown>, depth: number, explicit: boolean): void {
    const seen = explicit ? new Set<string>() : undefined;
    for (const pair of map.items) {
      if (!yamlLibrary().isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      if (isMergeKey(keyNode)) {
        this.count(keyNode);
        this.merge(pair.value as Node | null, obj, depth, offsetOf(keyNode));
        continue;
      }
      const key = this.key(keyNode, pair);
      const value = this.node(pair.value as Node | null, depth);
      if (seen?.has(key)) {
        this.problems.push({ offset: keyNode ? offsetOf(keyNode) : offsetOf(map), message: 'Map keys must be unique' });
      }
      seen?.add(key);
      setKey(obj, key, value);
    }
  }

  /** `<<: map`, `<<: *alias` or `<<: [*a, *b]`: earlier maps of a list win. */
  private merge(value: Node | null, obj: Record<string, unknown>, depth: number, keyOffset: number): void {
    const wantMap = (n: Node | null): never => {
      throw new Fatal(n ? offsetOf(n) : keyOffset, 'map merge requires map or sequence of maps as the value');
    };
    const mergeOne = (n: Node | null): void => {
      if (n === null) wantMap(n);
      this.count(n!);
      if (yamlLibrary().isAlias(n)) {
        this.alias(n.source, offsetOf(n), (target) => {
          if (!yamlLibrary().isMap(target)) wantMap(n);
          this.count(target);
          this.mapInto(target as YAMLMap, obj, depth, false);
        });
      } else if (yamlLibrary().isMap(n)) {
        if (n.anchor && this.aliasDepth === 0) this.anchors.set(n.anchor, n);
        this.mapInto(n, obj, depth, false);
      } else {
        wantMap(n);
      }
    };
    if (yamlLibrary().isSeq(value)) {
      this.count(value);
      if (value.anchor && this.aliasDepth === 0) this.anchors.set(value.anchor, value);
      for (let i = value.items.length - 1; i >= 0; i--) mergeOne(value.items[i] as Node | null);
    } else {
      mergeOne(value);
    }
  }

  private key(keyNode: Node | null, pair: unknown): string {
    let node = keyNode;
    if (node !== null) this.count(node);
    if (node !== null && node.anchor && this.aliasDepth === 0) this.anchors.set(node.anchor, node);
    if (yamlLibrary().isAlias(node)) node = this.alias(node.source, offsetOf(node), (target) => target);
    const at = keyNode ? offsetOf(keyNode) : offsetOf(pair as Node);
    if (node === null || yamlLibrary().isScalar(node)) {
      const r = node === null ? ({ kind: 'null', value: null } as Resolved) : scalarResolved(node);
      const k = jsonKeyOf(r);
      if ('error' in k) throw new Fatal(at, k.error);
      return k.key;
    }
    throw new Fatal(at, 'a map or list cannot be a map key (kubectl: invalid map key)');
  }
}

/** The JSON key a scalar key node becomes (undefined for keys kubectl refuses). */
export function jsonKeyOfScalar(n: Scalar): string | undefined {
  try {
    const k = jsonKeyOf(scalarResolved(n));
    return 'key' in k ? k.key : undefined;
  } catch {
    return undefined;
  }
}

function allowedAliasRatio(decodeCount: number): number {
  const low = 400_000;
  const high = 4_000_000;
  if (decodeCount <= low) return 0.99;
  if (decodeCount >= high) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - low) / (high - low));
}

function isMergeKey(n: Node | null): n is Scalar {
  return yamlLibrary().isScalar(n) && n.type === 'PLAIN' && !n.tag && n.source === '<<';
}

function scalarValue(n: Scalar): unknown {
  const r = scalarResolved(n);
  if (typeof r.value === 'number' && !Number.isFinite(r.value)) {
    throw new Fatal(offsetOf(n), `${String(n.source)}: JSON has no infinity or NaN (kubectl refuses it)`);
  }
  return r.value;
}

/** A scalar as go-yaml resolves it: plain ones by the table, tagged ones checked against their tag. */
function scalarResolved(n: Scalar): Resolved {
  const source = String(n.source ?? '');
  const tag = n.tag;
  if (!tag) return n.type === 'PLAIN' ? resolvePlainScalar(source) : { kind: 'str', value: source };
  if (!tag.startsWith(TAG)) return { kind: 'str', value: source }; // `!`, `!custom`: the text
  const name = tag.slice(TAG.length);
  switch (name) {
    case 'binary':
      return { kind: 'str', value: decodeBase64(source, n) };
    case 'null':
    case 'bool':
    case 'int':
    case 'float': {
      const r = resolvePlainScalar(source);
      if (r.kind === name) return r;
      if (name === 'float' && r.kind === 'int') return { kind: 'float', value: r.value };
      throw new Fatal(offsetOf(n), `cannot decode !!${r.kind} \`${source}\` as a !!${name}`);
    }
    default:
      return { kind: 'str', value: source }; // !!str, !!timestamp (a string for kubectl), others
  }
}

function decodeBase64(source: string, n: Scalar): string {
  const clean = source.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean)) {
    throw new Fatal(offsetOf(n), '!!binary value contains invalid base64 data');
  }
  return Buffer.from(clean, 'base64').toString('utf8');
}

function offsetOf(n: Node): number {
  return n.range?.[0] ?? 0;
}

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  // `__proto__` becomes an own property, never the prototype.
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}
