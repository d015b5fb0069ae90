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
  private readonly synthSteps: ((manifest: T) => void)[] = [];

  constructor(scope: Construct, id: string, manifest: T) {
    super(scope, id);
    this.manifest = manifest;
  }

  get name(): string {
    return this.manifest.metadata?.name ?? '';
  }

  /**
   * Adds a step run on the manifest at synth, once the whole tree exists (a field computed from
   * other constructs, e.g. a checksum of the Configs a pod reads). Steps must be idempotent.
   */
  onSynth(step: (manifest: T) => void): void {
    this.synthSteps.push(step);
  }

  /** The plain object (called by synth; override to compute late-bound fields). */
  toObject(): KubeObject {
    for (const step of this.synthSteps) step(this.manifest);
    return this.manifest as unknown as KubeObject;
  }
}
