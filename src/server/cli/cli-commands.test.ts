/**
 * The `accord` commands as an operator types them (child processes on a scratch SQLite file): the
 * README's sequence runs, and every mistake gets one line naming what is wrong and exit status 2.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { runCli } from '../../../test/crash/server-process.ts';

const base = mkdtempSync(join(tmpdir(), 'accord-cli-'));
after(() => rmSync(base, { recursive: true, force: true }));
const dir = mkdtempSync(join(base, 'site-'));
const env = { DATABASE_URL: `sqlite:${join(dir, 'accord.db')}`, ACCORD_KEY_DIR: join(dir, 'keys') };
const ICB = 'NHS Northshire Integrated Care Board';

/** One line on stderr, starting `accord: `, and exit status 2. */
function assertOneLine(result: { code: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0] ?? '', /^accord: /);
  assert.match(lines[0] ?? '', pattern);
}

it('runs the README sequence: migrate, demo, verify, accounts, a token for a system account', {
  timeout: 120_000,
}, async () => {
  const migrated = await runCli(['migrate'], env);
  assert.equal(migrated.code, 0, migrated.stderr);
  assert.match(migrated.stdout, /^Applied: 0001-foundation/);
  assert.match((await runCli(['migrate'], env)).stdout, /up to date/);

  const demo = await runCli(['demo', '--people', '12', '--seed', '7'], env);
  assert.equal(demo.code, 0, demo.stderr);
  // Straight after the demo no server has made the signing key or signed a head: that is not an error.
  const verified = await runCli(['audit', 'verify'], env);
  assert.equal(verified.code, 0, verified.stderr);
  assert.match(verified.stdout, /Audit log verified/);
  assert.match(verified.stdout, /No tree head is signed yet/);

  const person = await runCli(
    [
      'user',
      'add',
      '--username',
      'sam.admin',
      '--name',
      'Sam Admin',
      '--organisation',
      ICB,
      '--role',
      'system_admin',
    ],
    env,
  );
  assert.equal(person.code, 0, person.stderr);
  assertOneLine(
    await runCli(['token', 'create', '--username', 'sam.admin', '--name', 'reporting'], env),
    /sam\.admin is a person's account; API tokens are only for system accounts/,
  );
  const system = await runCli(
    [
      'user',
      'add',
      '--system',
      '--username',
      'reporting.feed',
      '--name',
      'Reporting feed',
      '--organisation',
      ICB,
      '--role',
      'commissioner',
    ],
    env,
  );
  assert.equal(system.code, 0, system.stderr);
  assert.doesNotMatch(system.stdout, /Password/);
  const token = await runCli(
    ['token', 'create', '--username', 'reporting.feed', '--name', 'reporting', '--expires-days', '90'],
    env,
  );
  assert.equal(token.code, 0, token.stderr);
  assert.match(token.stdout, /^acc_\S+\n$/);
  assert.match(token.stderr, /expires \d{4}-/);
});

it('answers mistakes with one line: unknown organisation (listing those that exist), bad numbers', {
  timeout: 60_000,
}, async () => {
  assertOneLine(
    await runCli(
      [
        'user',
        'add',
        '--username',
        'kim',
        '--name',
        'Kim',
        '--organisation',
        'Northshire ICB',
        '--role',
        'frontline',
      ],
      env,
    ),
    /matches no organisation; the organisations are .*"NHS Northshire Integrated Care Board"/,
  );
  for (const bad of ['abc', '-3', '1e3', '0', '1.5', '99999999999999999999']) {
    assertOneLine(
      await runCli(
        ['token', 'create', '--username', 'reporting.feed', '--name', 'x', `--expires-days=${bad}`],
        env,
      ),
      /--expires-days must be a whole number from 1 to 365/,
    );
  }
  assertOneLine(await runCli(['demo', '--people', 'many'], env), /--people must be a whole number/);
  assertOneLine(await runCli(['demo', '--seed=-1'], env), /--seed must be a whole number/);
  assertOneLine(
    await runCli(
      [
        'user',
        'add',
        '--username',
        'sam.admin',
        '--name',
        'Sam',
        '--organisation',
        ICB,
        '--role',
        'frontline',
      ],
      env,
    ),
    /username is already taken/,
  );
});
