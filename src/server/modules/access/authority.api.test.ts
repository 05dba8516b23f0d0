/**
 * The escalations the authority exists to stop, each tried end to end through the API on both
 * engines: each is refused with its reason codes, audited as a denial, and changes nothing.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import {
  addEntry,
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
} from '../../../../test/harness/factories.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import type { RoleGrant } from '../../../contracts/authority.ts';
import type { Staff } from '../../../contracts/directory.ts';
import type { Problem } from '../../../contracts/errors.ts';
import type { Database } from '../../db/database.ts';
import { completeAgreementInput } from '../agreements/agreements.factories.ts';

const today = (): string => new Date().toISOString().slice(0, 10);
const reasonsOf = (res: { json: <T>() => T }): string[] =>
  (res.json<Problem>().reasons ?? []).map((r) => r.code);

describeEachEngine('authority over access-changing writes', (database) => {
  let app: FastifyInstance;
  const org: Record<'trust' | 'council' | 'housing' | 'icb', string> = {
    trust: '',
    council: '',
    housing: '',
    icb: '',
  };
  const id: Record<string, string> = {};
  const as: Record<string, Session> = {};
  let person: { id: string; nhsNumber: string };
  let trustMembership: string;
  let agreementId: string;

  /** The denial entries written for an action since the test began, with their reasons. */
  async function denials(action: string, since: string): Promise<string[][]> {
    const rows = await database()
      .db.selectFrom('audit_entries')
      .select(['reasons'])
      .where('action', '=', action)
      .where('outcome', '=', 'deny')
      .where('recorded_at', '>=', since)
      .execute();
    return rows.map((r) => r.reasons.split(','));
  }

  async function refused(
    res: Awaited<ReturnType<typeof call>>,
    status: number,
    codes: string[],
    action: string,
    since: string,
  ): Promise<void> {
    assert.equal(res.statusCode, status, res.body);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.deepEqual(reasonsOf(res).sort(), [...codes].sort());
    const logged = await denials(action, since);
    assert.ok(
      logged.some((r) => codes.every((c) => r.includes(c))),
      `a ${action} denial is audited with ${codes.join(',')}`,
    );
  }

  before(async () => {
    const db: Database = database();
    app = await testApp(db);
    org.trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    org.council = await makeOrganisation(db, { name: 'Council', type: 'LOCAL_AUTHORITY' });
    org.housing = await makeOrganisation(db, { name: 'Housing', type: 'HOUSING_PROVIDER' });
    org.icb = await makeOrganisation(db, { name: 'ICB', type: 'COMMISSIONER' });
    const staff: [string, keyof typeof org, Parameters<typeof makeStaff>[1]['roles']][] = [
      ['duty.nadia', 'trust', ['duty', 'clinical']],
      ['cc.trust', 'trust', ['care_manager']],
      ['dr.trust', 'trust', ['clinical']],
      ['worker.trust', 'trust', ['frontline']],
      ['admin.trust', 'trust', ['system_admin']],
      ['ig.trust', 'trust', ['ig_lead']],
      ['mgr.trust', 'trust', ['service_manager']],
      ['cc.council', 'council', ['care_manager']],
      ['sw.council', 'council', ['frontline']],
      ['ig.council', 'council', ['ig_lead']],
      ['mgr.council', 'council', ['service_manager']],
      ['ig.housing', 'housing', ['ig_lead']],
      ['ig.icb', 'icb', ['ig_lead']],
    ];
    for (const [username, o, roles] of staff) {
      id[username] = (await makeStaff(db, { organisationId: org[o], roles, username })).id;
      as[username] = await signIn(app, username);
    }
    person = await makePerson(db);
    trustMembership = await addMembership(db, {
      personId: person.id,
      organisationId: org.trust,
      staffId: id['dr.trust'],
      role: 'CLINICIAN',
    });
    await addMembership(db, {
      personId: person.id,
      organisationId: org.trust,
      staffId: id['cc.trust'],
      role: 'CARE_COORDINATOR',
    });
    await addMembership(db, {
      personId: person.id,
      organisationId: org.council,
      staffId: id['cc.council'],
      role: 'SOCIAL_WORKER',
    });
    for (const category of ['DIAGNOSIS', 'CARE_PLAN', 'CRISIS_PLAN'] as const)
      await addEntry(db, {
        personId: person.id,
        organisationId: org.trust,
        authorId: id['dr.trust'] ?? '',
        category,
      });
    const created = await call(app, as['ig.trust'] ?? null, 'POST', '/api/v1/agreements', {
      ...completeAgreementInput({ from: org.trust, to: org.housing }),
      startDate: '2020-01-01',
    });
    assert.equal(created.statusCode, 201, created.body);
    agreementId = created.json<Agreement>().id;
    const active = await call(
      app,
      as['ig.trust'] ?? null,
      'POST',
      `/api/v1/agreements/${agreementId}/status`,
      {
        status: 'active',
        note: 'Signed at the partnership board',
      },
    );
    assert.equal(active.statusCode, 200, active.body);
  });

  it('1. a duty worker under break-glass cannot add herself to the care team; ending the grant ends what it opened', async () => {
    const since = new Date().toISOString();
    const nadia = as['duty.nadia'] ?? null;
    const grant = await call(app, nadia, 'POST', '/api/v1/break-glass', {
      nhsNumber: person.nhsNumber,
      reason: 'Person in crisis at the sanctuary',
    });
    assert.equal(grant.statusCode, 201, grant.body);
    const selfJoin = await call(app, nadia, 'POST', `/api/v1/people/${person.id}/care-team`, {
      staffId: id['duty.nadia'],
      role: 'CRISIS_WORKER',
      startDate: today(),
    });
    await refused(selfJoin, 403, ['CARE_TEAM_SELF_JOIN_UNDER_BREAK_GLASS'], 'care_team.add', since);
    const mine = await database()
      .db.selectFrom('care_team_memberships')
      .select('id')
      .where('staff_id', '=', id['duty.nadia'] ?? '')
      .execute();
    assert.equal(mine.length, 0, 'nothing was added');
    // The care coordinator may add her while the grant is live; the grant's end takes it away again.
    const added = await call(app, as['cc.trust'] ?? null, 'POST', `/api/v1/people/${person.id}/care-team`, {
      staffId: id['duty.nadia'],
      role: 'CRISIS_WORKER',
      startDate: today(),
    });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal((await call(app, nadia, 'GET', `/api/v1/people/${person.id}`)).statusCode, 200);
    const ended = await call(
      app,
      nadia,
      'POST',
      `/api/v1/break-glass/${grant.json<{ id: string }>().id}/end`,
    );
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(
      (await call(app, nadia, 'GET', `/api/v1/people/${person.id}`)).statusCode,
      404,
      'no access outlives the grant',
    );
    // The grant followed by joins (her own refused attempt and the coordinator's) opens a case.
    const run = await call(app, as['ig.trust'] ?? null, 'POST', '/api/v1/assurance/anomaly-detection/run', {
      from: since,
      to: new Date(Date.now() + 1000).toISOString(),
    });
    assert.equal(run.statusCode, 200, run.body);
    assert.equal(run.json<{ byRule: Record<string, number> }>().byRule.BREAK_GLASS_CARE_TEAM_JOIN, 1);
    const cases = (
      await call(
        app,
        as['ig.trust'] ?? null,
        'GET',
        '/api/v1/assurance/cases?rule=BREAK_GLASS_CARE_TEAM_JOIN',
      )
    ).json<{ items: { actorStaffId: string }[] }>();
    assert.deepEqual(
      cases.items.map((c) => c.actorStaffId),
      [id['duty.nadia']],
    );
  });

  it('2. a system administrator cannot give himself clinical roles or IG training', async () => {
    const since = new Date().toISOString();
    const admin = as['admin.trust'] ?? null;
    const roles = await call(app, admin, 'PATCH', `/api/v1/staff/${id['admin.trust']}`, {
      roles: ['system_admin', 'duty', 'clinical'],
    });
    await refused(roles, 403, ['SELF_GRANT_ROLE'], 'staff.update', since);
    const training = await call(app, admin, 'POST', `/api/v1/staff/${id['admin.trust']}/training`, {
      kind: 'IG_ANNUAL',
      completedOn: '2026-01-10',
      expiresOn: '2099-01-10',
    });
    await refused(training, 403, ['SELF_GRANT_TRAINING'], 'staff.training.add', since);
    // The refusal can be explained afterwards, from its audit entry, by its request id.
    const explained = await call(app, admin, 'POST', '/api/v1/access/explain-change', {
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
    const stranger = await call(app, as['ig.council'] ?? null, 'POST', '/api/v1/access/explain-change', {
      requestId: roles.json<Problem>().requestId,
    });
    assert.deepEqual(
      stranger.json<{ refusals: unknown[] }>().refusals,
      [],
      'not another organisation’s to read',
    );
    const me = (await call(app, admin, 'GET', `/api/v1/staff/${id['admin.trust']}`)).json<Staff>();
    assert.deepEqual(me.roles, ['system_admin']);
    assert.equal(me.training.filter((t) => t.expiresOn === '2099-01-10').length, 0);
  });

  it('3. an IG lead not party to an agreement cannot suspend it', async () => {
    const since = new Date().toISOString();
    const res = await call(app, as['ig.icb'] ?? null, 'POST', `/api/v1/agreements/${agreementId}/status`, {
      status: 'suspended',
      note: 'Suspended pending review',
    });
    await refused(res, 403, ['AGREEMENT_NOT_PARTY'], 'agreement.status', since);
    const after = await call(app, as['ig.trust'] ?? null, 'GET', `/api/v1/agreements/${agreementId}`);
    assert.equal(after.json<Agreement>().status, 'active');
  });

  it('4. no organisation’s IG lead or service manager rewrites the tier policy or disables anomaly rules', async () => {
    const since = new Date().toISOString();
    const policy = (await call(app, as['ig.council'] ?? null, 'GET', '/api/v1/access/policy')).json<
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
      const res = await call(app, as[who] ?? null, 'PUT', '/api/v1/access/policy', everything);
      await refused(res, 403, ['PARTNERSHIP_GOVERNANCE_REQUIRED'], 'access.policy.update', since);
    }
    const settings = (
      await call(app, as['ig.council'] ?? null, 'GET', '/api/v1/assurance/anomaly-settings')
    ).json<{ rule: string; thresholds: object }[]>();
    const caseload = settings.find((s) => s.rule === 'NOT_ON_CASELOAD');
    assert.ok(caseload);
    const disable = await call(app, as['ig.council'] ?? null, 'PUT', '/api/v1/assurance/anomaly-settings', {
      NOT_ON_CASELOAD: { enabled: false, thresholds: caseload.thresholds },
    });
    await refused(disable, 403, ['PARTNERSHIP_GOVERNANCE_REQUIRED'], 'anomaly.settings.update', since);
    const now = (await call(app, as['ig.council'] ?? null, 'GET', '/api/v1/access/policy')).json<{
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
      app,
      as['cc.council'] ?? null,
      'POST',
      `/api/v1/people/${person.id}/care-team/${trustMembership}/end`,
      { endDate: today() },
    );
    await refused(res, 403, ['CHANGE_OTHER_ORGANISATION'], 'care_team.end', since);
    const row = await database()
      .db.selectFrom('care_team_memberships')
      .select('end_date')
      .where('id', '=', trustMembership)
      .executeTakeFirstOrThrow();
    assert.equal(row.end_date, null);
    assert.equal(
      (await call(app, as['dr.trust'] ?? null, 'GET', `/api/v1/people/${person.id}`)).statusCode,
      200,
    );
  });

  it('6. an ended membership cannot be ended again or moved to 2099', async () => {
    const since = new Date().toISOString();
    const membership = await addMembership(database(), {
      personId: person.id,
      organisationId: org.trust,
      staffId: id['worker.trust'],
    });
    const url = `/api/v1/people/${person.id}/care-team/${membership}/end`;
    const cc = as['cc.trust'] ?? null;
    assert.equal((await call(app, cc, 'POST', url, { endDate: today() })).statusCode, 204);
    await refused(
      await call(app, cc, 'POST', url, { endDate: today() }),
      409,
      ['MEMBERSHIP_ALREADY_ENDED'],
      'care_team.end',
      since,
    );
    await refused(
      await call(app, cc, 'POST', url, { endDate: '2099-12-31' }),
      409,
      ['MEMBERSHIP_ALREADY_ENDED'],
      'care_team.end',
      since,
    );
    const row = await database()
      .db.selectFrom('care_team_memberships')
      .select('end_date')
      .where('id', '=', membership)
      .executeTakeFirstOrThrow();
    assert.equal(row.end_date, today());
  });

  it('7. a trust administrator cannot change council staff roles or create a council IG lead', async () => {
    const since = new Date().toISOString();
    const admin = as['admin.trust'] ?? null;
    const roles = await call(app, admin, 'PATCH', `/api/v1/staff/${id['sw.council']}`, {
      roles: ['ig_lead'],
    });
    await refused(roles, 403, ['CHANGE_OTHER_ORGANISATION'], 'staff.update', since);
    const create = await call(app, admin, 'POST', '/api/v1/staff', {
      organisationId: org.council,
      username: 'new.council.ig',
      displayName: 'New IG',
      jobTitle: 'IG lead',
      roles: ['ig_lead'],
    });
    await refused(create, 403, ['CHANGE_OTHER_ORGANISATION'], 'staff.create', since);
    const named = await call(app, admin, 'PUT', `/api/v1/organisations/${org.council}/governance`, {
      role: 'IG_LEAD',
      staffId: id['sw.council'],
    });
    await refused(named, 403, ['CHANGE_OTHER_ORGANISATION'], 'organisation.governance.assign', since);
    const sw = (
      await call(app, as['mgr.council'] ?? null, 'GET', `/api/v1/staff/${id['sw.council']}`)
    ).json<Staff>();
    assert.deepEqual(sw.roles, ['frontline']);
    const created = await database()
      .db.selectFrom('staff')
      .select('id')
      .where('username', '=', 'new.council.ig')
      .execute();
    assert.equal(created.length, 0);
  });

  it('a role that opens person data waits for the second person, who is not the one asking', async () => {
    const since = new Date().toISOString();
    const patched = await call(
      app,
      as['admin.trust'] ?? null,
      'PATCH',
      `/api/v1/staff/${id['worker.trust']}`,
      {
        roles: ['frontline', 'clinical'],
      },
    );
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual(patched.json<Staff>().roles, ['frontline'], 'clinical is not granted yet');
    const pending = (await call(app, as['mgr.trust'] ?? null, 'GET', '/api/v1/role-grants')).json<{
      items: RoleGrant[];
    }>();
    const grant = pending.items.find((g) => g.staffId === id['worker.trust'] && g.role === 'clinical');
    assert.ok(grant);
    assert.equal(grant.can.approve, false, 'a service manager approves frontline roles only');
    const byManager = await call(
      app,
      as['mgr.trust'] ?? null,
      'POST',
      `/api/v1/role-grants/${grant.id}/approve`,
    );
    await refused(byManager, 403, ['APPROVER_ROLE_REQUIRED'], 'staff.role.approve', since);
    const byCouncil = await call(
      app,
      as['ig.council'] ?? null,
      'POST',
      `/api/v1/role-grants/${grant.id}/approve`,
    );
    await refused(byCouncil, 403, ['CHANGE_OTHER_ORGANISATION'], 'staff.role.approve', since);
    const approved = await call(
      app,
      as['ig.trust'] ?? null,
      'POST',
      `/api/v1/role-grants/${grant.id}/approve`,
    );
    assert.equal(approved.statusCode, 200, approved.body);
    const again = await call(app, as['ig.trust'] ?? null, 'POST', `/api/v1/role-grants/${grant.id}/approve`);
    await refused(again, 409, ['ROLE_GRANT_NOT_PENDING'], 'staff.role.approve', since);
    const worker = (
      await call(app, as['mgr.trust'] ?? null, 'GET', `/api/v1/staff/${id['worker.trust']}`)
    ).json<Staff>();
    assert.deepEqual(worker.roles, ['clinical', 'frontline']);
    // The monthly access review shows the change to the worker's manager, flagged.
    const period = new Date().toISOString().slice(0, 7);
    const opened = await call(app, as['ig.trust'] ?? null, 'POST', '/api/v1/assurance/access-reviews/open', {
      period,
    });
    assert.equal(opened.statusCode, 200, opened.body);
    const reviews = (
      await call(app, as['mgr.trust'] ?? null, 'GET', '/api/v1/assurance/access-reviews')
    ).json<{
      items: { id: string }[];
    }>();
    const review = (
      await call(
        app,
        as['mgr.trust'] ?? null,
        'GET',
        `/api/v1/assurance/access-reviews/${reviews.items[0]?.id}`,
      )
    ).json<{ items: { staffId: string; kind: string; subject: string; flag: string | null }[] }>();
    const roleItems = review.items.filter((i) => i.staffId === id['worker.trust'] && i.kind === 'ROLE');
    assert.deepEqual(roleItems.map((i) => [i.subject, i.flag]).sort(), [
      ['clinical', 'ROLE_RECENTLY_GRANTED'],
      ['frontline', null],
    ]);
    const logged = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'actor_staff_id'])
      .where('target_id', '=', id['worker.trust'] ?? '')
      .where('action', 'in', ['staff.role.request', 'staff.role.grant'])
      .where('outcome', '=', 'success')
      .execute();
    assert.deepEqual(logged.map((l) => [l.action, l.actor_staff_id]).sort(), [
      ['staff.role.grant', id['ig.trust']],
      ['staff.role.request', id['admin.trust']],
    ]);
  });

  it('break-glass is limited per worker per day', async () => {
    const since = new Date().toISOString();
    const others = [await makePerson(database()), await makePerson(database()), await makePerson(database())];
    const results: number[] = [];
    for (const p of others)
      results.push(
        (
          await call(app, as['duty.nadia'] ?? null, 'POST', '/api/v1/break-glass', {
            nhsNumber: p.nhsNumber,
            reason: 'Person in crisis at the sanctuary',
          })
        ).statusCode,
      );
    // One grant was opened in the first test: the default limit of three a day leaves two.
    assert.deepEqual(results.slice(0, 2), [201, 201]);
    const last = await call(app, as['duty.nadia'] ?? null, 'POST', '/api/v1/break-glass', {
      nhsNumber: others[2]?.nhsNumber,
      reason: 'Person in crisis at the sanctuary',
    });
    await refused(last, 403, ['BREAK_GLASS_RATE_LIMITED'], 'break_glass.grant', since);
  });
});
