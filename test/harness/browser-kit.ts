/**
 * Helpers for browser tests that sign in as several users: a PageKit of signed-in pages with console
 * capture and axe checks, API calls with a page's session, and a suite that starts server and browser.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PersonDetail, PersonSummary } from '../../src/contracts/people.ts';
import {
  type DemoServer,
  describeViolations,
  launchBrowser,
  newContext,
  runAxe,
  startDemoServer,
} from './browser.ts';

/** Signs in through the sign-in page and waits until the app shows the signed-in header. */
export async function signInThroughPage(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** The HTTP status of a GET to the API with the page's session. */
export async function apiStatus(page: Page, path: string): Promise<number> {
  return (await page.request.get(`/api/v1${path}`)).status();
}

/** Whether the server has a route for this GET: an unknown route answers 404 "No route ...". */
export async function apiRouteExists(page: Page, path: string): Promise<boolean> {
  const response = await page.request.get(`/api/v1${path}`);
  if (response.status() !== 404) return true;
  const problem = (await response.json().catch(() => ({}))) as { detail?: string };
  return !problem.detail?.startsWith('No route');
}

/** Signed-in pages for a browser test, with console errors collected and an accessibility check. */
export interface PageKit {
  /** A fresh context signed in as the user. */
  signedIn(username: string): Promise<Page>;
  /** Screenshots the page to the shots directory, then asserts axe finds no WCAG 2.2 AA violation. */
  expectAccessible(page: Page, name: string): Promise<void>;
  /** Script errors and CSP violations seen so far; 4xx loads the tests cause on purpose are left out. */
  readonly consoleErrors: readonly string[];
  close(): Promise<void>;
}

/** Makes a PageKit over a running browser and server. */
export function pageKit(browser: Browser, baseURL: string, password: string, shots: string): PageKit {
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  return {
    consoleErrors,
    async signedIn(username) {
      const context = await newContext(browser, baseURL);
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' && !/status of (400|401|403|404|409)\b/.test(m.text()))
          consoleErrors.push(m.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      await signInThroughPage(page, username, password);
      return page;
    },
    async expectAccessible(page, name) {
      await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
      const violations = await runAxe(page);
      assert.equal(
        violations.length,
        0,
        `axe found WCAG 2.2 AA violations on ${name}:\n${describeViolations(violations)}`,
      );
    },
    async close() {
      for (const context of contexts) await context.close();
    },
  };
}

/** POSTs JSON to the API with the page's session and CSRF token, as the web app does. */
export async function apiPost(page: Page, path: string, body: unknown): Promise<number> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string | null };
  const response = await page.request.post(`/api/v1${path}`, {
    data: body,
    headers: { 'x-csrf-token': me.csrfToken ?? '' },
  });
  return response.status();
}

/** GETs JSON from the API with the page's session, asserting a 200. */
export async function apiJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`/api/v1${path}`);
  assert.equal(response.status(), 200, `GET ${path}`);
  return (await response.json()) as T;
}

/** Someone the signed-in care coordinator coordinates now (consent and access reports are theirs to give). */
export async function personCoordinatedBy(page: Page): Promise<PersonDetail> {
  const me = await apiJson<{ id: string }>(page, '/me');
  for (const summary of (await apiJson<{ items: PersonSummary[] }>(page, '/people?pageSize=100')).items) {
    const person = await apiJson<PersonDetail>(page, `/people/${summary.id}`);
    if (person.careTeam.some((m) => m.current && m.role === 'CARE_COORDINATOR' && m.staffId === me.id))
      return person;
  }
  throw new Error('the signed-in care coordinator coordinates no one');
}

/** Someone on the first user's caseload who is not on the second's. */
export async function onFirstCaseloadOnly(first: Page, second: Page): Promise<PersonSummary> {
  const theirs = await apiJson<{ items: PersonSummary[] }>(first, '/people?pageSize=100');
  const mine = await apiJson<{ items: PersonSummary[] }>(second, '/people?pageSize=100');
  const known = new Set(mine.items.map((p) => p.id));
  const person = theirs.items.find((p) => !known.has(p.id));
  assert.ok(person, 'someone on the first caseload is not on the second');
  return person;
}

/** A demo server, a browser and a PageKit over them, started together. */
export interface BrowserSuite {
  server: DemoServer;
  browser: Browser;
  kit: PageKit;
  stop(): Promise<void>;
}

/** Starts the demo server and Chromium together; whichever started is stopped if the other failed. */
export async function startBrowserSuite(options: {
  password: string;
  people: number;
  shots: string;
}): Promise<BrowserSuite> {
  mkdirSync(options.shots, { recursive: true });
  const [started, launched] = await Promise.allSettled([
    startDemoServer({ password: options.password, people: options.people }),
    launchBrowser(),
  ]);
  if (started.status === 'rejected' || launched.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.stop();
    if (launched.status === 'fulfilled') await launched.value.close();
    throw started.status === 'rejected'
      ? started.reason
      : launched.status === 'rejected'
        ? launched.reason
        : null;
  }
  const server = started.value;
  const browser = launched.value;
  const kit = pageKit(browser, server.baseURL, options.password, options.shots);
  return {
    server,
    browser,
    kit,
    async stop() {
      await kit.close();
      await browser.close();
      await server.stop();
    },
  };
}

/** Skips the rest of a test while the endpoint is not there yet (404 from an unknown route). */
export async function skipUnlessRoute(
  t: { skip(message: string): void },
  page: Page,
  path: string,
): Promise<boolean> {
  if (await apiRouteExists(page, path)) return true;
  t.skip('API not registered yet');
  return false;
}

/**
 * Waits until no part of the page is still loading. A page can show several loading notes at once
 * (one a section), so this waits for none to be left rather than for one to go.
 */
export async function loadingFinished(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.accord-loading') === null);
}

/** Opens each page, waits for its main heading and for loading to finish, then checks it with axe. */
export async function visitAccessibly(
  kit: PageKit,
  page: Page,
  visits: readonly (readonly [path: string, heading: string | RegExp, shot: string])[],
): Promise<void> {
  for (const [path, heading, shot] of visits) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await loadingFinished(page);
    await kit.expectAccessible(page, shot);
  }
}
