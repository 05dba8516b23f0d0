import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { describeEachEngine } from '../../../test/harness/engines.ts';
import { governedDb } from '../../../test/harness/governed.ts';
import { usernameSchema } from '../../contracts/directory.ts';
import { DATA_CATEGORIES, ORGANISATION_TYPES, STAFF_ROLES } from '../../contracts/enums.ts';
import { isValidNhsNumber } from '../../contracts/nhs-number.ts';
import { verifyPassword } from '../modules/auth/password.ts';
import { generatePeople } from './generate.ts';
import { isDatabaseEmpty, type LoadDemoResult, loadDemo } from './load-demo.ts';
import { CASELOAD_ROLES, DEMO_LOGINS, NORTHSHIRE } from './partnership.ts';
import { EXPIRED_IG_USERNAME } from './partnership-staff.ts';

// A fixed day keeps every run identical; 2028-02-29 also exercises leap-day date arithmetic.
const TODAY = new Date('2028-02-29T10:15:00Z');
const TODAY_DATE = '2028-02-29';
const PASSWORD = 'northshire-demo-2028';

describeEachEngine('loadDemo', (database) => {
  let result: LoadDemoResult | undefined;
  const progress: [number, number][] = [];

  before(async () => {
    assert.equal(await isDatabaseEmpty(database()), true);
    result = await loadDemo(database(), {
      password: PASSWORD,
      today: TODAY,
      onProgress: (d, t) => progress.push([d, t]),
    });
  });

  it('reports what it loaded and the progress it made', async () => {
    const db = governedDb(database());
    const people = await db.selectFrom('people').select('id').execute();
    const entries = await db.selectFrom('record_entries').select('id').execute();
    assert.deepEqual(result, {
      organisations: 7,
      staff: NORTHSHIRE.staff.length,
      people: 120,
      entries: entries.length,
    });
    assert.equal(people.length, 120);
    assert.deepEqual(progress.at(-1), [120, 120]);
    assert.equal(await isDatabaseEmpty(database()), false);
  });

  it('has an account for every staff role and an organisation of every type', async () => {
    const db = governedDb(database());
    const roles = await db.selectFrom('staff_roles').select('role').distinct().execute();
    assert.deepEqual(roles.map((r) => r.role).sort(), [...STAFF_ROLES].sort());
    const types = await db.selectFrom('organisations').select('type').distinct().execute();
    assert.deepEqual(types.map((t) => t.type).sort(), [...ORGANISATION_TYPES].sort());
  });

  it('has entries in every data category', async () => {
    const rows = await governedDb(database())
      .selectFrom('record_entries')
      .select('category')
      .distinct()
      .execute();
    assert.deepEqual(rows.map((r) => r.category).sort(), [...DATA_CATEGORIES].sort());
  });

  it('gives every person a valid NHS number in the 999 test range, none repeated', async () => {
    const rows = await governedDb(database()).selectFrom('people').select('nhs_number').execute();
    for (const { nhs_number } of rows) {
      assert.ok(isValidNhsNumber(nhs_number) && nhs_number.startsWith('999'), nhs_number);
    }
    assert.equal(new Set(rows.map((r) => r.nhs_number)).size, rows.length);
  });

  it('puts every caseload-holding account on at least ten current care teams', async () => {
    const db = governedDb(database());
    const holders = DEMO_LOGINS.filter((l) => l.roles.some((r) => CASELOAD_ROLES.includes(r)));
    assert.ok(holders.length >= 20);
    for (const login of holders) {
      const staff = await db
        .selectFrom('staff')
        .select('id')
        .where('username', '=', login.username)
        .executeTakeFirstOrThrow();
      const row = await db
        .selectFrom('care_team_memberships as m')
        .select((eb) => eb.fn.count<number>('m.person_id').distinct().as('people'))
        .where('m.start_date', '<=', TODAY_DATE)
        .where((eb) => eb.or([eb('m.end_date', 'is', null), eb('m.end_date', '>=', TODAY_DATE)]))
        .where((eb) =>
          eb.or([
            eb('m.staff_id', '=', staff.id),
            eb(
              'm.team_id',
              'in',
              eb.selectFrom('staff_teams').select('team_id').where('staff_id', '=', staff.id),
            ),
          ]),
        )
        .executeTakeFirstOrThrow();
      assert.ok(Number(row.people) >= 10, `${login.username} has ${row.people} people`);
    }
  });

  it('has ended and future memberships as well as current ones', async () => {
    const db = governedDb(database());
    const ended = await db
      .selectFrom('care_team_memberships')
      .select('id')
      .where('end_date', '<', TODAY_DATE)
      .execute();
    const future = await db
      .selectFrom('care_team_memberships')
      .select('id')
      .where('start_date', '>', TODAY_DATE)
      .execute();
    assert.ok(ended.length > 0 && future.length > 0);
  });

  it('keeps version 1 of every amended entry and records why it changed', async () => {
    const db = governedDb(database());
    const amended = await db
      .selectFrom('record_entries')
      .select('id')
      .where('current_version', '=', 2)
      .execute();
    assert.ok(amended.length > 0);
    const versions = await db
      .selectFrom('record_entry_versions')
      .select(['entry_id', 'version', 'amendment_reason'])
      .where(
        'entry_id',
        'in',
        amended.map((a) => a.id),
      )
      .execute();
    assert.equal(versions.length, amended.length * 2);
    for (const v of versions) assert.equal(v.amendment_reason === null, v.version === 1);
  });

  it('lets every account sign in with the demo password, and lapses IG training for one only', async () => {
    const db = governedDb(database());
    const staff = await db.selectFrom('staff').select(['id', 'username', 'password_hash']).execute();
    const hashes = staff.map((s) => s.password_hash ?? '');
    assert.equal(new Set(hashes).size, staff.length, 'each account has its own salt');
    assert.equal(await verifyPassword(PASSWORD, hashes[0] ?? ''), true);
    const current = await db
      .selectFrom('training_records')
      .select('staff_id')
      .where('kind', '=', 'IG_ANNUAL')
      .where('expires_on', '>=', TODAY_DATE)
      .execute();
    const lapsed = staff.filter((s) => !current.some((c) => c.staff_id === s.id)).map((s) => s.username);
    assert.deepEqual(lapsed, [EXPIRED_IG_USERNAME]);
  });

  it('refuses to load into a database that has organisations, and changes nothing', async () => {
    const db = governedDb(database());
    const before = await db.selectFrom('people').select('id').execute();
    await assert.rejects(
      loadDemo(database(), { password: PASSWORD, today: TODAY, people: 5 }),
      /already has organisations/,
    );
    const after = await db.selectFrom('people').select('id').execute();
    assert.equal(after.length, before.length);
  });
});

