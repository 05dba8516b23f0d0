/**
 * A service manager's sampling review and timeliness, a duty worker's crisis summary and interim
 * decision, and a manager resolving missing information, in Chromium with axe on every page.
 * Every wait is for a heading, a row or a status the page renders, never for time.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { PersonSummary } from '../../src/contracts/people.ts';
import type { Worklist } from '../../src/contracts/work.ts';
import { CHROMIUM_PATH } from '../harness/browser.ts';
import { apiJson, type BrowserSuite, type PageKit, startBrowserSuite } from '../harness/browser-kit.ts';

const MANAGER = 'mgr.helen';
const DUTY = 'duty.leon';
const PASSWORD = 'oversight-browser-password';
const SHOTS = '/tmp/accord-oversight';

let suite: BrowserSuite | undefined;
let kit: PageKit;

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor();
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary');

const skip = existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH}`;

describe('manager oversight and the crisis line in Chromium', { skip }, () => {
  before(async () => {
    suite = await startBrowserSuite({ password: PASSWORD, people: 80, shots: SHOTS });
    ({ kit } = suite);
  });
  after(() => suite?.stop());

  it('a manager reviews the weekly sample from the worklist and records a finding', async () => {
    const manager = await kit.signedIn(MANAGER);
    await heading(manager, 'Your worklist');
    await manager.getByRole('link', { name: 'Escalation summaries to sample' }).first().click();
    await heading(manager, /^Escalation summaries sampled: week of/);
    await manager.getByRole('heading', { level: 2, name: /^Summary 1:/ }).waitFor();
    const progress = manager.getByTestId('sample-progress');
    assert.match((await progress.textContent()) ?? '', /^1 of 5 reviewed/);
    await kit.expectAccessible(manager, 'sample');

    // The first summary not yet reviewed: submitting it unanswered names each question.
    const form = manager.getByRole('form', { name: /^Finding on summary \d$/ }).first();
    const n = ((await form.getAttribute('aria-label')) ?? '').replace(/\D/g, '');
    await form.getByRole('button', { name: `Record finding on summary ${n}` }).click();
    await errorSummary(manager).getByText('Complete must be answered yes or no').waitFor();
    await kit.expectAccessible(manager, 'sample-errors');

    // Opening the summary is a read through the door, as for any party.
    await manager.getByRole('link', { name: `Open summary ${n}` }).click();
    await heading(manager, 'Crisis escalation summary');
    await kit.expectAccessible(manager, 'sampled-handover');
    await manager.goBack();
    await heading(manager, /^Escalation summaries sampled: week of/);

    const again = manager.getByRole('form', { name: `Finding on summary ${n}` });
    await again.getByRole('group', { name: 'Complete?' }).getByLabel('No').check();
    await again.getByRole('group', { name: 'Shared appropriately?' }).getByLabel('Yes').check();
    await again.getByRole('group', { name: 'Reflected in the record?' }).getByLabel('Yes').check();
    await again.getByLabel('Note').fill('Current risks clear; what is being requested was left vague.');
    await again.getByRole('button', { name: `Record finding on summary ${n}` }).click();
    await manager
      .getByRole('region', { name: new RegExp(`^Summary ${n}:`) })
      .getByRole('heading', { name: 'Finding' })
      .waitFor();
    assert.match((await progress.textContent()) ?? '', /^2 of 5 reviewed/);
    await kit.expectAccessible(manager, 'sample-reviewed');

    await manager.goto('/supervision-notes');
    await heading(manager, 'Supervision notes');
    await manager
      .getByRole('table', { name: 'Supervision notes' })
      .getByRole('cell', { name: 'Current risks clear; what is being requested was left vague.' })
      .waitFor();
    await kit.expectAccessible(manager, 'supervision-notes');

    await manager.goto('/escalation-timeliness');
    await heading(manager, 'Escalation timeliness');
    const table = manager.getByRole('table', { name: 'Escalation timeliness by week' });
    await table.getByRole('row').nth(12).waitFor();
    assert.equal(await table.getByRole('row').count(), 13, 'a header and twelve weeks');
    await manager.locator('.accord-chart__plot svg').first().waitFor();
    await kit.expectAccessible(manager, 'timeliness');
  });

  it('a manager resolves missing information escalated to them', async () => {
    const manager = await kit.signedIn(MANAGER);
    const work = await apiJson<Worklist>(manager, '/worklist?limit=100');
    const gap = work.items.find(
      (i) => i.kind === 'HANDOVER_ESCALATION' && i.detail.startsWith('INFORMATION_MISSING'),
    );
    assert.ok(gap, 'the demo escalates a handover with information missing to the trust’s manager');
    await manager.goto(gap.link);
    await manager.getByRole('heading', { level: 2, name: 'Resolve the missing information' }).waitFor();
    await kit.expectAccessible(manager, 'missing-information');
    await manager
      .getByLabel('Why anything left empty cannot be supplied')
      .fill('Triggers not yet known; the coordinator will add them after Friday’s review.');
    await manager.getByRole('button', { name: 'Resolve' }).click();
    await manager
      .getByRole('heading', { level: 2, name: 'Resolve the missing information' })
      .waitFor({ state: 'detached' });
    await kit.expectAccessible(manager, 'missing-information-resolved');
  });

  it('a duty worker opens a crisis summary and records an interim decision', async () => {
    const duty = await kit.signedIn(DUTY);
    const caseload = await apiJson<{ items: PersonSummary[] }>(duty, '/people?pageSize=20');
    const person = caseload.items[0];
    assert.ok(person, 'the duty worker has someone on their caseload');
    await duty.goto(`/people/${person.id}/crisis-summary`);
    await heading(duty, `${person.givenName} ${person.familyName}`);
    await duty.getByRole('heading', { level: 2, name: 'Record an interim decision' }).waitFor();
    await kit.expectAccessible(duty, 'crisis-summary');

    await duty.getByRole('button', { name: 'Record interim decision' }).click();
    await errorSummary(duty).getByText('Choose the authority you acted under').waitFor();
    await kit.expectAccessible(duty, 'interim-decision-errors');
    await duty.getByLabel('Duty worker’s interim authority').check();
    await duty.getByLabel('What you decided').fill('Crisis team to visit at 9am; sister to stay overnight.');
    await duty
      .getByLabel('Why', { exact: true })
      .fill('Distressed on the phone but agreed the safety plan; no immediate plan.');
    await duty.getByRole('button', { name: 'Record interim decision' }).click();
    await duty
      .getByRole('status')
      .getByText(/^Recorded\. The care coordinator receives it/)
      .waitFor();
    await kit.expectAccessible(duty, 'interim-decision-recorded');
  });

  it('loaded every page without script errors or CSP violations', () => {
    assert.deepEqual(kit.consoleErrors, []);
  });
});
