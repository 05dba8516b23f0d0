import type {
  CaseCloseInput,
  InvestigationCase,
  InvestigationCaseDetail,
  InvestigationCaseQuery,
} from '../../../contracts/assurance.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { nameEntries, presentEntry } from '../audit/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { type CaseRecord, findCase, findCases, presentCase } from './investigation.repository.ts';

function requireIgLead(ctx: ServiceContext): void {
  if (!hasAnyRole(ctx.principal, ['ig_lead'])) throw new ForbiddenError();
}

/** An IG lead does not close a case about their own access: someone else must judge it. */
const mayClose = (ctx: ServiceContext, row: CaseRecord): boolean =>
  row.status === 'open' && row.actor_staff_id !== ctx.principal.staffId;

/** A case of the caller's organisation, or 404 (another organisation's cases are not theirs to know). */
async function caseOfCaller(ctx: ServiceContext, id: string): Promise<CaseRecord> {
  requireIgLead(ctx);
  const row = await findCase(ctx.database.db, id);
  if (!row || row.organisation_id !== ctx.principal.organisationId) throw new NotFoundError('Case');
  return row;
}

/** The caller's organisation's investigation cases, newest first. */
export async function listCases(
  ctx: ServiceContext,
  filter: InvestigationCaseQuery,
): Promise<{ items: InvestigationCase[]; total: number }> {
  requireIgLead(ctx);
  const { rows, total } = await findCases(
    ctx.database.db,
    { organisationId: ctx.principal.organisationId, status: filter.status, rule: filter.rule },
    { limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize },
  );
  return { items: rows.map((r) => presentCase(r, mayClose(ctx, r))), total };
}

/** One case with its evidence entries, oldest first. */
export async function getCase(ctx: ServiceContext, id: string): Promise<InvestigationCaseDetail> {
  const row = await caseOfCaller(ctx, id);
  const evidence = await ctx.database.db
    .selectFrom('investigation_evidence as e')
    .innerJoin('audit_entries as a', 'a.id', 'e.audit_entry_id')
    .selectAll('a')
    .where('e.case_id', '=', id)
    .orderBy('a.recorded_at')
    .orderBy('a.id')
    .execute();
  return {
    ...presentCase(row, mayClose(ctx, row)),
    evidence: await nameEntries(ctx, evidence.map(presentEntry)),
  };
}

/** Closes an open case with its outcome and the IG lead's notes; the close is audited with it. */
export async function closeCase(
  ctx: ServiceContext,
  id: string,
  input: CaseCloseInput,
): Promise<InvestigationCaseDetail> {
  const before = await caseOfCaller(ctx, id);
  if (before.actor_staff_id === ctx.principal.staffId)
    throw new ForbiddenError('A case about your own access must be closed by another IG lead.');
  await ctx.database.db.transaction().execute(async (tx) => {
    // The status guard makes a second, concurrent close fail instead of overwriting the first.
    const result = await tx
      .updateTable('investigation_cases')
      .set({
        status: 'closed',
        outcome: input.outcome,
        outcome_notes: input.notes,
        closed_by: ctx.principal.staffId,
        closed_at: ctx.now.toISOString(),
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new ConflictError('This case is already closed.');
    await auditChange(
      ctx,
      tx,
      'investigation.case.close',
      { type: 'investigation_case', id },
      { details: { rule: before.rule, outcome: input.outcome, subjectStaffId: before.actor_staff_id } },
    );
  });
  return getCase(ctx, id);
}
