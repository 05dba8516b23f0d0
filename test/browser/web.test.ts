import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatNhsNumber } from '../../src/contracts/nhs-number.ts';
import type { PersonDetail } from '../../src/contracts/people.ts';
import {
  CHROMIUM_PATH,
  type DemoServer,
  describeViolations,
  launchBrowser,
  newContext,
  runAxe,
  startDemoServer,
} from '../harness/browser.ts';

// Demo accounts (src/server/demo/partnership.ts): a trust care coordinator and the trust's system administrator.
const CARE_COORDINATOR = 'cc.amara';
const SYSTEM_ADMIN = 'admin.kai';
const PASSWORD = 'browser-test-password';
const SHOTS = '/tmp/accord-browser';

let server: DemoServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/**
 * Console errors, less the failed loads the tests cause on purpose (400 for an empty form, 401 while
 * signed out or after a wrong password, 404 for an unknown person); CSP violations and script errors
 * land here.
 */
const consoleErrors: string[] = [];

async function openPage(): Promise<Page> {
  const context = await newContext(browser, server.baseURL);
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of (400|401|404)\b/.test(message.text()))
      consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return page;
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  const violations = await runAxe(page);
  assert.equal(
    violations.length,
    0,
    `axe found WCAG 2.2 AA violations on ${name}:\n${describeViolations(violations)}`,
  );
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

