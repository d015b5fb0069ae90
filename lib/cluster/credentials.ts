import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { ConnectionError } from '../core/errors.js';

/** What a request carries to authenticate: an Authorization header and/or a client certificate. */
export interface Credentials {
  readonly token?: string;
  readonly cert?: string;
  readonly key?: string;
}

/** Credentials that change over time, cached as client-go caches them. */
export interface CredentialSource {
  current(): Promise<Credentials>;
  /** After a 401: the cached credential is dropped, the next current() fetches a fresh one. */
  invalidate(): void;
}

/** The kubeconfig's users[].user.exec (client.authentication.k8s.io ExecConfig). */
export interface ExecConfig {
  readonly command?: string;
  readonly args?: readonly string[];
  readonly env?: readonly { name: string; value: string }[];
  readonly apiVersion?: string;
  readonly installHint?: string;
}

interface ExecCredential {
  readonly status?: { token?: string; clientCertificateData?: string; clientKeyData?: string; expirationTimestamp?: string };
}

/** How long an exec plugin may run. */
const EXEC_TIMEOUT_MS = 60_000;

/**
 * An exec credential plugin (aws eks get-token, gke-gcloud-auth-plugin, kubelogin, …), as
 * client-go runs it: its answer is kept until its expirationTimestamp (for the whole run when it
 * has none), then the plugin runs again; a 401 runs it again too.
 */
export function execCredentials(exec: ExecConfig, who: string, now: () => number = Date.now): CredentialSource {
  let cached: { credentials: Credentials; expires: number } | undefined;
  let running: Promise<Credentials> | undefined;
  const run = async (): Promise<Credentials> => {
    const out = await runPlugin(exec, who);
    let parsed: ExecCredential;
    try {
      parsed = JSON.parse(out) as ExecCredential;
    } catch {
      throw new ConnectionError(`${who}: the exec plugin "${exec.command}" printed no ExecCredential JSON (${out.trim().slice(0, 120) || 'nothing'})`);
    }
    const status = parsed.status ?? {};
    if (!status.token && !(status.clientCertificateData && status.clientKeyData)) {
      throw new ConnectionError(`${who}: the exec plugin "${exec.command}" returned neither a token nor a client certificate and key`);
    }
    const expires = status.expirationTimestamp ? Date.parse(status.expirationTimestamp) : Infinity;
    const credentials: Credentials = {
      ...(status.token ? { token: status.token } : {}),
      ...(status.clientCertificateData ? { cert: status.clientCertificateData, key: status.clientKeyData } : {}),
    };
    cached = { credentials, expires: Number.isNaN(expires) ? Infinity : expires };
    return credentials;
  };
  return {
    current: async () => {
      if (cached && now() < cached.expires) return cached.credentials;
      // One plugin run at a time, however many requests need it.
      running ??= run().finally(() => {
        running = undefined;
      });
      return running;
    },
    invalidate: () => {
      cached = undefined;
    },
  };
}

function runPlugin(exec: ExecConfig, who: string): Promise<string> {
  if (!exec.command) return Promise.reject(new ConnectionError(`${who}: exec has no command`));
  const env = { ...process.env };
  for (const e of exec.env ?? []) env[e.name] = e.value;
  env.KUBERNETES_EXEC_INFO = JSON.stringify({
    apiVersion: exec.apiVersion ?? 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    spec: { interactive: false },
  });
  return new Promise((resolve, reject) => {
    const child = spawn(exec.command!, [...(exec.args ?? [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Our own timer, not spawn's `timeout`: Node keeps that one alive after a spawn error (ENOENT held the process 60 s).
    const timer = setTimeout(() => child.kill('SIGTERM'), EXEC_TIMEOUT_MS);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const hint = exec.installHint ? `: ${exec.installHint.trim()}` : '';
      reject(
        new ConnectionError(
          e.code === 'ENOENT'
            ? `${who}: the exec plugin "${exec.command}" was not found (not installed, or not on PATH)${hint}`
            : `${who}: the exec plugin "${exec.command}" could not run: ${e.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(stdout);
      if (code === null && signal === null) return; // 'error' reported it
      const said = stderr.trim().split('\n').slice(-3).join(' / ').slice(0, 300);
      reject(
        new ConnectionError(`${who}: the exec plugin "${exec.command}" failed (${signal ? `killed by ${signal}` : `exit ${code}`})${said ? `: ${said}` : ''}`),
      );
    });
  });
}

/** A token file (users[].user.tokenFile; projected service-account tokens rotate): re-read every minute and after a 401, as client-go. */
export function tokenFileCredentials(path: string, who: string, periodMs = 60_000, now: () => number = Date.now): CredentialSource {
  let cached: { token: string; read: number } | undefined;
  return {
    current: async () => {
      if (cached && now() - cached.read < periodMs) return { token: cached.token };
      const token = (
        await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
          throw new ConnectionError(`${who}: cannot read the token file ${path}: ${e.code ?? e.message}`);
        })
      ).trim();
      if (!token) throw new ConnectionError(`${who}: the token file ${path} is empty`);
      cached = { token, read: now() };
      return { token };
    },
    invalidate: () => {
      cached = undefined;
    },
  };
}
