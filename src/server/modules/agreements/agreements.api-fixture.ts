/** Test support: an app with a trust, a housing provider and a council, signed in as an IG lead and a practitioner. */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { activateAgreement } from '../../../../test/harness/agreement-activation.ts';
import { makeOrganisation, makeStaff } from '../../../../test/harness/factories.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import type { Problem } from '../../../contracts/errors.ts';
import type { Database } from '../../db/database.ts';

/** The clock of every agreements API test: inside the factory agreement's dates. */
export const NOW = new Date('2030-06-15T10:00:00Z');

/** What an agreements API suite works with; filled in by the suite's `before` hook. */
export interface AgreementsApi {
  app: FastifyInstance;
  trust: string;
  housing: string;
  council: string;
  /** The trust's IG lead. */
  ig: Session;
  /** A housing practitioner, who may read agreements but not change them. */
  practitioner: Session;
  /** Creates an agreement as the IG lead, expecting 201. */
  create(body: unknown): Promise<Agreement>;
  /** Has every party sign off and its sharing staff acknowledge, then activates as the IG lead. */
  activate(id: string, note?: string): ReturnType<typeof call>;
  /** Asks the IG lead to move an agreement to a status. */
  setStatus(id: string, status: string, note?: string): ReturnType<typeof call>;
  /** Rows in an agreements table. */
  count(table: 'agreements' | 'agreement_versions'): Promise<number>;
  /** The fields a problem response names. */
  fieldsOf(res: { json: <T>() => T }): string[];
}

/** Registers the suite's setup and teardown and returns the handle its tests use. */
export function agreementsApi(database: () => Database): AgreementsApi {
  const api = {
    async create(body: unknown) {
      const res = await call(api.app, api.ig, 'POST', '/api/v1/agreements', body);
      assert.equal(res.statusCode, 201, res.body);
      return res.json<Agreement>();
    },
    activate: (id: string, note = 'Agreed at partnership board') =>
      activateAgreement(api.app, database(), api.ig, id, note),
    setStatus: (id: string, status: string, note = 'Agreed at partnership board') =>
      call(api.app, api.ig, 'POST', `/api/v1/agreements/${id}/status`, { status, note }),
    async count(table: 'agreements' | 'agreement_versions') {
      const row = await database()
        .db.selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    fieldsOf: (res: { json: <T>() => T }) => (res.json<Problem>().errors ?? []).map((e) => e.field),
  } as AgreementsApi;
  before(async () => {
    const db = database();
    api.app = await testApp(db, () => NOW);
    api.trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    api.housing = await makeOrganisation(db, { name: 'Housing', type: 'HOUSING_PROVIDER' });
    api.council = await makeOrganisation(db, { name: 'Council', type: 'LOCAL_AUTHORITY' });
    await makeStaff(db, { organisationId: api.trust, roles: ['ig_lead'], username: 'ig.lead' });
    await makeStaff(db, {
      organisationId: api.housing,
      roles: ['frontline', 'care_manager'],
      username: 'worker',
    });
    api.ig = await signIn(api.app, 'ig.lead');
    api.practitioner = await signIn(api.app, 'worker');
  });
  after(async () => {
    await api.app.close();
  });
  return api;
}
