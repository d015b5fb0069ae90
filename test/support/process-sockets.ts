import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

// The internet sockets a process tree holds, read from /proc (Linux only), so a test can prove
// that no process of the test cluster talks to, or listens on, anything but loopback.

/** One TCP or UDP socket held by a process. */
export interface ProcessSocket {
  pid: number;
  protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  local: string;
  remote: string;
  /** Kernel state name (TCP: LISTEN, ESTABLISHED, SYN_SENT ...; UDP: a connected socket is ESTABLISHED). */
  state: string;
  localLoopback: boolean;
  /** True for loopback and for the unspecified address (a listening or unconnected socket). */
  remoteLoopbackOrNone: boolean;
}

const tcpStates: Record<string, string> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
};

/** pid and all its descendants (children are found through the parent pid in /proc/PID/stat). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentPid(Number(entry));
    if (ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function parentPid(pid: number): number | undefined {
  const stat = readOrUndefined(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[1]);
}

/** The TCP and UDP sockets each process holds: its socket fds joined with its network namespace's tables. */
export function socketsOf(pids: number[]): ProcessSocket[] {
  const sockets: ProcessSocket[] = [];
  for (const pid of pids) {
    const inodes = socketInodes(pid);
    if (inodes.size === 0) continue;
    for (const protocol of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
      const table = readOrUndefined(`/proc/${pid}/net/${protocol}`);
      if (table) sockets.push(...parseSocketTable(table, protocol, pid, inodes));
    }
  }
  return sockets;
}

/** The rows of a /proc/PID/net/{tcp,tcp6,udp,udp6} table whose inode is one of `inodes`. */
export function parseSocketTable(table: string, protocol: ProcessSocket['protocol'], pid: number, inodes: Set<string>): ProcessSocket[] {
  const sockets: ProcessSocket[] = [];
  for (const line of table.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !inodes.has(f[9]!)) continue;
    const local = decodeAddress(f[1]!);
    const remote = decodeAddress(f[2]!);
    sockets.push({
      pid,
      protocol,
      local: local.text,
      remote: remote.text,
      state: tcpStates[f[3]!] ?? f[3]!,
      localLoopback: local.loopback,
      remoteLoopbackOrNone: remote.loopback || remote.unspecified,
    });
  }
  return sockets;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes; // the process has exited
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** "0100007F:1F90" (IPv4, little-endian) or 32 hex digits of IPv6 in four little-endian words, then ":PORT". */
function decodeAddress(hex: string): { text: string; loopback: boolean; unspecified: boolean } {
  const [addr = '', portHex = '0'] = hex.split(':');
  const port = parseInt(portHex, 16);
  const bytes: number[] = [];
  for (let word = 0; word < addr.length / 8; word++) {
    const w = addr.slice(word * 8, word * 8 + 8);
    for (let i = 3; i >= 0; i--) bytes.push(parseInt(w.slice(i * 2, i * 2 + 2), 16));
  }
  const unspecified = bytes.every((b) => b === 0);
  if (bytes.length === 4) {
    return { text: `${bytes.join('.')}:${port}`, loopback: bytes[0] === 127, unspecified };
  }
  const v4mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  const isV6Loopback = bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return {
    text: `[${groups.join(':')}]:${port}`,
    loopback: isV6Loopback || (v4mapped && bytes[12] === 127),
    unspecified,
  };
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Samples the sockets of a process tree every `intervalMs` until stopped; keeps every socket that
 * is not loopback-only (a remote address that is neither loopback nor unspecified, or a local
 * address off loopback), and counts the samples and the sockets seen, so that a clean result is
 * not an empty one.
 */
export function watchSockets(root: number, intervalMs = 100) {
  const offLoopback = new Map<string, ProcessSocket>();
  let samples = 0;
  let socketsSeen = 0;
  const sample = () => {
    const sockets = socketsOf(processTree(root));
    samples++;
    socketsSeen += sockets.length;
    for (const s of sockets) {
      if (s.localLoopback && s.remoteLoopbackOrNone) continue;
      offLoopback.set(`${s.pid} ${s.protocol} ${s.local} ${s.remote}`, s);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { samples, socketsSeen, offLoopback: [...offLoopback.values()] };
    },
  };
}
