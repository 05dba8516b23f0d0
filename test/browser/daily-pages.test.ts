import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { AccessReview, AccessReviewDetail } from '../../src/contracts/assurance.ts';
import type { AuditEntryDto } from '../../src/contracts/audit.ts';
import type { PersonDetail, PersonSummary } from '../../src/contracts/people.ts';
import { CHROMIUM_PATH, type DemoServer } from '../harness/browser.ts';
import {
  apiJson,
  apiPost,
  type BrowserSuite,
  loadingFinished,
  type PageKit,
  personCoordinatedBy,
  startBrowserSuite,
} from '../harness/browser-kit.ts';

// Demo accounts (src/server/demo/partnership-staff.ts).
const COORDINATOR = 'cc.amara';
const HOUSING = 'ho.dev';
const IG_LEAD = 'ig.priya';
const MANAGER = 'mgr.helen';
const ADMIN = 'admin.kai';
const PASSWORD = 'daily-pages-browser-password';
const SHOTS = '/tmp/accord-daily-pages';
/** A UUID, or the first eight hex digits of one, anywhere in a page's text. */
const UUID_PREFIX = /\b[0-9a-f]{8}(-[0-9a-f]{4})?\b/;
/** An audit action or reason code as stored (`record.view`, `NOT_INVOLVED_IN_CARE`). */
const RAW_CODE = /\b[a-z]+(_[a-z]+)*\.[a-z_]+\b|\b[A-Z]{2,}(_[A-Z]+){2,}\b/;

let suite: BrowserSuite | undefined;
let server: DemoServer;
let kit: PageKit;

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor();

/** Fails (never skips) when the server no longer offers an operation a page needs, as its OpenAPI document says. */
async function requireRoute(page: Page, method: 'get' | 'post', path: string): Promise<void> {
  const response = await page.request.get('/api/openapi.json');
  assert.equal(response.status(), 200, 'the OpenAPI document is served');
  const doc = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  assert.ok(doc.paths[`/api/v1${path}`]?.[method], `${method.toUpperCase()} /api/v1${path} is offered`);
}

/** Someone on the signed-in user's caseload with at least one section not (fully) shown to them. */
async function personWithWithheld(page: Page): Promise<PersonDetail | null> {
  for (const summary of (await apiJson<{ items: PersonSummary[] }>(page, '/people?pageSize=100')).items) {
    const person = await apiJson<PersonDetail>(page, `/people/${summary.id}`);
    if (person.sections.some((s) => s.status !== 'shown' && s.withheldReasons.length > 0)) return person;
  }
  return null;
}

