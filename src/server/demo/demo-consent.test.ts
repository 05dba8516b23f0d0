import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachEngine } from '../../../test/harness/engines.ts';
import { governedDb, personReadForTest } from '../../../test/harness/governed.ts';
import type { ConsentRow } from '../modules/consent/consent.tables.ts';
import { parseProvisions } from '../modules/consent/consent.ts';
import { loadConsentFacts } from '../modules/consent/index.ts';
import { seedDemoConsent } from './demo-consent.ts';
import { organisationId } from './demo-ids.ts';
import { loadDemo } from './load-demo.ts';

const NOW = new Date('2028-02-29T10:15:00Z');
const PEOPLE = 120;

describeEachEngine('demo consent', (database) => {
  let people: { id: string }[] = [];
  let rows: ConsentRow[] = [];

  before(async () => {
    await loadDemo(database(), { password: 'demo', people: PEOPLE, today: NOW });
    people = await governedDb(database()).selectFrom('people').select('id').orderBy('id').execute();
    // loadDemo may already seed consent; seeding again then adds nothing, so both orders work.
    await seedDemoConsent(governedDb(database()), NOW, people);
    rows = await governedDb(database()).selectFrom('consents').selectAll().orderBy('id').execute();
  });

  const current = () => rows.filter((r) => r.superseded_at === null);

  it('gives most people a consent, each captured by their care coordinator', async () => {
    assert.ok(current().length >= PEOPLE * 0.8, `${current().length} of ${PEOPLE}`);
    const coordinators = await governedDb(database())
      .selectFrom('care_team_memberships')
      .select(['person_id', 'staff_id'])
      .where('role', '=', 'CARE_COORDINATOR')
      .where('end_date', 'is', null)
      .execute();
    for (const row of current()) {
      assert.ok(
        coordinators.some((m) => m.person_id === row.person_id && m.staff_id === row.captured_by),
        'captured by the person’s current coordinator',
      );
    }
  });

  it('has the variety a walkthrough needs', () => {
    const status = (s: string) => current().filter((r) => r.status === s).length;
    assert.ok(status('given') > PEOPLE / 2);
    assert.ok(status('withdrawn') >= 3);
    assert.ok(status('refused') >= 3);
    const withdrawn = current().filter((r) => r.status === 'withdrawn');
    for (const w of withdrawn)
      assert.ok(rows.some((r) => r.person_id === w.person_id && r.version === 1 && r.superseded_by === w.id));
    const lacking = current().filter((r) => r.capacity === 'LACKS_CAPACITY');
    assert.equal(lacking.length, 1);
    assert.ok(lacking[0]?.best_interests_decision);
    const given = current().filter((r) => r.status === 'given');
    const housing = organisationId('housing');
    assert.ok(
      given.some((r) =>
        parseProvisions(r.provisions).some(
          (p) =>
            p.kind === 'RESTRICTION' &&
            p.organisationId === housing &&
            p.categories.includes('MEDICATION') &&
            p.categories.includes('DIAGNOSIS'),
        ),
      ),
      'housing never sees medication or diagnosis, for some',
    );
    assert.ok(given.some((r) => parseProvisions(r.provisions).some((p) => p.kind === 'NAMED_PARTNER')));
  });

  it('makes some consents due for review, each with an open task for the coordinator', async () => {
    const due: string[] = [];
    for (const row of current()) {
      const facts = await loadConsentFacts(
        await personReadForTest(database(), row.person_id),
        NOW.toISOString(),
      );
      if (facts.consent?.reviewDue) due.push(row.person_id);
    }
    assert.ok(due.length >= 3, `${due.length} due`);
    const tasks = await governedDb(database())
      .selectFrom('consent_review_tasks')
      .selectAll()
      .where('status', '=', 'open')
      .execute();
    for (const personId of due) {
      const task = tasks.find((t) => t.person_id === personId);
      assert.ok(task?.assigned_to, 'an open task assigned to the coordinator');
    }
  });

  it('is deterministic and leaves people who already have consent alone', async () => {
    const db = governedDb(database());
    assert.equal(await seedDemoConsent(db, NOW, people), 0);
    await db.deleteFrom('consent_review_tasks').execute();
    await db.deleteFrom('consents').execute();
    const seeded = await seedDemoConsent(db, NOW, people);
    assert.equal(seeded, new Set(rows.map((r) => r.person_id)).size);
    const again = await db.selectFrom('consents').selectAll().orderBy('id').execute();
    assert.deepEqual(again, rows);
  });
});
