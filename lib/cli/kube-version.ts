import { DEFAULT_KUBE_VERSION, SUPPORTED_KUBE_VERSIONS } from '../k8s/index.js';
import { UserError } from './errors.js';

/** The Kubernetes minor version to validate against ("1.36" or "v1.36.2" both mean 1.36). */
export function resolveKubeVersion(flag: string | undefined): string {
  if (flag === undefined) return DEFAULT_KUBE_VERSION;
  const m = /^v?(\d+\.\d+)(\.\d+)?$/.exec(flag.trim());
  if (!m || !SUPPORTED_KUBE_VERSIONS.includes(m[1]!)) {
    throw new UserError(`--kube-version ${flag}: expected one of ${SUPPORTED_KUBE_VERSIONS.join(', ')}`);
  }
  return m[1]!;
}