const skip = existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH}`;

describe('the pages staff use every day, in Chromium', { skip }, () => {
  before(async () => {
    suite = await startBrowserSuite({ password: PASSWORD, people: 40, shots: SHOTS });
    ({ server, kit } = suite);
  });
  after(() => suite?.stop());

  it('condenses what is withheld into one summary, shows care-team contacts and records a printout', async () => {
    let page = await kit.signedIn(HOUSING);
    let person = await personWithWithheld(page);
    if (!person) {
      page = await kit.signedIn(COORDINATOR);
      person = await personWithWithheld(page);
    }
    assert.ok(person, 'a demo user has someone with withheld information on their caseload');
    await requireRoute(page, 'get', '/people/{id}');
    await page.addInitScript(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await page.goto(`/people/${person.id}`);
    await heading(page, `${person.givenName} ${person.familyName}`);

    const summary = page.locator('section.accord-withheld-summary');
    await summary.getByRole('heading', { level: 2, name: 'Not shown to you' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Not shown to you' }).count(), 1, 'one summary');
    assert.equal(await page.locator('section.accord-section[data-status="withheld"]').count(), 0);
    const text = (await summary.textContent()) ?? '';
    assert.ok(text.includes(`information in ${person.givenName} ${person.familyName}’s record`), 'whose');
    // Each of the server's reasons is given once, in its own words, whatever the number of sections.
    const reasons = new Set(person.sections.flatMap((s) => s.withheldReasons.map((r) => r.message)));
    for (const message of reasons)
      assert.equal(await summary.getByText(message, { exact: true }).count(), 1, `said once: ${message}`);
    await summary.getByRole('heading', { level: 3, name: 'Who to ask' }).waitFor();
    for (const s of person.sections.filter((x) => x.status === 'withheld'))
      await summary.getByText(s.label, { exact: false }).first().waitFor();

    const careTeam = page.getByRole('region', { name: 'Care team' });
    const withEmail = person.careTeam.find((m) => m.current && m.staffEmail);
    if (withEmail?.staffEmail)
      await careTeam.locator(`a[href="mailto:${withEmail.staffEmail}"]`).first().waitFor();
    await kit.expectAccessible(page, 'person-withheld-summary');

    await requireRoute(page, 'post', '/people/{id}/print');
    await page.getByRole('button', { name: 'Print this record' }).click();
    await page.locator('body[data-printed="yes"]').waitFor({ state: 'attached' });
    const stamp = page.getByTestId('print-stamp');
    await page.emulateMedia({ media: 'print' });
    await stamp.getByText(/^Printed by .+ on .+\. Audit reference /).waitFor();
    await stamp.getByText(/Confidential\./).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Record sections' }).isVisible(), false);
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await stamp.isVisible(), false, 'the stamp is for paper only');

    const ig = await kit.signedIn(IG_LEAD);
    const printed = await apiJson<{ items: AuditEntryDto[] }>(
      ig,
      `/audit/entries?action=record.print&personId=${person.id}`,
    );
    assert.ok(printed.items.length > 0, 'the printout is in the audit log');
  });

  it('shows the audit explorer in names and words, and filters by a staff member found by name', async () => {
    // The coordinator opens someone's record, so the log holds views by her to find.
    const cc = await kit.signedIn(COORDINATOR);
    await personCoordinatedBy(cc);
    const ig = await kit.signedIn(IG_LEAD);
    await requireRoute(ig, 'get', '/audit/entries');
    await server.sequenceAudit();
    await ig.goto('/audit');
    await heading(ig, 'Audit log');
    const table = ig.getByRole('table', { name: 'Audit entries, newest first' });
    await table.locator('tbody tr').first().waitFor();
    await loadingFinished(ig);
    const shown = (await table.textContent()) ?? '';
    assert.doesNotMatch(shown, UUID_PREFIX, 'no ids in the table');
    assert.doesNotMatch(shown, RAW_CODE, 'no action or reason codes in the table');
    assert.ok((await table.locator('tbody tr').count()) > 1);
    await kit.expectAccessible(ig, 'audit-explorer-names');

    await ig.getByLabel('Find a staff member by name').fill('Amara');
    await ig.getByRole('button', { name: 'Find' }).click();
    await ig.getByLabel(/^Amara Okafor, /).check();
    await ig.getByLabel('What was done').selectOption({ label: 'Viewed a record' });
    await ig.getByRole('button', { name: 'Filter', exact: true }).click();
    await ig.waitForURL(/actorId=.+&action=record\.view|action=record\.view.*actorId=/);
    await ig.getByTestId('staff-filter-chosen').getByText('Amara Okafor').waitFor();
    const rows = table.locator('tbody tr');
    await rows.first().waitFor();
    for (const row of await rows.all()) {
      const cells = (await row.textContent()) ?? '';
      assert.match(cells, /Amara Okafor/);
      assert.match(cells, /Viewed a record/);
    }
    await rows.first().getByRole('link').first().click();
    await heading(ig, /Viewed a record/);
    assert.doesNotMatch((await ig.locator('main dl').first().textContent()) ?? '', UUID_PREFIX);
    await kit.expectAccessible(ig, 'audit-entry-names');
  });

  it('lets a manager confirm their team’s unflagged items at once, and undo a confirmed revocation', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    await requireRoute(ig, 'post', '/assurance/access-reviews/{id}/confirm');
    await requireRoute(ig, 'post', '/assurance/access-reviews/items/{id}/undo');
    const period = new Date().toISOString().slice(0, 7);
    assert.equal(await apiPost(ig, '/assurance/access-reviews/open', { period }), 200);
    const manager = await kit.signedIn(MANAGER);
    const list = await apiJson<{ items: AccessReview[] }>(
      manager,
      `/assurance/access-reviews?period=${period}`,
    );
    const review = list.items.find((r) => r.status !== 'completed');
    assert.ok(review, 'the manager has an open review');
    const detail = await apiJson<AccessReviewDetail>(manager, `/assurance/access-reviews/${review.id}`);
    const unflagged = detail.items.filter((i) => !i.decision && !i.flag).length;
    assert.ok(unflagged > 1, 'the review has unflagged items');

    await manager.goto(`/access-reviews/${review.id}`);
    await heading(manager, /Access review/);
    const items = manager.getByRole('table', { name: 'Items to review' });
    await items.waitFor();
    assert.doesNotMatch((await items.textContent()) ?? '', UUID_PREFIX, 'items in words');
    const status = manager.getByRole('status').filter({ hasText: /\S/ });

    // Revoke asks first, then offers an undo, all named by person and item.
    const revoke = items.getByRole('button', { name: /^Revoke .+’s role as / }).first();
    const name = ((await revoke.textContent()) ?? '').replace(/^Revoke\s*/, '');
    await revoke.click();
    await manager.getByText(`Revoke ${name}?`, { exact: true }).waitFor();
    await kit.expectAccessible(manager, 'access-review-revoke-confirm');
    await manager.getByRole('button', { name: `Yes, revoke ${name}` }).click();
    await status.getByText(`Revoked ${name}. You can undo this for 10 minutes.`).waitFor();
    const undo = manager.getByRole('button', {
      name: new RegExp(`^Undo revoking ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    });
    await undo.waitFor();
    await kit.expectAccessible(manager, 'access-review-undo');
    await undo.click();
    await status.getByText(`Revocation undone: ${name} is back as it was.`).waitFor();
    await manager.getByRole('button', { name: `Revoke ${name}` }).waitFor();

    await manager.getByRole('button', { name: /^Confirm all \d+ items? without a flag$/ }).click();
    await status.getByText(/^Confirmed \d+ items? without a flag\.$/).waitFor();
    await manager.getByRole('button', { name: /^Confirm all / }).waitFor({ state: 'detached' });
    const after = await apiJson<AccessReviewDetail>(manager, `/assurance/access-reviews/${review.id}`);
    assert.equal(
      after.items.filter((i) => !i.flag && !i.decision).length,
      0,
      'every unflagged item is decided',
    );
    assert.ok(after.items.filter((i) => i.decision === 'CONFIRMED').length >= unflagged);
    await kit.expectAccessible(manager, 'access-review-bulk-confirmed');
  });

  it('gives the consent wizard one URL a step, surviving reload and Back, and pre-selects nothing in an exception', async () => {
    const cc = await kit.signedIn(COORDINATOR);
    const person = await personCoordinatedBy(cc);
    await requireRoute(cc, 'post', '/people/{id}/consent');
    await requireRoute(cc, 'post', '/people/{id}/lawful-exceptions');
    const base = `/people/${person.id}/consent/capture`;
    await cc.goto(base);
    await cc.waitForURL(new RegExp(`${base}/capacity$`));
    await heading(cc, /Can the person make this decision\?/);
    await cc.getByLabel('Yes, they have capacity to make this decision').check();
    await cc.getByRole('button', { name: 'Continue' }).click();
    await cc.waitForURL(new RegExp(`${base}/routine$`));
    await heading(cc, /Sharing within the care team/);
    await cc.getByLabel('Yes, the care team may share to coordinate my care').check();

    await cc.reload();
    await heading(cc, /Sharing within the care team/);
    await cc.getByRole('button', { name: 'Continue' }).click();
    await cc.waitForURL(new RegExp(`${base}/partners$`));
    await cc.goBack();
    await cc.waitForURL(new RegExp(`${base}/routine$`));
    await heading(cc, /Sharing within the care team/);
    assert.equal(await cc.getByLabel('Yes, the care team may share to coordinate my care').isChecked(), true);
    await cc.goBack();
    await heading(cc, /Can the person make this decision\?/);
    assert.equal(await cc.getByLabel('Yes, they have capacity to make this decision').isChecked(), true);
    await kit.expectAccessible(cc, 'consent-step-after-back');

    // A later step cannot be reached past an unanswered one, even by its address.
    const fresh = await kit.signedIn(COORDINATOR);
    await fresh.goto(`${base}/check`);
    await fresh.waitForURL(new RegExp(`${base}/capacity$`));
    await heading(fresh, /Can the person make this decision\?/);

    await cc.goto(`/people/${person.id}/lawful-exceptions/new`);
    await heading(cc, 'Record a lawful exception');
    for (const label of [
      'UK GDPR Article 6 basis',
      'UK GDPR Article 9 condition',
      'Common-law duty of confidentiality basis',
    ])
      assert.equal(await cc.getByLabel(label).inputValue(), '', `${label} starts empty`);
    const boxes = cc
      .getByRole('group', { name: 'What information needs to be shared?' })
      .getByRole('checkbox');
    assert.ok((await boxes.count()) > 0);
    for (const box of await boxes.all()) assert.equal(await box.isChecked(), false);
    await cc.getByRole('button', { name: 'Record the exception' }).click();
    const errors = cc.locator('.nhsuk-error-summary');
    await errors.getByText('Select the information that needs to be shared').waitFor();
    await errors.getByText('Select the Article 6 basis').waitFor();
    await kit.expectAccessible(cc, 'lawful-exception-empty');
  });

  it('lets an administrator unlock an account slowed by failed sign-ins, and change its job title', async () => {
    const admin = await kit.signedIn(ADMIN);
    await requireRoute(admin, 'post', '/staff/{id}/unlock');
    for (let i = 0; i < 4; i += 1) {
      const res = await admin.request.post('/api/v1/auth/login', {
        data: { username: 'ward.ellie', password: `not her password ${i}` },
      });
      assert.ok([401, 429].includes(res.status()));
    }
    const { items } = await apiJson<{ items: { id: string }[] }>(admin, '/staff?q=ward.ellie');
    const id = items[0]?.id ?? '';
    await admin.goto(`/admin/staff/${id}`);
    await heading(admin, /Ellie Brennan/);
    await admin.getByText('Locked', { exact: true }).waitFor();
    await kit.expectAccessible(admin, 'staff-locked');
    await admin.getByRole('button', { name: 'Unlock sign-in for Ellie Brennan' }).click();
    await admin
      .getByRole('button', { name: 'Unlock sign-in for Ellie Brennan' })
      .waitFor({ state: 'detached' });
    assert.equal(await admin.getByText('Locked', { exact: true }).count(), 0);

    await admin.getByRole('link', { name: /Change details, roles or teams/ }).click();
    await heading(admin, /Change Ellie Brennan/);
    await kit.expectAccessible(admin, 'staff-edit');
    await admin.getByLabel('Job title').fill('Ward Manager, Willow Ward');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.waitForURL(new RegExp(`/admin/staff/${id}$`));
    await admin.getByText('Changes saved for Ellie Brennan.').waitFor();
    await heading(admin, /Ward Manager, Willow Ward/);
  });

  it('lists the people a coordinator is named on first, with consent at a glance, and filters them', async () => {
    const cc = await kit.signedIn(COORDINATOR);
    await requireRoute(cc, 'get', '/people');
    await cc.goto('/people');
    await heading(cc, 'Your caseload');
    await cc.getByRole('heading', { level: 2, name: 'People you are named on' }).waitFor();
    const named = cc.getByRole('table', { name: 'People you are named on' });
    const firstRow = named.locator('tbody tr').first();
    await firstRow.waitFor();
    assert.match((await firstRow.textContent()) ?? '', /Care coordinator/);
    assert.match(
      (await firstRow.textContent()) ?? '',
      /Consent given|Consent refused|Consent withdrawn|No consent recorded/,
    );
    // Named first: no team table above the named one.
    const headings = await cc.getByRole('heading', { level: 2 }).allTextContents();
    const team = headings.indexOf('Your team’s people');
    assert.ok(team === -1 || team > headings.indexOf('People you are named on'));
    await kit.expectAccessible(cc, 'caseload-named-first');

    await cc.getByLabel('Show', { exact: true }).selectOption({ label: 'Your team’s other people' });
    await cc.getByLabel('Consent', { exact: true }).selectOption({ label: 'Consent given' });
    await cc.getByRole('button', { name: 'Search', exact: true }).click();
    await cc.waitForURL(/show=team/);
    await cc
      .locator('.accord-count')
      .filter({ hasText: /people|No people found/ })
      .waitFor();
    // The filtered page replaces the named table once it arrives.
    await cc
      .getByRole('heading', { level: 2, name: 'People you are named on' })
      .waitFor({ state: 'detached' });
    const teamRows = cc.getByRole('table', { name: 'Your team’s people' }).locator('tbody tr');
    await teamRows.first().waitFor();
    for (const row of await teamRows.all()) assert.match((await row.textContent()) ?? '', /Consent given/);
    await kit.expectAccessible(cc, 'caseload-filtered');
  });

  it('loaded every page without script errors or CSP violations', () => {
    assert.deepEqual(kit.consoleErrors, []);
  });
});
