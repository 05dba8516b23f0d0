/**
 * Quarterly compliance of a sharing agreement for the IG leads and DPOs of its parties: what was
 * disclosed under it (by direction, category and purpose), denials between its parties by reason,
 * disclosures under lawful exceptions and break-glass, and drift from its terms. Every figure
 * opens exactly the entries behind it. Reading either is itself audited; a caller who is not an IG
 * lead or DPO of a party gets 404, audited as a refusal.
 *
 * A party answers for its own flows only: the figures and their drill-downs count and open just the
 * entries the caller's organisation took part in (as actor's, owner's or recipient's organisation,
 * the audit explorer's rule). On a many-party agreement, disclosures between two other parties are
 * neither counted nor opened, so each count still equals its drill-down and no party sees the
 * people or staff of flows it has no part in.
 */
import type {
  ComplianceReport,
  DriftKind,
  DrilldownPage,
  DrilldownQuery,
  Figure,
} from '../../../contracts/compliance.ts';
import { DRIFT_KINDS } from '../../../contracts/compliance.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import type { AuditEntryRow } from '../audit/audit.tables.ts';
import type { AuditAction } from '../audit/audit-actions.ts';
import { presentEntry } from '../audit/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import {
  type AgreementHeader,
  findAgreementTerms,
  findPartyAgreements,
  findQuarterRows,
  isDpo,
  organisationNamesOf,
} from './compliance.repository.ts';
import {
  decodeEntryCursor,
  driftOf,
  type EntryCursor,
  encodeEntryCursor,
  inFigure,
  quarterBounds,
} from './compliance.ts';

const BATCH = 500;

async function audit(
  ctx: ServiceContext,
  action: AuditAction,
  outcome: 'success' | 'deny',
  agreementId: string,
  details: Record<string, string | number>,
): Promise<void> {
  await ctx.audit.append(
    [
      {
        action,
        outcome,
        actor: auditActor(ctx),
        purpose: 'AUDIT',
        target: { type: 'agreement', id: agreementId },
        ...(outcome === 'deny' ? { reasons: ['NOT_A_PARTY_OVERSEER'] } : {}),
        details,
      },
    ],
    ctx.now,
    ctx.requestId,
  );
}

/** The agreement, when the caller is an IG lead or the DPO of one of its parties; else 404 (audited). */
async function overseen(
  ctx: ServiceContext,
  id: string,
  action: AuditAction,
  details: Record<string, string | number>,
): Promise<AgreementHeader> {
  const header = await findAgreementTerms(ctx.database.db, id);
  if (!header) throw new NotFoundError('Agreement');
  const org = ctx.principal.organisationId;
  const party = header.parties.includes(org);
  const may =
    party &&
    (hasAnyRole(ctx.principal, ['ig_lead']) || (await isDpo(ctx.database.db, org, ctx.principal.staffId)));
  if (!may) {
    await audit(ctx, action, 'deny', id, details);
    throw new NotFoundError('Agreement');
  }
  return header;
}

/** Reads every row of a figure's source for the quarter, batch by batch over its index. */
async function* quarterRows(
  ctx: ServiceContext,
  header: AgreementHeader,
  bounds: { from: string; to: string },
  figure: Figure,
): AsyncGenerator<AuditEntryRow[]> {
  let after: EntryCursor | null = null;
  for (;;) {
    const rows = await findQuarterRows(
      ctx.database.db,
      header,
      bounds,
      figure,
      after,
      BATCH,
      ctx.principal.organisationId,
    );
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return;
    after = { at: last.recorded_at, id: last.id };
  }
}

const list = (text: string): string[] => (text === '' ? [] : text.split(','));

/** The agreements the caller's organisation is a party to, for choosing a report. */
export async function listComplianceAgreements(ctx: ServiceContext) {
  const org = ctx.principal.organisationId;
  if (!hasAnyRole(ctx.principal, ['ig_lead']) && !(await isDpo(ctx.database.db, org, ctx.principal.staffId)))
    return { items: [] };
  return { items: await findPartyAgreements(ctx.database.db, org) };
}

/**
 * One agreement's compliance for a quarter. It reads the quarter's disclosures under the agreement
 * and the denials between its parties once each, over their indexes (a scan of one quarter, not of
 * the log); `entriesRead` says how many rows that was.
 */
