import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { AgreementSummary } from '../../src/contracts/agreements.ts';
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
});
