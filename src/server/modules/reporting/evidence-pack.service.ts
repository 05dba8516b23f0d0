/**
 * The evidence pack for the ICB: one action gathers every section from the records (nothing
 * typed in for it), renders it to PDF and audits that it was produced. Only an IG lead or the DPO
 * (for their organisation) or a commissioner (for the partnership or one organisation) may produce
 * it. A commissioner sees incidents counted by kind and month, suppressed; root causes and learning
 * appear only in an organisation's own pack. The audit log section states the latest signed tree
 * head and the most recent full verification recorded, and never walks the log in the request.
 */

import { INCIDENT_KINDS } from '../../../contracts/incidents.ts';
import type { ReportQuery } from '../../../contracts/reporting.ts';
import { METRIC_IDS } from '../../../contracts/reporting.ts';
import { AppError, ForbiddenError, ValidationError } from '../../http/errors.ts';
import { auditActor, type ServiceContext, todayOf } from '../../service-context.ts';
import { type ListAccess, openList } from '../access/index.ts';
import { isDpoOf } from '../agreements/dpia.repository.ts';
import type { ControlLink } from '../agreements/dpia.ts';
import { measureControls } from '../agreements/dpia-controls.ts';
import { summariseSharingAudits } from '../assurance/sharing-audit-summary.repository.ts';
import type { VerifyingKey } from '../audit/tree-head.ts';
import { latestVerificationRun } from '../audit/verification-runs.ts';
import { dataQualitySummaries } from './data-quality.service.ts';
import {
  accessReviewsOf,
  agreementsRegister,
  dpiasOf,
  exampleHandover,
  incidentKindsOf,
  incidentsOf,
  latestHead,
  trainingCompliance,
} from './evidence-pack.repository.ts';
import {
  type AnonymisedExample,
  acknowledgementWords,
  type EvidencePack,
  type IncidentCounts,
} from './evidence-pack.ts';
import { renderEvidencePackPdf } from './evidence-pack-pdf.ts';
import { countFigures, type FigureScope, partnershipOrganisations } from './figures.repository.ts';
import { METRICS, monthEnd, monthsBetween } from './metrics.ts';
import { publishTable } from './report-tables.ts';
import { SUPPRESSION, suppressTable } from './suppression.ts';

/** What producing the pack needs besides the request: the keys heads verify under, for readers to check them. */
export interface EvidencePackDeps {
  readonly trustedKeys: readonly VerifyingKey[];
}

const MAY_PRODUCE = ['ig_lead', 'commissioner'] as const;

/** An IG lead or commissioner by role, or the organisation's DPO (a governance role), with reporting standing. */
async function packAccess(ctx: ServiceContext): Promise<ListAccess> {
  const list = await openList(ctx, 'reporting', 'evidence_pack.deny');
  if (list && ctx.principal.roles.some((r) => (MAY_PRODUCE as readonly string[]).includes(r))) return list;
  if (list && (await isDpoOf(list.db as never, ctx.principal.organisationId, ctx.principal.staffId)))
    return list;
  if (list)
    await ctx.audit.append(
      [
        {
          action: 'evidence_pack.deny',
          outcome: 'deny',
          actor: auditActor(ctx),
          purpose: 'COMMISSIONING',
          reasons: ['ROLE_NOT_PERMITTED_FOR_PURPOSE'],
        },
      ],
      ctx.now,
      ctx.requestId,
    );
  throw new ForbiddenError('Only an IG lead, DPO or commissioning lead may produce the evidence pack.');
}

function example(
  found: Awaited<ReturnType<typeof exampleHandover>>,
  templateWords: string,
): AnonymisedExample | null {
  if (!found) return null;
  const { handover: h, fields, escalations } = found;
  return {
    template: templateWords,
    route: h.route,
    fieldsSent: fields.filter((f) => Number(f.disclosed) === 1).length,
    fieldsWithheld: fields.filter((f) => Number(f.disclosed) !== 1).length,
    sections: [...new Set(fields.map((f) => f.label))],
    missingFields: (JSON.parse(h.missing_fields) as unknown[]).length,
    acknowledgement: acknowledgementWords(h.sent_at, h.due_at, h.acknowledged_at),
    escalations: escalations.map(
      (e) =>
        `Tier ${e.tier}: ${e.reason === 'INFORMATION_MISSING' ? 'information missing' : 'not acknowledged in time'}`,
    ),
  };
}