export async function complianceReport(
  ctx: ServiceContext,
  agreementId: string,
  quarter: string,
): Promise<ComplianceReport> {
  const header = await overseen(ctx, agreementId, 'compliance.view', { quarter });
  const bounds = quarterBounds(quarter);
  const disclosed = new Map<string, ComplianceReport['disclosed']['rows'][number]>();
  const denied = new Map<string, number>();
  const drift = new Map<DriftKind, number>();
  let disclosures = 0;
  let exceptions = 0;
  let breakGlass = 0;
  let drifted = 0;
  let deniedTotal = 0;
  let read = 0;
  for await (const rows of quarterRows(ctx, header, bounds, { figure: 'disclosed' })) {
    read += rows.length;
    for (const row of rows) {
      disclosures += 1;
      const owner = row.owner_org_id ?? '';
      const recipient = row.recipient_org_id ?? '';
      const purpose = row.purpose ?? '';
      for (const category of list(row.categories)) {
        const key = `${owner}|${recipient}|${category}|${purpose}`;
        const found = disclosed.get(key);
        if (found) found.count += 1;
        else
          disclosed.set(key, {
            ownerOrganisationId: owner,
            recipientOrganisationId: recipient,
            category,
            purpose,
            count: 1,
            figure: { figure: 'disclosed', owner, recipient, category, purpose },
          });
      }
      if (row.exception_id !== null) exceptions += 1;
      if (Number(row.break_glass) === 1) breakGlass += 1;
      const kinds = driftOf(row, header.versions);
      if (kinds.length > 0) drifted += 1;
      for (const kind of kinds) drift.set(kind, (drift.get(kind) ?? 0) + 1);
    }
  }
  for await (const rows of quarterRows(ctx, header, bounds, { figure: 'denied' })) {
    read += rows.length;
    deniedTotal += rows.length;
    for (const row of rows)
      for (const reason of new Set(list(row.reasons))) denied.set(reason, (denied.get(reason) ?? 0) + 1);
  }
  const rows = [...disclosed.values()].sort(
    (a, b) =>
      a.ownerOrganisationId.localeCompare(b.ownerOrganisationId) ||
      a.recipientOrganisationId.localeCompare(b.recipientOrganisationId) ||
      a.category.localeCompare(b.category) ||
      a.purpose.localeCompare(b.purpose),
  );
  const organisations = await organisationNamesOf(
    ctx.database.db,
    rows.flatMap((r) => [r.ownerOrganisationId, r.recipientOrganisationId]).concat(header.parties),
  );
  await audit(ctx, 'compliance.view', 'success', agreementId, { quarter, entriesRead: read });
  return {
    agreementId: header.id,
    reference: header.reference,
    title: header.title,
    quarter,
    from: bounds.from,
    to: bounds.to,
    organisations,
    disclosed: { count: disclosures, figure: { figure: 'disclosed' }, rows },
    denied: {
      count: deniedTotal,
      figure: { figure: 'denied' },
      rows: [...denied.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([reason, count]) => ({ reason, count, figure: { figure: 'denied', reason } })),
    },
    exceptions: { count: exceptions, figure: { figure: 'exception' } },
    breakGlass: { count: breakGlass, figure: { figure: 'break_glass' } },
    drift: {
      count: drifted,
      figure: { figure: 'drift' },
      rows: DRIFT_KINDS.flatMap((kind) => {
        const count = drift.get(kind) ?? 0;
        return count === 0 ? [] : [{ kind, count, figure: { figure: 'drift' as const, drift: kind } }];
      }),
    },
    entriesRead: read,
  };
}

/** True when the organisation took part in the entry: the audit explorer's scoping rule. */
function touches(row: AuditEntryRow, organisationId: string): boolean {
  return [row.actor_org_id, row.owner_org_id, row.recipient_org_id].includes(organisationId);
}

/**
 * Records a drill-down page: one entry for the page, and one per person it showed, with the
 * person's id, so each person's access report shows that their entries were read. One append.
 */
async function auditDrilldown(
  ctx: ServiceContext,
  agreementId: string,
  details: Record<string, string | number>,
  shown: readonly AuditEntryRow[],
): Promise<void> {
  const people = [...new Set(shown.flatMap((row) => (row.person_id ? [row.person_id] : [])))];
  const base = {
    action: 'compliance.drilldown' as const,
    outcome: 'success' as const,
    actor: auditActor(ctx),
    purpose: 'AUDIT',
    target: { type: 'agreement', id: agreementId },
  };
  await ctx.audit.append(
    [{ ...base, details }, ...people.map((personId) => ({ ...base, personId, details: { ...details } }))],
    ctx.now,
    ctx.requestId,
  );
}

/** The figure a drill-down query names, without its paging fields. */
function figureOf(query: DrilldownQuery): Figure {
  const { after: _after, limit: _limit, ...figure } = query;
  return figure;
}

/**
 * One page of the audit entries behind a figure, in (time, id) order after the cursor. Plain
 * figures page over the index with their filters in SQL; drift is judged row by row as the
 * report judged it, reading batches of the quarter until the page is full.
 */
export async function drilldown(
  ctx: ServiceContext,
  agreementId: string,
  quarter: string,
  query: DrilldownQuery,
): Promise<DrilldownPage> {
  const figure = figureOf(query);
  const details: Record<string, string | number> = { quarter, figure: figure.figure };
  for (const key of ['owner', 'recipient', 'category', 'purpose', 'reason', 'drift'] as const) {
    const value = figure[key];
    if (value !== undefined) details[key] = value;
  }
  let after: EntryCursor | null = null;
  if (query.after !== undefined) {
    after = decodeEntryCursor(query.after);
    if (!after)
      throw new ValidationError([
        { field: 'query.after', message: 'must be a cursor returned by a previous page' },
      ]);
  }
  const header = await overseen(ctx, agreementId, 'compliance.drilldown', details);
  const bounds = quarterBounds(quarter);
  const org = ctx.principal.organisationId;
  const shown: AuditEntryRow[] = [];
  let more = false;
  let position = after;
  while (!more) {
    const rows = await findQuarterRows(ctx.database.db, header, bounds, figure, position, BATCH, org);
    for (const row of rows) {
      if (!touches(row, org) || !inFigure(row, figure, header.versions)) continue;
      if (shown.length === query.limit) {
        more = true;
        break;
      }
      shown.push(row);
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) break;
    position = { at: last.recorded_at, id: last.id };
  }
  const last = shown.at(-1);
  await auditDrilldown(ctx, agreementId, { ...details, entries: shown.length }, shown);
  return {
    items: shown.map(presentEntry),
    next: more && last ? encodeEntryCursor({ at: last.recorded_at, id: last.id }) : null,
  };
}
