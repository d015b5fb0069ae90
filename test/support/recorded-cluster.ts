import { readFileSync, writeFileSync } from 'node:fs';
import { ApiError } from '../../lib/core/api-error.js';
import type { ApplyOptions, ClusterApi, DeleteOptions, DeleteOutcome, ListOptions, RequestLimits, ResourceInfo } from '../../lib/core/cluster-api.js';
import type { KubeObject } from '../../lib/manifest/object.js';

/** One call of the ClusterApi as the real control plane answered it. */
export interface RecordedCall {
  readonly call: string;
  readonly args: readonly unknown[];
  /** What it returned (absent: undefined). */
  readonly result?: unknown;
  /** What it threw: an ApiError's fields, or a plain message. */
  readonly error?: { readonly status?: number; readonly reason?: string; readonly message: string; readonly details?: unknown; readonly request?: string };
}

export interface Recording {
  /** What the recording shows, in a sentence. */
  readonly scenario: string;
  readonly calls: RecordedCall[];
}

// Keys in sorted order, undefined dropped: the same request always reads the same.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v === undefined) return null;
    if (v && typeof v === 'object' && !Array.isArray(v))
      return Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => a.localeCompare(b)),
      );
    return v;
  });
}

const keyOf = (call: string, args: readonly unknown[]) => `${call} ${canonical(args)}`;

/** A ClusterApi that passes every call on to a real one and keeps what was asked and answered. */
export class RecordingCluster implements ClusterApi {
  constructor(
    private readonly inner: ClusterApi,
    readonly calls: RecordedCall[] = [],
  ) {}

  private async record<T>(call: string, args: unknown[], run: () => Promise<T>): Promise<T> {
    // Answers are stored as JSON: a copy now, so later changes by the engine do not leak in.
    const asked = JSON.parse(canonical(args)) as unknown[];
    try {
      const result = await run();
      this.calls.push({ call, args: asked, ...(result === undefined ? {} : { result: JSON.parse(JSON.stringify(result)) as unknown }) });
      return result;
    } catch (e) {
      const error =
        e instanceof ApiError
          ? { status: e.status, reason: e.reason, message: e.message, details: e.details, request: e.request }
          : { message: (e as Error).message };
      this.calls.push({ call, args: asked, error });
      throw e;
    }
  }

  lookup(apiVersion: string, kind: string) {
    return this.record('lookup', [apiVersion, kind], () => this.inner.lookup(apiVersion, kind));
  }
  resources() {
    return this.record('resources', [], () => this.inner.resources());
  }
  refreshDiscovery(): void {
    this.calls.push({ call: 'refreshDiscovery', args: [] });
    this.inner.refreshDiscovery();
  }
  get(info: ResourceInfo, namespace: string | undefined, name: string) {
    return this.record('get', [info, namespace, name], () => this.inner.get(info, namespace, name));
  }
  list(info: ResourceInfo, namespace: string | undefined, options?: ListOptions) {
    return this.record('list', [info, namespace, options], () => this.inner.list(info, namespace, options));
  }
  count(info: ResourceInfo, namespace: string | undefined) {
    return this.record('count', [info, namespace], () => this.inner.count(info, namespace));
  }
  apply(info: ResourceInfo, object: KubeObject, options?: ApplyOptions) {
    return this.record('apply', [info, object, options], () => this.inner.apply(info, object, options));
  }
  patch(info: ResourceInfo, namespace: string | undefined, name: string, operations: readonly unknown[]) {
    return this.record('patch', [info, namespace, name, operations], () => this.inner.patch(info, namespace, name, operations));
  }
  delete(info: ResourceInfo, namespace: string | undefined, name: string, options: DeleteOptions) {
    return this.record('delete', [info, namespace, name, options], () => this.inner.delete(info, namespace, name, options));
  }
  scoped(limits: RequestLimits): ClusterApi {
    return new RecordingCluster(this.inner.scoped(limits), this.calls);
  }

  save(file: string, scenario: string): void {
    writeFileSync(file, `${JSON.stringify({ scenario, calls: this.calls } satisfies Recording, null, 1)}\n`);
  }
}

/**
 * A ClusterApi that answers from a recording: each request gets the answers recorded for that very
 * request, in their order (the last one again once they run out: a poll that saw the end). A
 * request never recorded fails the test, naming it.
 */
export class ReplayCluster implements ClusterApi {
  private readonly answers = new Map<string, RecordedCall[]>();
  /** Every call made, in order (tests assert on what was sent). */
  readonly sent: { call: string; args: unknown[] }[] = [];

  constructor(readonly recording: Recording) {
    for (const c of recording.calls) {
      const key = keyOf(c.call, c.args);
      this.answers.set(key, [...(this.answers.get(key) ?? []), c]);
    }
  }

  static load(file: string): ReplayCluster {
    return new ReplayCluster(JSON.parse(readFileSync(file, 'utf8')) as Recording);
  }

  private async answer<T>(call: string, args: unknown[]): Promise<T> {
    this.sent.push({ call, args });
    const key = keyOf(call, JSON.parse(canonical(args)) as unknown[]);
    const queue = this.answers.get(key);
    if (!queue?.length) throw new Error(`not in the recording "${this.recording.scenario}": ${key.slice(0, 400)}`);
    const c = queue.length > 1 ? queue.shift()! : queue[0]!;
    // A fresh copy each time: the engine may change what it is given.
    if (c.error) {
      const e = c.error;
      throw e.status === undefined ? new Error(e.message) : new ApiError(e.status, e.reason ?? String(e.status), e.message, e.details, e.request ?? call);
    }
    return (c.result === undefined ? undefined : JSON.parse(JSON.stringify(c.result))) as T;
  }

  lookup(apiVersion: string, kind: string) {
    return this.answer<ResourceInfo | undefined>('lookup', [apiVersion, kind]);
  }
  resources() {
    return this.answer<ResourceInfo[]>('resources', []);
  }
  refreshDiscovery(): void {
    this.sent.push({ call: 'refreshDiscovery', args: [] });
  }
  get(info: ResourceInfo, namespace: string | undefined, name: string) {
    return this.answer<KubeObject | undefined>('get', [info, namespace, name]);
  }
  list(info: ResourceInfo, namespace: string | undefined, options?: ListOptions) {
    return this.answer<KubeObject[]>('list', [info, namespace, options]);
  }
  count(info: ResourceInfo, namespace: string | undefined) {
    return this.answer<number>('count', [info, namespace]);
  }
  apply(info: ResourceInfo, object: KubeObject, options?: ApplyOptions) {
    return this.answer<KubeObject>('apply', [info, object, options]);
  }
  patch(info: ResourceInfo, namespace: string | undefined, name: string, operations: readonly unknown[]) {
    return this.answer<KubeObject>('patch', [info, namespace, name, operations]);
  }
  delete(info: ResourceInfo, namespace: string | undefined, name: string, options: DeleteOptions) {
    return this.answer<DeleteOutcome>('delete', [info, namespace, name, options]);
  }
  scoped(): ClusterApi {
    return this;
  }

  /** The calls of one kind that were sent ("apply", "delete", ...). */
  callsOf(call: string): unknown[][] {
    return this.sent.filter((s) => s.call === call).map((s) => s.args);
  }
}
