import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoId } from '../../src/server/demo/demo-ids.ts';
import { CHROMIUM_PATH } from '../harness/browser.ts';
import {
  type BrowserSuite,
  type PageKit,
  startBrowserSuite,
  visitAccessibly,
} from '../harness/browser-kit.ts';

// Demo accounts (src/server/demo/partnership-staff.ts): Dev's guide acknowledgement has lapsed.
const LAPSED = 'ho.dev';
const IG_LEAD = 'ig.priya';
const MANAGER = 'mgr.helen';
const PASSWORD = 'guide-browser-password';
const SHOTS = '/tmp/accord-guide';

let suite: BrowserSuite | undefined;
let kit: PageKit;

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor();

const skip = existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH}`;

describe('what we share, the register of workarounds and post-incident review in Chromium', { skip }, () => {
  before(async () => {
    suite = await startBrowserSuite({ password: PASSWORD, people: 40, shots: SHOTS });
    ({ kit } = suite);
  });
  after(() => suite?.stop());

  it('shows a lapsed guide acknowledgement, which the staff member renews from the guide', async () => {
    const dev = await kit.signedIn(LAPSED);
    await dev.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'What we share' }).click();
    await heading(dev, 'What we share and when');
    const ack = dev.getByTestId('guide-ack-frontline');
    await ack.getByText('Acknowledgement lapsed').waitFor();
    await dev.getByRole('heading', { level: 3, name: 'What you share, with whom and when' }).waitFor();
    await kit.expectAccessible(dev, 'guide-lapsed');
    await ack.getByRole('button', { name: /I have read and understood this guide/ }).click();
    await ack.getByText('Acknowledged', { exact: true }).waitFor();
    await kit.expectAccessible(dev, 'guide-acknowledged');
  });

  it('lets an IG lead read the register with its overdue review, and the scenario guidance and staff awareness', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    await visitAccessibly(kit, ig, [
      ['/interfaces', 'Register of interfaces and workarounds', 'interfaces'],
      ['/guide/scenarios', 'Scenario guidance', 'guide-scenarios'],
      ['/guide/standings', 'Staff awareness of their guides', 'guide-standings'],
      ['/guide/view', 'Guides by organisation and role', 'guide-view'],
    ]);
    await ig.getByLabel('Organisation').selectOption({ label: 'Wendle Valley Homes' });
    await ig.getByLabel('Role').selectOption({ label: 'Frontline practitioner' });
    await ig
      .getByRole('heading', { level: 2, name: 'Wendle Valley Homes: Frontline practitioner' })
      .waitFor();
    await kit.expectAccessible(ig, 'guide-view-housing');
    await ig.goto('/interfaces');
    await heading(ig, 'Register of interfaces and workarounds');
    const row = ig.getByRole('row', { name: /Discharge summaries to the GP practice/ });
    await row.getByText(/Review overdue since/).waitFor();
    await row.getByRole('link').click();
    await heading(ig, 'Discharge summaries to the GP practice by structured transfer');
    await ig.getByRole('heading', { level: 2, name: 'Review this workaround' }).waitFor();
    await kit.expectAccessible(ig, 'interface');
  });

  it('shows the post-incident review linking the handover involved, and the owner records their action done', async () => {
    const ig = await kit.signedIn(IG_LEAD);
    await ig.goto(`/incidents/${demoId('incident:misdirected-crisis-plan')}`);
    await heading(ig, 'Crisis plan emailed to the wrong housing officer');
    await ig.getByRole('heading', { level: 2, name: 'Post-incident review' }).waitFor();
    const links = ig.getByTestId('incident-links');
    await links.getByRole('link', { name: /Handover, linked/ }).waitFor();
    assert.equal(await links.getByRole('listitem').count(), 1);
    await kit.expectAccessible(ig, 'incident-review');

    const manager = await kit.signedIn(MANAGER);
    await manager.goto('/incident-actions');
    await heading(manager, 'Your incident actions');
    const action = manager.getByRole('region', { name: /Brief the crisis team/ });
    await action.getByLabel('What was done').fill('Briefed at the team meeting; slides on the intranet.');
    await kit.expectAccessible(manager, 'incident-actions');
    await action.getByRole('button', { name: 'Record this action as done' }).click();
    await manager.getByText('You have no open incident actions.').waitFor();
  });
});
