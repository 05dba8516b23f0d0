/**
 * Escalation timeliness for a service manager's teams: crisis escalations their members sent,
 * week by week, from sent to acknowledged. Aggregates only: no person is named or counted alone.
 */
import type { Timeliness } from '../../../contracts/sampling.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import { openList } from '../access/index.ts';
import { requireRole } from './exchange-access.ts';
import { findTeamsOf, findTeamTimeliness } from './sampling.repository.ts';
import { addDays, lastCompleteWeek, timelinessByWeek, ukMidnight } from './sampling.ts';

/** The last `weeks` weeks up to and including the current one, for the caller's teams. */
export async function escalationTimeliness(ctx: ServiceContext, weeks: number): Promise<Timeliness> {
  requireRole(ctx, ['service_manager'], 'Escalation timeliness is for service managers.');
  const teams = await findTeamsOf(ctx.database.db, ctx.principal.staffId);
  // The current (partial) week is the last column: this week's late escalations show at once.
  const firstMonday = addDays(lastCompleteWeek(ctx.now).start, 7 - 7 * (weeks - 1));
  const list = await openList(ctx, 'caseload', 'handover.timeliness.view');
  const rows = list
    ? await findTeamTimeliness(
        list,
        teams.map((t) => t.id),
        ukMidnight(firstMonday),
      )
    : [];
  if (list)
    await ctx.audit.append(
      [
        {
          action: 'handover.timeliness.view',
          outcome: 'success',
          actor: auditActor(ctx),
          details: { teams: teams.length, weeks, handovers: rows.length },
        },
      ],
      ctx.now,
      ctx.requestId,
    );
  return {
    teams,
    weeks: timelinessByWeek(
      rows.map((r) => ({ sentAt: r.sent_at, dueAt: r.due_at, acknowledgedAt: r.acknowledged_at })),
      firstMonday,
      weeks,
      ctx.now,
    ),
  };
}
