/**
 * The monthly data-quality audit. An IG lead runs it for their organisation and a month: a
 * seeded sample of the pathway episodes open at the month's end is checked, each finding gets a
 * correction action owned by the person's care coordinator (a worklist item), and earlier
 * findings not yet verified are checked again. Every person whose records are read is decided
 * (the IG lead's organisation cares for them) and audited.
 */
import {
  DQ_CHECKS,
  type DqAuditDto,
  type DqAuditInput,
  type DqAuditSummary,
  type DqCheck,
  type DqFinding,
} from '../../../contracts/reporting.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditActor, type ServiceContext, todayOf } from '../../service-context.ts';
import { inListTransaction, type ListAccess, mayReceiveAccessReport, openList } from '../access/index.ts';
import {
  auditsOf,
  auditWithRecords,
  coordinatorsOf,
  episodeFacts,
  findingById,
  findingsToReaudit,
  markCorrected,
  openEpisodesAt,
  storeAudit,
} from './data-quality.repository.ts';
import {
  CORRECTION_DAYS,
  checkEpisode,
  DEFAULT_SAMPLE_SIZE,
  drawSample,
  MIN_SAMPLE_SIZE,
  newSeed,
  stillPresent,
} from './data-quality.ts';
import { membershipsOf } from './figures.repository.ts';
import { lastDayOf, monthEnd } from './metrics.ts';
import type { DqAuditRow, DqFindingRow } from './reporting.tables.ts';

async function auditAccess(ctx: ServiceContext): Promise<ListAccess> {
  const list = await openList(ctx, 'report_drill_down', 'dq.audit.deny');
  if (!list) throw new ForbiddenError('Only a provider’s IG lead may run or open the data-quality audit.');
  return list;
}

/** The people of a list the IG lead may open (their organisation is or was on the care team). */
async function permitted(
  ctx: ServiceContext,
  list: ListAccess,
  personIds: readonly string[],
): Promise<Set<string>> {
  const memberships = await membershipsOf(list, [...new Set(personIds)]);
  const today = todayOf(ctx);
  return new Set(
    [...new Set(personIds)].filter((p) =>
      mayReceiveAccessReport(ctx.principal, memberships.get(p) ?? [], today),
    ),
  );
}

/**
 * True for the unique violation of the organisation-and-month key: two audits of one month run at
 * once on PostgreSQL both pass the check, and the second to commit hits the key (SQLite's one
 * connection runs them one after the other, so the check catches it there).
 */
function isMonthTaken(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === '23505') return e.constraint === 'dq_audits_org_month_uq';
  return typeof e.message === 'string' && e.message.includes('UNIQUE constraint failed: dq_audits.');
}

const ALREADY_AUDITED = () =>
  new ConflictError('This month has already been audited.', [
    { field: 'body.month', message: 'has already been audited for your organisation' },
  ]);

/**
 * Runs an organisation's audit of a month that has ended; a month is audited once. The seed is
 * drawn from the CSPRNG and stored with the audit; `replay.seed` (never a route's input) redraws a
 * recorded audit's sample, for checking that the same seed draws the same sample on either engine.
 */
