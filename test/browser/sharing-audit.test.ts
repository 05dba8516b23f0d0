import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { AgreementSummary } from '../../src/contracts/agreements.ts';
import type { Incident } from '../../src/contracts/incidents.ts';
import type { AuditList } from '../../src/contracts/sharing-audit.ts';
import { CHROMIUM_PATH } from '../harness/browser.ts';
import { apiJson, type BrowserSuite, type PageKit, startBrowserSuite } from '../harness/browser-kit.ts';

// Demo accounts (src/server/demo/partnership-staff.ts): the trust's IG lead.
const IG_LEAD = 'ig.priya';
const PASSWORD = 'sharing-audit-browser-password';
const SHOTS = '/tmp/accord-sharing-audit';

let suite: BrowserSuite | undefined;
let kit: PageKit;

const heading = (page: Page, level: 1 | 2 | 3, name: string | RegExp) =>
  page.getByRole('heading', { level, name }).waitFor();
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary');

const skip = existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH}`;

describe('sign-off, monthly audit review and incidents in Chromium', { skip }, () => {
  before(async () => {
    suite = await startBrowserSuite({ password: PASSWORD, people: 60, shots: SHOTS });
    ({ kit } = suite);
  });
  after(() => suite?.stop());

  it('shows a draft agreement’s sign-off and what activation still needs', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    const drafts = await apiJson<{ items: AgreementSummary[] }>(ig, '/agreements?status=draft');
    const draft = drafts.items[0];
    assert.ok(draft, 'the demo has a draft agreement');
    await ig.goto(`/agreements/${draft.id}`);
    await heading(ig, 1, new RegExp(draft.title));
    await heading(ig, 2, 'Sign-off and staff awareness');
    await ig.getByText('Before this agreement can be made active:').waitFor();
    await kit.expectAccessible(ig, 'agreement-sign-off');
    assert.deepEqual(kit.consoleErrors, []);
  });

  it('reviews the monthly audit: the trend, the emergency finding, an override refused without a reason, a confirmation', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    const audits = await apiJson<AuditList>(ig, '/assurance/sharing-audits');
    const [last, older] = audits.items;
    assert.ok(last && older, 'the demo has two months of audits');
    await ig.goto('/sharing-audits');
    await heading(ig, 1, 'Monthly information-sharing audit');
    await ig.getByRole('link', { name: last.month }).waitFor();
    await ig.getByRole('link', { name: older.month }).waitFor();
    await ig.getByRole('img', { name: 'Audit results month by month' }).locator('svg').first().waitFor();
    // Who drew each sample: the IG lead by hand for the older month, the monthly job for the last.
    await ig.getByRole('cell', { name: `By hand: ${older.drawnByName}` }).waitFor();
    await ig.getByRole('cell', { name: 'Monthly job' }).waitFor();
    await kit.expectAccessible(ig, 'sharing-audits');

    await ig.getByRole('link', { name: older.month }).click();
    await heading(ig, 1, `Information-sharing audit, ${older.month}`);
    await ig.getByText(new RegExp(`by hand, by ${older.drawnByName}`)).waitFor();
    await ig.getByText('Emergency (break-glass) access without a recorded rationale').first().waitFor();
    await ig.getByRole('cell', { name: /Review the blank break-glass grant/ }).waitFor();
    await kit.expectAccessible(ig, 'sharing-audit-older');

    await ig.goto(`/sharing-audits/${last.id}`);
    await heading(ig, 1, `Information-sharing audit, ${last.month}`);
    await heading(ig, 2, 'Re-audit of earlier actions');
    await ig.getByRole('cell', { name: /closed, did not recur/ }).waitFor();
    await kit.expectAccessible(ig, 'sharing-audit-last');
    await ig.getByLabel('Your decision on item 1').selectOption('override');
    await ig.getByRole('button', { name: 'Record the decision on item 1' }).click();
    await errorSummary(ig)
      .getByText(/Reason must say why the result is overridden/)
      .waitFor();
    await kit.expectAccessible(ig, 'sharing-audit-override-refused');
    await ig.getByLabel('Your decision on item 1').selectOption('confirm');
    await ig.getByRole('button', { name: 'Record the decision on item 1' }).click();
    await ig
      .getByText(/^Confirmed /)
      .first()
      .waitFor();
    await kit.expectAccessible(ig, 'sharing-audit-confirmed');
    assert.deepEqual(kit.consoleErrors, []);
  });

  it('opens an agreement’s quarterly compliance and the entries behind a figure', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    await ig.goto('/compliance');
    await heading(ig, 1, 'Agreement compliance');
    await ig.getByRole('link', { name: 'Northshire Integrated Mental Health Care' }).click();
    await heading(ig, 1, /Compliance of DSA-/);
    await heading(ig, 2, 'What was shared under it');
    await kit.expectAccessible(ig, 'compliance');
    await ig.getByRole('link', { name: /audit entries: all disclosures/ }).click();
    await heading(ig, 1, 'Audit entries behind a figure');
    await ig.getByRole('cell', { name: 'record.disclose' }).first().waitFor();
    await kit.expectAccessible(ig, 'compliance-entries');
    assert.deepEqual(kit.consoleErrors, []);
  });

  it('shows an incident carried through to its learning', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    const incidents = await apiJson<{ items: Incident[] }>(ig, '/assurance/incidents');
    const closed = incidents.items.find((i) => i.status === 'closed');
    assert.ok(closed, 'the demo has a closed incident');
    await ig.goto('/incidents');
    await heading(ig, 1, 'Information governance incidents');
    await ig.getByRole('link', { name: closed.title }).click();
    await heading(ig, 1, closed.title);
    await ig.getByText(/^Closed /).waitFor();
    await kit.expectAccessible(ig, 'incident');
    assert.deepEqual(kit.consoleErrors, []);
  });
});
