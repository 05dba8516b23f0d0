import { parseArgs } from 'node:util';
import { passwordSchema, usernameSchema } from '../../contracts/directory.ts';
import { STAFF_ROLES, type StaffRole } from '../../contracts/enums.ts';
import { loadConfig } from '../config.ts';
import { migrateToLatest } from '../db/database.ts';
import { AppError } from '../http/errors.ts';
import { createApiToken, markSystemAccount } from '../modules/auth/api-token.service.ts';
import { findTokenAccount } from '../modules/auth/auth.repository.ts';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from '../modules/auth/auth.ts';
import { newSecret } from '../modules/auth/tokens.ts';
import { directoryService } from '../modules/directory/index.ts';
import { auditRotateKey, auditVerify } from './audit-commands.ts';
import { cliContext, withDatabase } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { printDemoLogins, seedDemoIfEmpty } from './demo-start.ts';

const HELP: Record<string, string> = {
  main: `accord <command> [options]

Commands:
  serve             run the Accord server (migrates; loads the demo only as ACCORD_DEMO allows)
  migrate           apply pending database migrations
  demo              load the demo partnership into an empty database
  user add          create a staff account
  token create      create an API token for an account
  audit verify      recompute the audit log and check every signed tree head
  audit rotate-key  retire the tree head signing key and make a new one

Environment: DATABASE_URL (default sqlite:./data/accord.db), PORT, HOST, NODE_ENV, ACCORD_DEMO
(auto: demo only into an empty SQLite database outside production; on; off), ACCORD_DEMO_PASSWORD,
ACCORD_KEY_DIR, ACCORD_TRUSTED_PROXY, ACCORD_SESSION_IDLE_MINUTES.
Run 'accord <command> --help' for a command's options.`,
  serve:
    'accord serve\n\nRuns the server on HOST:PORT (default 127.0.0.1:8080). The demo partnership is loaded at start\nonly into an empty SQLite database outside production, or into any empty database with ACCORD_DEMO=on.',
  migrate: 'accord migrate\n\nApplies pending migrations to DATABASE_URL and lists them.',
  demo: `accord demo [--people N] [--seed S]

Loads the demo partnership into an empty database.
  --people N   number of synthetic people (default 120)
  --seed S     seed of the generator; the same seed gives the same partnership (default 42)`,
  'user add': `accord user add --username U --name "Full Name" --organisation ORG --role ROLE [--role ROLE...] [--job-title T] [--password-stdin | --system]

Creates a staff account. ORG is an organisation name or id. Roles: ${STAFF_ROLES.join(', ')}.
Without --password-stdin a random password is generated and printed once.
  --system   a system account (an integration, not a person): no password; it authenticates
             only with API tokens from 'accord token create'`,
  'audit verify': `accord audit verify [--public-key FILE...] [--head FILE...] [--json]

Recomputes every leaf hash, tree node and signed tree head from the database, in one snapshot, and
names the first entry, node, head or state that does not match. Exits 1 on any mismatch.
Each head is checked against the key it names among the trusted keys in ACCORD_KEY_DIR: the current
signing key (never created here) and the keys retired by 'accord audit rotate-key'. Also checks the
last signed head anchored there when present.
  --public-key FILE  check against these Ed25519 public keys instead (repeatable; PEM, or the JSON
                     served by /api/v1/audit/public-key or /api/v1/audit/public-keys); for verifying
                     away from the server's key directory
  --head FILE        also check a signed tree head kept outside Accord (JSON as served by /api/v1/audit/heads)
  --json             print the report as JSON`,
  'audit rotate-key': `accord audit rotate-key

Retires the tree head signing key in ACCORD_KEY_DIR and puts a new one in its place. The retired key's
public key is kept there (retired/<key id>.pem), so heads it signed still verify; its private key is
gone. Records the rotation in the audit log of DATABASE_URL and prints both key ids.
Running servers keep signing with the retired key until they are restarted: restart each one that uses
this key directory.`,
  'token create': `accord token create --username U --name LABEL [--expires-days N]

Creates an API token for a system account (made with 'accord user add --system') and prints it once;
only its hash is stored. People sign in; they are not given tokens.
  --expires-days N   days until the token expires, 1-${TOKEN_MAX_DAYS} (default ${TOKEN_DEFAULT_DAYS}); every token expires`,
};