export async function runDataQualityAudit(
  ctx: ServiceContext,
  input: DqAuditInput,
  replay: { seed?: string } = {},
): Promise<DqAuditDto> {
  const today = todayOf(ctx);
  // An unfinished month's episodes are still moving: audit it once it has ended.
  if (input.month >= today.slice(0, 7))
    throw new ValidationError([{ field: 'body.month', message: 'must be a month that has ended' }]);
  if (input.sampleSize !== undefined && input.sampleSize < MIN_SAMPLE_SIZE)
    throw new ValidationError([{ field: 'body.sampleSize', message: `must be at least ${MIN_SAMPLE_SIZE}` }]);
  const list = await auditAccess(ctx);
  const organisationId = ctx.principal.organisationId;
  const endOfMonth = `${monthEnd(input.month)}T00:00:00.000Z`;
  const at = endOfMonth < ctx.now.toISOString() ? endOfMonth : ctx.now.toISOString();
  const lastDay = lastDayOf(input.month);
  const asOf = [lastDay, today].sort()[0] ?? today;
  const seed = replay.seed ?? newSeed();
  const size = input.sampleSize ?? DEFAULT_SAMPLE_SIZE;

  const open = await openEpisodesAt(list, organisationId, at);
  const allowed = await permitted(
    ctx,
    list,
    open.map((e) => e.person_id),
  );
  const population = open.filter((e) => allowed.has(e.person_id));
  const sample = drawSample(
    seed,
    population.map((e) => e.id),
    size,
  );
  const personOf = new Map(population.map((e) => [e.id, e.person_id]));
  const earlier = (await findingsToReaudit(list, organisationId, input.month)).filter((f) =>
    allowed.has(f.person_id),
  );
  const facts = await episodeFacts(list, organisationId, [
    ...new Set([...sample, ...earlier.map((f) => f.episode_id)]),
  ]);
  const auditId = crypto.randomUUID();
  const owners = await coordinatorsOf(
    list,
    organisationId,
    sample.map((id) => personOf.get(id) ?? ''),
    today,
  );
  const due = new Date(ctx.now.getTime() + CORRECTION_DAYS * 86_400_000).toISOString();
  const findings: DqFindingRow[] = sample.flatMap((episodeId) => {
    const f = facts.get(episodeId);
    if (!f) return [];
    return checkEpisode(f, asOf).map((x) => ({
      id: crypto.randomUUID(),
      audit_id: auditId,
      organisation_id: organisationId,
      person_id: f.episode.personId,
      episode_id: episodeId,
      check_code: x.check,
      record_type: x.recordType,
      record_id: x.recordId,
      action: x.action,
      owner_staff_id: owners.get(f.episode.personId) ?? ctx.principal.staffId,
      due_at: due,
      status: 'open',
      corrected_at: null,
      corrected_by: null,
      verified_audit_id: null,
      verified_at: null,
    }));
  });
  const verdicts = earlier.map((f) => {
    const now = facts.get(f.episode_id);
    const present = now ? stillPresent(checkEpisode(now, asOf), f.check_code, f.record_id) : false;
    return { id: f.id, status: present ? ('reopened' as const) : ('verified' as const) };
  });
  const audit: DqAuditRow = {
    id: auditId,
    organisation_id: organisationId,
    month: input.month,
    seed,
    sample_size: size,
    population: population.length,
    sampled: sample.length,
    findings: findings.length,
    reaudited: verdicts.length,
    verified: verdicts.filter((v) => v.status === 'verified').length,
    still_present: verdicts.filter((v) => v.status === 'reopened').length,
    run_by: ctx.principal.staffId,
    run_at: ctx.now.toISOString(),
  };
  const items = sample.map((episodeId, position) => ({
    audit_id: auditId,
    episode_id: episodeId,
    person_id: personOf.get(episodeId) ?? '',
    position,
  }));
  const read = new Set([...items.map((i) => i.person_id), ...earlier.map((f) => f.person_id)]);
  await inListTransaction(list, async (txList, tx) => {
    const exists = await auditsOf(txList, [organisationId]);
    if (exists.audits.some((a) => a.month === input.month)) throw ALREADY_AUDITED();
    await storeAudit(txList, audit, items, findings, verdicts);
    await ctx.audit.appendInTransaction(
      tx as never,
      [
        {
          action: 'dq.audit.run',
          outcome: 'success',
          actor: auditActor(ctx),
          purpose: 'AUDIT',
          target: { type: 'dq_audit', id: auditId },
          details: { month: input.month, seed, sampled: sample.length, findings: findings.length },
        },
        ...[...read].map((personId) => ({
          action: 'dq.audit.sample' as const,
          outcome: 'permit' as const,
          actor: auditActor(ctx),
          personId,
          purpose: 'AUDIT' as const,
          target: { type: 'dq_audit', id: auditId },
        })),
      ],
      ctx.now,
      ctx.requestId,
    );
  }).catch((error: unknown) => {
    if (isMonthTaken(error)) throw ALREADY_AUDITED();
    throw error;
  });
  return present(audit, items, await auditWithRecords(list, auditId).then((r) => r.findings));
}

function summaryOf(
  a: DqAuditRow,
  counts: readonly { check_code: string; status: string; n: number }[],
): DqAuditSummary {
  const byCheck = Object.fromEntries(DQ_CHECKS.map((c) => [c, 0])) as Record<DqCheck, number>;
  let open = 0;
  for (const c of counts) {
    if (c.check_code in byCheck) byCheck[c.check_code as DqCheck] += c.n;
    if (c.status !== 'verified') open += c.n;
  }
  return {
    id: a.id,
    organisationId: a.organisation_id,
    month: a.month,
    seed: a.seed,
    sampleSize: a.sample_size,
    population: a.population,
    sampled: a.sampled,
    findings: a.findings,
    byCheck,
    reaudited: a.reaudited,
    verified: a.verified,
    stillPresent: a.still_present,
    open,
    runAt: a.run_at,
  };
}

function presentFinding(f: DqFindingRow & { owner_name: string }): DqFinding {
  return {
    id: f.id,
    personId: f.person_id,
    check: f.check_code as DqCheck,
    recordType: f.record_type,
    recordId: f.record_id,
    action: f.action,
    ownerStaffId: f.owner_staff_id,
    ownerName: f.owner_name,
    dueAt: f.due_at,
    status: f.status as DqFinding['status'],
    verifiedAt: f.verified_at,
  };
}

function present(
  a: DqAuditRow,
  items: readonly { episode_id: string; person_id: string }[],
  findings: readonly (DqFindingRow & { owner_name: string })[],
): DqAuditDto {
  return {
    audit: summaryOf(
      a,
      findings.map((f) => ({ check_code: f.check_code, status: f.status, n: 1 })),
    ),
    sample: items.map((i) => ({ episodeId: i.episode_id, personId: i.person_id })),
    findings: findings.map(presentFinding),
  };
}

