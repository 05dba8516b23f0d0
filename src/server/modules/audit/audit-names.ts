import type { AuditEntryDto } from '../../../contracts/audit.ts';
import { auditActor, type ServiceContext, todayOf } from '../../service-context.ts';
import { isReasonCode, openList } from '../access/index.ts';
import { messageAboutStaffMember } from '../access/reasons.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { findHeaders } from '../people/index.ts';
import { findOrganisationNames, findStaffNames } from './audit-names.repository.ts';

/** Refusals recorded before the decision function is asked, in the same voice as its reasons. */
const OTHER_REASONS: Readonly<Record<string, string>> = {
  NOT_KNOWN_TO_CALLER: 'They are not involved in this person’s care, so the record was not found for them.',
  NO_STANDING_FOR_PERSON_DATA:
    'Their account, training or role does not allow them to see information about people.',
  NO_STANDING_FOR_PERSON: 'They are not involved in this person’s care.',
};
const UNDESCRIBED = 'Refused under a rule this version of Accord does not describe.';

/** Why people are not named to the reader, or null when they may be. */
export function personWithheldFor(ctx: ServiceContext): string | null {
  if (!hasAnyRole(ctx.principal, ['ig_lead']))
    return 'People are named only to information governance leads.';
  const expires = ctx.principal.igTrainingExpiresOn;
  if (!expires || expires < todayOf(ctx))
    return 'Your information governance training has lapsed, so people are not named to you.';
  return null;
}

/** A person's name by id, for those the reader may be told about. */
export async function personNames(ctx: ServiceContext, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (personWithheldFor(ctx) !== null) return names;
  // Standing for audit work (an IG lead, active and trained) is what names people here.
  const list = await openList(ctx, 'audit', 'audit.search');
  if (!list) return names;
  const headers = await findHeaders(list, [...new Set(ids)]);
  for (const h of headers) names.set(h.id, `${h.givenName} ${h.familyName}`);
  // Each person named is a list entry, so their access report shows who saw their name here.
  await ctx.audit.append(
    headers.map((h) => ({
      action: 'person.header.view' as const,
      outcome: 'permit' as const,
      actor: auditActor(ctx),
      personId: h.id,
      purpose: 'AUDIT',
    })),
    ctx.now,
    ctx.requestId,
  );
  return names;
}

/**
 * Audit entries with names instead of ids, for an IG lead answering for their organisation: the
 * entries are already limited to what their organisation took part in. Reasons come in the decision
 * function's own words, about the staff member rather than to the reader.
 */
export async function nameEntries(
  ctx: ServiceContext,
  entries: readonly AuditEntryDto[],
): Promise<AuditEntryDto[]> {
  const { db } = ctx.database;
  const staffIds = [...new Set(entries.flatMap((e) => (e.actorStaffId ? [e.actorStaffId] : [])))];
  const orgIds = [
    ...new Set(
      entries.flatMap((e) =>
        [e.actorOrganisationId, e.ownerOrganisationId, e.recipientOrganisationId].filter(
          (id): id is string => id !== null,
        ),
      ),
    ),
  ];
  const personIds = entries.flatMap((e) => (e.personId ? [e.personId] : []));
  const [staff, organisations, people] = await Promise.all([
    findStaffNames(db, staffIds),
    findOrganisationNames(db, orgIds),
    personNames(ctx, personIds),
  ]);
  const withheld = personWithheldFor(ctx);
  const org = (id: string | null) => (id ? (organisations.get(id) ?? null) : null);
  return entries.map((e) => ({
    ...e,
    names: {
      actor: e.actorStaffId ? (staff.get(e.actorStaffId) ?? null) : null,
      actorOrganisation: org(e.actorOrganisationId),
      person: e.personId ? (people.get(e.personId) ?? null) : null,
      personWithheld:
        e.personId && !people.has(e.personId) ? (withheld ?? 'This person is no longer recorded.') : null,
      owner: org(e.ownerOrganisationId),
      recipient: org(e.recipientOrganisationId),
      reasons: e.reasons.map((code) => ({
        code,
        message: isReasonCode(code) ? messageAboutStaffMember(code) : (OTHER_REASONS[code] ?? UNDESCRIBED),
      })),
    },
  }));
}
