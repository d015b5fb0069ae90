// The typed Kubernetes model: types of every definition of the pinned version, and strict zod
// schemas of every supported version, loaded on demand.

export { DEFAULT_KUBE_VERSION, SUPPORTED_KUBE_VERSIONS } from './versions.js';
export type { FieldInfo, KindInfo, KubeModel, ListSemantics } from './kube-model.js';
export { loadModel, normalizeKubeVersion } from './load-model.js';
export { fieldInfo, listMapKeys } from './fields.js';
export { isNamespaced } from './scope.js';
export type * from './generated/types.js';
