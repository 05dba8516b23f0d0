import { DATA_CATEGORIES } from '../../../contracts/enums.ts';
import type { PersonHeader } from '../../../contracts/people.ts';
import { auditActor, type ServiceContext, todayOf } from '../../service-context.ts';
import { loadMembershipsFor, loadOwnGrantsFor } from '../access/access-facts.repository.ts';
import {
  mayKnowPerson,
  mayReceiveAccessReport,
  openList,
  type PersonAccessQuestion,
  partnershipPolicy,
} from '../access/index.ts';
import { findPeopleWithOpenConcerns } from '../signals/safeguarding.index.ts';
import { findHeaders } from './people.repository.ts';

/**
 * Names for a list: the header (name and date of birth, nothing of the record) of each person the
 * caller may know, by the same decision as a record read, or as one entitled to their access
 * report. People the caller may not know are left out, exactly as people who do not exist. One
 * `person.header.view` entry per person named, written in one batch; no record view, no disclosure.
 */
export async function personHeaders(
  ctx: ServiceContext,
  personIds: readonly string[],
  options: { audit?: boolean } = {},
): Promise<PersonHeader[]> {
  // Asked quietly: a caller without a caseload (an IG lead) is asked next for oversight standing.
  const list = await openList(ctx, 'caseload', 'person.header.view', { quiet: true });
  const oversight = list ? null : await openList(ctx, 'access_report', 'person.header.view');
  const access = list ?? oversight;
  if (!access) return [];
  const at = ctx.now.toISOString();
  const today = todayOf(ctx);
  const [policy, memberships, grants] = await Promise.all([
    partnershipPolicy(ctx.database.db),
    loadMembershipsFor(access, personIds),
    loadOwnGrantsFor(access, personIds),
  ]);
  const named = personIds.filter((personId) => {
    const careTeam = memberships.get(personId) ?? [];
    const q: PersonAccessQuestion = {
      principal: ctx.principal,
      personId,
      facts: {
        careTeam,
        breakGlassGrants: grants.get(personId) ?? [],
        agreements: [],
        consent: null,
        lawfulExceptions: [],
      },
      policy,
      at,
      purpose: 'DIRECT_CARE',
    };
    return mayKnowPerson(q, DATA_CATEGORIES) || mayReceiveAccessReport(ctx.principal, careTeam, today);
  });
  const [headers, flagged] = await Promise.all([
    findHeaders(access, named),
    findPeopleWithOpenConcerns(access, named),
  ]);
  // A list that writes its own entry per person shown (the worklist) names them without a second one.
  if (options.audit !== false)
    await ctx.audit.append(
      headers.length > 0
        ? headers.map((h) => ({
            action: 'person.header.view' as const,
            outcome: 'permit' as const,
            actor: auditActor(ctx),
            personId: h.id,
            purpose: 'DIRECT_CARE',
          }))
        : [
            {
              action: 'person.header.view',
              outcome: 'success',
              actor: auditActor(ctx),
              details: { shown: 0 },
            },
          ],
      ctx.now,
      ctx.requestId,
    );
  return headers.map((h) => ({
    id: h.id,
    givenName: h.givenName,
    familyName: h.familyName,
    dateOfBirth: h.dateOfBirth,
    safeguarding: flagged.has(h.id),
  }));
}
