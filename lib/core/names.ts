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
