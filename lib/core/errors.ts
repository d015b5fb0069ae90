/**
 * A problem reaching or talking to the cluster that is not a bug of lading (a timeout, a
 * kubeconfig or credential problem, an interruption): printed as one line, exit 2.
 */
export class ClusterError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The server did not answer in time (--request-timeout, or the --timeout of a wait). */
export class RequestTimeoutError extends ClusterError {}

/** The user stopped the run (Ctrl-C): no retry, no new request. */
export class RequestAbortedError extends ClusterError {
  constructor(message = 'interrupted') {
    super(message, 130);
  }
}

/** The kubeconfig does not lead to a usable connection (file, context, cluster, user credentials): the user's to fix. */
export class ConnectionError extends ClusterError {}
