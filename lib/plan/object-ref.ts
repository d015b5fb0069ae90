/** How progress, errors and refusals name a planned object: "deployment.apps/web -n shop" (kubectl's form). */
export function objectRef(o: { readonly id: string; readonly namespace?: string }): string {
  return `${o.id}${o.namespace ? ` -n ${o.namespace}` : ''}`;
}
