// The small intermediate representation of the Kubernetes model. One normalisation
// (normalize.ts) produces it from OpenAPI; every backend (TypeScript types, zod code text,
// runtime zod objects, field tables) reads only this.

/** The shape of a value. */
export type Shape =
  | { readonly type: 'string'; readonly format?: 'byte' | 'date-time'; readonly enum?: readonly string[] }
  | { readonly type: 'integer'; readonly format: 'int32' | 'int64' }
  | { readonly type: 'number' }
  | { readonly type: 'boolean' }
  | { readonly type: 'int-or-string' }
  | { readonly type: 'quantity' }
  /** Any JSON value. */
  | { readonly type: 'any' }
  /** Any object (RawExtension, FieldsV1, a kind's status). */
  | { readonly type: 'free-object' }
  /** Another definition; `lazy` is set by order.ts when the target is not built yet. */
  | { readonly type: 'ref'; readonly target: string; readonly lazy?: boolean }
  | { readonly type: 'array'; readonly items: Shape; readonly list?: ListSemantics }
  /** An object with arbitrary string keys (`additionalProperties`). */
  | { readonly type: 'map'; readonly values: Shape }
  | { readonly type: 'union'; readonly options: readonly Shape[] };

/** How the API server merges and checks a list (x-kubernetes-list-type and friends). */
export interface ListSemantics {
  readonly type: 'atomic' | 'set' | 'map';
  /** For `map` lists: the fields that identify an item. */
  readonly keys?: readonly string[];
  /** Defaults the API server applies to key fields before comparing (protocol: TCP). */
  readonly keyDefaults?: Readonly<Record<string, string | number>>;
  /** Strategic-merge-patch key and strategy (x-kubernetes-patch-merge-key / -strategy). */
  readonly mergeKey?: string;
  readonly patchStrategy?: string;
}

export interface Property {
  readonly name: string;
  readonly shape: Shape;
  readonly required: boolean;
  readonly description?: string;
  /** Validate as any object (a top-level kind's status, which users do not write). */
  readonly loose?: boolean;
}

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export interface Definition {
  /** The OpenAPI definition name, e.g. io.k8s.api.apps.v1.Deployment. */
  readonly id: string;
  /** The TypeScript name, e.g. Deployment or HorizontalPodAutoscalerV1 (naming.ts). */
  readonly name: string;
  readonly description?: string;
  readonly gvk: readonly GroupVersionKind[];
  /** An object with these properties, or (when absent) an alias of `alias`. */
  readonly properties?: readonly Property[];
  readonly alias?: Shape;
}

export interface Model {
  /** Kubernetes minor version, e.g. "1.36". */
  readonly version: string;
  /** In dependency order once order.ts has run: a definition follows those it refers to eagerly. */
  readonly definitions: readonly Definition[];
}
