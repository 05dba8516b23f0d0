import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import {
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
} from '../../../../test/harness/factories.ts';
import { governedDb } from '../../../../test/harness/governed.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';

// More than the caseload reads from its memberships (SPARSE_SECTION_LIMIT, 500): such a caseload is
// walked in name order, and that finding is remembered for a while.
const PEOPLE = 510;

interface Page {
  items: { id: string; familyName: string }[];
  total: number;
  totalExact: boolean;
  hasMore: boolean;
}

describeEachEngine('a caseload larger than its membership probe', (database) => {
  let app: FastifyInstance;
  let trust: string;
  let coordinatorId: string;
  let coordinator: Session;
  const people: { id: string; familyName: string }[] = [];

  before(async () => {
    const db = database();
    app = await testApp(db);
    trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    const cc = await makeStaff(db, {
      organisationId: trust,
      roles: ['care_manager'],
      username: 'big.caseload',
    });
    coordinatorId = cc.id;
    const at = new Date().toISOString();
    for (let i = 0; i < PEOPLE; i++)
      people.push({ id: crypto.randomUUID(), familyName: `Surname${String(i).padStart(4, '0')}` });
    const rows = people.map((p, i) => ({
      id: p.id,
      nhs_number: String(9_000_000_000 + i),
      given_name: 'Sam',
      family_name: p.familyName,
      date_of_birth: '1980-05-17',
      phone: null,
      email: null,
      address: null,
      postcode: null,
      created_at: at,
      updated_at: at,
    }));
    const memberships = people.map((p) => ({
      id: crypto.randomUUID(),
      person_id: p.id,
      staff_id: cc.id,
      team_id: null,
      organisation_id: trust,
      role: 'CARE_COORDINATOR',
      start_date: '2020-01-01',
      end_date: null,
      created_at: at,
      created_by: cc.id,
      updated_at: at,
    }));
    for (let at = 0; at < PEOPLE; at += 100) {
      await governedDb(db)
        .insertInto('people')
        .values(rows.slice(at, at + 100))
        .execute();
      await governedDb(db)
        .insertInto('care_team_memberships')
        .values(memberships.slice(at, at + 100))
        .execute();
    }
    coordinator = await signIn(app, 'big.caseload');
  });

  const page = async () => {
    const res = await call(app, coordinator, 'GET', '/api/v1/people?page=1&pageSize=25');
    assert.equal(res.statusCode, 200);
    return res.json<Page>();
  };

  it('lists the first page in name order, with a bounded count', async () => {
    const body = await page();
    assert.deepEqual(
      body.items.map((p) => p.familyName),
      people.slice(0, 25).map((p) => p.familyName),
    );
    assert.equal(body.hasMore, true);
    assert.equal(body.totalExact, false);
  });

  it('shows the change at once when the caseload shrinks below the probe, and when a person joins', async () => {
    await page();
    // End all but five memberships: the section was found large a moment ago, and must not be trusted
    // for anything but where to start.
    const kept = new Set([3, 77, 250, 401, 509].map((i) => people[i]?.id));
    await governedDb(database())
      .updateTable('care_team_memberships')
      .set({ end_date: '2021-01-01' })
      .where('staff_id', '=', coordinatorId)
      .where(
        'person_id',
        'not in',
        [...kept].filter((id): id is string => id !== undefined),
      )
      .execute();
    const shrunk = await page();
    assert.deepEqual(
      shrunk.items.map((p) => p.id),
      [3, 77, 250, 401, 509].map((i) => people[i]?.id),
    );
    assert.equal(shrunk.total, 5);
    assert.equal(shrunk.totalExact, true);
    assert.equal(shrunk.hasMore, false);

    const { id: newcomer } = await makePerson(database(), { givenName: 'Ada', familyName: 'Abbott' });
    await addMembership(database(), {
      personId: newcomer,
      organisationId: trust,
      staffId: coordinatorId,
      role: 'CARE_COORDINATOR',
    });
    const grown = await page();
    assert.equal(grown.items[0]?.id, newcomer);
    assert.equal(grown.total, 6);
  });
});
