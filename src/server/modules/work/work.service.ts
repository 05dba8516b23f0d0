import {
  WORK_KINDS,
  type WorkItem,
  type WorkKind,
  type Worklist,
  type WorklistQuery,
} from '../../../contracts/work.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import type { AuditEvent } from '../audit/index.ts';
import { personHeaders } from '../people/index.ts';
import { countWork } from './work-counts.ts';
import { compareWork, decodeCursor, encodeCursor } from './work-cursor.ts';
import { isOverdue } from './work-overdue.ts';
import { labelOf, type RawWorkItem, WORK_SOURCES } from './work-sources.ts';

/** Which people on the page the caller may know, with their names; decided once per person. */
async function namesFor(
  ctx: ServiceContext,
  personIds: readonly string[],
): Promise<Map<string, string | null>> {
  // The worklist writes one entry per item shown; the names come by a header read under the same decision.
  const headers = await personHeaders(ctx, [...new Set(personIds)], { audit: false });
  const known = new Map(headers.map((h) => [h.id, `${h.givenName} ${h.familyName}`]));
  return new Map(personIds.map((id) => [id, known.get(id) ?? null]));
}

/** One page of the caller's worklist. */
export async function getWorklist(ctx: ServiceContext, query: WorklistQuery): Promise<Worklist> {
  const cursor = query.after ? decodeCursor(query.after) : null;
  const fetched = await Promise.all(
    WORK_KINDS.map((kind: WorkKind) => WORK_SOURCES[kind](ctx, cursor, query.limit + 1)),
  );
  const merged: RawWorkItem[] = fetched.flat().sort((a, b) => compareWork(a, b));
  const page = merged.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = merged.length > query.limit && last ? encodeCursor(last) : null;
  const people = [...new Set(page.map((i) => i.personId).filter((p): p is string => p !== null))];
  const names = await namesFor(ctx, people);
  const items: WorkItem[] = page.map((i) => {
    const name = i.personId ? (names.get(i.personId) ?? null) : null;
    return {
      kind: i.kind,
      id: i.id,
      label: labelOf(i.kind),
      dueAt: i.due,
      overdue: isOverdue(i.kind, i.due, ctx.now),
      personId: i.personId,
      personName: name,
      personHidden: i.personId !== null && name === null,
      // Someone the caller may not know: the item says what kind of work it is, nothing of its text.
      detail: i.personId !== null && name === null ? labelOf(i.kind) : i.detail,
      link: i.link,
    };
  });
  const events: AuditEvent[] = items
    .filter((i) => i.personId !== null)
    .map((i) => ({
      action: 'worklist.list',
      outcome: i.personHidden ? 'deny' : 'permit',
      actor: auditActor(ctx),
      personId: i.personId,
      target: { type: i.kind.toLowerCase(), id: i.id },
      ...(i.personHidden ? { reasons: ['NOT_KNOWN_TO_CALLER'] } : {}),
    }));
  if (events.length > 0) await ctx.audit.append(events, ctx.now, ctx.requestId);
  return { counts: await countWork(ctx), items, nextCursor };
}
