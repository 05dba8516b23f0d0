/**
 * The commissioner dataset, its drill-down and its reconciliation. Aggregates pass a standing
 * check for the reporting purpose and leave as suppressed counts only; opening the records
 * behind a figure is for a provider's IG lead, decided per row and audited per person shown.
 */
import {
  type DrillDownDto,
  type DrillDownQuery,
  METRIC_IDS,
  type MetricId,
  type ReconciliationDto,
  type ReportDto,
  type ReportQuery,
} from '../../../contracts/reporting.ts';
import { AppError, ForbiddenError, ValidationError } from '../../http/errors.ts';
import { auditActor, type ServiceContext, todayOf } from '../../service-context.ts';
import { type ListAccess, mayReceiveAccessReport, openList } from '../access/index.ts';
import {
  allFigureRecords,
  countFigures,
  type FigureScope,
  figureRecords,
  membershipsOf,
  partnershipOrganisations,
} from './figures.repository.ts';
import { METRICS, monthsBetween } from './metrics.ts';
import { publishTable } from './report-tables.ts';
import { SUPPRESSION } from './suppression.ts';

/** The longest period one report covers. */
const MAX_MONTHS = 36;

const notYours = () =>
  new AppError('FORBIDDEN', 403, 'You may not report on this organisation.', [
    { field: 'query.organisationId', message: 'is not an organisation you may report on' },
  ]);

function checkPeriod(from: string, to: string): string[] {
  if (from > to) throw new ValidationError([{ field: 'query.to', message: 'must not be before query.from' }]);
  const months = monthsBetween(from, to);
  if (months.length > MAX_MONTHS)
    throw new ValidationError([
      { field: 'query.to', message: `must be within ${MAX_MONTHS} months of query.from` },
    ]);
  return months;
}

const isCommissioner = (ctx: ServiceContext) => ctx.principal.roles.includes('commissioner');

/**
 * The organisations a caller reports on. A commissioner reports on any organisation in the
 * partnership, or the whole partnership when none is named; provider staff on their own only.
 */
async function organisationsFor(
  ctx: ServiceContext,
  list: ListAccess,
  organisationId: string | undefined,
): Promise<string[]> {
  const all = (await partnershipOrganisations(list)).map((o) => o.id);
  if (isCommissioner(ctx)) {
    if (organisationId === undefined) return all;
    if (!all.includes(organisationId)) throw notYours();
    return [organisationId];
  }
  if (organisationId !== undefined && organisationId !== ctx.principal.organisationId) throw notYours();
  return [ctx.principal.organisationId];
}

function scopeOf(ctx: ServiceContext, organisationIds: string[], from: string, to: string): FigureScope {
  return {
    organisationIds,
    from,
    to,
    now: ctx.now.toISOString(),
    // The UK date, as every other "today" in Accord: just after midnight in summer it differs from UTC's.
    today: todayOf(ctx),
    engine: ctx.database.engine,
  };
}

