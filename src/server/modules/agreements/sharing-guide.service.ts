/**
 * Use-cases of "what we share and when": a staff member's guides (one per sharing role), any
 * organisation's guide for its IG leads and service managers, acknowledging a guide as read (a
 * competency that lapses like training), and the scenario guidance only that organisation's IG
 * leads write. Refused attempts are audited.
 */
import type { StaffRole } from '../../../contracts/enums.ts';
import type {
  GuideAcknowledgeInput,
  GuideQuery,
  Scenario,
  ScenarioInput,
  SharingGuide,
  Situation,
} from '../../../contracts/sharing-guide.ts';
import type { Db } from '../../db/database.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { partnershipPolicy } from '../access/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { auditingRejection } from './agreement-lifecycle.service.ts';
import { SHARING_ROLES } from './agreement-lifecycle.ts';
import { findAgreement, findCurrentAgreements, organisationNames } from './agreements.repository.ts';
import { ukToday } from './agreements.ts';
import {
  findDisputeById,
  findGuideContacts,
  findLatestGuideAcknowledgement,
  findLatestScenarios,
  findScenarioVersions,
  insertGuideAcknowledgement,
  insertScenario,
} from './sharing-guide.repository.ts';
import { acknowledgementState, buildGuide, type GuideContent, guideLapsesOn } from './sharing-guide.ts';

const CONTACT_WORDS: Readonly<Record<string, string>> = {
  IG_LEAD: 'IG lead',
  DPO: 'Data protection officer',
  CALDICOTT_GUARDIAN: 'Caldicott guardian',
};

/** Who oversees guides and staff awareness: IG leads and service managers. */
const GUIDE_OVERSEERS: readonly StaffRole[] = ['ig_lead', 'service_manager'];

/** Generates the guide for one organisation and role from what is in force today. */
export async function generateGuide(
  db: Db,
  organisationId: string,
  role: StaffRole,
  today: string,
): Promise<GuideContent> {
  const [agreements, policy, contacts, scenarios] = await Promise.all([
    findCurrentAgreements(db),
    partnershipPolicy(db),
    findGuideContacts(db, organisationId),
    findLatestScenarios(db, organisationId),
  ]);
  const names = await organisationNames(db, [
    organisationId,
    ...agreements.flatMap((a) => a.current.grants.flatMap((g) => [g.fromOrganisationId, g.toOrganisationId])),
  ]);
  if (!names.has(organisationId)) throw new NotFoundError('Organisation');
  return buildGuide({
    organisationId,
    role,
    today,
    names,
    agreements,
    policy: policy.tiers,
    contacts: contacts.map((c) => ({ role: CONTACT_WORDS[c.role] ?? c.role, name: c.name })),
    scenarios,
  });
}

/** The caller's roles that share person data, so have a guide to acknowledge. */
export function sharingRolesOf(ctx: ServiceContext): StaffRole[] {
  return ctx.principal.roles.filter((r) => SHARING_ROLES.includes(r));
}

async function presentFor(ctx: ServiceContext, guide: GuideContent, today: string): Promise<SharingGuide> {
  const p = ctx.principal;
  const mine = guide.organisationId === p.organisationId && p.roles.includes(guide.role);
  const ownSharing = mine && SHARING_ROLES.includes(guide.role);
  const latest = ownSharing
    ? await findLatestGuideAcknowledgement(ctx.database.db, p.staffId, p.organisationId, guide.role)
    : undefined;
  return {
    ...guide,
    acknowledgement: ownSharing
      ? {
          state: acknowledgementState(
            latest && { fingerprint: latest.fingerprint, lapsesOn: latest.lapses_on },
            guide.fingerprint,
            today,
          ),
          acknowledgedAt: latest?.acknowledged_at ?? null,
          lapsesOn: latest?.lapses_on ?? null,
        }
      : null,
    can: {
      acknowledge: ownSharing,
      editScenarios: guide.organisationId === p.organisationId && hasAnyRole(p, ['ig_lead']),
    },
  };
}

/** The caller's own guides: one for each role they share under. */
export async function myGuides(ctx: ServiceContext): Promise<SharingGuide[]> {
  const today = ukToday(ctx.now);
  const out: SharingGuide[] = [];
  for (const role of sharingRolesOf(ctx))
    out.push(
      await presentFor(
        ctx,
        await generateGuide(ctx.database.db, ctx.principal.organisationId, role, today),
        today,
      ),
    );
  return out;
}

/**
 * One organisation's guide for one role. Staff read their own organisation's; IG leads and
 * service managers, who answer partners' questions, read any organisation's. It holds no person data.
 */
export async function getGuide(ctx: ServiceContext, q: GuideQuery): Promise<SharingGuide> {
  const p = ctx.principal;
  if (q.organisationId !== p.organisationId && !hasAnyRole(p, GUIDE_OVERSEERS))
    throw new NotFoundError('Organisation');
  const today = ukToday(ctx.now);
  return presentFor(ctx, await generateGuide(ctx.database.db, q.organisationId, q.role, today), today);
}

