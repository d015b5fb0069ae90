/** The Kubernetes recommended labels (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/). */
export const LABELS = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  version: 'app.kubernetes.io/version',
} as const;

/** What a construct's objects are called: given by the user, never derived from a construct path. */
export interface Identity {
  readonly name: string;
  readonly instance: string;
  readonly component: string;
  /** The application (Chart) the construct belongs to. */
  readonly partOf: string;
}

/**
 * The labels a selector uses: only the stable ones (name and instance). Version, image, chart
 * and component stay out, so that none of them can ever change an immutable selector.
 */
export function selectorLabels(id: Identity): Record<string, string> {
  return { [LABELS.name]: id.name, [LABELS.instance]: id.instance };
}

/** The recommended labels of every object a construct makes. */
export function recommendedLabels(id: Identity): Record<string, string> {
  return {
    ...selectorLabels(id),
    [LABELS.component]: id.component,
    [LABELS.partOf]: id.partOf,
    [LABELS.managedBy]: 'lading',
  };
}
