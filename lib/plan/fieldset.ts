import { isRecord } from '../manifest/object.js';

/**
 * Server-side apply's record of who owns which fields (managedFields[].fieldsV1): nested maps
 * whose keys are `f:<field>`, `k:<json key of a list item>`, `v:<json value of a set item>`,
 * `i:<index>`, and `.` (the map or item itself).
 */
export type FieldSet = { readonly [key: string]: FieldSet };

export interface ManagedFieldsEntry {
  readonly manager?: string;
  readonly operation?: string;
  readonly subresource?: string;
  readonly fieldsType?: string;
  readonly fieldsV1?: FieldSet;
  readonly time?: string;
}

export function managedFields(object: unknown): ManagedFieldsEntry[] {
  const entries = isRecord(object) && isRecord(object.metadata) ? object.metadata.managedFields : undefined;
  return Array.isArray(entries) ? (entries as ManagedFieldsEntry[]) : [];
}

/** The fields one manager owns through apply (or any operation when `operation` is undefined). */
export function fieldsOf(object: unknown, manager: string, operation: string | undefined = 'Apply'): FieldSet | undefined {
  const entry = managedFields(object).find((e) => e.manager === manager && (operation === undefined || e.operation === operation) && !e.subresource);
  return entry?.fieldsV1;
}

export function union(a: FieldSet | undefined, b: FieldSet | undefined): FieldSet {
  if (!a) return b ?? {};
  if (!b) return a;
  const out: Record<string, FieldSet> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in a ? union(a[k], v) : v;
  return out;
}

function isLeaf(fs: FieldSet): boolean {
  for (const k in fs) if (k !== '.') return false;
  return true;
}

/** True when a list item matches a `k:{...}` key (every key field equal). */
export function matchesKey(item: unknown, key: Record<string, unknown>): boolean {
  if (!isRecord(item)) return false;
  for (const k in key) if (!jsonEqual(item[k], key[k])) return false;
  return true;
}

/** The part of `value` covered by `fs`: the fields a manager owns, with their current values. */
export function pick(value: unknown, fs: FieldSet): unknown {
  if (isLeaf(fs)) return value;
  if (Array.isArray(value)) return pickList(value, fs);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  // for...in over a parsed JSON object: its own keys in the same order, without an entries array per node.
  for (const key in fs) {
    if (!key.startsWith('f:')) continue;
    const name = key.slice(2);
    if (name in value) out[name] = pick(value[name], fs[key]!);
  }
  return out;
}

function pickList(list: readonly unknown[], fs: FieldSet): unknown[] {
  const out: unknown[] = [];
  const entries = Object.entries(fs);
  list.forEach((item, index) => {
    for (const [key, child] of entries) {
      if (itemMatches(item, index, key)) {
        out.push(key.startsWith('v:') ? item : pick(item, child));
        return;
      }
    }
  });
  return out;
}

/**
 * jsonEqual(pick(value, fs), wanted), without building the picked copy: a no-op plan asks it of
 * every live object.
 */
export function ownedEqual(value: unknown, fs: FieldSet, wanted: unknown): boolean {
  if (isLeaf(fs)) return jsonEqual(value, wanted);
  if (Array.isArray(value)) return Array.isArray(wanted) && ownedListEqual(value, fs, wanted);
  if (!isRecord(value)) return jsonEqual(value, wanted);
  if (typeof wanted !== 'object' || wanted === null || Array.isArray(wanted)) return false;
  const want = wanted as Record<string, unknown>;
  let picked = 0;
  for (const key in fs) {
    if (!key.startsWith('f:')) continue;
    const name = key.slice(2);
    // Own fields only: a field set names fields, never what objects inherit (`f:constructor`).
    const owned = Object.hasOwn(value, name) ? value[name] : undefined;
    if (owned === undefined) continue;
    picked++;
    if (!ownedEqual(owned, fs[key]!, want[name])) return false;
  }
  // As jsonEqual: keys whose value is undefined are absent.
  for (const k in want) if (want[k] !== undefined) picked--;
  return picked === 0;
}

function ownedListEqual(list: readonly unknown[], fs: FieldSet, wanted: readonly unknown[]): boolean {
  let next = 0;
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    for (const key in fs) {
      if (!itemMatches(item, index, key)) continue;
      if (next >= wanted.length) return false;
      const w = wanted[next++];
      if (!(key.startsWith('v:') ? jsonEqual(item, w) : ownedEqual(item, fs[key]!, w))) return false;
      break;
    }
  }
  return next === wanted.length;
}

// The JSON of `k:` and `v:` keys, parsed once per key: the same few keys (a container's name,
// a port) recur in every object of a kind, and parsing them per item dominated a no-op plan.
const parsedKeys = new Map<string, unknown>();
function parsedKey(key: string): unknown {
  let v = parsedKeys.get(key);
  if (v === undefined) {
    if (parsedKeys.size >= 50_000) parsedKeys.clear();
    v = JSON.parse(key.slice(2)) as unknown;
    parsedKeys.set(key, v);
  }
  return v;
}

function itemMatches(item: unknown, index: number, key: string): boolean {
  if (key.startsWith('k:')) return matchesKey(item, parsedKey(key) as Record<string, unknown>);
  if (key.startsWith('v:')) return jsonEqual(item, parsedKey(key));
  if (key.startsWith('i:')) return Number(key.slice(2)) === index;
  return false;
}

/** Deep equality of JSON-like values (key order does not matter, list order does). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const k in ra) {
    if (ra[k] === undefined) continue;
    count++;
    if (!(k in rb) || !jsonEqual(ra[k], rb[k])) return false;
  }
  for (const k in rb) if (rb[k] !== undefined) count--;
  return count === 0;
}

/** Every owned leaf of a field set as a readable path, e.g. spec.template.spec.containers[name=web].env[name=DEBUG]. */
export function leafPaths(fs: FieldSet, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, child] of Object.entries(fs)) {
    if (key === '.') continue;
    const path = prefix + segment(key, prefix === '');
    if (isLeaf(child)) out.push(path);
    else out.push(...leafPaths(child, path));
  }
  return out;
}

function segment(key: string, first: boolean): string {
  if (key.startsWith('f:')) {
    const name = key.slice(2);
    return /^[A-Za-z_$][\w$-]*$/.test(name) ? (first ? name : `.${name}`) : `[${JSON.stringify(name)}]`;
  }
  if (key.startsWith('k:')) {
    const fields = JSON.parse(key.slice(2)) as Record<string, unknown>;
    return `[${Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(',')}]`;
  }
  if (key.startsWith('v:')) return `[${key.slice(2)}]`;
  if (key.startsWith('i:')) return `[${key.slice(2)}]`;
  return `.${key}`;
}

/** The fields of `a` that are not in `b` (leaves only). */
export function subtract(a: FieldSet, b: FieldSet | undefined): FieldSet {
  if (!b) return a;
  const out: Record<string, FieldSet> = {};
  for (const [k, v] of Object.entries(a)) {
    if (k === '.') continue;
    if (!(k in b)) out[k] = v;
    else if (!isLeaf(v)) {
      const rest = subtract(v, b[k]);
      if (Object.keys(rest).length) out[k] = rest;
    }
  }
  return out;
}
