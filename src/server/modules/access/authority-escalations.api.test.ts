/**
 * The seven escalations the authority exists to stop, each tried end to end through the API on both
 * engines: each is refused with its reason codes, audited as a denial, and changes nothing.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { addMembership } from '../../../../test/harness/factories.ts';
import { governedDb } from '../../../../test/harness/governed.ts';
import { call } from '../../../../test/harness/http.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import type { Staff } from '../../../contracts/directory.ts';
import type { Problem } from '../../../contracts/errors.ts';
import { authorityApi, today } from './authority.api-fixture.ts';

describeEachEngine('authority: the seven escalations', (database) => {
  const api = authorityApi(database);

  it('1. a duty worker under break-glass cannot add herself to the care team; ending the grant ends what it opened', async () => {
    const since = new Date().toISOString();
    const nadia = api.as['duty.nadia'] ?? null;
    const grant = await call(api.app, nadia, 'POST', '/api/v1/break-glass', {
      nhsNumber: api.person.nhsNumber,
      reason: 'Person in crisis at the sanctuary',
    });
    assert.equal(grant.statusCode, 201, grant.body);
    const selfJoin = await call(api.app, nadia, 'POST', `/api/v1/people/${api.person.id}/care-team`, {
      staffId: api.id['duty.nadia'],
      role: 'CRISIS_WORKER',
      startDate: today(),
    });
    await api.refused(selfJoin, 403, ['CARE_TEAM_SELF_JOIN_UNDER_BREAK_GLASS'], 'care_team.add', since);
    const mine = await governedDb(database())
      .selectFrom('care_team_memberships')
      .select('id')
      .where('staff_id', '=', api.id['duty.nadia'] ?? '')
      .execute();
    assert.equal(mine.length, 0, 'nothing was added');
    // The care coordinator may add her while the grant is live; the grant's end takes it away again.
    const added = await call(
      api.app,
      api.as['cc.trust'] ?? null,
      'POST',
      `/api/v1/people/${api.person.id}/care-team`,
      {
        staffId: api.id['duty.nadia'],
        role: 'CRISIS_WORKER',
        startDate: today(),
      },
    );
    assert.equal(added.statusCode, 201, added.body);
    assert.equal((await call(api.app, nadia, 'GET', `/api/v1/people/${api.person.id}`)).statusCode, 200);
    const ended = await call(
      api.app,
      nadia,
      'POST',
      `/api/v1/break-glass/${grant.json<{ id: string }>().id}/end`,
    );
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(
      (await call(api.app, nadia, 'GET', `/api/v1/people/${api.person.id}`)).statusCode,
      404,
      'no access outlives the grant',
    );
    // The grant followed by joins (her own refused attempt and the coordinator's) opens a case.
    const run = await call(
      api.app,
      api.as['ig.trust'] ?? null,
      'POST',
      '/api/v1/assurance/anomaly-detection/run',
      {
        from: since,
        to: new Date(Date.now() + 1000).toISOString(),
      },
    );
    assert.equal(run.statusCode, 200, run.body);
    assert.equal(run.json<{ byRule: Record<string, number> }>().byRule.BREAK_GLASS_CARE_TEAM_JOIN, 1);
    const cases = (
      await call(
        api.app,
        api.as['ig.trust'] ?? null,
        'GET',
        '/api/v1/assurance/cases?rule=BREAK_GLASS_CARE_TEAM_JOIN',
      )
    ).json<{ items: { actorStaffId: string }[] }>();
    assert.deepEqual(
      cases.items.map((c) => c.actorStaffId),
      [api.id['duty.nadia']],
    );
  });

  it('2. a system administrator cannot give himself clinical roles or IG training', async () => {
    const since = new Date().toISOString();
    const admin = api.as['admin.trust'] ?? null;
    const roles = await call(api.app, admin, 'PATCH', `/api/v1/staff/${api.id['admin.trust']}`, {
      roles: ['system_admin', 'duty', 'clinical'],
    });
    await api.refused(roles, 403, ['SELF_GRANT_ROLE'], 'staff.update', since);
    const training = await call(api.app, admin, 'POST', `/api/v1/staff/${api.id['admin.trust']}/training`, {
      kind: 'IG_ANNUAL',
      completedOn: '2026-01-10',
      expiresOn: '2099-01-10',
    });
    await api.refused(training, 403, ['SELF_GRANT_TRAINING'], 'staff.training.add', since);
    // The refusal can be explained afterwards, from its audit entry, by its request id.
    const explained = await call(api.app, admin, 'POST', '/api/v1/access/explain-change', {
      requestId: roles.json<Problem>().requestId,
    });
    assert.equal(explained.statusCode, 200, explained.body);
    const refusal = explained.json<{
      refusals: { action: string; reasons: { code: string; message: string }[] }[];
    }>().refusals;
    assert.deepEqual(
      refusal.map((r) => [r.action, r.reasons.map((x) => x.code)]),
      [['staff.update', ['SELF_GRANT_ROLE']]],
    );
    assert.match(refusal[0]?.reasons[0]?.message ?? '', /own account/);
    const stranger = await call(
      api.app,
      api.as['ig.council'] ?? null,
      'POST',
      '/api/v1/access/explain-change',
      {
        requestId: roles.json<Problem>().requestId,
      },
    );
    assert.deepEqual(
      stranger.json<{ refusals: unknown[] }>().refusals,
      [],
      'not another organisation’s to read',
    );
    const me = (await call(api.app, admin, 'GET', `/api/v1/staff/${api.id['admin.trust']}`)).json<Staff>();
    assert.deepEqual(me.roles, ['system_admin']);
    assert.equal(me.training.filter((t) => t.expiresOn === '2099-01-10').length, 0);
  });

  it('3. an IG lead not party to an agreement cannot suspend it', async () => {
    const since = new Date().toISOString();
    const res = await call(
      api.app,
      api.as['ig.icb'] ?? null,
      'POST',
      `/api/v1/agreements/${api.agreementId}/status`,
      {
        status: 'suspended',
        note: 'Suspended pending review',
      },
    );
    await api.refused(res, 403, ['AGREEMENT_NOT_PARTY'], 'agreement.status', since);
    const after = await call(
      api.app,
      api.as['ig.trust'] ?? null,
      'GET',
      `/api/v1/agreements/${api.agreementId}`,
    );
    assert.equal(after.json<Agreement>().status, 'active');
  });

  it('4. no organisation’s IG lead or service manager rewrites the tier policy or disables anomaly rules', async () => {
    const since = new Date().toISOString();
    const policy = (await call(api.app, api.as['ig.council'] ?? null, 'GET', '/api/v1/access/policy')).json<
      Record<string, unknown> & { tiers: Record<string, string[]>; version: number; can: { change: boolean } }
    >();
    assert.equal(policy.can.change, false);
    const { version, can: _can, ...input } = policy;
    const everything = {
      ...input,
      tiers: { ...policy.tiers, frontline: [...(policy.tiers.clinical ?? []), 'SAFEGUARDING'] },
      restricted: {},
    };
    for (const who of ['ig.council', 'mgr.council', 'ig.trust']) {
      const res = await call(api.app, api.as[who] ?? null, 'PUT', '/api/v1/access/policy', everything);
      await api.refused(res, 403, ['PARTNERSHIP_GOVERNANCE_REQUIRED'], 'access.policy.update', since);
    }
    const settings = (
      await call(api.app, api.as['ig.council'] ?? null, 'GET', '/api/v1/assurance/anomaly-settings')
    ).json<{ rule: string; thresholds: object }[]>();
    const caseload = settings.find((s) => s.rule === 'NOT_ON_CASELOAD');
    assert.ok(caseload);
    const disable = await call(
      api.app,
      api.as['ig.council'] ?? null,
      'PUT',
      '/api/v1/assurance/anomaly-settings',
      {
        NOT_ON_CASELOAD: { enabled: false, thresholds: caseload.thresholds },
      },
    );
    await api.refused(disable, 403, ['PARTNERSHIP_GOVERNANCE_REQUIRED'], 'anomaly.settings.update', since);
    const now = (await call(api.app, api.as['ig.council'] ?? null, 'GET', '/api/v1/access/policy')).json<{
      version: number;
    }>();
    assert.equal(now.version, version, 'the policy is unchanged');
    const rules = await database().db.selectFrom('anomaly_settings').selectAll().execute();
    assert.ok(
      rules.every((r) => r.enabled !== 0),
      'no rule was disabled',
    );
  });

  it('5. a council care manager cannot end the trust’s memberships', async () => {
    const since = new Date().toISOString();
    const res = await call(
      api.app,
      api.as['cc.council'] ?? null,
      'POST',
      `/api/v1/people/${api.person.id}/care-team/${api.trustMembership}/end`,
      { endDate: today() },
    );
    await api.refused(res, 403, ['CHANGE_OTHER_ORGANISATION'], 'care_team.end', since);
    const row = await governedDb(database())
      .selectFrom('care_team_memberships')
      .select('end_date')
      .where('id', '=', api.trustMembership)
      .executeTakeFirstOrThrow();
    assert.equal(row.end_date, null);
    assert.equal(
      (await call(api.app, api.as['dr.trust'] ?? null, 'GET', `/api/v1/people/${api.person.id}`)).statusCode,
      200,
    );
  });

  it('6. an ended membership cannot be ended again or moved to 2099', async () => {
    const since = new Date().toISOString();
    const membership = await addMembership(database(), {
      personId: api.person.id,
      organisationId: api.org.trust,
      staffId: api.id['worker.trust'],
    });
    const url = `/api/v1/people/${api.person.id}/care-team/${membership}/end`;
    const cc = api.as['cc.trust'] ?? null;
    assert.equal((await call(api.app, cc, 'POST', url, { endDate: today() })).statusCode, 204);
    await api.refused(
      await call(api.app, cc, 'POST', url, { endDate: today() }),
      409,
      ['MEMBERSHIP_ALREADY_ENDED'],
      'care_team.end',
      since,
    );
    await api.refused(
      await call(api.app, cc, 'POST', url, { endDate: '2099-12-31' }),
      409,
      ['MEMBERSHIP_ALREADY_ENDED'],
      'care_team.end',
      since,
    );
    const row = await governedDb(database())
      .selectFrom('care_team_memberships')
      .select('end_date')
      .where('id', '=', membership)
      .executeTakeFirstOrThrow();
    assert.equal(row.end_date, today());
  });

  it('7. a trust administrator cannot change council staff roles or create a council IG lead', async () => {
    const since = new Date().toISOString();
    const admin = api.as['admin.trust'] ?? null;
    const roles = await call(api.app, admin, 'PATCH', `/api/v1/staff/${api.id['sw.council']}`, {
      roles: ['ig_lead'],
    });
    await api.refused(roles, 403, ['CHANGE_OTHER_ORGANISATION'], 'staff.update', since);
    const create = await call(api.app, admin, 'POST', '/api/v1/staff', {
      organisationId: api.org.council,
      username: 'new.council.ig',
      displayName: 'New IG',
      jobTitle: 'IG lead',
      roles: ['ig_lead'],
    });
    await api.refused(create, 403, ['CHANGE_OTHER_ORGANISATION'], 'staff.create', since);
    const named = await call(api.app, admin, 'PUT', `/api/v1/organisations/${api.org.council}/governance`, {
      role: 'IG_LEAD',
      staffId: api.id['sw.council'],
    });
    await api.refused(named, 403, ['CHANGE_OTHER_ORGANISATION'], 'organisation.governance.assign', since);
    const sw = (
      await call(api.app, api.as['mgr.council'] ?? null, 'GET', `/api/v1/staff/${api.id['sw.council']}`)
    ).json<Staff>();
    assert.deepEqual(sw.roles, ['frontline']);
    const created = await database()
      .db.selectFrom('staff')
      .select('id')
      .where('username', '=', 'new.council.ig')
      .execute();
    assert.equal(created.length, 0);
  });
});
