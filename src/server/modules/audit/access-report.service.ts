import type { AccessReport, AccessReportQuery } from '../../../contracts/audit-export.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import { openOversight } from '../access/index.ts';
import { type BasisLookup, buildAccessReport } from './disclosure-report.ts';
import { renderAccessReportPdf } from './report-pdf.ts';

/**
 * A person's access report for the caller, or the same 404 as for a person who does not exist.
 * Refusals and reports produced are both recorded (group-committed, before the answer is sent).
 */
export async function producePersonAccessReport(
  ctx: ServiceContext,
  personId: string,
  period: AccessReportQuery,
  options: { format?: 'json' | 'pdf'; basis?: BasisLookup } = {},
): Promise<AccessReport> {
  // Their care coordinator now, or an IG lead of an organisation involved in their care; active
  // and trained. Anyone else gets the same 404 as for nobody, audited as a refused report.
  const subject = await openOversight(ctx, personId, { action: 'report.access.deny' });
  const actor = auditActor(ctx);
  const report = await buildAccessReport(ctx.database, subject, {
    from: period.from,
    to: period.to,
    now: ctx.now,
    answeringOrganisationId: ctx.principal.organisationId,
    ...(options.basis ? { basis: options.basis } : {}),
  });
  await ctx.audit.append(
    [
      {
        action: 'report.access.generate',
        outcome: 'success',
        actor,
        personId,
        purpose: 'AUDIT',
        details: {
          format: options.format ?? 'json',
          entries: report.entries,
          treeSize: report.treeHead?.treeSize ?? 0,
        },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return report;
}

/** The same report as an A4 PDF to hand to the person. */
export async function producePersonAccessReportPdf(
  ctx: ServiceContext,
  personId: string,
  period: AccessReportQuery,
  options: { basis?: BasisLookup } = {},
): Promise<Buffer> {
  return renderAccessReportPdf(
    await producePersonAccessReport(ctx, personId, period, { ...options, format: 'pdf' }),
  );
}
