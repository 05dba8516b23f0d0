import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/harness/engines.ts';
import type { FullDb } from '../db/database.ts';
import { dropIndexesForLoad, rebuildIndexes } from './demo-load.repository.ts';

describeEachEngine('dropIndexesForLoad and rebuildIndexes', (database, engine) => {
  it('rebuilds the dropped indexes with the same names and SQL, and keeps the ones asked for', async () => {
    const full = database().db as unknown as FullDb;
    const tables = ['people', 'care_team_memberships'];
    const schema = async (): Promise<unknown[]> =>
      engine.name === 'sqlite'
        ? (
            await sql`select type, name, tbl_name, sql from sqlite_master where tbl_name in (${sql.join(tables)}) order by type, name`.execute(
              full,
            )
          ).rows
        : (
            await sql`select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename in (${sql.join(tables)}) order by indexname`.execute(
              full,
            )
          ).rows;
    const before = await schema();
    await full.transaction().execute(async (tx) => {
      const deferred = await dropIndexesForLoad(tx, tables, ['ctm_person_idx']);
      if (engine.name === 'sqlite') {
        assert.ok(deferred.statements.length >= 6);
        assert.ok(deferred.statements.every((s) => !s.includes('ctm_person_idx')));
        const left = await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'index' and sql is not null and tbl_name in (${sql.join(tables)})`.execute(
          tx,
        );
        assert.deepEqual(
          left.rows.map((r) => r.name),
          ['ctm_person_idx'],
        );
      } else assert.deepEqual(deferred.statements, []);
      await rebuildIndexes(tx, deferred);
    });
    assert.deepEqual(await schema(), before);
  });
});
