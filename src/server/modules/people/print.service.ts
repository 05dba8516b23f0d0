import type { PersonPrint } from '../../../contracts/people.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import type { AuditEvent } from '../audit/audit-entry.ts';
import { findEntries } from './people.repository.ts';
import { openRecord } from './people.service.ts';
import { presentSections, viewAuditEvents } from './record-access.ts';

/**
 * The printed copy as audit entries: one per organisation whose information the page shows, with the
 * basis it was shown on. A printout leaves the system, so it is recorded beside the view that preceded it.
 */
function printEvents(events: readonly AuditEvent[]): AuditEvent[] {
  return events
    .filter((e) => e.outcome === 'permit')
    .map((e) => ({ ...e, action: 'record.print' as const, details: { ...e.details, kind: 'print' } }));
}

/**
 * Records that the caller is printing a person's page, before the browser prints it. The same decision
 * as a page view answers (a person the caller may not know is a 404), and the printout is stamped with
 * who printed it and when, from what was recorded.
 */
export async function recordPrint(ctx: ServiceContext, personId: string): Promise<PersonPrint> {
  const read = await openRecord(ctx, personId);
  const q = read.question;
  const { decisions } = presentSections(q, await findEntries(read));
  const events = printEvents(viewAuditEvents(q, decisions));
  // Nothing shown is still a printout of the banner and care team: recorded all the same.
  await ctx.audit.append(
    events.length > 0
      ? events
      : [
          {
            action: 'record.print',
            outcome: 'permit',
            actor: auditActor(ctx),
            personId,
            purpose: q.purpose,
            details: { kind: 'print' },
          },
        ],
    ctx.now,
    ctx.requestId,
  );
  return {
    printedAt: ctx.now.toISOString(),
    printedBy: ctx.principal.displayName,
    reference: ctx.requestId,
  };
}
