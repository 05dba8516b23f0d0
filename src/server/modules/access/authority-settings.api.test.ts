/** Partnership-wide settings: the replayed preview, and change by proposal and the parties' approval. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { call } from '../../../../test/harness/http.ts';
import type { PolicyPreview } from '../../../contracts/access.ts';
import type { SettingsProposal } from '../../../contracts/authority.ts';
import { authorityApi } from './authority.api-fixture.ts';

interface PolicyInput {
  tiers: Record<string, string[]>;
  [field: string]: unknown;
}
type Policy = PolicyInput & { version: number; can: object };

describeEachEngine('authority: partnership-wide settings', (database) => {
  const api = authorityApi(database);
  const policyAs = async (who: string) => {
    const {
      version,
      can: _can,
      ...input
    } = (await call(api.app, api.as[who] ?? null, 'GET', '/api/v1/access/policy')).json<Policy>();
    return { version, input: input as PolicyInput };
  };
  const withoutCarePlanFor = (input: PolicyInput, role: string) => ({
    ...input,
    tiers: { ...input.tiers, [role]: (input.tiers[role] ?? []).filter((c) => c !== 'CARE_PLAN') },
  });

  it('previews a change by replaying the last 30 days’ logged decisions', async () => {
    // The clinician's view of the person logs a permit for each category shown, care plan included.
    assert.equal(
      (await call(api.app, api.as['dr.trust'] ?? null, 'GET', `/api/v1/people/${api.person.id}`)).statusCode,
      200,
    );
    const { input } = await policyAs('ig.council');
    const same = await call(
      api.app,
      api.as['ig.council'] ?? null,
      'POST',
      '/api/v1/access/policy/preview',
      input,
    );
    assert.equal(same.statusCode, 200, same.body);
    assert.equal(same.json<PolicyPreview>().changed, 0);
    const narrower = await call(
      api.app,
      api.as['ig.council'] ?? null,
      'POST',
      '/api/v1/access/policy/preview',
      withoutCarePlanFor(input, 'clinical'),
    );
    const preview = narrower.json<PolicyPreview>();
    assert.ok(preview.nowDenied >= 1, narrower.body);
    assert.equal(preview.nowPermitted, 0);
    const rows = await database().db.selectFrom('access_policy').selectAll().execute();
    assert.equal(rows.length, 0, 'a preview saves nothing');
  });

  it('applies a proposal once the IG lead of every party has approved, and not before', async () => {
    const since = new Date().toISOString();
    const { version, input } = await policyAs('ig.trust');
    const proposed = await call(api.app, api.as['ig.trust'] ?? null, 'POST', '/api/v1/settings-proposals', {
      setting: 'access_policy',
      accessPolicy: withoutCarePlanFor(input, 'frontline'),
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    const proposal = proposed.json<SettingsProposal>();
    assert.deepEqual(proposal.waitingFor, [api.org.housing]);
    assert.ok(proposal.preview, 'the proposal shows its replayed effect');
    assert.equal((await policyAs('ig.trust')).version, version, 'not applied yet');
    const outsider = await call(
      api.app,
      api.as['ig.icb'] ?? null,
      'POST',
      `/api/v1/settings-proposals/${proposal.id}/approve`,
    );
    await api.refused(outsider, 403, ['PROPOSAL_ORGANISATION_NOT_PARTY'], 'settings.proposal.approve', since);
    const twice = await call(
      api.app,
      api.as['ig.trust'] ?? null,
      'POST',
      `/api/v1/settings-proposals/${proposal.id}/approve`,
    );
    await api.refused(
      twice,
      409,
      ['PROPOSAL_ALREADY_APPROVED_BY_ORGANISATION'],
      'settings.proposal.approve',
      since,
    );
    const approved = await call(
      api.app,
      api.as['ig.housing'] ?? null,
      'POST',
      `/api/v1/settings-proposals/${proposal.id}/approve`,
    );
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json<SettingsProposal>().status, 'applied');
    const after = await policyAs('ig.trust');
    assert.equal(after.version, version + 1);
    assert.ok(!(after.input.tiers.frontline ?? []).includes('CARE_PLAN'));
    const applied = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'actor_staff_id'])
      .where('action', 'in', ['access.policy.update', 'settings.proposal.apply'])
      .where('recorded_at', '>=', since)
      .execute();
    assert.deepEqual(applied.map((a) => a.action).sort(), [
      'access.policy.update',
      'settings.proposal.apply',
    ]);
  });
});