/** The suppressed commissioner dataset for a period and an organisation or the partnership. */
export async function commissionerReport(ctx: ServiceContext, query: ReportQuery): Promise<ReportDto> {
  const months = checkPeriod(query.from, query.to);
  const list = await openList(ctx, 'reporting', 'report.dataset.deny');
  if (!list) throw new ForbiddenError('Your role does not receive the commissioner dataset.');
  const organisationIds = await organisationsFor(ctx, list, query.organisationId);
  const scope = scopeOf(ctx, organisationIds, query.from, query.to);
  const metrics: readonly MetricId[] = query.metric ? [query.metric] : METRIC_IDS;
  const tables = [];
  for (const metric of metrics)
    tables.push(publishTable(METRICS[metric], months, await countFigures(list, metric, scope)));
  await ctx.audit.append(
    [
      {
        action: 'report.dataset',
        outcome: 'permit',
        actor: auditActor(ctx),
        purpose: 'COMMISSIONING',
        details: {
          metric: query.metric ?? 'all',
          from: query.from,
          to: query.to,
          organisationId: query.organisationId ?? 'partnership',
        },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  const known = await partnershipOrganisations(list);
  return {
    organisationId: query.organisationId ?? (isCommissioner(ctx) ? null : ctx.principal.organisationId),
    organisations: isCommissioner(ctx) ? known : known.filter((o) => o.id === ctx.principal.organisationId),
    partnership: isCommissioner(ctx),
    from: query.from,
    to: query.to,
    suppression: SUPPRESSION.words,
    metrics: tables,
  };
}

async function drillDownAccess(ctx: ServiceContext): Promise<ListAccess> {
  const list = await openList(ctx, 'report_drill_down', 'report.drilldown.deny');
  if (!list) throw new ForbiddenError('Only a provider’s IG lead may open the records behind a figure.');
  return list;
}

/**
 * The records behind one figure, a page at a time. Each row is decided for the audit purpose
 * (the IG lead's organisation must be involved in the person's care); rows refused are counted
 * as withheld, rows shown are audited one entry per person, in one batch.
 */
export async function drillDown(ctx: ServiceContext, query: DrillDownQuery): Promise<DrillDownDto> {
  const list = await drillDownAccess(ctx);
  const definition = METRICS[query.metric];
  if (!definition.categories.includes(query.category))
    throw new ValidationError([{ field: 'query.category', message: `is not a category of ${query.metric}` }]);
  const organisationIds = await organisationsFor(ctx, list, query.organisationId);
  const scope = scopeOf(ctx, organisationIds, query.month, query.month);
  const counts = await countFigures(list, query.metric, scope);
  const count = counts.find((c) => c.month === query.month && c.category === query.category)?.n ?? 0;
  const rows = await figureRecords(list, query.metric, scope, {
    month: query.month,
    category: query.category,
    after: query.after,
    limit: query.limit,
  });
  const personIds = rows.flatMap((r) => (r.person_id === null ? [] : [r.person_id]));
  const memberships = await membershipsOf(list, [...new Set(personIds)]);
  const today = scope.today;
  // A record about no one (an IG incident) belongs to the caller's own organisation, the only one
  // a provider reports on, so it is shown; a person's record needs a tie to that person.
  const shown = rows.filter(
    (r) =>
      r.person_id === null ||
      mayReceiveAccessReport(ctx.principal, memberships.get(r.person_id) ?? [], today),
  );
  if (shown.length > 0)
    await ctx.audit.append(
      shown.map((r) => ({
        action: 'report.drilldown' as const,
        outcome: 'permit' as const,
        actor: auditActor(ctx),
        ...(r.person_id === null ? {} : { personId: r.person_id }),
        purpose: 'AUDIT' as const,
        target: { type: r.record_type, id: r.record_id },
        details: { metric: query.metric, month: query.month, category: query.category },
      })),
      ctx.now,
      ctx.requestId,
    );
  const last = rows[rows.length - 1];
  return {
    metric: query.metric,
    month: query.month,
    category: query.category,
    count,
    items: shown.map((r) => ({
      personId: r.person_id,
      recordType: r.record_type,
      recordId: r.record_id,
      at: r.at,
    })),
    withheld: rows.length - shown.length,
    next: rows.length === query.limit && last ? last.record_id : null,
  };
}

/**
 * Recomputes every figure of a period from its records, one by one, and lists each figure whose
 * aggregate differs from the recount (none, when the dataset reconciles).
 */
export async function reconcile(
  ctx: ServiceContext,
  query: Omit<ReportQuery, 'metric'>,
): Promise<ReconciliationDto> {
  checkPeriod(query.from, query.to);
  const list = await drillDownAccess(ctx);
  const organisationIds = await organisationsFor(ctx, list, query.organisationId);
  const scope = scopeOf(ctx, organisationIds, query.from, query.to);
  const differences: ReconciliationDto['differences'] = [];
  let checked = 0;
  for (const metric of METRIC_IDS) {
    const reported = await countFigures(list, metric, scope);
    const recount = new Map<string, number>();
    for (const r of await allFigureRecords(list, metric, scope)) {
      const key = `${r.month}|${r.category}`;
      recount.set(key, (recount.get(key) ?? 0) + 1);
    }
    const keys = new Set([...reported.map((r) => `${r.month}|${r.category}`), ...recount.keys()]);
    for (const key of keys) {
      checked += 1;
      const [month = '', category = ''] = key.split('|');
      const a = reported.find((r) => r.month === month && r.category === category)?.n ?? 0;
      const b = recount.get(key) ?? 0;
      if (a !== b) differences.push({ metric, month, category, reported: a, recounted: b });
    }
  }
  await ctx.audit.append(
    [
      {
        action: 'report.reconcile',
        outcome: 'permit',
        actor: auditActor(ctx),
        purpose: 'AUDIT',
        details: { from: query.from, to: query.to, checked, differences: differences.length },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return { checked, differences };
}