/**
 * Audit summaries for organisations, oldest first: counts only, no person. For the evidence pack
 * and the trend chart; the caller has already been given standing.
 */
export async function dataQualitySummaries(
  list: ListAccess,
  organisationIds: readonly string[],
): Promise<DqAuditSummary[]> {
  const { audits, counts } = await auditsOf(list, organisationIds);
  return audits.map((a) =>
    summaryOf(
      a,
      counts.filter((c) => c.audit_id === a.id),
    ),
  );
}

/** The caller's organisation's audits, oldest first, for the trend and the table. */
export async function listDataQualityAudits(ctx: ServiceContext): Promise<{ items: DqAuditSummary[] }> {
  const list = await auditAccess(ctx);
  const items = await dataQualitySummaries(list, [ctx.principal.organisationId]);
  await ctx.audit.append(
    [{ action: 'dq.audit.view', outcome: 'permit', actor: auditActor(ctx), purpose: 'AUDIT' }],
    ctx.now,
    ctx.requestId,
  );
  return { items };
}

/** One audit with its sample and findings; rows about people the IG lead may not open are left out. */
export async function getDataQualityAudit(ctx: ServiceContext, id: string): Promise<DqAuditDto> {
  const list = await auditAccess(ctx);
  const { audits, counts } = await auditsOf(list, [ctx.principal.organisationId]);
  const audit = audits.find((a) => a.id === id);
  if (!audit) throw new NotFoundError('data-quality audit');
  const records = await auditWithRecords(list, id);
  const allowed = await permitted(ctx, list, [
    ...records.items.map((i) => i.person_id),
    ...records.findings.map((f) => f.person_id),
  ]);
  const items = records.items.filter((i) => allowed.has(i.person_id));
  const findings = records.findings.filter((f) => allowed.has(f.person_id));
  await ctx.audit.append(
    [
      {
        action: 'dq.audit.view',
        outcome: 'permit',
        actor: auditActor(ctx),
        purpose: 'AUDIT',
        target: { type: 'dq_audit', id },
      },
      ...[...new Set(findings.map((f) => f.person_id))].map((personId) => ({
        action: 'dq.audit.sample' as const,
        outcome: 'permit' as const,
        actor: auditActor(ctx),
        personId,
        purpose: 'AUDIT' as const,
        target: { type: 'dq_audit', id },
      })),
    ],
    ctx.now,
    ctx.requestId,
  );
  const dto = present(audit, items, findings);
  return {
    ...dto,
    audit: summaryOf(
      audit,
      counts.filter((c) => c.audit_id === id),
    ),
  };
}

/**
 * One finding, for its owner (to put it right) or their organisation's IG lead; anyone else is
 * told it does not exist. Audited as a read concerning the person.
 */
export async function getFinding(ctx: ServiceContext, id: string): Promise<DqFinding> {
  const list = await openList(ctx, 'caseload', 'worklist.list', { quiet: true });
  const audit = list ?? (await openList(ctx, 'report_drill_down', 'dq.audit.deny', { quiet: true }));
  if (!audit) throw new NotFoundError('finding');
  const f = await findingById(audit, id);
  if (!f) throw new NotFoundError('finding');
  const mine = f.owner_staff_id === ctx.principal.staffId;
  const igLead =
    ctx.principal.roles.includes('ig_lead') &&
    f.organisation_id === ctx.principal.organisationId &&
    (await permitted(ctx, audit, [f.person_id])).has(f.person_id);
  if (!mine && !igLead) throw new NotFoundError('finding');
  await ctx.audit.append(
    [
      {
        action: 'dq.audit.sample',
        outcome: 'permit',
        actor: auditActor(ctx),
        personId: f.person_id,
        purpose: 'AUDIT',
        target: { type: 'dq_finding', id },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return presentFinding(f);
}

/**
 * The owner records that a finding has been put right; the next month's re-audit verifies it.
 * Only the owner may; anyone else is told it does not exist.
 */
export async function correctFinding(
  ctx: ServiceContext,
  id: string,
): Promise<{ id: string; status: 'corrected' }> {
  const list = await openList(ctx, 'caseload', 'worklist.list');
  if (!list) throw new NotFoundError('finding');
  return inListTransaction(list, async (txList, tx) => {
    const f = await findingById(txList, id);
    if (!f || f.owner_staff_id !== ctx.principal.staffId) throw new NotFoundError('finding');
    if (f.status === 'verified')
      throw new ConflictError('This finding has already been verified as put right.');
    await markCorrected(txList, id, ctx.principal.staffId, ctx.now.toISOString());
    await ctx.audit.appendInTransaction(
      tx as never,
      [
        {
          action: 'dq.finding.correct',
          outcome: 'success',
          actor: auditActor(ctx),
          personId: f.person_id,
          purpose: 'AUDIT',
          target: { type: 'dq_finding', id },
          details: { check: f.check_code },
        },
      ],
      ctx.now,
      ctx.requestId,
    );
    return { id, status: 'corrected' as const };
  });
}
