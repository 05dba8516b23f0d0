import { sql } from 'kysely';
import type { Database } from './db/database.ts';
import { ukDateOf } from './modules/access/calendar.ts';
import { suspendAgreementsPastReview } from './modules/agreements/agreement-review.service.ts';
import {
  escalateOverdueReviews,
  openMonthlyReviews,
  runAnomalyDetection,
} from './modules/assurance/index.ts';
import { drawLastMonthsAudits } from './modules/assurance/sharing-audit-draw.service.ts';
import type { AuditWriter } from './modules/audit/index.ts';
import { raiseDueConsentReviews } from './modules/consent/consent-review.job.ts';
import {
  deliverInterimDecisions,
  drawWeeklySamples,
  escalateOverdueHandovers,
  markMissedFollowUps,
} from './modules/exchange/index.ts';
import { escalateOverdueAlerts, sweepEscalation } from './modules/signals/index.ts';

/** A piece of background work and how often it runs. */
export interface BackgroundJob {
  name: string;
  everyMs: number;
  run(now: Date): Promise<unknown>;
}

/** Running background jobs. */
export interface BackgroundJobs {
  /** Stops the timers and resolves once every job already running has finished. */
  stop(): Promise<void>;
}

// One advisory-lock key per job, so two processes never run the same job at once. The second key is the
// schema's hash: advisory locks are global to a database, and Accord schemas sharing one must not block each other.
const LOCK_BASE = 0x41_43_43_00;

/**
 * Runs a job in whichever process takes its PostgreSQL advisory lock; the others skip that round.
 * SQLite serves one process, which simply runs it.
 */
async function underLock(database: Database, key: number, work: () => Promise<unknown>): Promise<boolean> {
  if (database.engine === 'sqlite') {
    await work();
    return true;
  }
  return database.db.connection().execute(async (conn) => {
    const got = await sql<{ locked: boolean }>`select pg_try_advisory_lock(cast(${key} as integer),
      hashtext(coalesce(current_schema(), ''))) as locked`.execute(conn);
    if (got.rows[0]?.locked !== true) return false;
    try {
      await work();
    } finally {
      await sql`select pg_advisory_unlock(cast(${key} as integer), hashtext(coalesce(current_schema(), '')))`.execute(
        conn,
      );
    }
    return true;
  });
}

/**
 * Runs each job on its own timer, first after firstRunAfterMs (default a minute, staggered by 5 s a
 * job). Each run is given the clock's time, so tests can move it.
 */
export function runBackgroundJobs(
  database: Database,
  jobs: readonly BackgroundJob[],
  onError: (job: string, error: unknown) => void,
  options: { firstRunAfterMs?: number; clock?: () => Date } = {},
): BackgroundJobs {
  const clock = options.clock ?? (() => new Date());
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  const timers = jobs.map((job, i) => {
    const tick = () => {
      if (stopped) return;
      const run = underLock(database, LOCK_BASE + i, () => job.run(clock())).catch((error: unknown) =>
        onError(job.name, error),
      );
      running.add(run);
      void run.finally(() => running.delete(run));
    };
    const first = setTimeout(tick, options.firstRunAfterMs ?? 60_000 + i * 5_000);
    const every = setInterval(tick, job.everyMs);
    first.unref();
    every.unref();
    return [first, every] as const;
  });
  return {
    async stop() {
      stopped = true;
      for (const [first, every] of timers) {
        clearTimeout(first);
        clearInterval(every);
      }
      // A job cut off by the database closing under it would fail half-done; let it finish first.
      await Promise.allSettled([...running]);
    },
  };
}

/**
 * Background work of an Accord process: anomaly detection, access reviews and their escalation,
 * handover escalation, missed follow-ups and consent reviews falling due by date.
 */
export function startBackgroundJobs(
  database: Database,
  audit: AuditWriter,
  onError: (job: string, error: unknown) => void,
  options: { clock?: () => Date; firstRunAfterMs?: number } = {},
): BackgroundJobs {
  const jobs: BackgroundJob[] = [
    // Hourly over the last two hours: a late-arriving read still lands in some run's window.
    {
      name: 'anomaly-detection',
      everyMs: 3_600_000,
      run: (now) =>
        runAnomalyDetection(database, { from: new Date(now.getTime() - 7_200_000), to: now }, now, { audit }),
    },
    // Idempotent: only the first run of a month creates that month's reviews.
    {
      name: 'access-reviews-open',
      everyMs: 6 * 3_600_000,
      run: (now) => openMonthlyReviews(database, ukDateOf(now.getTime()).slice(0, 7), now, { audit }),
    },
    {
      name: 'access-reviews-escalate',
      everyMs: 6 * 3_600_000,
      run: (now) => escalateOverdueReviews(database, now, { audit }),
    },
    // Crisis escalations have an hour's SLA: a few minutes' lag at most.
    {
      name: 'handovers-escalate',
      everyMs: 120_000,
      run: (now) => escalateOverdueHandovers(database, now, { audit }),
    },
    {
      name: 'follow-ups-missed',
      everyMs: 600_000,
      run: (now) => markMissedFollowUps(database, now, { audit }),
    },
    // Interim decisions reach the coordinator at the start of the working day: a few minutes' lag.
    {
      name: 'interim-decisions-deliver',
      everyMs: 600_000,
      run: (now) => deliverInterimDecisions(database, now, { audit }),
    },
    {
      name: 'consent-reviews-due',
      everyMs: 3_600_000,
      run: (now) => raiseDueConsentReviews(database, now, { audit }),
    },
    // Clinical-oversight alerts are due within hours: a few minutes' lag at most.
    {
      name: 'signal-alerts-escalate',
      everyMs: 120_000,
      run: (now) => escalateOverdueAlerts(database, now, { audit }),
    },
    // Idempotent: catches late entries and rule changes the per-signal evaluation could not.
    {
      name: 'signal-escalation-sweep',
      everyMs: 3_600_000,
      run: (now) => sweepEscalation(database, now, { audit }),
    },
    // Only where the partnership chose it: active agreements past review are suspended.
    {
      name: 'agreements-past-review',
      everyMs: 3_600_000,
      run: (now) => suspendAgreementsPastReview(database, now, { audit }),
    },
    // Idempotent: only the first run after a week ends draws that week's samples.
    {
      name: 'handover-samples-draw',
      everyMs: 3_600_000,
      run: (now) => drawWeeklySamples(database, now, { audit }),
    },
    // Idempotent: only the first run after a month ends draws that month's audit sample.
    {
      name: 'sharing-audits-draw',
      everyMs: 6 * 3_600_000,
      run: (now) => drawLastMonthsAudits(database, now, { audit }),
    },
  ];
  return runBackgroundJobs(database, jobs, onError, options);
}
