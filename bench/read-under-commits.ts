/**
 * What another connection's commits cost the application's reads on one SQLite file; prints one JSON
 * object. Run: node bench/read-under-commits.ts
 *
 * In WAL mode a connection that begins a read after any other connection committed discards its whole
 * page cache (SQLite's pager resets on a changed WAL index) and reads every page it touches again
 * through the operating system. The audit commit thread commits after every batch, so under load
 * nearly every read of the application's connection starts cold. This bench times, on a 1,000-person
 * demo file and the same connection settings as the server (`openSqlite`):
 * - the statements a person read runs for its data (the person, consent, care team with names, and
 *   the record entries with their current versions);
 * - the bare peer of `bench/people-read.ts`: one indexed read of the person's six columns;
 * each with no writes, and with one commit of one row by a second connection before every read (the
 * commit is outside the clock). The statements are written out here, as the peer's is, and follow the
 * person read's precompiled ones (people, consent and access-facts repositories). With a memory map (`mmap_size`) as a third case, since it is the usual
 * answer to page reads and is worse here: the map is unmapped and faulted in again after each change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '../src/server/db/database.ts';
import { openSqlite } from '../src/server/db/sqlite-adapter.ts';
import { loadDemo } from '../src/server/demo/load-demo.ts';

const PEOPLE = 1_000;
const READS = 4_000;
const ROUNDS = 5;

const PERSON_READ = [
  'select * from people where "id" = ?',
  'select * from consents where "person_id" = ? and "superseded_at" is null',
  `select "m"."id", "m"."staff_id", "s"."display_name", "m"."team_id", "t"."name", "m"."organisation_id",
     "o"."name", "m"."role", "m"."start_date", "m"."end_date"
   from care_team_memberships as "m"
   left join staff as "s" on "s"."id" = "m"."staff_id"
   left join teams as "t" on "t"."id" = "m"."team_id"
   inner join organisations as "o" on "o"."id" = "m"."organisation_id"
   where "m"."person_id" = ?`,
  `select "e"."id", "e"."category", "e"."organisation_id", "o"."name", "e"."current_version", "v"."title",
     "v"."body", "a"."display_name", "v"."recorded_at", "e"."created_at"
   from record_entries as "e"
   inner join record_entry_versions as "v" on "v"."entry_id" = "e"."id" and "v"."version" = "e"."current_version"
   inner join organisations as "o" on "o"."id" = "e"."organisation_id"
   inner join staff as "a" on "a"."id" = "v"."author_id"
   where "e"."person_id" = ?
   order by "v"."recorded_at" desc, "e"."id"`,
];
const BARE = [
  'select id, nhs_number, given_name, family_name, date_of_birth, postcode from people where id = ?',
];

const progress = (message: string) => process.stderr.write(`bench/read-under-commits: ${message}\n`);

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'accord-read-under-commits-'));
  const file = join(dir, 'accord.db');
  const opened: { close(): void }[] = [];
  try {
    const database = await openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(database);
    await loadDemo(database, { password: 'demo', people: PEOPLE });
    await database.close();
    progress('demo loaded');

    // The writer stands in for the commit thread; its commits are not durable, and not timed.
    const writer = openSqlite(file, { statementCacheSize: 0 }).raw;
    opened.push(writer);
    writer.exec('PRAGMA synchronous = OFF');
    writer.exec('create table bench_scratch (id integer primary key, v text not null)');
    const insert = writer.prepare('insert into bench_scratch (v) values (?)');

    const plain = openSqlite(file).raw;
    const mapped = openSqlite(file).raw;
    opened.push(plain, mapped);
    mapped.exec('PRAGMA mmap_size = 268435456');
    const ids = plain
      .prepare('select person_id as id from care_team_memberships group by person_id limit 200')
      .all()
      .map((r) => String(r.id));

    /** Microseconds per read (all of the read's statements), fastest of the rounds. */
    const time = (raw: typeof plain, statements: readonly string[], commits: boolean): number => {
      const prepared = statements.map((s) => raw.prepare(s));
      let best = Number.POSITIVE_INFINITY;
      for (let round = 0; round < ROUNDS; round++) {
        let spent = 0;
        for (let i = 0; i < READS; i++) {
          if (commits) insert.run('x');
          const id = ids[i % ids.length] ?? '';
          const t0 = performance.now();
          for (const statement of prepared) statement.all(id);
          spent += performance.now() - t0;
        }
        best = Math.min(best, (spent * 1000) / READS);
      }
      return Math.round(best * 10) / 10;
    };

    const figures = {
      personRead: {
        noWrites: time(plain, PERSON_READ, false),
        commitBeforeEachRead: time(plain, PERSON_READ, true),
        commitBeforeEachReadWithMmap: time(mapped, PERSON_READ, true),
      },
      bare: {
        noWrites: time(plain, BARE, false),
        commitBeforeEachRead: time(plain, BARE, true),
      },
    };
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'read-under-commits',
          node: process.version,
          cores: availableParallelism(),
          loadAverage1m: {
            atStart: Math.round(loadAtStart * 100) / 100,
            atEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
          },
          people: PEOPLE,
          readsPerRound: READS,
          rounds: ROUNDS,
          unit: 'microseconds per read, fastest round',
          personReadStatements: PERSON_READ.length,
          ...figures,
          ratios: {
            personReadColdOverWarm: ratio(
              figures.personRead.commitBeforeEachRead,
              figures.personRead.noWrites,
            ),
            bareColdOverWarm: ratio(figures.bare.commitBeforeEachRead, figures.bare.noWrites),
            personReadOverBareWarm: ratio(figures.personRead.noWrites, figures.bare.noWrites),
            personReadOverBareCold: ratio(figures.personRead.commitBeforeEachRead, figures.bare.noWrites),
          },
          elapsedSeconds: Math.round((performance.now() - started) / 100) / 10,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    for (const connection of opened) connection.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
