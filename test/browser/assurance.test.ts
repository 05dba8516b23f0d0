import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { AgreementSummary } from '../../src/contracts/agreements.ts';
import type { DpiaSummary } from '../../src/contracts/dpia.ts';
import type { Incident } from '../../src/contracts/incidents.ts';
import { CHROMIUM_PATH } from '../harness/browser.ts';
import { apiJson, type BrowserSuite, type PageKit, startBrowserSuite } from '../harness/browser-kit.ts';

// Demo accounts (src/server/demo/partnership-staff.ts): the trust's IG lead.
const IG_LEAD = 'ig.priya';
const PASSWORD = 'assurance-browser-password';
const SHOTS = '/tmp/accord-assurance';

let suite: BrowserSuite | undefined;
let kit: PageKit;

const heading = (page: Page, level: 1 | 2, name: string | RegExp) =>
  page.getByRole('heading', { level, name }).waitFor();
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary');

const skip = existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH}`;

describe('assurance pages in Chromium', { skip }, () => {
  before(async () => {
    suite = await startBrowserSuite({ password: PASSWORD, people: 10, shots: SHOTS });
    ({ kit } = suite);
  });
  after(() => suite?.stop());

  it('records a party’s operational sign-off of a draft agreement and shows what activation still needs', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    const drafts = await apiJson<{ items: AgreementSummary[] }>(ig, '/agreements?status=draft');
    const draft = drafts.items[0];
    assert.ok(draft, 'the demo has a draft agreement');
    await ig.goto(`/agreements/${draft.id}`);
    await heading(ig, 1, new RegExp(draft.title));
    await heading(ig, 2, 'Sign-off and staff awareness');
    await ig.getByText('Before this agreement can be made active:').waitFor();
    await kit.expectAccessible(ig, 'agreement-sign-off');
    await ig.getByRole('button', { name: 'Record the sign-off' }).click();
    await errorSummary(ig).getByText('Select which sign-off this is').waitFor();
    await kit.expectAccessible(ig, 'agreement-sign-off-errors');
    await ig.getByLabel('Operational: the organisation can work to these terms').check();
    await ig.getByLabel('Signed by').fill('Dr Ravi Menon');
    await ig.getByLabel('Their role').fill('Director of Operations');
    await ig.getByLabel('Date signed').fill('2026-01-05');
    await ig.getByRole('button', { name: 'Record the sign-off' }).click();
    await ig.getByRole('status').getByText('The sign-off is recorded.').waitFor();
    await ig.getByRole('cell', { name: 'Dr Ravi Menon, Director of Operations' }).waitFor();
    await kit.expectAccessible(ig, 'agreement-signed-off');
    assert.deepEqual(kit.consoleErrors, []);
  });

  it('shows a DPIA’s measure that is not in place, and the DPO signs it off', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    const dpias = await apiJson<{ items: DpiaSummary[] }>(ig, '/dpias');
    const dpia = dpias.items.find((d) => d.notInPlace === 1);
    assert.ok(dpia, 'the demo has a DPIA with one measure not in place');
    await ig.goto('/dpias');
    await heading(ig, 1, 'Data protection impact assessments');
    await ig.getByText('1 of 4 not in place').waitFor();
    await kit.expectAccessible(ig, 'dpias');
    await ig.getByRole('link', { name: dpia.title }).click();
    await heading(ig, 1, dpia.title);
    await ig.getByRole('cell', { name: 'Not in place' }).waitFor();
    await kit.expectAccessible(ig, 'dpia');
    await ig.getByLabel('DPO advice').fill('Proportionate once the extension’s agreement is active.');
    await ig.getByLabel('Yes').check();
    await ig.getByLabel('Next review date').fill('2099-01-01');
    await ig.getByRole('button', { name: 'Sign off as DPO' }).click();
    await ig
      .getByText(/Proportionate once the extension/)
      .first()
      .waitFor();
    assert.deepEqual(kit.consoleErrors, []);
  });

  it('refuses to close an incident without root cause and learning, then closes it once they are recorded', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    const incidents = await apiJson<{ items: Incident[] }>(ig, '/assurance/incidents');
    const open = incidents.items.find((i) => i.status === 'open');
    assert.ok(open, 'the demo has an open incident');
    await ig.goto('/incidents');
    await heading(ig, 1, 'Information governance incidents');
    await kit.expectAccessible(ig, 'incidents');
    await ig.getByRole('link', { name: open.title }).click();
    await heading(ig, 1, open.title);
    await ig.getByRole('button', { name: 'Close the incident' }).click();
    await errorSummary(ig)
      .getByText(/Root cause must be recorded/)
      .waitFor();
    await errorSummary(ig)
      .getByText(/Learning must be recorded/)
      .waitFor();
    await kit.expectAccessible(ig, 'incident-close-refused');
    await ig.getByLabel('Root cause').fill('The letter was posted to the practice’s old address.');
    await ig.getByLabel('Learning').fill('Referrals go through Accord, never by post.');
    await ig.getByRole('button', { name: 'Save the investigation' }).click();
    await ig.getByRole('status').getByText('The investigation is saved.').waitFor();
    await ig.getByRole('button', { name: 'Close the incident' }).click();
    await ig.getByText(/^Closed /).waitFor();
    await kit.expectAccessible(ig, 'incident-closed');
    assert.deepEqual(kit.consoleErrors, []);
  });
});
