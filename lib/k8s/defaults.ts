// Defaults the API server applies to list-map key fields before it compares items (from the
// Kubernetes API: a port's protocol defaults to TCP, so ports 80 and 80/TCP are the same entry).
// Merged by the overlay (model/overlay.ts) like the enum table: after the /openapi/v3 defaults.

export const KEY_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string | number>>>> = {
  'io.k8s.api.core.v1.ContainerPort': { protocol: 'TCP' },
  'io.k8s.api.core.v1.ServicePort': { protocol: 'TCP' },
};
