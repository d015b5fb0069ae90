import { Construct } from 'constructs';
import type { KubeObject } from '../manifest/object.js';

/** What every typed kind of the generated model satisfies (they have no index signature). */
export interface KubeObjectLike {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}

/**
 * Any Kubernetes object, typed by the generated model:
 * `new ApiObject<ConfigMap>(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', ... })`.
 * Higher-level constructs are made of these.
 */
export class ApiObject<T extends KubeObjectLike = KubeObject> extends Construct {
  /** The object as it will be synthesized; constructs may still change it until synth. */
  readonly manifest: T;

  constructor(scope: Construct, id: string, manifest: T) {
    super(scope, id);
    this.manifest = manifest;
  }

  get name(): string {
    return this.manifest.metadata?.name ?? '';
  }

  /** The plain object (called by synth; override to compute late-bound fields). */
  toObject(): KubeObject {
    return this.manifest as unknown as KubeObject;
  }
}
