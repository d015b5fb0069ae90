import type { KubeObject } from '../manifest/object.js';

/** How the API server serves one kind: its resource (URL segment) and scope. */
export interface ResourceInfo {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly resource: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

export interface ApplyOptions {
  /** Ask the server what it would do, write nothing (dryRun=All). */
  readonly dryRun?: boolean;
  /** Take ownership of fields other managers own (--force-conflicts). */
  readonly force?: boolean;
  readonly fieldManager?: string;
}

export interface ListOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** One page of at most this many items (else every page). */
  readonly limit?: number;
  /** Metadata only (PartialObjectMetadata): labels and names without the objects' data. */
  readonly metadataOnly?: boolean;
}

export interface DeleteOptions {
  readonly propagationPolicy: 'Background' | 'Foreground';
  /** The server deletes only this very object (uid) in this very version (resourceVersion). */
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
}

/** What a DELETE did: 'conflict' is a failed precondition (HTTP 409). */
export type DeleteOutcome = 'deleted' | 'not-found' | 'conflict';

export interface RequestLimits {
  /** No request runs past this time (ms since the epoch). */
  readonly deadline?: number;
  /** Aborted: no new request is sent. */
  readonly signal?: AbortSignal;
}

/**
 * What the engine (observe, plan, execute, wait, history) asks of a cluster: reads, writes and
 * discovery, nothing else. lib/cluster/ implements it over HTTP; unit tests replay recordings.
 * A failed request throws an ApiError (lib/core/api-error.ts) with the server's status.
 */
export interface ClusterApi {
  /** The resource serving `apiVersion`/`kind`, or undefined when the server does not serve it. */
  lookup(apiVersion: string, kind: string): Promise<ResourceInfo | undefined>;
  /** Every resource the server serves. */
  resources(): Promise<ResourceInfo[]>;
  /** Forgets discovery (after CRDs were created). */
  refreshDiscovery(): void;
  /** The live object, or undefined when it does not exist. */
  get(info: ResourceInfo, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  /** Objects of a resource (in a namespace, or all), with apiVersion and kind set. */
  list(info: ResourceInfo, namespace: string | undefined, options?: ListOptions): Promise<KubeObject[]>;
  /** How many objects of a resource, with one small request. */
  count(info: ResourceInfo, namespace: string | undefined): Promise<number>;
  /** Server-side apply; returns the object as the server has (or would have) it. */
  apply(info: ResourceInfo, object: KubeObject, options?: ApplyOptions): Promise<KubeObject>;
  /** A JSON patch (RFC 6902) of one object. */
  patch(info: ResourceInfo, namespace: string | undefined, name: string, operations: readonly unknown[]): Promise<KubeObject>;
  delete(info: ResourceInfo, namespace: string | undefined, name: string, options: DeleteOptions): Promise<DeleteOutcome>;
  /** The same cluster whose requests also stop at these limits. */
  scoped(limits: RequestLimits): ClusterApi;
}
