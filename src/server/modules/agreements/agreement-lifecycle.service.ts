/**
 * Use-cases of the agreement lifecycle: each party's sign-off, staff acknowledgement of the
 * guidance, and what activation still needs. Sign-offs are access-changing writes (they open the
 * way to activation), so they pass the authority; a refused or invalid attempt is audited.
 */
import type { AgreementLifecycle, SignOffInput } from '../../../contracts/agreements.ts';
import type { Db } from '../../db/database.ts';
import {
  AppError,
  ChangeRefusedError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext } from '../../service-context.ts';
import { bumpPartnershipVersion, changeActorOf, changeWithAuthority } from '../access/index.ts';
import type { AuditAction } from '../audit/audit-actions.ts';
import {
  findSignOffs,
  hasAcknowledged,
  insertAcknowledgement,
  insertSignOff,
  partyAwareness,
} from './agreement-lifecycle.repository.ts';
import {
  acknowledgementLapsesOn,
  activationMissing,
  guidanceFor,
  isCurrentSignOff,
  SHARING_ROLES,
  termsHash,
} from './agreement-lifecycle.ts';
import { type AgreementRecord, findAgreement, organisationNames } from './agreements.repository.ts';
import { type ActivationProblem, type AgreementVersion, ukToday } from './agreements.ts';

async function requireAgreement(db: Db, id: string): Promise<AgreementRecord> {
  const record = await findAgreement(db, id);
  if (!record) throw new NotFoundError('Agreement');
  return record;
}

const partiesOf = (v: AgreementVersion): string[] => [...new Set(v.parties.map((p) => p.organisationId))];

/** Everything that stops this version being made active, read in the caller's transaction. */
export async function activationGaps(
  db: Db,
  v: AgreementVersion,
  today: string,
): Promise<ActivationProblem[]> {
  const parties = partiesOf(v);
  const hash = termsHash(v);
  const [signOffs, awareness, names] = await Promise.all([
    findSignOffs(db, v.agreementId),
    partyAwareness(db, v.agreementId, parties, hash, today),
    organisationNames(db, parties),
  ]);
  return activationMissing(v, signOffs, awareness, names);
}

/**
 * Audits a bad-input attempt after its transaction rolled back, then rethrows it: every attempt
 * at a refused lifecycle step leaves evidence, even though nothing changed.
 */
export async function auditingRejection<T>(
  ctx: ServiceContext,
  action: AuditAction,
  target: { type: string; id: string },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // Authority refusals are audited by changeWithAuthority itself; row-level misses are not attempts.
    if (error instanceof AppError && !(error instanceof ChangeRefusedError) && error.status !== 404)
      await ctx.audit.append(
        [
          {
            action,
            outcome: 'failure',
            actor: auditActor(ctx),
            target,
            reasons: [error.code],
            details: {
              problems: (error.errors ?? [])
                .map((e) => e.field)
                .join(',')
                .slice(0, 1000),
            },
          },
        ],
        ctx.now,
        ctx.requestId,
      );
    throw error;
  }
}

/** An agreement's sign-offs, staff awareness and what activation still needs, for the caller. */
export async function getLifecycle(ctx: ServiceContext, id: string): Promise<AgreementLifecycle> {
  const { db } = ctx.database;
  const today = ukToday(ctx.now);
  const { current } = await requireAgreement(db, id);
  const parties = partiesOf(current);
  const hash = termsHash(current);
  const [signOffs, awareness, names, acknowledged] = await Promise.all([
    findSignOffs(db, id),
    partyAwareness(db, id, parties, hash, today),
    organisationNames(db, [
      ...parties,
      ...current.grants.flatMap((g) => [g.fromOrganisationId, g.toOrganisationId]),
    ]),
    hasAcknowledged(db, id, ctx.principal.staffId, hash, today),
  ]);
  const p = ctx.principal;
  const party = parties.includes(p.organisationId);
  const live = current.status !== 'terminated' && current.status !== 'expired';
  return {
    agreementId: id,
    version: current.version,
    // By party as the agreement lists them, legal before operational, then as recorded.
    signOffs: [...signOffs]
      .sort(
        (x, y) =>
          parties.indexOf(x.organisationId) - parties.indexOf(y.organisationId) ||
          x.kind.localeCompare(y.kind) ||
          x.recordedAt.localeCompare(y.recordedAt),
      )
      .map((s) => ({
        organisationId: s.organisationId,
        organisationName: names.get(s.organisationId) ?? '',
        kind: s.kind,
        signerName: s.signerName,
        signerRole: s.signerRole,
        signedOn: s.signedOn,
        recordedBy: s.staffId,
        version: s.version,
        current: isCurrentSignOff(s, hash),
      })),
    awareness: awareness.map((a) => ({ ...a, organisationName: names.get(a.organisationId) ?? '' })),
    activationMissing: activationMissing(current, signOffs, awareness, names),
    acknowledgedByMe: acknowledged,
    guidance: guidanceFor(current, ctx.principal.organisationId, names),
    can: {
      signOffFor: live && party && p.roles.includes('ig_lead') ? [p.organisationId] : [],
      acknowledge: live && party && p.roles.some((r) => SHARING_ROLES.includes(r)),
    },
  };
}