/** A whole-number option within bounds; anything else is one line naming the option and the range. */
function wholeNumber(
  value: string | undefined,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  if (value === undefined) return fallback;
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max)
    throw new CliError(`--${name} must be a whole number from ${range.min} to ${range.max}, got "${value}"`);
  return n;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function userAdd(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      organisation: { type: 'string' },
      role: { type: 'string', multiple: true },
      'job-title': { type: 'string' },
      'password-stdin': { type: 'boolean' },
      system: { type: 'boolean' },
    },
  });
  if (values.system && values['password-stdin'])
    throw new CliError('--system accounts have no password; leave out --password-stdin');
  const username = usernameSchema.safeParse(values.username ?? '');
  if (!username.success)
    throw new CliError(`--username ${username.error.issues[0]?.message ?? 'is invalid'}`);
  if (!values.name) throw new CliError('--name is required');
  if (!values.organisation) throw new CliError('--organisation is required');
  const roles = values.role ?? [];
  if (roles.length === 0) throw new CliError('--role is required (at least one)');
  const unknown = roles.filter((r) => !(STAFF_ROLES as readonly string[]).includes(r));
  if (unknown.length > 0)
    throw new CliError(`--role ${unknown.join(', ')} is not a role; roles are ${STAFF_ROLES.join(', ')}`);
  const system = values.system === true;
  const generated = !system && !values['password-stdin'];
  const password = system ? undefined : generated ? newSecret().slice(0, 20) : await readStdin();
  if (password !== undefined) {
    const checked = passwordSchema.safeParse(password);
    if (!checked.success) throw new CliError(`password ${checked.error.issues[0]?.message ?? 'is invalid'}`);
  }
  await withDatabase(async (database) => {
    const orgs = await database.db.selectFrom('organisations').select(['id', 'name']).execute();
    const org = orgs.find(
      (o) => o.id === values.organisation || o.name.toLowerCase() === values.organisation?.toLowerCase(),
    );
    if (!org) {
      const known = orgs.map((o) => `"${o.name}"`).sort();
      throw new CliError(
        `--organisation "${values.organisation}" matches no organisation; ${
          known.length > 0
            ? `the organisations are ${known.join(', ')}`
            : 'there are none yet (load the demo with accord demo)'
        }`,
      );
    }
    // The operator at the installation acts for the organisation the account belongs to: roles that
    // open person data still wait for that organisation's IG lead or service manager to approve them.
    const ctx = cliContext(database, org.id);
    const staff = await directoryService.createStaff(ctx, {
      organisationId: org.id,
      username: username.data,
      displayName: values.name ?? '',
      jobTitle: values['job-title'] ?? (system ? 'System account' : 'Staff member'),
      ...(password !== undefined ? { password } : {}),
      roles: roles as StaffRole[],
      teamIds: [],
    });
    if (system) await markSystemAccount(database, { id: staff.id, hasPassword: false }, ctx.now, ctx.audit);
    const waiting = roles.filter((r) => !staff.roles.includes(r as StaffRole));
    process.stdout.write(
      `Created ${system ? 'system account ' : ''}${staff.username} (${staff.roles.join(', ')}) at ${org.name}.\n`,
    );
    if (waiting.length > 0)
      process.stdout.write(`Waiting for approval by a second person: ${waiting.join(', ')}.\n`);
    if (generated) process.stdout.write(`Password (shown once): ${password}\n`);
    if (system)
      process.stdout.write(
        `Give it a token with: accord token create --username ${staff.username} --name LABEL\n`,
      );
  });
}

async function tokenCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { username: { type: 'string' }, name: { type: 'string' }, 'expires-days': { type: 'string' } },
  });
  if (!values.username) throw new CliError('--username is required');
  if (!values.name) throw new CliError('--name is required (a label for the token)');
  const days = wholeNumber(values['expires-days'], 'expires-days', TOKEN_DEFAULT_DAYS, {
    min: 1,
    max: TOKEN_MAX_DAYS,
  });
  await withDatabase(async (database) => {
    const staff = await findTokenAccount(database.db, values.username ?? '');
    if (!staff) throw new CliError(`--username "${values.username}" matches no account`);
    if (!staff.system)
      throw new CliError(
        `${values.username} is a person's account; API tokens are only for system accounts (make one with accord user add --system)`,
      );
    const { token, expiresAt } = await createApiToken(
      database,
      { staffId: staff.id, name: values.name ?? '', days },
      new Date(),
    );
    process.stdout.write(`${token}\n`);
    process.stderr.write(
      `Token "${values.name}" for ${values.username}, expires ${expiresAt}. It is shown once; only its hash is stored.\n`,
    );
  });
}

/** Runs the `accord` command with its arguments (without node and script). */
export async function runCli(argv: string[]): Promise<void> {
  const [first, second] = argv;
  const command =
    first === 'user' || first === 'token' || first === 'audit'
      ? `${first} ${second ?? ''}`.trim()
      : (first ?? '');
  const rest = argv.slice(command.includes(' ') ? 2 : 1);
  if (command === '' || command === '--help' || command === 'help') {
    process.stdout.write(`${HELP.main}\n`);
    return;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    const help = HELP[command];
    if (!help) throw new CliError(`unknown command "${command}"; run accord --help`);
    process.stdout.write(`${help}\n`);
    return;
  }
  switch (command) {
    case 'serve': {
      const { serve } = await import('../main.ts');
      return serve();
    }
    case 'migrate': {
      const applied = await withDatabase((database) => migrateToLatest(database), { migrate: false });
      process.stdout.write(
        applied.length > 0 ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n',
      );
      return;
    }
    case 'demo': {
      const { values } = parseArgs({
        args: rest,
        options: { people: { type: 'string' }, seed: { type: 'string' } },
      });
      const people = wholeNumber(values.people, 'people', 120, { min: 1, max: 1_000_000 });
      const seed = wholeNumber(values.seed, 'seed', 42, { min: 0, max: 2 ** 32 - 1 });
      const config = loadConfig();
      const loaded = await withDatabase((database) =>
        seedDemoIfEmpty(database, config.demoPassword, people, seed),
      );
      if (!loaded)
        throw new CliError('the database already holds data; the demo loads only into an empty database');
      printDemoLogins(config.demoPassword);
      return;
    }
    case 'user add':
      return userAdd(rest);
    case 'token create':
      return tokenCreate(rest);
    case 'audit verify':
      return auditVerify(rest);
    case 'audit rotate-key':
      return auditRotateKey(rest);
    default:
      throw new CliError(`unknown command "${command}"; run accord --help`);
  }
}

if (import.meta.main) {
  runCli(process.argv.slice(2)).catch((error: unknown) => {
    const fields =
      error instanceof AppError && error.errors
        ? ` (${error.errors.map((e) => `${e.field.replace(/^body\./, '')} ${e.message}`).join('; ')})`
        : '';
    const message = `${error instanceof Error ? error.message : String(error)}${fields}`.replaceAll(
      '\n',
      ' ',
    );
    process.stderr.write(`accord: ${message}\n`);
    const usage =
      error instanceof CliError ||
      (error instanceof AppError && error.status < 500) ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.exit(usage ? 2 : 1);
  });
}
