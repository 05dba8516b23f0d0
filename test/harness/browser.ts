import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.ts';
import { migrateToLatest, openDatabase } from '../../src/server/db/database.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { sequenceOnce } from '../../src/server/modules/audit/sequencer.ts';
import { keyIdOf, type SigningKey } from '../../src/server/modules/audit/tree-head.ts';

/** Flags for Debian's Chromium in a container: headless, no sandbox, nothing phoning home. */
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Where the system Chromium is: Debian's by default, CHROMIUM_PATH when set. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches the system Chromium (never a downloaded build). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
}

/** A fresh context (its own cookies) with the UK locale and a desktop viewport. */
export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 1280, height: 900 },
  });
}

/** One rule broken on a page, trimmed to what a failure message needs. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

/** The WCAG 2.2 AA rule set: every level A and AA success criterion axe can test. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

let axeSource: string | undefined;

function readAxe(): string {
  if (axeSource === undefined) {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  return axeSource;
}

interface AxeResults {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    helpUrl: string;
    nodes: { target: unknown[] }[];
  }[];
}

/**
 * Runs axe-core against the page with the WCAG 2.2 AA tags and returns the violations. axe is
 * evaluated in the page through the DevTools protocol, which the page's CSP does not govern
 * (`script-src 'self'` would block an injected script tag).
 */
export async function runAxe(page: Page, tags: readonly string[] = WCAG_22_AA): Promise<AxeViolation[]> {
  await page.evaluate(readAxe());
  const results = await page.evaluate(
    (runOnly) =>
      (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe.run(
        document,
        {
          runOnly: { type: 'tag', values: runOnly },
          resultTypes: ['violations'],
        },
      ),
    [...tags],
  );
  return (results as AxeResults).violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
}

/** A readable summary of violations for an assertion message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    at ${v.targets.join('\n    at ')}`)
    .join('\n');
}

/** A running Accord with the demo partnership loaded, for browser tests. */
export interface DemoServer {
  baseURL: string;
  /**
   * Sequences every waiting audit entry into the Merkle tree and signs a tree head now (main.ts runs
   * this on a timer; the in-process test server leaves it to the test, so timing never matters).
   */
  sequenceAudit(): Promise<void>;
  /** Stops the server, closes the database and removes its files. */
  stop(): Promise<void>;
}

/**
 * Builds the web app if its sources changed, then starts Accord in-process on a free port over a
 * temporary SQLite file holding the demo partnership.
 */
export async function startDemoServer(options: { password: string; people: number }): Promise<DemoServer> {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/ensure-web.ts')], { cwd: root, stdio: 'inherit' });
  const dir = await mkdtemp(path.join(tmpdir(), 'accord-browser-'));
  const database = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'accord.db') });
  await migrateToLatest(database);
  await loadDemo(database, { password: options.password, people: options.people });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signingKey: SigningKey = {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  const app = await buildApp({ database, logLevel: 'warn', web: true, signingKey });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  return {
    baseURL: `http://127.0.0.1:${address.port}`,
    async sequenceAudit() {
      await sequenceOnce(database, signingKey, new Date(), { forceHead: true });
    },
    async stop() {
      await app.close();
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
