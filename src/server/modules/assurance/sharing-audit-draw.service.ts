/**
 * Draws an organisation's monthly information-sharing audit: a seeded sample of the month's
 * disclosures it took part in, the automatic tests on each, and the re-audit of corrective actions
 * raised in earlier months (closed? did the finding recur?). Drawing a month twice draws nothing
 * new, so the monthly job can run as often as it likes. The seed comes from the server's CSPRNG at
 * the first draw (an explicit seed is for replaying a recorded draw and the seeded demo, never from
 * the API) and is recorded: the same seed on the same log gives the same sample on either engine.
 * A sample is never smaller than MIN_SAMPLE_SIZE, or the whole month when it held fewer.
 */
import { randomBytes } from 'node:crypto';
import { MIN_SAMPLE_SIZE } from '../../../contracts/sharing-audit.ts';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import { type SystemAccess, systemDb } from '../../db/system-db.ts';
import type { AuditEvent } from '../audit/index.ts';
import { AuditWriter } from '../audit/index.ts';
import { ukMidnight } from './compliance.ts';
import { londonTimeOf } from './london-time.ts';
import {
  findActionsToRecheck,
  findAuditingOrganisations,
  findAuditOfMonth,
  findEntriesById,
  findMonthDisclosureIds,
  insertAudit,
  insertChecks,
} from './sharing-audit.repository.ts';
import type {
  CorrectiveActionCheckRow,
  SharingAuditItemRow,
  SharingAuditRow,
} from './sharing-audit.tables.ts';
import { checkItem, DEFAULT_SAMPLE_SIZE, drawSample, previousMonth } from './sharing-audit.ts';
import { factsForItem } from './sharing-audit-facts.repository.ts';

/** Who drew it (absent for the monthly job) and how. */
export interface DrawOptions {
  readonly audit?: AuditWriter;
  readonly actor?: AuditEvent['actor'];
  readonly requestId?: string | null;
  /** Replays a recorded draw (tests, the seeded demo); the API never passes one. */
  readonly seed?: string;
  /** Raised to MIN_SAMPLE_SIZE when smaller. */
  readonly sampleSize?: number;
  /** Makes ids (the demo loader passes its seeded generator). */
  readonly newId?: () => string;
}

/** What a draw did. */
export interface DrawResult {
  readonly auditId: string;
  readonly created: boolean;
  readonly population: number;
  readonly sampleSize: number;
}

/** The instants a YYYY-MM month runs from and to, in UK time. */
export function monthBounds(month: string): { from: string; to: string } {
  const next = month.endsWith('-12')
    ? `${Number(month.slice(0, 4)) + 1}-01`
    : `${month.slice(0, 5)}${String(Number(month.slice(5, 7)) + 1).padStart(2, '0')}`;
  return { from: ukMidnight(`${month}-01`), to: ukMidnight(`${next}-01`) };
}

/** An audit ready to record: its row, its tested items and its re-audit of earlier actions. */
export interface AuditPlan {
  readonly audit: SharingAuditRow;
  readonly items: SharingAuditItemRow[];
  readonly checks: CorrectiveActionCheckRow[];
}

/**
 * Plans an organisation's audit of a month without writing it: the seeded sample, the automatic
 * tests on each item (facts read with the system handle given) and the re-audit of every earlier
 * action not yet found closed: is it closed now, and did its finding recur in this sample?
 */
