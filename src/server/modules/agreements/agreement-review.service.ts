/**
 * The annual review of agreements: due and overdue reviews for IG leads' worklists, the
 * partnership's choice whether an agreement past review is suspended, and the timer that applies
 * it. A partnership holds tens of agreements, so they are read whole and filtered in memory.
 */
import type { AgreementSettingsView } from '../../../contracts/agreements.ts';
import type { Database } from '../../db/database.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { bumpPartnershipVersion, changeActorOf, changeWithAuthority } from '../access/index.ts';
import type { AuditWriter } from '../audit/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { reviewState, suspendsForReview } from './agreement-review.ts';
import { loadAgreementSettings, saveAgreementSettings } from './agreement-settings.repository.ts';
import { appendVersion, findCurrentAgreements } from './agreements.repository.ts';
import { ukToday } from './agreements.ts';

/** An agreement whose review is due or overdue, for a worklist. */
export interface DueReview {
  readonly agreementId: string;
  readonly reference: string;
  readonly title: string;
  readonly reviewDate: string;
  readonly overdue: boolean;
}

/** Reviews due or overdue of live agreements the caller's organisation is party to; IG leads only. */
export async function dueReviewsFor(ctx: ServiceContext): Promise<DueReview[]> {
  if (!hasAnyRole(ctx.principal, ['ig_lead'])) return [];
  const today = ukToday(ctx.now);
  const org = ctx.principal.organisationId;
  return (await findCurrentAgreements(ctx.database.db))
    .filter((r) => r.current.parties.some((p) => p.organisationId === org))
    .flatMap((r) => {
      const state = reviewState(r.current, today);
      const reviewDate = r.current.reviewDate;
      if (state === 'not_due' || reviewDate === null) return [];
      return [
        {
          agreementId: r.id,
          reference: r.reference,
          title: r.current.title,
          reviewDate,
          overdue: state === 'overdue',
        },
      ];
    });
}

/** The partnership's agreement settings. */
export async function getAgreementSettings(ctx: ServiceContext): Promise<AgreementSettingsView> {
  return loadAgreementSettings(ctx.database.db);
}

/** Changes whether agreements past review are suspended automatically: partnership governance only. */
export async function updateAgreementSettings(
  ctx: ServiceContext,
  autoSuspendPastReview: boolean,
): Promise<AgreementSettingsView> {
  await changeWithAuthority(ctx, async (tx, authorize) => {
    authorize(
      { kind: 'settings.change', actor: await changeActorOf(ctx, tx), setting: 'agreement_settings' },
      { action: 'agreement.settings.update', target: { type: 'agreement_settings', id: '1' } },
    );
    await saveAgreementSettings(tx, {
      autoSuspendPastReview,
      updatedBy: ctx.principal.staffId,
      updatedAt: ctx.now.toISOString(),
    });
    await bumpPartnershipVersion(tx);
    await auditChange(
      ctx,
      tx,
      'agreement.settings.update',
      { type: 'agreement_settings', id: '1' },
      { details: { autoSuspendPastReview } },
    );
  });
  return getAgreementSettings(ctx);
}

/**
 * Suspends every active agreement past its review date, when the partnership chose so. Each
 * suspension is a new version, bumps the partnership version and is audited, in one transaction.
 */
export async function suspendAgreementsPastReview(
  database: Database,
  now: Date,
  deps: { audit: AuditWriter },
): Promise<number> {
  const today = ukToday(now);
  // Agreements hold no person data: the timer needs no door, only its own transaction.
  return database.db.transaction().execute(async (tx) => {
    const settings = await loadAgreementSettings(tx);
    let suspended = 0;
    for (const r of await findCurrentAgreements(tx)) {
      if (!suspendsForReview(r.current, today, settings.autoSuspendPastReview)) continue;
      const version = r.current.version + 1;
      const moved = await appendVersion(tx, {
        ...r.current,
        version,
        status: 'suspended',
        changeNote: `Suspended automatically by Accord: the review due on ${r.current.reviewDate} has not been recorded.`,
        // The version keeps its last author; the audit entry below says Accord made the change.
        createdBy: r.current.createdBy,
        createdAt: now.toISOString(),
      });
      if (!moved) continue;
      await deps.audit.appendInTransaction(
        tx,
        [
          {
            action: 'agreement.review.suspend',
            outcome: 'success',
            actor: null,
            target: { type: 'agreement', id: r.id },
            details: { version, reviewDate: r.current.reviewDate },
          },
        ],
        now,
        null,
      );
      suspended += 1;
    }
    if (suspended > 0) await bumpPartnershipVersion(tx);
    return suspended;
  });
}