/** Incidents counted by kind and month, every cell and total suppressed and rounded together. */
function countIncidents(
  months: readonly string[],
  rows: readonly { kind: string; detected_at: string }[],
): IncidentCounts {
  const kinds = [...INCIDENT_KINDS];
  const grid = months.map((m) =>
    kinds.map((k) => rows.filter((r) => r.kind === k && r.detected_at.slice(0, 7) === m).length),
  );
  const published = suppressTable(grid);
  return {
    kinds,
    months: [...months],
    cells: published.cells,
    monthTotals: published.rowTotals,
    kindTotals: published.columnTotals,
    total: published.total,
  };
}

/** Gathers every section of the pack for a period and organisation (or the partnership). */
export async function gatherEvidencePack(
  ctx: ServiceContext,
  deps: EvidencePackDeps,
  list: ListAccess,
  query: Omit<ReportQuery, 'metric'>,
): Promise<EvidencePack> {
  if (query.from > query.to)
    throw new ValidationError([{ field: 'query.to', message: 'must not be before query.from' }]);
  const months = monthsBetween(query.from, query.to);
  if (months.length > 36)
    throw new ValidationError([{ field: 'query.to', message: 'must be within 36 months of query.from' }]);
  const organisations = await partnershipOrganisations(list);
  const commissioner = ctx.principal.roles.includes('commissioner');
  const named = query.organisationId ?? (commissioner ? undefined : ctx.principal.organisationId);
  if (
    named !== undefined &&
    (!organisations.some((o) => o.id === named) || (!commissioner && named !== ctx.principal.organisationId))
  )
    throw new AppError('FORBIDDEN', 403, 'You may not report on this organisation.', [
      { field: 'query.organisationId', message: 'is not an organisation you may report on' },
    ]);
  const organisationIds = named === undefined ? organisations.map((o) => o.id) : [named];
  const today = todayOf(ctx);
  const start = `${query.from}-01`;
  const end = monthEnd(query.to);

  const register = await agreementsRegister(list);
  const dpias = await dpiasOf(list, organisationIds);
  const dpiaEntries = [];
  for (const d of dpias) {
    const stored = JSON.parse(d.mitigations) as { measure: string; control: ControlLink }[];
    const states = await measureControls(
      list.db as never,
      ctx.now,
      stored.map((m) => ({ link: m.control, organisationId: d.organisation_id })),
    );
    dpiaEntries.push({
      title: d.title,
      organisation: d.organisation,
      reviewDate: d.review_date,
      signedOff: d.signed_off_at !== null,
      mitigations: stored.map((m, i) => ({
        measure: m.measure,
        control: m.control.type,
        inPlace: states[i]?.inPlace ?? false,
        detail: states[i]?.detail ?? 'Not measured.',
      })),
    });
  }
  const training = await trainingCompliance(list, organisationIds, today);
  const byOrg = new Map<string, { organisation: string; staff: string[] }>();
  for (const s of training.staff) {
    const o = byOrg.get(s.organisation_id) ?? { organisation: s.organisation, staff: [] };
    o.staff.push(s.id);
    byOrg.set(s.organisation_id, o);
  }
  const reviews = await accessReviewsOf(list, organisationIds, query.from, query.to);
  const reviewGroups = new Map<string, { period: string; organisation: string; rows: typeof reviews }>();
  for (const r of reviews) {
    const key = `${r.period}|${r.organisation}`;
    const g = reviewGroups.get(key) ?? { period: r.period, organisation: r.organisation, rows: [] };
    g.rows.push(r);
    reviewGroups.set(key, g);
  }
  const lastRun = await latestVerificationRun(list.db as never);
  const head = await latestHead(list);
  // Free text about an incident stays with its organisation: a commissioner gets counts.
  const incidents = commissioner ? [] : await incidentsOf(list, organisationIds, start, end);
  const incidentCounts = commissioner
    ? countIncidents(months, await incidentKindsOf(list, organisationIds, start, end))
    : null;
  const scope: FigureScope = {
    organisationIds,
    from: query.from,
    to: query.to,
    now: ctx.now.toISOString(),
    today,
    engine: ctx.database.engine,
  };
  const metrics = [];
  for (const metric of METRIC_IDS)
    metrics.push(publishTable(METRICS[metric], months, await countFigures(list, metric, scope)));
  return {
    scope:
      named === undefined
        ? 'The whole partnership'
        : (organisations.find((o) => o.id === named)?.name ?? 'One organisation'),
    from: query.from,
    to: query.to,
    producedAt: ctx.now.toISOString(),
    agreements: register.agreements.map((a) => ({
      reference: a.reference,
      title: a.title,
      status: a.status,
      reviewDate: a.review_date,
      signOffs: register.signOffs
        .filter((s) => s.agreement_id === a.id)
        .map((s) => ({ organisation: s.organisation, role: s.signer_role, signedOn: s.signed_on })),
    })),
    dpias: dpiaEntries,
    training: [...byOrg.values()].map((o) => ({
      organisation: o.organisation,
      activeStaff: o.staff.length,
      trainingCurrent: o.staff.filter((s) => training.trained.has(s)).length,
      guidanceDue: o.staff.length,
      guidanceAcknowledged: o.staff.filter((s) => training.acknowledged.has(s)).length,
    })),
    accessReviews: [...reviewGroups.values()].map((g) => ({
      period: g.period,
      organisation: g.organisation,
      reviews: g.rows.length,
      completed: g.rows.filter((r) => r.completed_at !== null).length,
      completedOnTime: g.rows.filter(
        (r) => r.completed_at !== null && r.completed_at.slice(0, 10) <= r.due_on,
      ).length,
    })),
    verification: {
      lastRun: lastRun
        ? {
            at: lastRun.at,
            treeSize: lastRun.treeSize,
            rootHash: lastRun.rootHash,
            ok: lastRun.ok,
            problems: lastRun.problems,
            entriesChecked: lastRun.entriesChecked,
          }
        : null,
      latestHead: head
        ? {
            treeSize: Number(head.tree_size),
            rootHash: head.root_hash,
            signedAt: head.signed_at,
            keyId: head.key_id,
            signature: head.signature,
          }
        : null,
      publicKeys: deps.trustedKeys.map((k) => ({ keyId: k.keyId, publicKeyPem: k.publicKeyPem })),
    },
    // Aggregates only: checked, failed and the actions raised and closed, per organisation and month.
    sharingAudits: await summariseSharingAudits(list.db as never, organisationIds, query.from, query.to),
    dataQuality: (await dataQualitySummaries(list, organisationIds)).filter(
      (a) => a.month >= query.from && a.month <= query.to,
    ),
    incidents: incidents.map((i) => ({
      organisation: i.organisation,
      kind: i.kind,
      month: i.detected_at.slice(0, 7),
      grade: Number(i.likelihood) * Number(i.severity),
      status: i.status,
      icoNotifiable: i.notify_ico_by !== null,
      icoNotifiedInTime:
        i.notify_ico_by === null ? null : i.ico_notified_at !== null && i.ico_notified_at <= i.notify_ico_by,
      rootCause: i.root_cause,
      learning: i.learning,
    })),
    incidentCounts,
    metrics,
    suppression: SUPPRESSION.words,
    escalationExample: example(
      await exampleHandover(list, organisationIds, 'CRISIS_ESCALATION', start, end),
      'Crisis escalation',
    ),
    handoverExample: example(
      await exampleHandover(list, organisationIds, 'REFERRAL', start, end),
      'Referral',
    ),
  };
}

/** Produces the pack as a PDF, audited. */
export async function produceEvidencePack(
  ctx: ServiceContext,
  deps: EvidencePackDeps,
  query: Omit<ReportQuery, 'metric'>,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const list = await packAccess(ctx);
  const pack = await gatherEvidencePack(ctx, deps, list, query);
  const pdf = await renderEvidencePackPdf(pack, options);
  await ctx.audit.append(
    [
      {
        action: 'evidence_pack.produce',
        outcome: 'permit',
        actor: auditActor(ctx),
        purpose: 'COMMISSIONING',
        details: {
          from: query.from,
          to: query.to,
          organisationId:
            query.organisationId ??
            (ctx.principal.roles.includes('commissioner') ? 'partnership' : ctx.principal.organisationId),
          lastVerified: pack.verification.lastRun?.at ?? null,
        },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return pdf;
}
