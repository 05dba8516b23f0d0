/** Quarterly compliance of a sharing agreement, computed from the audit log, and its drill-down. */
import { z } from 'zod';
import { auditEntrySchema } from './audit.ts';
import { idSchema } from './common.ts';

/** A calendar quarter, e.g. `2026-Q2` (April to June), reckoned in UK time. */
export const quarterSchema = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, { error: 'must be a quarter as YYYY-Qn, e.g. 2026-Q2' });

/** Ways a disclosure can drift from the agreement's terms. */
export const DRIFT_KINDS = ['direction', 'purpose', 'category', 'period'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** The figures a compliance report shows, each opening its entries. */
export const FIGURE_KINDS = ['disclosed', 'denied', 'exception', 'break_glass', 'drift'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** What picks out one figure's entries: the same fields the report returns beside each count. */
export const figureSchema = z.strictObject({
  figure: z.enum(FIGURE_KINDS),
  owner: idSchema.optional(),
  recipient: idSchema.optional(),
  category: z.string().max(60).optional(),
  purpose: z.string().max(60).optional(),
  reason: z.string().max(80).optional(),
  drift: z.enum(DRIFT_KINDS).optional(),
});
export type Figure = z.infer<typeof figureSchema>;

export const complianceParamsSchema = z.strictObject({ id: idSchema, quarter: quarterSchema });
export type ComplianceParams = z.infer<typeof complianceParamsSchema>;

export const drilldownQuerySchema = figureSchema.extend({
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type DrilldownQuery = z.infer<typeof drilldownQuerySchema>;

const counted = z.object({ count: z.number().int(), figure: figureSchema });

/** One agreement's compliance for one quarter. */
export const complianceReportSchema = z.object({
  agreementId: z.string(),
  reference: z.string(),
  title: z.string(),
  quarter: z.string(),
  from: z.string(),
  to: z.string(),
  organisations: z.record(z.string(), z.string()),
  disclosed: counted.extend({
    rows: z.array(
      counted.extend({
        ownerOrganisationId: z.string(),
        recipientOrganisationId: z.string(),
        category: z.string(),
        purpose: z.string(),
      }),
    ),
  }),
  denied: counted.extend({ rows: z.array(counted.extend({ reason: z.string() })) }),
  exceptions: counted,
  breakGlass: counted,
  drift: counted.extend({ rows: z.array(counted.extend({ kind: z.enum(DRIFT_KINDS) })) }),
  /** Entries read to compute the report (the cost of one quarter). */
  entriesRead: z.number().int(),
});
export type ComplianceReport = z.infer<typeof complianceReportSchema>;

/** The agreements a caller may see compliance for, with the quarters that have entries. */
export const complianceAgreementListSchema = z.object({
  items: z.array(z.object({ id: z.string(), reference: z.string(), title: z.string(), status: z.string() })),
});

/** One page of a figure's audit entries, in (time, id) order. */
export const drilldownPageSchema = z.object({
  items: z.array(auditEntrySchema),
  next: z.string().nullable(),
});
export type DrilldownPage = z.infer<typeof drilldownPageSchema>;
