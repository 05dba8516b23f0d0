import type { AccessReport, AccessReportQuery } from '../../../contracts/audit-export.ts';
import { NotFoundError } from '../../http/errors.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import { calendarDateOf, findCareTeamFacts, mayReceiveAccessReport } from '../access/index.ts';
import { type BasisLookup, buildAccessReport } from './disclosure-report.ts';
import { renderAccessReportPdf } from './report-pdf.ts';

/** Whether the caller may receive this person's access report (see mayReceiveAccessReport). */
async function mayReceiveReport(ctx: ServiceContext, personId: string): Promise<boolean> {
  const today = calendarDateOf(ctx.now.toISOString());
  if (!today) return false;
  const memberships = await findCareTeamFacts(ctx.database.db, personId);
  return mayReceiveAccessReport(ctx.principal, memberships, today);
}

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
  const exists = await ctx.database.db
    .selectFrom('people')
    .select('id')
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!exists) throw new NotFoundError('Person');
  const actor = auditActor(ctx);
  if (!(await mayReceiveReport(ctx, personId))) {
    await ctx.audit.append(
      [
        {
          action: 'report.access.deny',
          outcome: 'deny',
          actor,
          personId,
          purpose: 'AUDIT',
          reasons: ['NOT_KNOWN_TO_CALLER'],
        },
      ],
      ctx.now,
      ctx.requestId,
    );
    throw new NotFoundError('Person');
  }
  const report = await buildAccessReport(ctx.database, personId, {
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
