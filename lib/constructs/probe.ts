import type { Probe as ProbeObject } from '../k8s/generated/types.js';

/** Timing of a probe (Kubernetes defaults apply to what is not given). */
export interface ProbeTiming {
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
  readonly successThreshold?: number;
}

export interface PortProbeOptions extends ProbeTiming {
  /**
   * The container port, by name or number.
   * @default "http"
   */
  readonly port?: number | string;
}

export type Probe = ProbeObject;

/** Readiness, liveness and startup probes: HTTP, TCP or a command. Any plain Probe object also works. */
export const Probe = {
  http(path: string, options: PortProbeOptions & { readonly scheme?: 'HTTP' | 'HTTPS' } = {}): Probe {
    const { port = 'http', scheme, ...timing } = options;
    return { httpGet: { path, port, scheme }, ...timing };
  },
  tcp(options: PortProbeOptions = {}): Probe {
    const { port = 'http', ...timing } = options;
    return { tcpSocket: { port }, ...timing };
  },
  exec(command: readonly string[], options: ProbeTiming = {}): Probe {
    return { exec: { command: [...command] }, ...options };
  },
};
