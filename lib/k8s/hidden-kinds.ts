// Kinds that exist in the API but are not objects a user writes: lists, API machinery messages
// and subresource bodies. They stay loadable by apiVersion/kind; kinds() leaves them out.

const HIDDEN = new Set([
  'APIGroup',
  'APIGroupList',
  'APIResourceList',
  'APIVersions',
  'DeleteOptions',
  'Status',
  'WatchEvent',
  'Scale',
  'Eviction',
  'TokenRequest',
]);

export function isListedKind(kind: string): boolean {
  return !HIDDEN.has(kind) && !kind.endsWith('List');
}
