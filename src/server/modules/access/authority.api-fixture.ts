/** Test support: a partnership of four organisations with the staff the authority tests act as. */
import assert from 'node:assert/strict';
import { before } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { activateAgreement } from '../../../../test/harness/agreement-activation.ts';
import {
  addEntry,
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
} from '../../../../test/harness/factories.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import type { StaffRole } from '../../../contracts/enums.ts';
import type { Problem } from '../../../contracts/errors.ts';
import type { Database } from '../../db/database.ts';
import { completeAgreementInput } from '../agreements/agreements.factories.ts';

/** Today's date as the tests write dates. */
export const today = (): string => new Date().toISOString().slice(0, 10);

const STAFF: readonly [string, 'trust' | 'council' | 'housing' | 'icb', StaffRole[]][] = [
  ['duty.nadia', 'trust', ['duty', 'clinical']],
  ['duty.leon', 'trust', ['duty']],
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

/** What an authority API suite works with; filled in by the suite's `before` hook. */
export interface AuthorityApi {
  app: FastifyInstance;
  org: Record<'trust' | 'council' | 'housing' | 'icb', string>;
  /** Staff ids by username. */
  id: Record<string, string>;
  /** Signed-in sessions by username. */
  as: Record<string, Session>;
  /** A person on the trust's and the council's care team, with trust entries. */
  person: { id: string; nhsNumber: string };
  /** The trust clinician's membership of the person's care team. */
  trustMembership: string;
  /** An active trust-housing agreement. */
  agreementId: string;
  /** Asserts a refusal: status, problem+json, exactly these reason codes, and a denial audited since `since`. */
  refused(
    res: Awaited<ReturnType<typeof call>>,
    status: number,
    codes: string[],
    action: string,
    since: string,
  ): Promise<void>;
}

/** Registers the suite's setup and returns the handle its tests use. */
export function authorityApi(database: () => Database): AuthorityApi {
  const api = {
    org: { trust: '', council: '', housing: '', icb: '' },
    id: {},
    as: {},
    async refused(res, status, codes, action, since) {
      assert.equal(res.statusCode, status, res.body);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.deepEqual((res.json<Problem>().reasons ?? []).map((r) => r.code).sort(), [...codes].sort());
      const rows = await database()
        .db.selectFrom('audit_entries')
        .select(['reasons'])
        .where('action', '=', action)
        .where('outcome', '=', 'deny')
        .where('recorded_at', '>=', since)
        .execute();
      assert.ok(
        rows.some((r) => codes.every((c) => r.reasons.split(',').includes(c))),
        `a ${action} denial is audited with ${codes.join(',')}`,
      );
    },
  } as AuthorityApi;
  before(async () => {
    const db = database();
    const app = await testApp(db);
    api.app = app;
    const { org, id, as } = api;
    org.trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    org.council = await makeOrganisation(db, { name: 'Council', type: 'LOCAL_AUTHORITY' });
    org.housing = await makeOrganisation(db, { name: 'Housing', type: 'HOUSING_PROVIDER' });
    org.icb = await makeOrganisation(db, { name: 'ICB', type: 'COMMISSIONER' });
    for (const [username, o, roles] of STAFF) {
      id[username] = (await makeStaff(db, { organisationId: org[o], roles, username })).id;
      as[username] = await signIn(app, username);
    }
    const person = await makePerson(db);
    api.person = person;
    api.trustMembership = await addMembership(db, {
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
    api.agreementId = created.json<Agreement>().id;
    const ig = as['ig.trust'];
    assert.ok(ig);
    const active = await activateAgreement(app, db, ig, api.agreementId, 'Signed at the partnership board');
    assert.equal(active.statusCode, 200, active.body);
  });
  return api;
}
