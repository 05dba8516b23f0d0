import {
  ANOMALY_RULES,
  type AnomalyRule,
  type DetectionRunInput,
  type DetectionRunResult,
} from '../../../contracts/assurance.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { systemDb } from '../../db/system-db.ts';
import { ForbiddenError } from '../../http/errors.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import type { AuditEvent } from '../audit/index.ts';
import { AuditWriter } from '../audit/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import {
  type AnomalySettings,
  loadAuditFacts,
  loadDetectionContext,
  loadSettings,
} from './anomaly.repository.ts';
import type { AuditFact, DetectionContext, DetectionWindow, Finding } from './anomaly.ts';
import { ANOMALY_RULE_FUNCTIONS } from './anomaly-rules.ts';
import { storeFinding } from './investigation.repository.ts';

/** Who asked for a run, when it is not the scheduler. */
export interface DetectionOptions {
  /** The writer to append with; a fresh one over the same database when not given. */
  readonly audit?: AuditWriter;
  /** The member of staff who asked; null for the scheduler. */
  readonly actor?: AuditEvent['actor'];
  readonly requestId?: string | null;
  /** Only look at actors of this organisation (an IG lead's run). */
  readonly organisationId?: string | null;
}

function findingsFor(
  settings: AnomalySettings,
  facts: readonly AuditFact[],
  context: DetectionContext,
): Finding[] {
  const run = <R extends AnomalyRule>(rule: R): Finding[] => {
    const setting = settings[rule];
    if (!setting.enabled) return [];
    const fn = ANOMALY_RULE_FUNCTIONS[rule];
    return fn(facts, context, setting.thresholds);
  };
  return ANOMALY_RULES.flatMap((rule) => run(rule));
}

/** Days of history the enabled rules look back over, plus a day for UK/UTC date edges. */
function lookbackDays(settings: AnomalySettings): number {
  const volume = settings.VOLUME_SPIKE.enabled ? settings.VOLUME_SPIKE.thresholds.baselineDays : 0;
  const glass = settings.REPEATED_BREAK_GLASS.enabled ? settings.REPEATED_BREAK_GLASS.thresholds.days : 0;
  return Math.max(volume, glass) + 1;
}

/**
 * Runs every enabled rule over the audit entries in [from, to) and opens an investigation case for
 * each finding, with its evidence linked, for the IG lead of the actor's organisation. Re-running
 * over the same (or an overlapping) window finds the same cases: nothing is duplicated, and new
 * evidence joins a case while it is open. Every case opened and the run itself are audited in the
 * same transaction. For the scheduler (no actor) or an IG lead (see runDetectionForCaller).
 */
export async function runAnomalyDetection(
  database: DatabaseHandle,
  window: { from: string | Date; to: string | Date },
  now: Date,
  options: DetectionOptions = {},
): Promise<DetectionRunResult> {
  const normalised: DetectionWindow = {
    from: new Date(window.from).toISOString(),
    to: new Date(window.to).toISOString(),
  };
  const { db } = database;
  const settings = await loadSettings(db);
  const facts = await loadAuditFacts(db, normalised, lookbackDays(settings), options.organisationId ?? null);
  // A job with no caller to decide for: it reads the care teams the log's reads are checked against.
  const context = await loadDetectionContext(db, systemDb(database, 'anomaly-detection'), normalised, facts);
  const findings = findingsFor(settings, facts, context);
  const audit = options.audit ?? new AuditWriter(database);
  const actor = options.actor ?? null;
  const requestId = options.requestId ?? null;
  const byRule = Object.fromEntries(ANOMALY_RULES.map((r) => [r, 0])) as Record<AnomalyRule, number>;
  let opened = 0;
  let evidenceAdded = 0;
  await db.transaction().execute(async (tx) => {
    const events: AuditEvent[] = [];
    for (const finding of findings) {
      const stored = await storeFinding(tx, finding, now.toISOString());
      if (stored.kind === 'unchanged' || !stored.caseId) continue;
      const target = { type: 'investigation_case', id: stored.caseId };
      const details = {
        rule: finding.rule,
        subjectStaffId: finding.actorStaffId,
        evidence: stored.evidence,
        ...(stored.kind === 'opened' && stored.followsCaseId ? { followsCaseId: stored.followsCaseId } : {}),
      };
      if (stored.kind === 'opened') {
        opened += 1;
        byRule[finding.rule] += 1;
      }
      evidenceAdded += stored.evidence;
      events.push({
        action: stored.kind === 'opened' ? 'investigation.case.open' : 'investigation.case.evidence.add',
        outcome: 'success',
        actor,
        target,
        details,
      });
    }
    events.push({
      action: 'anomaly.detection.run',
      outcome: 'success',
      actor,
      details: {
        from: normalised.from,
        to: normalised.to,
        organisationId: options.organisationId ?? null,
        findings: findings.length,
        opened,
        evidenceAdded,
        peopleMatched: context.people.size,
      },
    });
    await audit.appendInTransaction(tx, events, now, requestId);
  });
  return {
    from: normalised.from,
    to: normalised.to,
    findings: findings.length,
    opened,
    evidenceAdded,
    byRule,
  };
}

/** An IG lead's run over a window: only their own organisation's staff are looked at. */
export async function runDetectionForCaller(
  ctx: ServiceContext,
  input: DetectionRunInput,
): Promise<DetectionRunResult> {
  if (!hasAnyRole(ctx.principal, ['ig_lead'])) throw new ForbiddenError();
  // Detection opens cases from the log and the care teams it names; the caller sees cases
  // afterwards through the investigation pages, under their own standing.
  return runAnomalyDetection(ctx.database, input, ctx.now, {
    audit: ctx.audit,
    actor: auditActor(ctx),
    requestId: ctx.requestId,
    organisationId: ctx.principal.organisationId,
  });
}