/**
 * Records that the caller read their guide for a role as it stands (the fingerprint they saw). A
 * guide that has changed since is refused, naming the fingerprint: they acknowledge what they read.
 */
export async function acknowledgeGuide(
  ctx: ServiceContext,
  input: GuideAcknowledgeInput,
): Promise<SharingGuide> {
  const p = ctx.principal;
  const today = ukToday(ctx.now);
  const target = { type: 'sharing_guide', id: p.organisationId };
  let guide: GuideContent | undefined;
  await auditingRejection(ctx, 'guide.acknowledge', target, () =>
    ctx.database.db.transaction().execute(async (tx) => {
      if (!p.roles.includes(input.role) || !SHARING_ROLES.includes(input.role))
        throw new ValidationError([
          { field: 'body.role', message: 'is not a role you share person data under' },
        ]);
      guide = await generateGuide(tx, p.organisationId, input.role, today);
      if (guide.fingerprint !== input.fingerprint)
        throw new ConflictError('The guide has changed since you read it. Read it again and acknowledge.', [
          { field: 'body.fingerprint', message: 'is not the guide as it stands now' },
        ]);
      await insertGuideAcknowledgement(tx, {
        id: crypto.randomUUID(),
        staff_id: p.staffId,
        organisation_id: p.organisationId,
        role: input.role,
        fingerprint: guide.fingerprint,
        acknowledged_at: ctx.now.toISOString(),
        lapses_on: guideLapsesOn(today),
      });
      await auditChange(ctx, tx, 'guide.acknowledge', target, {
        details: { role: input.role, fingerprint: guide.fingerprint.slice(0, 16) },
      });
    }),
  );
  if (!guide) throw new NotFoundError('Guide');
  return presentFor(ctx, guide, today);
}

/** Every version of one situation's guidance at the caller's organisation, newest first. */
export function scenarioVersions(ctx: ServiceContext, situation: Situation): Promise<Scenario[]> {
  return findScenarioVersions(ctx.database.db, ctx.principal.organisationId, situation);
}

/**
 * Writes a new version of the caller's organisation's guidance for one situation. Only its IG
 * leads; written against the version they read; a version answering a dispute names one whose
 * documented outcome changed the guidance, about an agreement the organisation is party to.
 */
export async function writeScenario(
  ctx: ServiceContext,
  situation: Situation,
  input: ScenarioInput,
): Promise<Scenario> {
  const p = ctx.principal;
  const target = { type: 'scenario_guidance', id: `${p.organisationId}:${situation}` };
  await auditingRejection(ctx, 'guide.scenario.write', target, () =>
    ctx.database.db.transaction().execute(async (tx) => {
      if (!hasAnyRole(p, ['ig_lead']))
        throw new ForbiddenError('Only the organisation’s IG leads write its scenario guidance.');
      const [latest] = await findScenarioVersions(tx, p.organisationId, situation);
      const current = latest?.version ?? 0;
      if (input.expectedVersion !== current)
        throw new ConflictError('The guidance has changed since you read it. Reload it and edit again.', [
          { field: 'body.expectedVersion', message: `is not the current version (${current})` },
        ]);
      if (input.disputeId !== undefined) {
        const dispute = await findDisputeById(tx, input.disputeId);
        const agreement = dispute && (await findAgreement(tx, dispute.agreement_id));
        const party = agreement?.current.parties.some((x) => x.organisationId === p.organisationId);
        if (!dispute || !party || dispute.outcome === null || dispute.guidance_changed !== 1)
          throw new ValidationError([
            {
              field: 'body.disputeId',
              message:
                'must name a dispute about one of your organisation’s agreements whose documented outcome changed the guidance',
            },
          ]);
      }
      const inserted = await insertScenario(tx, {
        id: crypto.randomUUID(),
        organisation_id: p.organisationId,
        situation,
        version: current + 1,
        body: input.body,
        change_note: input.changeNote,
        dispute_id: input.disputeId ?? null,
        created_by: p.staffId,
        created_at: ctx.now.toISOString(),
      });
      if (!inserted)
        throw new ConflictError('Another IG lead has just changed this guidance. Reload it and edit again.', [
          { field: 'body.expectedVersion', message: 'is no longer the current version' },
        ]);
      await auditChange(ctx, tx, 'guide.scenario.write', target, {
        details: {
          situation,
          version: current + 1,
          ...(input.disputeId ? { disputeId: input.disputeId } : {}),
        },
      });
    }),
  );
  const [written] = await findScenarioVersions(ctx.database.db, p.organisationId, situation);
  if (!written) throw new NotFoundError('Scenario guidance');
  return written;
}
