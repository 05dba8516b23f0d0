/**
 * Loads the Northshire demo into an empty database: the partnership, then generated people in
 * batches, all in one transaction so a failed load leaves nothing half-made.
 */
import type { Database } from '../db/database.ts';
import { openView } from '../db/governed.ts';
import { systemDb } from '../db/system-db.ts';
import { bumpPartnershipVersion } from '../modules/access/index.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { seedDemoAgreementLifecycle } from './demo-agreement-lifecycle.ts';
import { seedDemoAgreements } from './demo-agreements.ts';
import { seedDemoConsent } from './demo-consent.ts';
import { startOfUtcDay } from './demo-dates.ts';
import { seedDemoDpias } from './demo-dpias.ts';
import { seedDemoGuides } from './demo-guides.ts';
import { seedDemoHandovers } from './demo-handovers.ts';
import { seedDemoIncidentReviews } from './demo-incident-reviews.ts';
import { seedDemoIncidents } from './demo-incidents.ts';
import { seedDemoInterfaces } from './demo-interfaces.ts';
import {
  demoFlatWriter,
  demoRowWriter,
  dropIndexesForLoad,
  type RowWriter,
  rebuildIndexes,
  withBulkLoadSettings,
} from './demo-load.repository.ts';
import { seedDemoReporting } from './demo-reporting.ts';
import { seedDemoSafeguarding } from './demo-safeguarding.ts';
import { seedDemoSamples } from './demo-sampling.ts';
import { seedDemoSharingAudits } from './demo-sharing-audits.ts';
import { seedDemoSignals } from './demo-signals.ts';
import { MAX_DEMO_PEOPLE } from './generate.ts';
import { NORTHSHIRE } from './partnership.ts';
import { buildPartnershipRows, type PartnershipRows } from './partnership-rows.ts';
import { personBatches } from './person-batches.ts';

/** How much demo data to load and how to report progress. */
export interface LoadDemoOptions {
  /** People to generate; 120 by default. */
  readonly people?: number;
  /** Seed for the generator; 42 by default. */
  readonly seed?: number;
  /** The password every demo account signs in with. */
  readonly password: string;
  /** The day the demo is dated from; now by default. */
  readonly today?: Date;
  /** Called after each batch of people with how many are loaded so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** How many rows a load wrote. */
export interface LoadDemoResult {
  readonly organisations: number;
  readonly staff: number;
  readonly people: number;
  readonly entries: number;
}

// People generated and written together; their rows are then split into multi-row INSERTs.
const PEOPLE_PER_BATCH = 1000;

/** True when the database has no organisations, the only state the demo may be loaded into. */
export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  const any = await database.db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  return any === undefined;
}

async function insertDirectory(write: RowWriter, rows: PartnershipRows): Promise<void> {
  await write('organisations', rows.organisations);
  await write('teams', rows.teams);
  await write('staff', rows.staff);
  await write('staff_roles', rows.staffRoles);
  await write('staff_teams', rows.staffTeams);
  await write('training_records', rows.trainingRecords);
  await write('governance_roles', rows.governanceRoles);
}

/** Loads the demo; throws when the database already holds organisations, and changes nothing then. */
export async function loadDemo(database: Database, options: LoadDemoOptions): Promise<LoadDemoResult> {
  const total = options.people ?? 120;
  const seed = options.seed ?? 42;
  const today = options.today ?? new Date();
  if (!Number.isInteger(total) || total < 0 || total > MAX_DEMO_PEOPLE) {
    throw new RangeError(`The demo holds 0 to ${MAX_DEMO_PEOPLE} people; ${total} were asked for.`);
  }
  // The demo password is the documented one ("demo" by default); account password rules apply to real accounts.
  if (options.password.length === 0 || options.password.length > 200)
    throw new Error('The demo password must be 1 to 200 characters long.');
  if (!(await isDatabaseEmpty(database))) {
    throw new Error(
      'The database already has organisations; the demo can only be loaded into an empty database.',
    );
  }
  // Each account gets its own salt, so each needs its own hash; scrypt runs on the thread pool.
  const hashes = await Promise.all(
    NORTHSHIRE.staff.map(async (s) => [s.username, await hashPassword(options.password)] as const),
  );
  const directory = buildPartnershipRows(NORTHSHIRE, today, new Map(hashes));
  let entries = 0;
  await withBulkLoadSettings(database, () =>
    // The demo loader writes people with no caller to decide for: the named unrestricted handle.
    systemDb(database, 'demo-loader')
      .db.transaction()
      .execute(async (tx) => {
        // Checked again inside the transaction in case another load started meanwhile.
        const existing = await tx.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
        if (existing) throw new Error('The database already has organisations; the demo was not loaded.');
        const write = demoRowWriter(tx);
        await insertDirectory(write, directory);
        await seedDemoAgreements(openView(tx), today);
        await seedDemoAgreementLifecycle(openView(tx), startOfUtcDay(today));
        await seedDemoDpias(openView(tx), startOfUtcDay(today));
        // People, their care teams and records; a large load generates them on a second thread.
        // Indexes on people's names and birth dates and on care teams by staff, team and
        // organisation are built after the rows; the consent below reads care teams by person.
        const deferred = await dropIndexesForLoad(
          tx,
          ['people', 'care_team_memberships'],
          ['ctm_person_idx'],
        );
        const writeFlat = demoFlatWriter(tx);
        for await (const batch of personBatches({ total, seed, today, batchSize: PEOPLE_PER_BATCH })) {
          for (const rows of batch.tables) await writeFlat(rows);
          entries += batch.entries;
          await seedDemoConsent(
            tx,
            today,
            batch.personIds.map((id) => ({ id })),
            write,
          );
          options.onProgress?.(batch.start + batch.personIds.length, total);
        }
        await rebuildIndexes(tx, deferred);
        await seedDemoHandovers(tx, today);
        await seedDemoSignals(tx, today);
        await seedDemoSafeguarding(tx, today);
        await seedDemoReporting(tx, today, seed);
        await seedDemoIncidents(tx, today);
        await seedDemoSamples(tx, today);
        await seedDemoSharingAudits(tx, today);
        await seedDemoInterfaces(tx, today);
        await seedDemoIncidentReviews(tx, today);
        await seedDemoGuides(openView(tx), today);
        // A server already running on this database re-reads the agreements at its next decision.
        await bumpPartnershipVersion(tx);
      }),
  );
  return {
    organisations: directory.organisations.length,
    staff: directory.staff.length,
    people: total,
    entries,
  };
}