const skip = existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH}`;

describe('web app in Chromium', { skip }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // Started together; whichever started is cleaned up by after() even if the other failed.
    const [started, launched] = await Promise.allSettled([
      startDemoServer({ password: PASSWORD, people: 40 }),
      launchBrowser(),
    ]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('signs in accessibly, with the skip link first and errors in a focused summary', async () => {
    const page = await openPage();
    await page.goto('/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in to Accord' }).waitFor();
    assert.equal(await page.title(), 'Sign in – Accord');
    assert.equal(await page.getAttribute('html', 'lang'), 'en-GB');

    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent?.trim());
    assert.equal(first, 'Skip to main content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'maincontent');
    await expectAccessible(page, 'sign-in');

    await page.getByLabel('Username').fill(CARE_COORDINATOR);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.getByText('The username or password is wrong.').waitFor();
    assert.equal(
      await summary.evaluate((el) => el === document.activeElement),
      true,
      'the error summary takes focus',
    );
    assert.match(await page.title(), /^Error: Sign in/);
    await expectAccessible(page, 'sign-in-error');
  });

  it('shows a care coordinator their caseload and a person as the server decided', async () => {
    const page = await openPage();
    await signIn(page, CARE_COORDINATOR);
    // Signing in lands on the worklist; the caseload is one click away.
    await page.getByRole('heading', { level: 1, name: 'Your worklist' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Caseload' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your caseload' }).waitFor();
    const firstPerson = page.locator('main table tbody a').first();
    await firstPerson.waitFor();
    assert.match(
      (await page.locator('.accord-count').textContent()) ?? '',
      /^Showing 1 to \d+ of \d+ people$/,
    );
    await expectAccessible(page, 'caseload');

    const href = (await firstPerson.getAttribute('href')) ?? '';
    await firstPerson.click();
    const banner = page.locator('.accord-banner');
    await banner.getByTestId('nhs-number').waitFor();
    const response = await page.request.get(`/api/v1${href}`);
    const person = (await response.json()) as PersonDetail;
    assert.equal(await banner.getByTestId('nhs-number').textContent(), formatNhsNumber(person.nhsNumber));
    assert.equal(
      await page.getByRole('heading', { level: 1 }).textContent(),
      `${person.givenName} ${person.familyName}`,
    );
    assert.ok((await page.locator('section.accord-section').count()) >= 1, 'at least one record section');

    // Withheld sections are not shown as cards: one summary carries the server's reasons, word for word.
    assert.equal(await page.locator('section.accord-section[data-status="withheld"]').count(), 0);
    const withheld = person.sections.filter((s) => s.status !== 'shown');
    const summary = page.locator('section.accord-withheld-summary');
    assert.equal(await summary.count(), withheld.length > 0 ? 1 : 0);
    for (const section of withheld)
      for (const reason of section.withheldReasons) await summary.getByText(reason.message).first().waitFor();
    await expectAccessible(page, 'person');

    // WCAG 1.4.10 reflow: at 320 CSS pixels nothing scrolls sideways.
    await page.setViewportSize({ width: 320, height: 800 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, 'the person page fits 320 CSS pixels');
    await page.screenshot({ path: `${SHOTS}/person-320.png` });
  });

  it('keeps a failed entry in the form with the server’s field errors', async () => {
    const page = await openPage();
    await signIn(page, CARE_COORDINATOR);
    await page.goto('/people');
    await page.getByRole('heading', { level: 1, name: 'Your caseload' }).waitFor();
    await page.locator('main table tbody a').first().click();
    const add = page.getByRole('link', { name: 'Add an entry' });
    await add.waitFor();
    await add.click();
    await page.getByRole('heading', { level: 1, name: /Add an entry/ }).waitFor();
    await page.getByLabel('Section', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Save entry' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.getByRole('link', { name: 'Title must not be empty' }).waitFor();
    assert.equal(await summary.evaluate((el) => el === document.activeElement), true);
    await page.locator('#entry-title-error').waitFor();
    await expectAccessible(page, 'add-entry-error');

    await page.getByLabel('Title').fill('Browser test note');
    await page.getByLabel('Entry', { exact: true }).fill('Recorded by the browser test.');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page
      .getByRole('alert')
      .getByText(/Entry “Browser test note” added/)
      .waitFor();
    await page.getByRole('heading', { level: 3, name: 'Browser test note' }).waitFor();
  });

  it('amends an entry with a reason, and adds and ends a care team membership', async () => {
    const page = await openPage();
    await signIn(page, CARE_COORDINATOR);
    await page.goto('/people');
    await page.getByRole('heading', { level: 1, name: 'Your caseload' }).waitFor();
    await page.locator('main table tbody a').nth(1).click();
    await page.getByRole('link', { name: 'Add an entry' }).click();
    // The person page's "Record sections" navigation is also labelled: wait for the form itself.
    await page.waitForURL(/\/people\/[^/]+\/entries\/new$/);
    await page.getByRole('heading', { level: 1, name: /Add an entry/ }).waitFor();
    await page.getByLabel('Section', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Title').fill('Note to amend');
    await page.getByLabel('Entry', { exact: true }).fill('First wording.');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByRole('heading', { level: 3, name: 'Note to amend' }).waitFor();

    await page.getByRole('link', { name: 'Amend Note to amend' }).click();
    await page.getByRole('heading', { level: 1, name: /Amend an entry/ }).waitFor();
    await page.getByLabel('Entry', { exact: true }).fill('Second wording.');
    await page.getByRole('button', { name: 'Save amendment' }).click();
    const reason = page.locator('.nhsuk-error-summary');
    await reason.waitFor();
    assert.equal(await reason.evaluate((el) => el === document.activeElement), true);
    await expectAccessible(page, 'amend-entry-error');
    await page.getByLabel('Reason for the amendment').fill('Corrected the wording.');
    await page.getByRole('button', { name: 'Save amendment' }).click();
    await page
      .getByRole('alert')
      .getByText(/Entry “Note to amend” amended \(version 2\)/)
      .waitFor();

    await page.getByRole('link', { name: 'Add to the care team' }).click();
    await page.getByRole('heading', { level: 1, name: /Add to the care team/ }).waitFor();
    await expectAccessible(page, 'add-member');
    await page.getByLabel('A team').check();
    await page.getByLabel('Team', { exact: true }).selectOption({ index: 1 });
    const chosenTeam = await page.getByLabel('Team', { exact: true }).locator('option:checked').textContent();
    const team = (chosenTeam ?? '').split(' (')[0] ?? '';
    await page.getByLabel('Role in this person’s care').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Add to the care team' }).click();
    await page.getByRole('alert').getByText('Care team updated.').waitFor();

    await page
      .getByRole('link', { name: `End membership of ${team}` })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: /End a care team membership/ }).waitFor();
    await expectAccessible(page, 'end-member');
    await page.getByRole('button', { name: 'End membership' }).click();
    await page
      .getByRole('alert')
      .getByText(`${team}’s care team membership ends on`, { exact: false })
      .waitFor();
  });

  it('gives the system administrator accessible administration pages', async () => {
    const page = await openPage();
    await signIn(page, SYSTEM_ADMIN);
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    await page.locator('main table tbody a').first().waitFor();
    await expectAccessible(page, 'admin-staff');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    await page.locator('main table tbody a').first().click();
    await page.getByRole('heading', { level: 2, name: 'Governance roles' }).waitFor();
    await expectAccessible(page, 'admin-organisation');

    await page.goto('/admin/staff/new');
    await page.getByRole('heading', { level: 1, name: 'Add a staff member' }).waitFor();
    await expectAccessible(page, 'admin-staff-new');
  });

  it('answers unknown addresses and unknown people with the same not-found page', async () => {
    const page = await openPage();
    await signIn(page, CARE_COORDINATOR);
    for (const path of ['/no/such/page', '/people/00000000-0000-4000-8000-000000000000']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      assert.equal(await page.title(), 'Page not found – Accord');
    }
    await expectAccessible(page, 'not-found');
  });

  it('loaded every page without script errors or CSP violations', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
