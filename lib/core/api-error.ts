/** A Kubernetes API error (a metav1.Status body), with what the server said. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly details: unknown,
    readonly request: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
