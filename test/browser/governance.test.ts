import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { PersonDetail } from '../../src/contracts/people.ts';
import { CHROMIUM_PATH, type DemoServer } from '../harness/browser.ts';
import {
  apiJson,
  apiPost,
  apiRouteExists,
  apiStatus,
  type BrowserSuite,
  onFirstCaseloadOnly,
  type PageKit,
  personCoordinatedBy,
  startBrowserSuite,
  visitAccessibly,
} from '../harness/browser-kit.ts';

// Demo accounts (src/server/demo/partnership-staff.ts).
const DUTY = 'duty.leon';
const IG_LEAD = 'ig.priya';
const MANAGER = 'mgr.helen';
const COORDINATOR = 'cc.amara';
const PASSWORD = 'governance-browser-password';
const SHOTS = '/tmp/accord-governance';

let suite: BrowserSuite | undefined;
let server: DemoServer;
let kit: PageKit;
/** The person duty.leon opens by break-glass, and a category their record holds entries of. */
let target: { person: PersonDetail; category: string } | undefined;

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor();
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary');

const skip = existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH}`;

describe('governance pages in Chromium', { skip }, () => {
  before(async () => {
    suite = await startBrowserSuite({ password: PASSWORD, people: 40, shots: SHOTS });
    ({ server, kit } = suite);
  });
  after(() => suite?.stop());

  it('lets a duty worker open a crisis summary by break-glass, and only that', async () => {
    const coordinator = await kit.signedIn(COORDINATOR);
    const duty = await kit.signedIn(DUTY);
    const stranger = await onFirstCaseloadOnly(coordinator, duty);
    const person = await apiJson<PersonDetail>(coordinator, `/people/${stranger.id}`);
    const held =
      person.sections.find((s) => s.category === 'CRISIS_PLAN' && s.entries.length > 0) ??
      person.sections.find((s) => s.entries.length > 0);
    target = { person, category: held?.category ?? 'CRISIS_PLAN' };

    await nav(duty, 'Emergency access');
    await heading(duty, 'Emergency access to a crisis summary');
    await duty.getByText('Emergency access is limited, recorded and reviewed').waitFor();
    await kit.expectAccessible(duty, 'break-glass');
    await duty.getByRole('button', { name: 'Open the crisis summary' }).click();
    await errorSummary(duty).getByText('Enter a valid 10-digit NHS number').waitFor();
    await kit.expectAccessible(duty, 'break-glass-errors');

    await duty.getByLabel('NHS number').fill(stranger.nhsNumber);
    await duty
      .getByLabel('Why do you need emergency access?')
      .fill('Crisis line call from their neighbour; person at risk tonight.');
    await duty.getByRole('button', { name: 'Open the crisis summary' }).click();
    const banner = duty.getByTestId('break-glass-banner');
    await banner.waitFor();
    assert.match(
      (await banner.textContent()) ?? '',
      /Emergency access — expires at \d\d:\d\d \(in \d+ (minutes?|hours?)/,
    );
    assert.equal(
      await duty.getByRole('heading', { level: 1 }).textContent(),
      `${person.givenName} ${person.familyName}`,
    );
    const section = (name: RegExp) =>
      duty.locator('section.accord-section', { has: duty.getByRole('heading', { name }) });
    assert.notEqual(
      await section(/^Crisis plan/).getAttribute('data-status'),
      'withheld',
      'the crisis plan is open',
    );
    // The crisis summary holds medication considerations: emergency access opens them too, and
    // nothing outside the summary (a diagnosis) opens with it.
    if ((await section(/^Medication/).count()) > 0)
      assert.notEqual(
        await section(/^Medication/).getAttribute('data-status'),
        'withheld',
        'medication considerations are open',
      );
    if ((await section(/^Diagnosis/).count()) > 0) {
      assert.equal(
        await section(/^Diagnosis/).getAttribute('data-status'),
        'withheld',
        'a diagnosis stays withheld',
      );
      assert.equal(
        await section(/^Diagnosis/)
          .locator('article')
          .count(),
        0,
      );
    }
    await kit.expectAccessible(duty, 'break-glass-person');

    await banner.getByRole('button', { name: 'End emergency access' }).click();
    await heading(duty, 'Emergency access to a crisis summary');
    await duty
      .getByRole('alert')
      .getByText(/Emergency access ended/)
      .waitFor();
    await duty.getByRole('table', { name: 'Your emergency accesses' }).getByText('Expired').first().waitFor();
    assert.equal(await apiStatus(duty, `/people/${stranger.id}`), 404, 'the record is closed again');
    await kit.expectAccessible(duty, 'break-glass-ended');
  });

  it('explains, with the decision function’s reasons, why someone may or may not see something', async () => {
    assert.ok(target, 'the break-glass test chose a person');
    const ig = await kit.signedIn(IG_LEAD);
    await nav(ig, 'Explain');
    await heading(ig, 'Explain access');
    await kit.expectAccessible(ig, 'explain');
    await ig.getByLabel('Find a staff member by name').fill('Leon');
    await ig.getByRole('button', { name: 'Find' }).click();
    await ig.getByLabel(/Leon Price/).check();
    await ig.getByLabel('Person id').fill(target.person.id);
    await ig.getByLabel('Information').selectOption(target.category);
    await ig.getByRole('button', { name: 'Explain' }).click();
    const answer = ig.locator('.accord-answer').first();
    await answer.getByText('Not permitted', { exact: true }).waitFor();
    assert.ok((await answer.locator('li').count()) >= 1, 'at least one reason is listed');
    await answer.getByText('They are not currently part of this person’s care team.').waitFor();
    await kit.expectAccessible(ig, 'explain-answer');
  });

  it('lists audit entries and verifies an entry’s inclusion in the signed log in the browser', async () => {
    await server.sequenceAudit();
    const ig = await kit.signedIn(IG_LEAD);
    // Signing in lands on the worklist; the audit log is its own page.
    await heading(ig, 'Your worklist');
    await ig.goto('/audit');
    await heading(ig, 'Audit log');
    const rows = ig.getByRole('table', { name: 'Audit entries, newest first' }).locator('tbody tr');
    await rows.first().waitFor();
    assert.ok((await rows.count()) > 1);
    await kit.expectAccessible(ig, 'audit-explorer');

    await ig.getByLabel('What was done').selectOption({ label: 'Used emergency access' });
    await ig.getByRole('button', { name: 'Filter', exact: true }).click();
    await ig.waitForURL(/action=break_glass.grant/);
    // The filtered rows replace the first page once they arrive: wait for one of them, not the URL alone.
    const emergency = rows.filter({ hasText: 'Used emergency access' }).first();
    await emergency.waitFor();
    await emergency.getByRole('link').first().click();
    await heading(ig, /Used emergency access/);
    const result = ig.getByTestId('inclusion-result');
    await result.getByText('Inclusion verified').waitFor();
    assert.match((await result.textContent()) ?? '', /verified in your browser in tree of size \d+/i);
    await kit.expectAccessible(ig, 'audit-entry');

    await ig.goto('/audit/integrity');
    await ig
      .getByRole('heading', { name: /Verification/ })
      .getByText('Log verified')
      .waitFor();
    await ig
      .getByRole('table', { name: 'Signed tree heads, newest first' })
      .getByText('Valid')
      .first()
      .waitFor();
    await kit.expectAccessible(ig, 'audit-integrity');
    await ig.goto('/audit/activity');
    await ig.locator('.accord-chart svg').first().waitFor();
    await ig.getByRole('table', { name: 'Entries per day by outcome' }).waitFor();
    await kit.expectAccessible(ig, 'audit-activity');
  });

  it('shows the access policy as a matrix in words, and lets the IG lead edit it', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    await nav(ig, 'Access policy');
    const matrix = ig.getByRole('table', { name: /Kinds of information each role may see/ });
    await matrix.waitFor();
    assert.equal(await matrix.locator('tbody tr').count(), 12, 'one row for each data category');
    assert.ok((await matrix.getByText('Yes').count()) > 0 && (await matrix.getByText('No').count()) > 0);
    await kit.expectAccessible(ig, 'policy');
    await ig.getByRole('link', { name: 'Change the access policy' }).click();
    await heading(ig, 'Change the access policy');
    await kit.expectAccessible(ig, 'policy-edit');
    // WCAG 1.4.10: at 320 CSS pixels the wide matrix scrolls inside its own region, not the page.
    await ig.setViewportSize({ width: 320, height: 800 });
    const overflow = await ig.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, 'the policy editor fits 320 CSS pixels');
    await ig.setViewportSize({ width: 1280, height: 900 });
    await ig.getByRole('button', { name: 'Save the access policy' }).click();
    await ig
      .getByRole('alert')
      .getByText(/Access policy saved as version \d+/)
      .waitFor();
  });

  it('drafts an agreement and lists what is missing when activation is refused', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    assert.ok(await apiRouteExists(ig, '/agreements'), 'GET /agreements is registered');
    await nav(ig, 'Agreements');
    await heading(ig, 'Data sharing agreements');
    await kit.expectAccessible(ig, 'agreements');
    await ig.getByRole('link', { name: 'Start a new agreement' }).click();
    await heading(ig, 'Start a new agreement');
    await ig.getByRole('button', { name: 'Add a party' }).click();
    await ig.getByRole('button', { name: 'Add a flow' }).click();
    await kit.expectAccessible(ig, 'agreement-new');
    await ig.getByLabel('Title').fill('Browser test: crisis summaries to housing');
    await ig.getByRole('button', { name: 'Save the draft' }).click();
    await errorSummary(ig).waitFor();
    // Only IG leads of the parties draft an agreement: the trust's IG lead names the trust, and no partner yet.
    await ig
      .getByLabel('Organisation')
      .selectOption({ label: 'Northshire Mental Health NHS Foundation Trust' });
    await ig.getByRole('button', { name: 'Remove flow 1' }).click();
    await ig.getByRole('button', { name: 'Save the draft' }).click();
    await heading(ig, /Browser test: crisis summaries to housing/);
    await ig.getByRole('alert').getByText('Draft agreement saved.').waitFor();
    await kit.expectAccessible(ig, 'agreement');
    await ig.getByLabel('Activate').check();
    await ig.getByLabel('Reason').fill('Signed off at the partnership IG group.');
    await ig.getByRole('button', { name: 'Change the status' }).click();
    await errorSummary(ig)
      .getByText(/Parties must name at least two organisations/)
      .waitFor();
    await kit.expectAccessible(ig, 'agreement-activation-refused');
  });

  it('captures consent as a conversation and shows the server’s reading before saving', async () => {
    const cc = await kit.signedIn(COORDINATOR);
    const person = await personCoordinatedBy(cc);
    assert.ok(
      await apiRouteExists(cc, `/people/${person.id}/consent`),
      'GET /people/:id/consent is registered',
    );
    await cc.goto(`/people/${person.id}`);
    await cc.getByTestId('consent-status').getByRole('link', { name: 'Consent and sharing choices' }).click();
    await heading(cc, /Consent and sharing choices/);
    await kit.expectAccessible(cc, 'consent');
    await cc.getByRole('link', { name: /Record (new )?consent/ }).click();
    const next = () => cc.getByRole('button', { name: 'Continue' }).click();
    await heading(cc, /Can the person make this decision\?/);
    await next();
    await errorSummary(cc).getByText('Select whether the person can make this decision').waitFor();
    await kit.expectAccessible(cc, 'consent-capacity-error');
    await cc.getByLabel('Yes, they have capacity to make this decision').check();
    await next();
    await cc.getByLabel('Yes, the care team may share to coordinate my care').check();
    await next();
    await heading(cc, /Named partners/);
    await next();
    await heading(cc, /Things the person does not want shared/);
    await cc.getByLabel('One organisation').check();
    const organisation = cc.getByLabel('Organisation', { exact: true });
    const housing =
      (await organisation
        .locator('option', { hasText: /Housing|Homes/ })
        .first()
        .getAttribute('value')) ?? '';
    await organisation.selectOption(housing);
    await cc.getByLabel('Medication').check();
    await cc.getByLabel('Diagnosis').check();
    await cc.getByRole('button', { name: 'Add this restriction' }).click();
    await kit.expectAccessible(cc, 'consent-restrictions');
    await next();
    await cc
      .getByLabel('What did you explain to the person?')
      .fill('Who would see what and why, and that they can change their mind at any time.');
    await next();
    await heading(cc, /When to review this consent/);
    await next();
    await heading(cc, /Check what this consent means/);
    await cc.getByTestId('consent-summary').waitFor();
    await kit.expectAccessible(cc, 'consent-check');
    await cc.getByRole('button', { name: 'Save consent' }).click();
    await cc.getByRole('alert').getByText('Consent recorded.').waitFor();
    await cc.getByRole('heading', { level: 1 }).getByText('Consent given').waitFor();
    await visitAccessibly(kit, cc, [
      [`/people/${person.id}/consent/withdraw`, 'Record a withdrawal of consent', 'consent-withdraw'],
      [`/people/${person.id}/consent/refuse`, 'Record a refusal of consent', 'consent-refuse'],
      [`/people/${person.id}/lawful-exceptions/new`, 'Record a lawful exception', 'lawful-exception'],
      ['/consent-reviews', 'My consent reviews', 'consent-reviews'],
    ]);
  });

  it('gives a care coordinator the person’s access report with a PDF', async () => {
    const cc = await kit.signedIn(COORDINATOR);
    const person = await personCoordinatedBy(cc);
    assert.ok(
      await apiRouteExists(cc, `/people/${person.id}/access-report`),
      'GET /people/:id/access-report is registered',
    );
    await cc.goto(`/people/${person.id}`);
    await cc.getByRole('link', { name: 'Who has accessed this record' }).click();
    await heading(cc, /Who has accessed this record/);
    const accesses = cc.getByRole('table', { name: 'Accesses' });
    await accesses.waitFor();
    // Every access names what allowed it, not only disclosures; the DPOs to contact are listed.
    await accesses.getByRole('columnheader', { name: 'On what basis' }).waitFor();
    assert.ok(((await accesses.locator('tbody tr').first().locator('td').last().textContent()) ?? '').trim());
    await cc.getByRole('heading', { level: 2, name: 'Who to contact' }).waitFor();
    await kit.expectAccessible(cc, 'access-report');
    const pdf = (await cc.getByRole('link', { name: /Download PDF/ }).getAttribute('href')) ?? '';
    const response = await cc.request.get(pdf);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'] ?? '', /application\/pdf/);
  });

  it('gives IG leads the assurance queues and service managers their access reviews', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    assert.ok(await apiRouteExists(ig, '/assurance/cases'), 'GET /assurance/cases is registered');
    await visitAccessibly(kit, ig, [
      ['/cases', 'Investigation cases', 'cases'],
      ['/cases/settings', 'Anomaly settings', 'anomaly-settings'],
      ['/exception-reviews', 'Exception reviews', 'exception-reviews'],
      ['/access-reviews/escalated', 'Escalated access reviews', 'escalated-reviews'],
    ]);
    // The break-glass of the first test waits in the queue; the IG lead closes it with a finding.
    await ig.goto('/exception-reviews?kind=BREAK_GLASS');
    // The queue names whom each emergency access was about.
    const review = ig.locator('section.nhsuk-card', { hasText: /Emergency access for .+ by / }).first();
    await review.getByText('Record your finding').click();
    await review.getByLabel('Appropriate', { exact: true }).check();
    await review.getByLabel('Notes').fill('Crisis line call confirmed with the duty log.');
    await review.getByRole('button', { name: 'Close the review' }).click();
    await review.waitFor({ state: 'detached' });

    await ig.goto('/cases');
    await ig.getByRole('button', { name: 'Check the last 7 days now' }).click();
    await ig
      .getByRole('status')
      .getByText(/^Checked /)
      .waitFor();
    const opened = ig.getByRole('table', { name: 'Investigation cases' }).getByRole('link');
    if ((await opened.count()) > 0) {
      await opened.first().click();
      await ig.getByRole('heading', { level: 2, name: 'Evidence' }).waitFor();
      await kit.expectAccessible(ig, 'case');
    }
    const period = new Date().toISOString().slice(0, 7);
    assert.equal(await apiPost(ig, '/assurance/access-reviews/open', { period }), 200);
    const manager = await kit.signedIn(MANAGER);
    await nav(manager, 'Access reviews');
    await heading(manager, 'Access reviews');
    await kit.expectAccessible(manager, 'access-reviews');
    await manager.getByRole('table', { name: 'Access reviews' }).getByRole('link').first().click();
    await heading(manager, /Access review/);
    await manager
      .getByRole('table', { name: 'Items to review' })
      .getByRole('button', { name: /^Confirm/ })
      .first()
      .click();
    await manager.getByRole('table', { name: 'Items to review' }).getByText('Confirmed').first().waitFor();
    await kit.expectAccessible(manager, 'access-review');
  });

  it('loaded every page without script errors or CSP violations', () => {
    assert.deepEqual(kit.consoleErrors, []);
  });
});
