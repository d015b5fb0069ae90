import type { Volume as VolumeObject } from '../k8s/generated/types.js';

type VolumeSource = Omit<VolumeObject, 'name'>;

interface Named {
  readonly name: string;
}

/** A volume of a pod, mounted through a workload's `mounts: { '/path': volume }`. */
export class PodVolume {
  /** The keys of a Config as files. */
  static fromConfig(config: Named, options: { name?: string; defaultMode?: number } = {}): PodVolume {
    return new PodVolume(options.name ?? `config-${config.name}`, { configMap: { name: config.name, defaultMode: options.defaultMode } });
  }

  /** The keys of a Secret as files. */
  static fromSecret(secret: Named, options: { name?: string; defaultMode?: number } = {}): PodVolume {
    return new PodVolume(options.name ?? `secret-${secret.name}`, { secret: { secretName: secret.name, defaultMode: options.defaultMode } });
  }

  /** A PersistentVolumeClaim. */
  static fromClaim(claim: Named, options: { name?: string; readOnly?: boolean } = {}): PodVolume {
    return new PodVolume(options.name ?? `claim-${claim.name}`, { persistentVolumeClaim: { claimName: claim.name, readOnly: options.readOnly } });
  }

  /** Scratch space that lives as long as the pod. */
  static emptyDir(name: string, options: { sizeLimit?: string; medium?: 'Memory' } = {}): PodVolume {
    return new PodVolume(name, { emptyDir: { sizeLimit: options.sizeLimit, medium: options.medium } });
  }

  /** A directory of the node (the host-path policy flags it: node agents only). */
  static hostPath(name: string, path: string, type?: NonNullable<VolumeObject['hostPath']>['type']): PodVolume {
    return new PodVolume(name, { hostPath: { path, type } });
  }

  constructor(
    readonly name: string,
    readonly source: VolumeSource,
  ) {}

  toObject(): VolumeObject {
    return { name: this.name, ...this.source };
  }
}

/** What is mounted at a path: a volume, or a volume with options. */
export type Mount = PodVolume | { readonly volume: PodVolume; readonly subPath?: string; readonly readOnly?: boolean };