/**
 * Records one party's legal or operational sign-off of the current terms. Only an IG lead of that
 * party records it (403 otherwise, audited); a sign-off holds until the terms are amended.
 */
export async function signOffAgreement(
  ctx: ServiceContext,
  id: string,
  input: SignOffInput,
): Promise<AgreementLifecycle> {
  const target = { type: 'agreement', id };
  await auditingRejection(ctx, 'agreement.sign_off', target, () =>
    changeWithAuthority(ctx, async (tx, authorize) => {
      const { current } = await requireAgreement(tx, id);
      authorize(
        {
          kind: 'agreement.sign_off',
          actor: await changeActorOf(ctx, tx),
          parties: partiesOf(current),
          organisationId: input.organisationId,
        },
        { action: 'agreement.sign_off', target },
      );
      if (input.expectedVersion !== current.version)
        throw new ConflictError(
          'The agreement has changed since you read it. Reload it and sign off again.',
          [{ field: 'body.expectedVersion', message: `is not the current version (${current.version})` }],
        );
      if (current.status === 'terminated' || current.status === 'expired')
        throw new ConflictError(
          `An agreement that has ${current.status === 'expired' ? 'expired' : 'been terminated'} cannot be signed off.`,
        );
      if (input.signedOn > ukToday(ctx.now))
        throw new ValidationError([{ field: 'body.signedOn', message: 'must not be in the future' }]);
      await insertSignOff(tx, id, {
        organisationId: input.organisationId,
        kind: input.kind,
        staffId: ctx.principal.staffId,
        signerName: input.signerName,
        signerRole: input.signerRole,
        signedOn: input.signedOn,
        termsHash: termsHash(current),
        version: current.version,
        recordedAt: ctx.now.toISOString(),
      });
      // What activation needs has changed; every process re-reads partnership facts.
      await bumpPartnershipVersion(tx);
      await auditChange(ctx, tx, 'agreement.sign_off', target, {
        details: { version: current.version, kind: input.kind, organisationId: input.organisationId },
      });
    }),
  );
  return getLifecycle(ctx, id);
}

/**
 * Records that the caller read and understood the agreement's guidance at its current terms. Only
 * staff of a party who share under it acknowledge; the acknowledgement lapses like training.
 */
export async function acknowledgeGuidance(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
): Promise<AgreementLifecycle> {
  const target = { type: 'agreement', id };
  const today = ukToday(ctx.now);
  await auditingRejection(ctx, 'agreement.acknowledge', target, () =>
    ctx.database.db.transaction().execute(async (tx) => {
      const { current } = await requireAgreement(tx, id);
      const p = ctx.principal;
      if (!partiesOf(current).includes(p.organisationId) || !p.roles.some((r) => SHARING_ROLES.includes(r)))
        throw new ForbiddenError(
          'Only staff of a party who share under the agreement acknowledge its guidance.',
        );
      if (expectedVersion !== current.version)
        throw new ConflictError(
          'The agreement has changed since you read it. Read it again and acknowledge.',
          [{ field: 'body.expectedVersion', message: `is not the current version (${current.version})` }],
        );
      await insertAcknowledgement(tx, {
        agreementId: id,
        staffId: p.staffId,
        organisationId: p.organisationId,
        termsHash: termsHash(current),
        at: ctx.now.toISOString(),
        lapsesOn: acknowledgementLapsesOn(today),
      });
      await auditChange(ctx, tx, 'agreement.acknowledge', target, { details: { version: current.version } });
    }),
  );
  return getLifecycle(ctx, id);
}
