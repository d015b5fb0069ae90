import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { HISTORY } from '../../../lib/core/names.js';
import { ROOT } from '../../support/cli.js';
import { apply, configMap, env, kube, lading, namespace, uniqueNamespace, writeManifests } from '../apply/helpers.js';

// Exit codes of cases that need the control plane: a corrupt history record, Ctrl-C at the prompt.

describe('exit codes against the control plane', () => {
  const ns = uniqueNamespace('exits');

  test('a corrupt history record: rollback says which record is corrupt and exits 2, not "cannot reach the API server"', async () => {
    const app = 'corrupt';
    assert.equal((await apply(app, [namespace(ns), configMap(ns, 'c', { v: '1' })])).code, 0);
    assert.equal((await apply(app, [namespace(ns), configMap(ns, 'c', { v: '2' })])).code, 0);
    await kube.apply(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        type: HISTORY.type,
        metadata: { name: `lading-history-${app}-1`, namespace: ns },
        data: { [HISTORY.manifestsKey]: Buffer.from('not gzip').toString('base64') },
      },
      'test-corrupter',
      true,
    );
    const res = await lading(['rollback', '--name', app, '-n', ns, '--to', '1', '--yes'], { env });
    assert.equal(res.code, 2, res.stderr);
    assert.match(res.stderr, new RegExp(`history record secret/lading-history-${app}-1 -n ${ns}: its manifests cannot be read`));
    assert.match(res.stderr, new RegExp(`error: revision 1 of ${app} cannot be rolled back to: its record is not usable`));
    assert.doesNotMatch(res.stderr, /cannot reach|internal error/);
    const history = await lading(['history', '--name', app, '-n', ns], { env });
    assert.equal(history.code, 0, history.stderr);
  });

  test(
    'Ctrl-C at the confirmation prompt: exit 130, nothing changed',
    { skip: spawnSync('python3', ['-c', 'import pty']).status !== 0 && 'needs python3 for a pseudo-terminal' },
    async () => {
      // (The namespace belongs to the application of the test above: this one only adds a ConfigMap.)
      const file = writeManifests([configMap(ns, 'prompted', { v: '1' })]);
      // A pseudo-terminal, so that apply asks; Ctrl-C is typed once the question shows.
      const driver = join(ROOT, '.cache', 'pty-ctrl-c.py');
      writeFileSync(
        driver,
        `import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(sys.argv[1], sys.argv[1:], os.environ)
out = b''
deadline = time.time() + 120
sent = False
while time.time() < deadline:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if not sent and b'Apply these changes?' in out:
        time.sleep(0.2)
        os.write(fd, b'\\x03')
        sent = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode('utf8', 'replace'))
sys.exit(os.waitstatus_to_exitcode(status))
`,
      );
      const res = spawnSync('python3', [driver, process.execPath, join(ROOT, 'bin', 'lading.js'), 'apply', '-f', file, '--name', 'prompted'], {
        env: { ...process.env, ...env, NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 150_000,
      });
      assert.match(res.stdout, /Apply these changes\? \[y\/N\]/);
      assert.equal(res.status, 130, res.stdout);
      assert.match(res.stdout, /interrupted at the confirmation prompt: nothing was changed/);
      assert.equal(await kube.get('v1', 'ConfigMap', ns, 'prompted'), undefined);
    },
  );
});
