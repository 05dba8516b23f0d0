import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { PersonSummary } from '../../src/contracts/people.ts';
import type { SafeguardingView } from '../../src/contracts/safeguarding.ts';
import type { Worklist } from '../../src/contracts/work.ts';
import { staffId } from '../../src/server/demo/demo-ids.ts';
import { CHROMIUM_PATH } from '../harness/browser.ts';
import { apiJson, type BrowserSuite, type PageKit, startBrowserSuite } from '../harness/browser-kit.ts';

const LEAD = 'sg.mark';
const HOUSING_OFFICER = 'ho.kerry';
const PASSWORD = 'safeguarding-browser-password';
const SHOTS = '/tmp/accord-safeguarding';

let suite: BrowserSuite | undefined;
let kit: PageKit;

// Exact names: 'Safeguarding' must not match the form's own 'Record a safeguarding concern'.
const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
const yesNo = (page: Page, group: string, answer: 'Yes' | 'No') =>
  page.getByRole('group', { name: group }).getByLabel(answer).check();

const skip = existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH}`;

/** Someone on the lead's caseload with no safeguarding concern recorded yet. */
async function personWithoutConcern(lead: Page): Promise<string> {
  for (const { id } of (await apiJson<{ items: PersonSummary[] }>(lead, '/people?pageSize=100')).items) {
    const view = await apiJson<SafeguardingView>(lead, `/people/${id}/safeguarding`);
    if (view.can.record && view.concerns.length === 0) return id;
  }
  throw new Error('every person on the lead’s caseload has a concern');
}

describe('safeguarding in Chromium', { skip }, () => {
  before(async () => {
    suite = await startBrowserSuite({ password: PASSWORD, people: 60, shots: SHOTS });
    ({ kit } = suite);
  });
  after(() => suite?.stop());

  it('records a concern with the minimum dataset, sees it on the huddle and closes its action', async () => {
    const lead = await kit.signedIn(LEAD);
    await lead.goto('/safeguarding/huddle');
    await heading(lead, 'Safeguarding huddle');
    await lead.getByRole('table').waitFor();
    await kit.expectAccessible(lead, 'huddle-demo');

    const personId = await personWithoutConcern(lead);
    await lead.goto(`/people/${personId}/safeguarding/new`);
    await heading(lead, 'Record a safeguarding concern');
    await kit.expectAccessible(lead, 'concern-form');
    await lead.getByRole('button', { name: 'Record concern' }).click();
    const summary = lead.locator('.nhsuk-error-summary');
    await summary.getByText(/^Location of risk/).waitFor();
    await summary.getByText(/^Unable to protect themselves/).waitFor();
    assert.match(await lead.title(), /^Error: /);
    await kit.expectAccessible(lead, 'concern-errors');

    await lead.getByLabel('Safeguarding concern').check();
    await lead.getByLabel('Financial or material abuse').check();
    await yesNo(lead, 'Has care and support needs', 'Yes');
    await yesNo(lead, 'Experiencing or at risk of abuse or neglect', 'Yes');
    await yesNo(lead, 'Unable to protect themselves because of those needs', 'Yes');
    await lead.getByLabel('Someone known to the person').check();
    await lead.getByLabel('Location of risk').fill('Own home');
    await lead.getByLabel('Immediate actions').fill('Bank asked to flag the account.');
    await lead.getByLabel('What is to be done').fill('Refer to the appointee scheme');
    await lead.locator('#concern-protectiveActions-0-ownerStaffId').selectOption(staffId(LEAD));
    const due = new Date(Date.now() + 3 * 86_400_000);
    await lead.locator('#concern-protectiveActions-0-dueDate').fill(String(due.getUTCDate()));
    await lead.locator('#concern-protectiveActions-0-dueDate-month').fill(String(due.getUTCMonth() + 1));
    await lead.locator('#concern-protectiveActions-0-dueDate-year').fill(String(due.getUTCFullYear()));
    await lead.getByLabel('The person’s views').fill('Wants to keep control of her money.');
    await lead.getByLabel('Outcomes they want').fill('To feel safe at home.');
    await lead.getByLabel('Has capacity to make decisions about this').check();
    await yesNo(lead, 'Advocacy needed', 'No');
    await yesNo(lead, 'Police involved', 'No');
    await lead.getByRole('button', { name: 'Record concern' }).click();

    await heading(lead, 'Safeguarding');
    assert.equal(new URL(lead.url()).pathname, `/people/${personId}/safeguarding`);
    await lead.getByRole('heading', { level: 2, name: /Financial or material abuse/ }).waitFor();
    await lead.getByTestId('safeguarding-flag').waitFor();
    await kit.expectAccessible(lead, 'safeguarding-page');

    await lead.getByRole('link', { name: 'Safeguarding huddle' }).click();
    await heading(lead, 'Safeguarding huddle');
    const row = lead
      .getByRole('row')
      .filter({ has: lead.locator(`a[href="/people/${personId}/safeguarding"]`) });
    await row.waitFor();
    await kit.expectAccessible(lead, 'huddle-with-new-concern');

    await lead.goto(`/people/${personId}/safeguarding`);
    await heading(lead, 'Safeguarding');
    const close = lead.getByRole('form', { name: 'Close: Refer to the appointee scheme' });
    await close.getByLabel('What was done').fill('Referral sent.');
    await close.getByRole('button', { name: 'Close action' }).click();
    await lead.getByText('Done: Referral sent.').waitFor();
    await kit.expectAccessible(lead, 'action-closed');

    await lead.getByRole('link', { name: 'Record a case conference' }).click();
    await heading(lead, 'Record a case conference');
    await kit.expectAccessible(lead, 'case-conference-form');
    await lead.getByRole('button', { name: 'Record case conference' }).click();
    await lead
      .locator('.nhsuk-error-summary')
      .getByText(/^Decisions/)
      .waitFor();
    await kit.expectAccessible(lead, 'case-conference-errors');
    await lead.getByLabel('Name').first().fill('Mark Davies');
    await lead
      .locator('#conference-attendees-0-organisationId')
      .selectOption({ label: 'Northshire Council Adult Social Care' });
    await lead.getByLabel('Role').first().fill('Safeguarding lead (chair)');
    await lead.getByLabel('The person’s views').fill('Wants her nephew told to stop.');
    await lead.getByLabel('Decisions').fill('Open a section 42 enquiry');
    await lead.getByRole('button', { name: 'Record case conference' }).click();
    await heading(lead, 'Safeguarding');
    await lead.getByRole('heading', { level: 2, name: /^Case conference/ }).waitFor();

    const concern = (await apiJson<SafeguardingView>(lead, `/people/${personId}/safeguarding`)).concerns[0];
    assert.ok(concern);
    await lead.goto(`/people/${personId}/safeguarding/concerns/${concern.id}/huddle`);
    await heading(lead, 'Record a huddle review');
    await kit.expectAccessible(lead, 'huddle-review-form');
  });

  it('shows a frontline worker the flag naming the lead, and the notes withheld', async () => {
    const housing = await kit.signedIn(HOUSING_OFFICER);
    const work = await apiJson<Worklist>(housing, '/worklist');
    const item = work.items.find((i) => i.kind === 'SAFEGUARDING_ACTION');
    assert.ok(item?.personId, 'the demo gives the tenancy officer a protective action');
    await housing.goto(`/people/${item.personId}`);
    const flag = housing.getByTestId('safeguarding-flag');
    await flag.getByText('Mark Davies').waitFor();
    await kit.expectAccessible(housing, 'flag-frontline');
    await flag.getByRole('link', { name: 'Safeguarding' }).click();
    await heading(housing, 'Safeguarding');
    await housing.getByText('Safeguarding notes are restricted to safeguarding leads.').waitFor();
    await housing.getByRole('heading', { name: 'Your protective actions' }).waitFor();
    await kit.expectAccessible(housing, 'safeguarding-frontline');
    assert.deepEqual(kit.consoleErrors, []);
  });
});