describe('generatePeople', () => {
  const options = { count: 60, seed: 42, today: TODAY, partnership: NORTHSHIRE };

  it('gives identical people for the same seed and different people for another', () => {
    assert.deepEqual(generatePeople(options), generatePeople(options));
    const other = generatePeople({ ...options, seed: 43 });
    assert.notDeepEqual(other.people, generatePeople(options).people);
  });

  it('dates every entry within the last two years and never after today', () => {
    const { recordEntryVersions } = generatePeople(options);
    const earliest = Date.parse(`${TODAY_DATE}T00:00:00Z`) - 730 * 86_400_000;
    for (const v of recordEntryVersions) {
      const at = Date.parse(v.recorded_at);
      assert.ok(at >= earliest && at < Date.parse(`${TODAY_DATE}T00:00:00Z`), v.recorded_at);
    }
  });

  it('makes 10,000 people with unique NHS numbers', () => {
    const { people } = generatePeople({ ...options, count: 10_000 });
    assert.equal(people.length, 10_000);
    assert.equal(new Set(people.map((p) => p.nhs_number)).size, 10_000);
  });

  it('uses usernames and ODS codes the directory would accept', () => {
    for (const login of DEMO_LOGINS)
      assert.ok(usernameSchema.safeParse(login.username).success, login.username);
    for (const o of NORTHSHIRE.organisations) assert.match(o.odsCode, /^[A-Z0-9]{3,10}$/);
  });

  it('refuses counts it cannot give unique NHS numbers to', () => {
    assert.throws(() => generatePeople({ ...options, count: 100_001 }), RangeError);
  });
});
