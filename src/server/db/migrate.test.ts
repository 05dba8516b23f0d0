import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { describeEachEngine } from '../../../test/harness/engines.ts';
import { migrateToLatest } from './database.ts';
import { migrations } from './migrations/index.ts';

const realPostgres = !process.env.ACCORD_TEST_DATABASE_URL;

describeEachEngine('migrations', (database, engine) => {
  it('records every migration once, so a second run applies nothing', async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      database().db,
    );
    assert.deepEqual(
      applied.rows.map((row) => row.name),
      Object.keys(migrations).sort(),
    );
    assert.deepEqual(await migrateToLatest(database()), []);
  });

  it('applies nothing of a run whose migration fails, and names the migration', async () => {
    const steps = {
      ...migrations,
      '9998-good': {
        async up(db: Kysely<unknown>) {
          await db.schema.createTable('migrate_probe').addColumn('id', 'text').execute();
        },
      },
      '9999-bad': {
        async up(db: Kysely<unknown>) {
          await sql`select * from no_such_table`.execute(db);
        },
      },
    };
    await assert.rejects(migrateToLatest(database(), steps), /migration 9999-bad failed/);
    const tables = await database().db.introspection.getTables();
    assert.equal(
      tables.some((table) => table.name === 'migrate_probe'),
      false,
    );
    assert.deepEqual(await migrateToLatest(database()), []);
  });

  it('migrates while other schemas of the same database are dropped', {
    skip: realPostgres || engine.name !== 'postgres',
  }, async () => {
    // Test files run side by side, each in a schema it drops when done.
    for (let round = 0; round < 3; round += 1) {
      const others = await Promise.all(Array.from({ length: 6 }, () => engine.open()));
      const fresh = Promise.all([engine.open(), engine.open()]);
      await Promise.all(others.map((other) => other.close()));
      for (const opened of await fresh) await opened.close();
    }
  });
});
