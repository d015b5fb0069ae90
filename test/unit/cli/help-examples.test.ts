import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lading } from '../../support/cli.js';

const COMMANDS = ['validate', 'synth', 'diff', 'status', 'apply', 'rollback', 'history'];

test("every command's --help ends with examples, and every flag an example uses is one of that command's", async () => {
  const top = await lading(['--help']);
  assert.match(top.stdout, /\nExamples:\n {2}\$ lading /);
  for (const c of COMMANDS) assert.match(top.stdout, new RegExp(`\\n {2}${c}\\b`), `lading --help lists ${c}`);
  await Promise.all(
    COMMANDS.map(async (c) => {
      const help = await lading([c, '--help']);
      assert.equal(help.code, 0);
      const [options, examples] = help.stdout.split('\nExamples:\n');
      assert.ok(examples, `${c} --help has examples`);
      for (const line of examples!.split('\n').filter((l) => l.trim().startsWith(`$ lading ${c}`) || (c === 'validate' && l.includes('lading validate')))) {
        for (const flag of line.match(/\s(--?[a-z][\w-]*)/g) ?? [])
          assert.ok(options!.includes(flag.trim()), `${c} --help: the example "${line.trim()}" uses ${flag.trim()}, which is not an option of ${c}`);
      }
    }),
  );
});
