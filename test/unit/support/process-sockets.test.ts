import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSocketTable } from '../../support/process-sockets.js';

// The /proc socket tables the egress tests read to prove the cluster stays on loopback.

const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const row = (local: string, remote: string, state: string, inode: number) =>
  `   0: ${local} ${remote} ${state} 00000000:00000000 00:00000000 00000000     0        0 ${inode} 1 0000000000000000 20 4 30 10 -1\n`;

test('IPv4 rows decode little-endian addresses and tell loopback from the rest', () => {
  const table =
    header +
    row('0100007F:1F90', '00000000:0000', '0A', 100) + // 127.0.0.1:8080 listening
    row('0100007F:C350', '0500600A:01BB', '02', 101) + // connecting to 10.96.0.5:443
    row('0100007F:C351', '0100007F:1F90', '01', 999); // not this process's socket
  const sockets = parseSocketTable(table, 'tcp', 7, new Set(['100', '101']));
  assert.deepEqual(
    sockets.map((s) => [s.local, s.remote, s.state, s.localLoopback, s.remoteLoopbackOrNone]),
    [
      ['127.0.0.1:8080', '0.0.0.0:0', 'LISTEN', true, true],
      ['127.0.0.1:50000', '10.96.0.5:443', 'SYN_SENT', true, false],
    ],
  );
  assert.equal(sockets[0]!.pid, 7);
});

test('IPv6 rows: ::1 and IPv4-mapped loopback are loopback, a wildcard listener is not', () => {
  const table =
    header +
    row('00000000000000000000000001000000:1F90', '00000000000000000000000000000000:0000', '0A', 1) + // [::1]:8080
    row('0000000000000000FFFF00000100007F:1F91', '0000000000000000FFFF00000100007F:C350', '01', 2) + // ::ffff:127.0.0.1
    row('00000000000000000000000000000000:1F92', '00000000000000000000000000000000:0000', '0A', 3) + // [::]:8082
    row('0000000000000000FFFF00000100007F:C351', '0000000000000000FFFF00000A0A0A0A:0050', '01', 4); // to ::ffff:10.10.10.10
  const sockets = parseSocketTable(table, 'tcp6', 1, new Set(['1', '2', '3', '4']));
  assert.deepEqual(
    sockets.map((s) => [s.local, s.localLoopback, s.remoteLoopbackOrNone]),
    [
      ['[0:0:0:0:0:0:0:1]:8080', true, true],
      ['[0:0:0:0:0:ffff:7f00:1]:8081', true, true],
      ['[0:0:0:0:0:0:0:0]:8082', false, true],
      ['[0:0:0:0:0:ffff:7f00:1]:50001', true, false],
    ],
  );
});
