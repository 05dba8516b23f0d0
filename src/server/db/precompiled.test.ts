import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/harness/engines.ts';
import { makeOrganisation } from '../../../test/harness/factories.ts';
import {
  INSERT_CHUNK,
  insertChunks,
  insertEntries,
  insertEntriesSql,
  NAMED_INSERT_ROWS,
} from '../modules/audit/audit.repository.ts';
import { transactionCommitter } from '../modules/audit/audit-committer.ts';
import { toRow } from '../modules/audit/audit-entry.ts';
import { isPreparedOnPostgres } from './database.ts';
import { columnList, precompiled } from './precompiled.ts';

const realPostgres = Boolean(process.env.ACCORD_TEST_DATABASE_URL);

const organisationQuery = precompiled<{ id: string; name: string }>(
  'select "id", "name" from organisations where "id" = ? or "name" = ? order by "id"',
);

function entry(id: string) {
  const row = toRow(
    {
      action: 'record.view',
      outcome: 'permit',
      actor: { staffId: 'staff-1', organisationId: 'org-1', roles: ['care_manager'] },
      personId: 'person-1',
      categories: ['CRISIS_PLAN'],
      purpose: 'DIRECT_CARE',
      reasons: ['PERMIT_CARE_TEAM'],
    },
    new Date('2026-12-01T10:00:00Z'),
    null,
  );
  return { ...row, id };
}

describeEachEngine('precompiled statements', (database, engine) => {
  it('return the rows the query builder returns, with placeholders in order', async () => {
    const { db } = database();
    const trust = await makeOrganisation(database(), { name: 'Riverside Trust' });
    await makeOrganisation(database(), { name: 'Northgate Housing', type: 'HOUSING_PROVIDER' });
    await makeOrganisation(database(), { name: 'Eastfield Council' });
    const rows = await organisationQuery(db, [trust, 'Northgate Housing']);
    const built = await db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where((eb) => eb.or([eb('id', '=', trust), eb('name', '=', 'Northgate Housing')]))
      .orderBy('id')
      .execute();
    assert.deepEqual(rows, built);
    assert.equal(rows.length, 2);
  });

  it('store all of a committed batch or none of it: 65 entries whose last repeats a stored id', async () => {
    const committer = transactionCommitter(database());
    await committer.commit([entry('h-0')]);
    const batch = Array.from({ length: NAMED_INSERT_ROWS }, (_, i) => entry(`h-${i + 1}`));
    // On PostgreSQL 65 rows go as two statements (64 and 1): the second fails, the first must not stay.
    await assert.rejects(committer.commit([...batch, entry('h-0')]));
    const stored = await database()
      .db.selectFrom('audit_entries')
      .select('id')
      .where('id', 'like', 'h-%')
      .execute();
    assert.deepEqual(
      stored.map((row) => row.id),
      ['h-0'],
    );
  });

  it('run as named statements on a PostgreSQL server, each parsed once per connection', {
    skip: !realPostgres || engine.name !== 'postgres',
  }, async () => {
    const { db } = database();
    assert.equal(isPreparedOnPostgres(organisationQuery.postgres), true);
    const three = insertEntriesSql(3, '$');
    const named = insertEntriesSql(NAMED_INSERT_ROWS, '$');
    const one = insertEntriesSql(1, '$');
    const chunk = insertEntriesSql(INSERT_CHUNK, '$');
    const unnamed = insertEntriesSql(NAMED_INSERT_ROWS + 1, '$');
    for (const text of [three, named, one, chunk]) assert.equal(isPreparedOnPostgres(text), true);
    assert.equal(isPreparedOnPostgres(unnamed), false);
    // One transaction holds one connection, so its prepared statements are the ones listed.
    const listed = await db.transaction().execute(async (tx) => {
      await organisationQuery(tx, ['none', 'Riverside Trust']);
      await organisationQuery(tx, ['none', 'Eastfield Council']);
      await insertEntries(tx, [entry('e-1'), entry('e-2'), entry('e-3')]);
      // 65 rows go as 64 and 1, both named.
      await insertEntries(
        tx,
        Array.from({ length: NAMED_INSERT_ROWS + 1 }, (_, i) => entry(`f-${i}`)),
      );
      await tx.selectFrom('organisations').select('id').where('name', '=', 'Riverside Trust').execute();
      const { rows } = await sql<{
        name: string;
        statement: string;
      }>`select name, statement from pg_prepared_statements`.execute(tx);
      return rows;
    });
    const texts = listed.map((row) => row.statement);
    for (const text of [organisationQuery.postgres, three, named, one])
      assert.equal(texts.filter((t) => t === text).length, 1);
    assert.equal(texts.includes(unnamed), false);
    assert.equal(listed.length, 4, 'only the texts marked to be named are prepared');
    // The name is the text's digest: the same in every process.
    const digest = createHash('sha256').update(organisationQuery.postgres).digest('hex').slice(0, 32);
    assert.equal(
      listed.find((row) => row.statement === organisationQuery.postgres)?.name,
      `accord_${digest}`,
    );
    const stored = await db
      .selectFrom('audit_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('id', 'like', 'e-%'), eb('id', 'like', 'f-%')]))
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 3 + NAMED_INSERT_ROWS + 1);
  });

  it('leave a named statement usable after it failed, and store nothing of the failed insert', {
    skip: !realPostgres || engine.name !== 'postgres',
  }, async () => {
    // One connection throughout, so the statement that failed is the one run again.
    const ids = await database()
      .db.connection()
      .execute(async (db) => {
        await insertEntries(db, [entry('g-1'), entry('g-2')]);
        await assert.rejects(insertEntries(db, [entry('g-3'), entry('g-1')]), /duplicate key/);
        await insertEntries(db, [entry('g-4'), entry('g-5')]);
        return db.selectFrom('audit_entries').select('id').where('id', 'like', 'g-%').orderBy('id').execute();
      });
    assert.deepEqual(
      ids.map((row) => row.id),
      ['g-1', 'g-2', 'g-4', 'g-5'],
    );
  });
});

it('cuts audit inserts into INSERT_CHUNK rows, and on PostgreSQL the rest into named sizes', () => {
  assert.deepEqual(insertChunks(0, '$'), []);
  assert.deepEqual(insertChunks(25, '$'), [25]);
  assert.deepEqual(insertChunks(65, '$'), [64, 1]);
  assert.deepEqual(insertChunks(865, '$'), [400, 400, 64, 1]);
  assert.deepEqual(insertChunks(865, '?'), [400, 400, 65]);
  for (let count = 0; count <= 1_000; count++)
    for (const style of ['?', '$'] as const) {
      const chunks = insertChunks(count, style);
      assert.equal(
        chunks.reduce((sum, size) => sum + size, 0),
        count,
      );
      if (style === '$')
        for (const size of chunks) assert.ok(size <= NAMED_INSERT_ROWS || size === INSERT_CHUNK);
    }
});

it('lists every column of a row type, quoted, and leaving one out does not compile', () => {
  assert.equal(columnList<{ id: string; name: string }>()(['id', 'name']), '"id", "name"');
  // @ts-expect-error: "name" is missing
  columnList<{ id: string; name: string }>()(['id']);
});

it('refuses a precompiled query that selects *', () => {
  assert.throws(() => precompiled('select * from people where "id" = ?'), /names its columns/);
  assert.throws(() => precompiled('select "p".* from people as "p"'), /names its columns/);
  assert.throws(() => precompiled('SELECT DISTINCT * from people'), /names its columns/);
  assert.equal(
    precompiled('select count(*) as "n" from people').sqlite,
    'select count(*) as "n" from people',
  );
});
