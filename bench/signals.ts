/**
 * Escalation rule evaluation for a large partnership: BENCH_PEOPLE people (default 100,000) with a
 * year of signals each (BENCH_SIGNALS_PER_PERSON, default 12, spread over three agencies), on
 * SQLite. Prints JSON with
 * - per new signal: p50/p99 of storing one signal and evaluating the rules for its person in one
 *   transaction (what recording a signal costs), beside a plain indexed count of the person's
 *   signals in the window over the same rows;
 * - a full sweep: evaluating every person with a signal inside the longest window, beside one
 *   grouped count query over the same window, and the rules alone over those rows in memory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { withCheckDigit } from '../src/contracts/nhs-number.ts';
import { SIGNAL_PROMPTS } from '../src/contracts/signals.ts';
import { type FullDb, migrateToLatest, openDatabase } from '../src/server/db/database.ts';
import { openView } from '../src/server/db/governed.ts';
import { systemTx } from '../src/server/db/system-db.ts';
import { organisationId, staffId } from '../src/server/demo/demo-ids.ts';
import { loadDemo } from '../src/server/demo/load-demo.ts';
import { loadPersonFacts, systemFacts } from '../src/server/modules/access/index.ts';
import { AuditWriter } from '../src/server/modules/audit/index.ts';
import {
  DEFAULT_ESCALATION_RULES,
  evaluateEscalation,
  type SignalFact,
} from '../src/server/modules/signals/escalation.ts';
import { raiseAlerts, sweepEscalation } from '../src/server/modules/signals/index.ts';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const PER_PERSON = Number(process.env.BENCH_SIGNALS_PER_PERSON ?? 12);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1_000);
const progress = (m: string) => process.stderr.write(`bench/signals: ${m}\n`);
const DAY = 86_400_000;

const dir = await mkdtemp(path.join(tmpdir(), 'accord-bench-signals-'));
const database = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'accord.db') });
await migrateToLatest(database);
await loadDemo(database, { password: 'demo', people: 60 });
const full = database.db as unknown as FullDb;
const now = new Date();
const iso = now.toISOString();
const orgs = ['trust', 'housing', 'vcs'].map(organisationId);
const recorders = [staffId('cc.amara'), staffId('ho.kerry'), staffId('support.jade')];
const ids: string[] = [];
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

progress(`adding ${PEOPLE} people with ${PER_PERSON} signals a year each`);
const seedStart = performance.now();
// Seeding a bench database directly: the full handle, as the demo loader has.
await full.transaction().execute(async (tx) => {
  let stem = 900_000_000;
  for (let start = 0; start < PEOPLE; start += 500) {
    const people = [];
    const members = [];
    const signals = [];
    for (let i = start; i < Math.min(PEOPLE, start + 500); i++) {
      let nhs: string | null = null;
      while (!nhs) nhs = withCheckDigit(String(stem++));
      const id = crypto.randomUUID();
      ids.push(id);
      people.push({
        id,
        nhs_number: nhs,
        given_name: 'Sam',
        family_name: `Bench${i}`,
        date_of_birth: '1980-01-01',
        phone: null,
        email: null,
        address: null,
        postcode: null,
        created_at: iso,
        updated_at: iso,
      });
      members.push({
        id: crypto.randomUUID(),
        person_id: id,
        staff_id: staffId('cc.amara'),
        team_id: null,
        organisation_id: organisationId('trust'),
        role: 'CARE_COORDINATOR',
        start_date: '2020-01-01',
        end_date: null,
        created_at: iso,
        created_by: staffId('cc.amara'),
        updated_at: iso,
      });
      for (let k = 0; k < PER_PERSON; k++) {
        const a = Math.floor(rand() * 3);
        signals.push({
          id: crypto.randomUUID(),
          person_id: id,
          organisation_id: orgs[a] ?? '',
          category: 'RISK_SUMMARY',
          prompt: SIGNAL_PROMPTS[Math.floor(rand() * SIGNAL_PROMPTS.length)] ?? 'DISENGAGEMENT',
          observation: 'bench',
          observed_at: new Date(now.getTime() - Math.floor(rand() * 365 * DAY) - 60_000).toISOString(),
          entered_at: iso,
          recorded_by: recorders[a] ?? '',
          contact_id: null,
        });
      }
    }
    await tx.insertInto('people').values(people).execute();
    await tx.insertInto('care_team_memberships').values(members).execute();
    for (let s = 0; s < signals.length; s += 500)
      await tx
        .insertInto('risk_signals')
        .values(signals.slice(s, s + 500))
        .execute();
  }
});
await sql`analyze`.execute(database.db);
progress(`seeded in ${Math.round(performance.now() - seedStart)} ms`);

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(3));
};
const pick = () => ids[Math.floor(rand() * ids.length)] ?? '';
const windowFrom = new Date(
  now.getTime() - DEFAULT_ESCALATION_RULES.risingRisk.windowDays * DAY,
).toISOString();
const today = iso.slice(0, 10);

progress(`timing ${SAMPLES} new signals, each evaluated in its own transaction`);
const perSignal: number[] = [];
let raisedPerSignal = 0;
for (let i = 0; i < SAMPLES; i++) {
  const personId = pick();
  const start = performance.now();
  await full.transaction().execute(async (tx) => {
    await tx
      .insertInto('risk_signals')
      .values({
        id: crypto.randomUUID(),
        person_id: personId,
        organisation_id: orgs[i % 3] ?? '',
        category: 'RISK_SUMMARY',
        prompt: 'EARLY_RELAPSE_SIGN',
        observation: 'bench',
        observed_at: iso,
        entered_at: iso,
        recorded_by: recorders[i % 3] ?? '',
        contact_id: null,
      })
      .execute();
    const system = systemTx(tx, 'background-job');
    const facts = await loadPersonFacts(systemFacts(system, personId), today);
    const { raised } = await raiseAlerts(
      { system, personId },
      openView(tx),
      facts.memberships,
      iso,
      now,
      today,
    );
    raisedPerSignal += raised.length;
  });
  perSignal.push(performance.now() - start);
}

progress(`timing ${SAMPLES} indexed counts over the same rows (peer)`);
const peerCount: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const personId = pick();
  const start = performance.now();
  await full
    .selectFrom('risk_signals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('observed_at', '>', windowFrom)
    .executeTakeFirstOrThrow();
  peerCount.push(performance.now() - start);
}

progress(`timing ${SAMPLES} stores of a signal with an indexed count in the same transaction (peer)`);
const peerInsert: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const personId = pick();
  const start = performance.now();
  await full.transaction().execute(async (tx) => {
    await tx
      .insertInto('risk_signals')
      .values({
        id: crypto.randomUUID(),
        person_id: personId,
        organisation_id: orgs[i % 3] ?? '',
        category: 'RISK_SUMMARY',
        prompt: 'DISENGAGEMENT',
        observation: 'bench',
        observed_at: new Date(now.getTime() - 400 * DAY).toISOString(),
        entered_at: iso,
        recorded_by: recorders[i % 3] ?? '',
        contact_id: null,
      })
      .execute();
    await tx
      .selectFrom('risk_signals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', personId)
      .where('observed_at', '>', windowFrom)
      .executeTakeFirstOrThrow();
  });
  peerInsert.push(performance.now() - start);
}

progress('the rules alone, in memory, over every signal in the window');
const windowRows = await full
  .selectFrom('risk_signals')
  .select(['id', 'person_id', 'prompt', 'organisation_id', 'observed_at'])
  .where('observed_at', '>', windowFrom)
  .execute();
const byPerson = new Map<string, SignalFact[]>();
for (const r of windowRows) {
  const list = byPerson.get(r.person_id) ?? [];
  list.push({
    id: r.id,
    prompt: r.prompt as SignalFact['prompt'],
    organisationId: r.organisation_id,
    observedAt: r.observed_at,
    linkedKinds: [],
  });
  byPerson.set(r.person_id, list);
}
const memStart = performance.now();
let memProposals = 0;
for (const facts of byPerson.values())
  memProposals += evaluateEscalation(DEFAULT_ESCALATION_RULES, facts, iso).length;
const memMs = performance.now() - memStart;

progress('peer: one grouped count over the window');
const groupStart = performance.now();
const grouped = await full
  .selectFrom('risk_signals')
  .select(['person_id', (eb) => eb.fn.countAll<number>().as('n')])
  .where('observed_at', '>', windowFrom)
  .groupBy('person_id')
  .execute();
const groupMs = performance.now() - groupStart;

progress('full sweep');
const sweepStart = performance.now();
const sweep = await sweepEscalation(database, now, { audit: new AuditWriter(database) });
const sweepMs = performance.now() - sweepStart;
progress('sweep again: nothing new to raise');
const againStart = performance.now();
const again = await sweepEscalation(database, now, { audit: new AuditWriter(database) });
const againMs = performance.now() - againStart;

const totalSignals = PEOPLE * PER_PERSON + 2 * SAMPLES;
console.log(
  JSON.stringify(
    {
      bench: 'signals',
      engine: 'sqlite',
      people: PEOPLE,
      signals: totalSignals,
      windowDays: DEFAULT_ESCALATION_RULES.risingRisk.windowDays,
      perNewSignal: {
        samples: SAMPLES,
        storeAndEvaluate: { p50Ms: pct(perSignal, 0.5), p99Ms: pct(perSignal, 0.99) },
        alertsRaised: raisedPerSignal,
        peerIndexedCount: { p50Ms: pct(peerCount, 0.5), p99Ms: pct(peerCount, 0.99) },
        peerStoreAndCount: { p50Ms: pct(peerInsert, 0.5), p99Ms: pct(peerInsert, 0.99) },
      },
      fullSweep: {
        peopleEvaluated: sweep.people,
        alertsRaised: sweep.raised,
        ms: Math.round(sweepMs),
        perPersonMs: Number((sweepMs / Math.max(1, sweep.people)).toFixed(3)),
        againRaised: again.raised,
        againMs: Math.round(againMs),
        rulesInMemoryMs: Math.round(memMs),
        rulesInMemoryProposals: memProposals,
        peerGroupedCount: { ms: Math.round(groupMs), people: grouped.length, rows: windowRows.length },
      },
    },
    null,
    2,
  ),
);
await database.close();
await rm(dir, { recursive: true, force: true });
