import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { PersonDetail, PersonSummary } from '../../src/contracts/people.ts';
import { organisationId, staffId } from '../../src/server/demo/demo-ids.ts';
import { CHROMIUM_PATH } from '../harness/browser.ts';
import { apiJson, type BrowserSuite, type PageKit, startBrowserSuite } from '../harness/browser-kit.ts';

const COORDINATOR = 'cc.amara';
const HOUSING_OFFICER = 'ho.kerry';
const PASSWORD = 'handover-browser-password';
const SHOTS = '/tmp/accord-handovers';
const trust = organisationId('trust');

let suite: BrowserSuite | undefined;
let kit: PageKit;

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor();
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary');

const skip = existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH}`;

/** Someone both users know, whose trust risk summary housing may see. */
async function sharedPerson(coordinator: Page, housing: Page): Promise<string> {
  const theirs = await apiJson<{ items: PersonSummary[] }>(housing, '/people?pageSize=100');
  for (const { id } of theirs.items) {
    if ((await coordinator.request.get(`/api/v1/people/${id}`)).status() !== 200) continue;
    const seen = await apiJson<PersonDetail>(housing, `/people/${id}`);
    if (
      seen.sections
        .find((s) => s.category === 'RISK_SUMMARY')
        ?.entries.some((e) => e.organisationId === trust)
    )
      return id;
  }
  throw new Error('no person is shared between the coordinator and housing');
}

describe('handovers and the worklist in Chromium', { skip }, () => {
  before(async () => {
    suite = await startBrowserSuite({ password: PASSWORD, people: 60, shots: SHOTS });
    ({ kit } = suite);
  });
  after(() => suite?.stop());

  it('sends a handover with a live preview, and its lead acknowledges it from the worklist', async () => {
    const coordinator = await kit.signedIn(COORDINATOR);
    await heading(coordinator, 'Your worklist');
    await coordinator.getByTestId('worklist-counts').waitFor();
    await kit.expectAccessible(coordinator, 'worklist-coordinator');
    const housing = await kit.signedIn(HOUSING_OFFICER);
    const personId = await sharedPerson(coordinator, housing);

    await coordinator.goto(`/people/${personId}/handovers/new`);
    await heading(coordinator, 'Send a handover');
    await coordinator.getByLabel('Template').selectOption('DISCHARGE_STEP_DOWN');
    await coordinator.getByLabel('Recipient organisation').selectOption(organisationId('housing'));
    await coordinator.getByLabel('Named lead at the recipient').selectOption(staffId(HOUSING_OFFICER));
    await coordinator.getByLabel('Relevant medication (optional)').fill('Sertraline 100 mg each morning.');
    const preview = coordinator.getByRole('region', { name: 'What the recipient will get' });
    await preview.getByText('Withheld: Medication.').waitFor();
    await kit.expectAccessible(coordinator, 'send-preview');

    await coordinator.getByRole('button', { name: 'Send handover' }).click();
    await errorSummary(coordinator).getByText('Triggers and early warning signs is required').waitFor();
    assert.match(await coordinator.title(), /^Error: /);
    await kit.expectAccessible(coordinator, 'send-errors');

    await coordinator.getByLabel('Current risks').fill('Low mood since the move.');
    await coordinator.getByLabel('Triggers and early warning signs').fill('Letters about rent arrears.');
    await coordinator.getByLabel('Contact expectations').fill('Weekly visit.');
    await coordinator.getByLabel('Immediate actions').fill('Check the heating.');
    await coordinator.getByLabel('Follow-up due').fill('Within 72 hours.');
    await coordinator.getByLabel('Key contacts').fill('Sister, on the contacts list.');
    await coordinator.getByRole('button', { name: 'Send handover' }).click();
    await heading(coordinator, 'Discharge or step-down');
    const handoverUrl = new URL(coordinator.url()).pathname;
    assert.match(handoverUrl, /^\/handovers\/[0-9a-f-]{36}$/);
    await coordinator.getByText('Awaiting acknowledgement').waitFor();
    assert.equal(await coordinator.getByRole('button', { name: 'Acknowledge handover' }).count(), 0);
    await kit.expectAccessible(coordinator, 'handover-sent');

    await housing.goto('/');
    await heading(housing, 'Your worklist');
    const item = housing.locator(`main table a[href="${handoverUrl}"]`);
    await item.waitFor();
    await kit.expectAccessible(housing, 'worklist-lead');
    await item.click();
    await heading(housing, 'Discharge or step-down');
    assert.ok(!((await housing.locator('main').textContent()) ?? '').includes('Sertraline'));
    await housing.getByLabel('Outstanding action you will own (optional)').fill('Visit within two days');
    await kit.expectAccessible(housing, 'acknowledge');
    await housing.getByRole('button', { name: 'Acknowledge handover' }).click();
    await housing.locator('.nhsuk-tag', { hasText: 'Acknowledged' }).waitFor();
    await housing.getByText('Visit within two days').waitFor();
    await kit.expectAccessible(housing, 'acknowledged');
    assert.deepEqual(kit.consoleErrors, []);
  });
});
