import type { z } from 'zod';
import type { ExplainInput, explanationSchema } from '../../../contracts/access.ts';
import type { DataCategory, StaffRole } from '../../../contracts/enums.ts';
import { ForbiddenError, ValidationError } from '../../http/errors.ts';
import { auditActor, type ServiceContext, todayOf } from '../../service-context.ts';
import { findAgreementNames } from '../agreements/index.ts';
import { loadPrincipal } from '../auth/auth.repository.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { countEntriesByOwner } from '../people/index.ts';
import type { AccessFacts, Decision } from './access.ts';
import { decide } from './decide.ts';
import { type ExtraFactsLoader, openOversight } from './door.ts';
import { actorOf } from './person-access.ts';
import { messageAboutStaffMember } from './reasons.ts';

type Explanation = z.infer<typeof explanationSchema>;

/** Presents a decision; about someone other than the caller, its sentences speak of "they". */
function presentDecision(d: Decision, aboutOther: boolean): Explanation['answers'][number]['decision'] {
  const basis: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(d.basis))
    if (typeof v === 'string' || typeof v === 'number') basis[k] = v;
  return {
    effect: d.effect,
    reasons: d.reasons.map((r) => ({
      code: r.code,
      message: aboutOther ? messageAboutStaffMember(r.code) : r.message,
    })),
    basis,
    obligations: d.obligations.map((o) =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)])),
    ),
  };
}

/**
 * Answers "could this staff member see this category of this person, for this purpose, and why or
 * why not" with the same decision function and facts a real request would use. For IG leads, and
 * for the person's current care coordinator.
 */
export async function explainAccess(
  ctx: ServiceContext,
  input: ExplainInput,
  extraFacts: ExtraFactsLoader,
): Promise<Explanation> {
  // Refused by role before the person is looked up, so the answer says nothing about who exists.
  if (!hasAnyRole(ctx.principal, ['ig_lead', 'care_manager', 'clinical', 'service_manager'])) {
    throw new ForbiddenError('Only IG leads and the person’s care coordinator can ask this.');
  }
  const { db } = ctx.database;
  // The same standing as for the person's access report: their care coordinator now, or an IG lead of
  // an organisation involved in their care; active and trained. Anyone else learns nothing.
  const read = await openOversight(ctx, input.personId, { action: 'access.explain', extraFacts });
  const today = todayOf(ctx);
  const subject = await loadPrincipal(db, input.staffId, 'token', null, today);
  if (!subject)
    throw new ValidationError([{ field: 'body.staffId', message: 'no staff member has this id' }]);
  const at = ctx.now.toISOString();
  const { policy } = read.question;
  const [owners, staffRow] = await Promise.all([
    countEntriesByOwner(read, input.category as DataCategory),
    db
      .selectFrom('staff')
      .innerJoin('organisations', 'organisations.id', 'staff.organisation_id')
      .select(['staff.display_name', 'organisations.name as org_name'])
      .where('staff.id', '=', input.staffId)
      .executeTakeFirstOrThrow(),
  ]);
  const facts: AccessFacts = read.question.facts;
  // Which organisations hold entries, and how many, is itself record content: told only to callers
  // whose own tier includes the category.
  const callerTier = new Set(ctx.principal.roles.flatMap((r) => policy.tiers.tiers[r] ?? []));
  const restricted = policy.tiers.restricted[input.category as DataCategory];
  const callerSeesCategory =
    callerTier.has(input.category as DataCategory) &&
    (!restricted || ctx.principal.roles.some((r) => restricted.viewRoles.includes(r)));
  let asked: { id: string; name: string; entries: number | null }[] = callerSeesCategory
    ? owners.map((o) => ({ id: o.organisation_id, name: o.name, entries: Number(o.n) }))
    : [];
  if (input.owningOrganisationId) {
    const org = await db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', '=', input.owningOrganisationId)
      .executeTakeFirst();
    if (!org)
      throw new ValidationError([
        { field: 'body.owningOrganisationId', message: 'no organisation has this id' },
      ]);
    asked = [
      {
        id: org.id,
        name: org.name,
        entries: callerSeesCategory ? (asked.find((a) => a.id === org.id)?.entries ?? 0) : null,
      },
    ];
  }
  if (asked.length === 0)
    asked = [{ id: subject.organisationId, name: staffRow.org_name, entries: callerSeesCategory ? 0 : null }];
  // A suspended or lapsed agreement is named to IG leads, who answer for it; others read the reason only.
  const lapsedIds = facts.agreements
    .filter((a) => a.status !== 'active' || (a.endDate !== null && a.endDate < at.slice(0, 10)))
    .filter((a) =>
      a.grants.some(
        (g) =>
          g.toOrganisationId === subject.organisationId &&
          g.purpose === input.purpose &&
          (g.categories as readonly string[]).includes(input.category),
      ),
    )
    .map((a) => a.id);
  const agreementNames = hasAnyRole(ctx.principal, ['ig_lead'])
    ? await findAgreementNames(db, lapsedIds)
    : new Map();
  const named = [...agreementNames.values()].map((n) => `${n.reference} (${n.title})`).join(', ');
  const naming = (d: Explanation['answers'][number]['decision']) =>
    named === ''
      ? d
      : {
          ...d,
          reasons: d.reasons.map((r) =>
            r.code === 'AGREEMENT_SUSPENDED' || r.code === 'AGREEMENT_LAPSED'
              ? { ...r, message: `${r.message} The agreement is ${named}.` }
              : r,
          ),
        };
  const answers = asked.map((owner) => ({
    owningOrganisationId: owner.id,
    owningOrganisationName: owner.name,
    entries: owner.entries,
    decision: naming(
      presentDecision(
        decide(
          {
            actor: actorOf(subject),
            personId: input.personId,
            category: input.category as DataCategory,
            owningOrganisationId: owner.id,
            action: input.action,
            purpose: input.purpose,
            at,
            facts,
          },
          policy.tiers,
        ),
        subject.staffId !== ctx.principal.staffId,
      ),
    ),
  }));
  await ctx.audit.append(
    [
      {
        action: 'access.explain',
        outcome: 'success',
        actor: auditActor(ctx),
        personId: input.personId,
        categories: [input.category],
        purpose: input.purpose,
        target: { type: 'staff', id: input.staffId },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return {
    staff: {
      id: subject.staffId,
      displayName: staffRow.display_name,
      organisationName: staffRow.org_name,
      roles: [...subject.roles] as StaffRole[],
    },
    category: input.category,
    purpose: input.purpose,
    action: input.action,
    answers,
  };
}
