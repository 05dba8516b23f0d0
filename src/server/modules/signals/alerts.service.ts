/**
 * Alerts as their recipient meets them: opened from the worklist, shown with every contributing
 * signal the recipient may see (decided per signal, for the recipient, at the time of viewing),
 * acknowledged once with the agreed response. An alert that is not the caller's is a 404.
 */

import { DATA_CATEGORIES } from '../../../contracts/enums.ts';
import type {
  AlertAcknowledgeInput,
  AlertDto,
  AlertKind,
  AlertOutcome,
  AlertTrigger,
} from '../../../contracts/signals.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext } from '../../service-context.ts';
import {
  mayKnowPerson,
  openList,
  openPerson,
  type PersonAccessQuestion,
  writePerson,
} from '../access/index.ts';
import { loadSharingFacts, viewAuditEvents } from '../people/index.ts';
import { acknowledgeAlertRow, findAlertFor } from './alerts.repository.ts';
import { findStaffNames } from './escalation-rules.repository.ts';
import { visibleTo } from './signals.presenter.ts';
import { findAlertSignals } from './signals.repository.ts';
import type { SignalAlertRow } from './signals.tables.ts';

async function myAlert(ctx: ServiceContext, alertId: string): Promise<SignalAlertRow> {
  const list = await openList(ctx, 'caseload', 'signal_alert.view');
  const row = list ? await findAlertFor(list, alertId) : undefined;
  if (!row) throw new NotFoundError('Alert');
  return row;
}

/**
 * Who may open the person for an alert: anyone the record rule lets know them, and the manager it
 * escalated to, who needs to act on it without being on the care team. What the alert's signals
 * hold is still decided per signal for them.
 */
function knowsFor(ctx: ServiceContext, row: SignalAlertRow) {
  return (q: PersonAccessQuestion): boolean =>
    mayKnowPerson(q, DATA_CATEGORIES) ||
    (row.escalated_to !== null && row.escalated_to === ctx.principal.staffId);
}

/** The alert as its recipient (or the manager it escalated to) sees it. */
export async function getAlert(ctx: ServiceContext, alertId: string): Promise<AlertDto> {
  const row = await myAlert(ctx, alertId);
  const read = await openPerson(ctx, row.person_id, {
    extraFacts: loadSharingFacts,
    knows: knowsFor(ctx, row),
  });
  const signals = await findAlertSignals(read, alertId);
  const visible = visibleTo(read.question, signals);
  await ctx.audit.append(
    [
      {
        action: 'signal_alert.view',
        outcome: 'success',
        actor: auditActor(ctx),
        personId: row.person_id,
        target: { type: 'signal_alert', id: alertId },
        details: { shown: visible.shown.length, withheld: signals.length - visible.shown.length },
      },
      ...viewAuditEvents(read.question, visible.decisions),
    ],
    ctx.now,
    ctx.requestId,
  );
  return present(ctx, row, visible);
}

async function present(
  ctx: ServiceContext,
  row: SignalAlertRow,
  visible: ReturnType<typeof visibleTo<AlertDto['signals'][number]>>,
): Promise<AlertDto> {
  const names = await findStaffNames(ctx.database.db, [
    row.recipient_staff_id,
    row.escalated_to,
    row.acknowledged_by,
  ]);
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return {
    id: row.id,
    personId: row.person_id,
    kind: row.kind as AlertKind,
    trigger: row.trigger as AlertTrigger,
    raisedAt: row.raised_at,
    dueAt: row.due_at,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    recipientStaffId: row.recipient_staff_id,
    recipientName: name(row.recipient_staff_id),
    escalatedAt: row.escalated_at,
    escalatedToName: name(row.escalated_to),
    acknowledgedAt: row.acknowledged_at,
    acknowledgedByName: name(row.acknowledged_by),
    outcome: row.outcome as AlertOutcome | null,
    outcomeNote: row.outcome_note,
    signals: visible.shown,
    withheld: visible.withheld,
    can: { acknowledge: row.acknowledged_at === null },
  };
}

/**
 * Acknowledges an alert with the single agreed response; both are audited in the same
 * transaction. A second acknowledgement is a 409 and changes nothing.
 */
export async function acknowledgeAlert(
  ctx: ServiceContext,
  alertId: string,
  input: AlertAcknowledgeInput,
): Promise<AlertDto> {
  const row = await myAlert(ctx, alertId);
  const already = () =>
    new ConflictError('This alert has already been acknowledged; nothing was changed.', [
      { field: 'params.id', message: 'has already been acknowledged' },
    ]);
  if (row.acknowledged_at) throw already();
  await writePerson(ctx, row.person_id, { knows: knowsFor(ctx, row) }, async (write) => {
    const at = ctx.now.toISOString();
    const done = await acknowledgeAlertRow(write, alertId, ctx.principal.staffId, {
      outcome: input.outcome,
      note: input.note ?? null,
      at,
    });
    if (!done) throw already();
    const target = { type: 'signal_alert', id: alertId };
    await auditChange(ctx, write.tx, 'signal_alert.acknowledge', target, {
      personId: row.person_id,
      details: { kind: row.kind },
    });
    await auditChange(ctx, write.tx, 'signal_alert.outcome', target, {
      personId: row.person_id,
      details: { outcome: input.outcome },
    });
  });
  return getAlert(ctx, alertId);
}
