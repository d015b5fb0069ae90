/** The field manager lading applies as when an object belongs to no application (history records, tests). */
export const FIELD_MANAGER = 'lading';

/** Labels, type and data key of the history records (Secrets), read by apply, rollback and observe. */
export const HISTORY = {
  /** Label on every record: the id of the ApplySet it belongs to. */
  setLabel: 'lading.dev/history-of',
  appLabel: 'lading.dev/app',
  envLabel: 'lading.dev/env',
  revisionLabel: 'lading.dev/revision',
  type: 'lading.dev/history.v1',
  manifestsKey: 'manifests.yaml.gz',
} as const;

/** On a pod template: changes when a Secret its containers read through env changes, so they restart. */
export const CHECKSUM_ANNOTATION = 'lading.dev/secret-checksum';
/**
 * On a Secret in the cluster: the random key of the checksum's HMAC. Without it a checksum of a
 * weak value could be brute-forced from a printed diff; it lives only next to the values.
 */
export const SALT_ANNOTATION = 'lading.dev/checksum-salt';
