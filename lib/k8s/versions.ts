// The Kubernetes versions lading has a model for. The default is generated into
// lib/k8s/generated/; the others are built from lib/k8s/openapi/ when asked for.

export const DEFAULT_KUBE_VERSION = '1.36';
export const SUPPORTED_KUBE_VERSIONS: readonly string[] = ['1.32', '1.33', '1.34', '1.35', '1.36'];
