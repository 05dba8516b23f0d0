import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { PersonDetail, PersonSummary } from '../../src/contracts/people.ts';
import type { CoordinationTimeline } from '../../src/contracts/signals.ts';
import type { Worklist } from '../../src/contracts/work.ts';
import { staffId } from '../../src/server/demo/demo-ids.ts';
import { CHROMIUM_PATH } from '../harness/browser.ts';
import { apiJson, type BrowserSuite, type PageKit, startBrowserSuite } from '../harness/browser-kit.ts';

const COORDINATOR = 'cc.amara';
const HOUSING_OFFICER = 'ho.kerry';
const PASSWORD = 'signals-browser-password';
const SHOTS = '/tmp/accord-signals';

let suite: BrowserSuite | undefined;
let kit: PageKit;

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor();

const skip = existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH}`;

/** Someone Amara coordinates and housing works with, with nothing on their coordination timeline yet. */
async function quietPerson(coordinator: Page, housing: Page): Promise<string> {
  const theirs = await apiJson<{ items: PersonSummary[] }>(housing, '/people?pageSize=100');
  for (const { id } of theirs.items) {
    if ((await coordinator.request.get(`/api/v1/people/${id}`)).status() !== 200) continue;
    const detail = await apiJson<PersonDetail>(coordinator, `/people/${id}`);
    if (
      !detail.careTeam.some(
        (m) => m.current && m.role === 'CARE_COORDINATOR' && m.staffId === staffId(COORDINATOR),
      )
    )
      continue;
    const timeline = await apiJson<CoordinationTimeline>(coordinator, `/people/${id}/coordination`);
    if (
      timeline.withheld.length === 0 &&
      !timeline.items.some((i) => i.kind === 'signal' || i.kind === 'alert')
    )
      return id;
  }
  throw new Error('no quiet person shared between the coordinator and housing');
}

async function recordSignal(page: Page, personId: string, prompt: string, observation: string) {
  await page.goto(`/people/${personId}/signals/new`);
  await heading(page, 'Record a signal');
  await page.getByLabel('What you noticed').selectOption(prompt);
  await page.getByLabel('Observation').fill(observation);
  await page.getByRole('button', { name: 'Record signal' }).click();
  await heading(page, 'Case coordination timeline');
}

describe('signals and alerts in Chromium', { skip }, () => {
  before(async () => {
    suite = await startBrowserSuite({ password: PASSWORD, people: 60, shots: SHOTS });
    ({ kit } = suite);
  });
  after(() => suite?.stop());

  it('records signals from two agencies and the coordinator acknowledges the alert they raise', async () => {
    const coordinator = await kit.signedIn(COORDINATOR);
    await heading(coordinator, 'Your worklist');
    const housing = await kit.signedIn(HOUSING_OFFICER);
    const personId = await quietPerson(coordinator, housing);

    await housing.goto(`/people/${personId}/signals/new`);
    await heading(housing, 'Record a signal');
    await housing.getByRole('button', { name: 'Record signal' }).click();
    await housing.locator('.nhsuk-error-summary').getByText('Select what you noticed').waitFor();
    await kit.expectAccessible(housing, 'signal-errors');
    await recordSignal(housing, personId, 'HOUSING_CRISIS', 'Notice seeking possession served for arrears.');
    await kit.expectAccessible(housing, 'timeline-housing');

    await recordSignal(
      coordinator,
      personId,
      'EARLY_RELAPSE_SIGN',
      'Sleeping little, talking fast on the phone.',
    );
    await coordinator.getByText('Rising risk across agencies').waitFor();
    await kit.expectAccessible(coordinator, 'timeline-coordinator');

    await coordinator.goto('/');
    await heading(coordinator, 'Your worklist');
    const work = await apiJson<Worklist>(coordinator, '/worklist?limit=100');
    const mine = work.items.find((i) => i.kind === 'SIGNAL_ALERT' && i.personId === personId);
    assert.ok(mine, 'the alert is in the coordinator’s worklist');
    const item = coordinator.locator(`main table a[href="${mine.link}"]`);
    await item.waitFor();
    await item.click();
    await heading(coordinator, 'Rising risk across agencies');
    await coordinator.getByText('Sleeping little, talking fast on the phone.').waitFor();
    await kit.expectAccessible(coordinator, 'alert');
    await coordinator.getByLabel('Joint visit arranged').check();
    await coordinator.getByRole('button', { name: 'Acknowledge alert' }).click();
    await coordinator.locator('.nhsuk-tag', { hasText: 'Acknowledged' }).waitFor();
    await coordinator.getByText('Joint visit arranged').waitFor();
    await kit.expectAccessible(coordinator, 'alert-acknowledged');
    assert.deepEqual(kit.consoleErrors, []);
  });
});
