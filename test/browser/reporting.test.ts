import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { DqAuditDto } from '../../src/contracts/reporting.ts';
import { CHROMIUM_PATH } from '../harness/browser.ts';
import { apiJson, type BrowserSuite, type PageKit, startBrowserSuite } from '../harness/browser-kit.ts';

// Demo accounts (src/server/demo/partnership-staff.ts): the trust's IG lead.
const IG_LEAD = 'ig.priya';
const PASSWORD = 'reporting-browser-password';
const SHOTS = '/tmp/accord-reporting';

let suite: BrowserSuite | undefined;
let kit: PageKit;

const heading = (page: Page, level: 1 | 2, name: string | RegExp) =>
  page.getByRole('heading', { level, name }).waitFor();

const skip = existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH}`;

describe('data-quality audit and evidence pack in Chromium', { skip }, () => {
  before(async () => {
    suite = await startBrowserSuite({ password: PASSWORD, people: 10, shots: SHOTS });
    ({ kit } = suite);
  });
  after(() => suite?.stop());

  it('runs a month’s audit, shows its trend, its findings with owners, and a correction', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    await ig.goto('/data-quality');
    await heading(ig, 1, 'Data-quality audit');
    await ig.getByText('No audits yet.').waitFor();
    await kit.expectAccessible(ig, 'data-quality-empty');
    await ig.getByRole('button', { name: 'Run the audit' }).click();
    await ig
      .getByRole('status')
      .getByText(/recorded: \d+ findings/)
      .waitFor();
    await ig.getByRole('table', { name: 'Audits by month' }).waitFor();
    await ig
      .getByRole('img', { name: 'Data-quality findings month by month' })
      .locator('svg')
      .first()
      .waitFor();
    await kit.expectAccessible(ig, 'data-quality-trend');
    await ig.getByRole('status').getByRole('link', { name: 'Open it' }).click();
    await heading(ig, 1, /Data-quality audit: \d{4}-\d{2}/);
    await ig.getByRole('table', { name: 'Findings and corrections' }).waitFor();
    await kit.expectAccessible(ig, 'data-quality-audit');
    const audits = await apiJson<{ items: DqAuditDto['audit'][] }>(ig, '/reporting/data-quality/audits');
    const id = audits.items[0]?.id;
    assert.ok(id);
    const audit = await apiJson<DqAuditDto>(ig, `/reporting/data-quality/audits/${id}`);
    const finding = audit.findings[0];
    if (finding) {
      await ig.goto(`/data-quality/findings/${finding.id}`);
      await heading(ig, 1, 'Data-quality correction');
      await ig.getByText(finding.action).waitFor();
      await kit.expectAccessible(ig, 'data-quality-finding');
    }
    await ig.goto('/reporting');
    await ig.getByRole('link', { name: 'Produce the evidence pack (PDF)' }).waitFor();
    await ig.getByRole('link', { name: 'Monthly data-quality audit' }).waitFor();
    await ig.locator('.accord-chart svg').first().waitFor();
    assert.deepEqual(kit.consoleErrors, []);
  });
});
