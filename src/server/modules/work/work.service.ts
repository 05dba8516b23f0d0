/**
 * The worklist: what needs the signed-in user's action, due soonest (so overdue) first, with counts.
 * A page costs what a page costs: each source reads one keyset page over an index, the person
 * decision is taken per person shown, and the page's audit entries are written in one batch.
 */
import { DATA_CATEGORIES } from '../../../contracts/enums.ts';
import {
  WORK_KINDS,
  type WorkItem,
  type WorkKind,
  type Worklist,
  type WorklistQuery,
} from '../../../contracts/work.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import { findGrantsForPerson } from '../access/break-glass.repository.ts';
import { findCareTeamFacts, mayKnowPerson } from '../access/index.ts';
import { loadAccessPolicy } from '../access/policy.repository.ts';
import type { AuditEvent } from '../audit/index.ts';
import { findPerson } from '../people/index.ts';
import { countWork } from './work-counts.ts';
import { compareWork, decodeCursor, encodeCursor } from './work-cursor.ts';
import { labelOf, type RawWorkItem, WORK_SOURCES } from './work-sources.ts';

/** Which people on the page the caller may know, with their names; decided once per person. */
async function namesFor(
  ctx: ServiceContext,
  personIds: readonly string[],
): Promise<Map<string, string | null>> {
  const db = ctx.database.db;
  const policy = await loadAccessPolicy(db);
  const at = ctx.now.toISOString();
  const names = new Map<string, string | null>();
  for (const personId of personIds) {
    const [careTeam, breakGlassGrants] = await Promise.all([
      findCareTeamFacts(db, personId),
      findGrantsForPerson(db, personId),
    ]);
    const known = mayKnowPerson(
      {
        principal: ctx.principal,
        personId,
        facts: { careTeam, breakGlassGrants, agreements: [], consent: null, lawfulExceptions: [] },
        policy,
        at,
        purpose: 'DIRECT_CARE',
      },
      DATA_CATEGORIES,
    );
    const person = known ? await findPerson(db, personId) : undefined;
    names.set(personId, person ? `${person.given_name} ${person.family_name}` : null);
  }
  return names;
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
  const now = ctx.now.getTime();
  const items: WorkItem[] = page.map((i) => {
    const name = i.personId ? (names.get(i.personId) ?? null) : null;
    return {
      kind: i.kind,
      id: i.id,
      label: labelOf(i.kind),
      dueAt: i.due,
      overdue: Date.parse(i.due) <= now,
      personId: i.personId,
      personName: name,
      personHidden: i.personId !== null && name === null,
      detail: i.detail,
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