export async function planAudit(
  db: Db,
  system: SystemAccess,
  organisationId: string,
  month: string,
  now: Date,
  options: { seed: string; sampleSize: number; newId: () => string; drawnBy: string | null },
): Promise<AuditPlan> {
  const ids = await findMonthDisclosureIds(db, organisationId, monthBounds(month));
  const sample = drawSample(options.seed, ids, Math.max(options.sampleSize, MIN_SAMPLE_SIZE));
  const entries = await findEntriesById(db, sample);
  const auditId = options.newId();
  const items: SharingAuditItemRow[] = [];
  for (const [position, entryId] of sample.entries()) {
    const row = entries.get(entryId);
    if (!row) continue;
    const checks = checkItem(row, await factsForItem(system, row));
    items.push({
      id: options.newId(),
      audit_id: auditId,
      position,
      audit_entry_id: entryId,
      consent_check: checks.consent,
      template_check: checks.template,
      exception_check: checks.exception,
      findings: JSON.stringify(checks.findings),
      auto_result: checks.result,
      review: null,
      final_result: null,
      review_reason: null,
      reviewed_by: null,
      reviewed_at: null,
    });
  }
  const found = new Set(items.flatMap((i) => JSON.parse(i.findings) as string[]));
  const toRecheck = await findActionsToRecheck(db, organisationId, month);
  return {
    audit: {
      id: auditId,
      organisation_id: organisationId,
      month,
      seed: options.seed,
      population: ids.length,
      sample_size: items.length,
      drawn_at: now.toISOString(),
      drawn_by: options.drawnBy,
    },
    items,
    checks: toRecheck.map((a) => ({
      id: options.newId(),
      action_id: a.id,
      audit_id: auditId,
      action_closed: a.status === 'closed' ? 1 : 0,
      recurred: found.has(a.finding) ? 1 : 0,
      checked_at: now.toISOString(),
    })),
  };
}

/** Draws one organisation's audit of a month, with its re-audit of earlier actions. */
export async function drawMonthlyAudit(
  database: DatabaseHandle,
  organisationId: string,
  month: string,
  now: Date,
  options: DrawOptions = {},
): Promise<DrawResult> {
  const existing = await findAuditOfMonth(database.db, organisationId, month);
  if (existing)
    return {
      auditId: existing.id,
      created: false,
      population: Number(existing.population),
      sampleSize: Number(existing.sample_size),
    };
  // The tests read consent, grants, exceptions and handovers as they stood: no caller to decide for.
  const plan = await planAudit(
    database.db,
    systemDb(database, 'sharing-audit-checks'),
    organisationId,
    month,
    now,
    {
      seed: options.seed ?? randomBytes(12).toString('base64url'),
      sampleSize: options.sampleSize ?? DEFAULT_SAMPLE_SIZE,
      newId: options.newId ?? (() => crypto.randomUUID()),
      drawnBy: options.actor?.staffId ?? null,
    },
  );
  const { audit: row, items, checks } = plan;
  const auditId = row.id;
  const seed = row.seed;
  const population = Number(row.population);
  const audit = options.audit ?? new AuditWriter(database);
  const created = await database.db.transaction().execute(async (tx) => {
    const inserted = await insertAudit(tx, row, items);
    if (!inserted) return false;
    await insertChecks(tx, checks);
    const events: AuditEvent[] = [
      {
        action: 'sharing_audit.draw',
        outcome: 'success',
        actor: options.actor ?? null,
        target: { type: 'sharing_audit', id: auditId },
        details: {
          organisationId,
          month,
          seed,
          population,
          sampled: items.length,
          drawnBy: options.actor?.staffId ? 'hand' : 'monthly_job',
          failed: items.filter((i) => i.auto_result === 'fail').length,
        },
      },
      ...checks.map(
        (c): AuditEvent => ({
          action: 'sharing_audit.reaudit',
          outcome: 'success',
          actor: options.actor ?? null,
          target: { type: 'corrective_action', id: c.action_id },
          details: { auditId, month, closed: c.action_closed === 1, recurred: c.recurred === 1 },
        }),
      ),
    ];
    await audit.appendInTransaction(tx, events, now, options.requestId ?? null);
    return true;
  });
  if (!created) return drawMonthlyAudit(database, organisationId, month, now, options);
  return { auditId, created: true, population, sampleSize: items.length };
}

/** The monthly job: last month's audit for every organisation with an IG lead (idempotent). */
export async function drawLastMonthsAudits(
  database: DatabaseHandle,
  now: Date,
  options: Pick<DrawOptions, 'audit'> = {},
): Promise<{ month: string; drawn: number; alreadyDrawn: number }> {
  const month = previousMonth(londonTimeOf(now.toISOString()).date.slice(0, 7));
  let drawn = 0;
  let alreadyDrawn = 0;
  for (const organisationId of await findAuditingOrganisations(database.db)) {
    const result = await drawMonthlyAudit(database, organisationId, month, now, options);
    if (result.created) drawn += 1;
    else alreadyDrawn += 1;
  }
  return { month, drawn, alreadyDrawn };
}
