import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/harness/engines.ts';
import { makeOrganisation } from '../../../test/harness/factories.ts';
import {
  INSERT_CHUNK,
  insertEntries,
  insertEntriesSql,
  NAMED_INSERT_ROWS,
} from '../modules/audit/audit.repository.ts';
import { toRow } from '../modules/audit/audit-entry.ts';
import { isPreparedOnPostgres } from './database.ts';
import { precompiled } from './precompiled.ts';

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

  it('run as named statements on a PostgreSQL server, each parsed once per connection', {
    skip: !realPostgres || engine.name !== 'postgres',
  }, async () => {
    const { db } = database();
    assert.equal(isPreparedOnPostgres(organisationQuery.postgres), true);
    const small = insertEntriesSql(3, '$');
    const chunk = insertEntriesSql(INSERT_CHUNK, '$');
    const unnamed = insertEntriesSql(NAMED_INSERT_ROWS + 1, '$');
    assert.equal(isPreparedOnPostgres(small), true);
    assert.equal(isPreparedOnPostgres(chunk), true);
    assert.equal(isPreparedOnPostgres(unnamed), false);
    // One transaction holds one connection, so its prepared statements are the ones listed.
    const listed = await db.transaction().execute(async (tx) => {
      await organisationQuery(tx, ['none', 'Riverside Trust']);
      await organisationQuery(tx, ['none', 'Eastfield Council']);
      await insertEntries(tx, [entry('e-1'), entry('e-2'), entry('e-3')]);
      await insertEntries(
        tx,
        Array.from({ length: NAMED_INSERT_ROWS + 1 }, (_, i) => entry(`f-${i}`)),
      );
      await tx.selectFrom('organisations').select('id').where('name', '=', 'Riverside Trust').execute();
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
        tx,
      );
      return rows.map((row) => row.statement);
    });
    assert.equal(listed.filter((text) => text === organisationQuery.postgres).length, 1);
    assert.equal(listed.filter((text) => text === small).length, 1);
    assert.equal(listed.includes(unnamed), false);
    assert.equal(listed.length, 2, 'only the texts marked to be named are prepared');
    const stored = await db
      .selectFrom('audit_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 3 + NAMED_INSERT_ROWS + 1);
  });

  it('leave a named statement usable after it failed, and store nothing of the failed insert', {
    skip: !realPostgres || engine.name !== 'postgres',
  }, async () => {
    const { db } = database();
    await insertEntries(db, [entry('g-1'), entry('g-2')]);
    await assert.rejects(insertEntries(db, [entry('g-3'), entry('g-1')]), /duplicate key/);
    await insertEntries(db, [entry('g-4'), entry('g-5')]);
    const ids = await db
      .selectFrom('audit_entries')
      .select('id')
      .where('id', 'like', 'g-%')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      ids.map((row) => row.id),
      ['g-1', 'g-2', 'g-4', 'g-5'],
    );
  });
});
