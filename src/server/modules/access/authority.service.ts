/**
 * The one way an access-changing write runs: a transaction in which the authority decides on
 * facts read inside it, so the decision and the change see the same state. A refusal rolls the
 * transaction back, is audited afterwards (with its reason codes) and reaches the caller as a 403
 * or 409 problem carrying the codes.
 */
import type { Db, Tx } from '../../db/database.ts';
import { ChangeRefusedError } from '../../http/errors.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import type { AuditAction } from '../audit/audit-actions.ts';
import { staffHoldsGovernanceRole } from '../directory/governance.repository.ts';
import {
  type ChangeActor,
  type ChangeDecision,
  type ChangeRequest,
  PARTNERSHIP_GOVERNANCE_ROLE,
} from './authority.ts';
import { decideChange } from './authority-decide.ts';

/** What a refusal's audit entry names: the change's own action, its target and any person. */
export interface ChangeAuditRef {
  readonly action: AuditAction;
  readonly target: { readonly type: string; readonly id: string };
  readonly personId?: string | null;
  /** The break-glass grant the change was attempted under, if any (anomaly detection pairs them). */
  readonly breakGlassGrantId?: string | null;
}

/** A permitted change decision. */
export type PermittedChange = Extract<ChangeDecision, { effect: 'permit' }>;

/** Decides a change inside the transaction; returns the permit or ends the transaction with a refusal. */
export type Authorize = (change: ChangeRequest, audit: ChangeAuditRef) => PermittedChange;

class Refusal extends Error {
  readonly decision: Extract<ChangeDecision, { effect: 'deny' }>;
  readonly audit: ChangeAuditRef;
  constructor(decision: Extract<ChangeDecision, { effect: 'deny' }>, audit: ChangeAuditRef) {
    super('change refused');
    this.decision = decision;
    this.audit = audit;
  }
}

/** The caller as the authority sees them, read in the change's transaction. */
export async function changeActorOf(ctx: ServiceContext, db: Db): Promise<ChangeActor> {
  const p = ctx.principal;
  return {
    staffId: p.staffId,
    organisationId: p.organisationId,
    teamIds: p.teamIds,
    roles: p.roles,
    partnershipGovernance: await staffHoldsGovernanceRole(db, p.staffId, PARTNERSHIP_GOVERNANCE_ROLE),
  };
}

/**
 * Runs `work` in one transaction with an `authorize` that decides each change it makes. Refused:
 * nothing is kept, the refusal is audited under the change's action with outcome `deny`, and a
 * `ChangeRefusedError` carries the reason codes to the caller.
 */
export async function changeWithAuthority<T, S = Tx>(
  ctx: ServiceContext,
  work: (scope: S, authorize: Authorize) => Promise<T>,
  run?: (inTransaction: (scope: S) => Promise<T>) => Promise<T>,
): Promise<T> {
  const authorize: Authorize = (change, audit) => {
    const decision = decideChange(change);
    if (decision.effect === 'deny') throw new Refusal(decision, audit);
    return decision;
  };
  // Governed writes open their transaction through the access door (a PersonWrite); others on the open handle.
  const transaction =
    run ??
    ((inTransaction: (scope: S) => Promise<T>) =>
      ctx.database.db.transaction().execute((tx) => inTransaction(tx as unknown as S)));
  try {
    return await transaction((scope) => work(scope, authorize));
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const { decision, audit } = error;
    await ctx.audit.append(
      [
        {
          action: audit.action,
          outcome: 'deny',
          actor: auditActor(ctx),
          target: audit.target,
          personId: audit.personId ?? null,
          breakGlassGrantId: audit.breakGlassGrantId ?? null,
          reasons: decision.reasons.map((r) => r.code),
        },
      ],
      ctx.now,
      ctx.requestId,
    );
    throw new ChangeRefusedError(
      decision.reasons.map((r) => ({ code: r.code, message: r.message })),
      decision.conflict,
    );
  }
}
