/**
 * DPIAs: IG leads record them; the organisation's DPO signs them off with advice and the next
 * review date. Each measure's "in place" is measured from its control when the DPIA is read, so
 * it changes the moment the control does. Refused attempts are audited.
 */
import type { Dpia, DpiaInput, DpiaSignOffInput, DpiaSummary } from '../../../contracts/dpia.ts';
import type { FieldError } from '../../../contracts/errors.ts';
import type { Db } from '../../db/database.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { auditingRejection } from './agreement-lifecycle.service.ts';
import { findAgreement } from './agreements.repository.ts';
import { ukToday } from './agreements.ts';
import {
  type DpiaRecord,
  findDpia,
  findDpias,
  findDpiasForReview,
  insertDpia,
  isDpoOf,
  signOffDpia,
} from './dpia.repository.ts';
import { type ControlLink, overallRisk, parseControl } from './dpia.ts';
import { measureControls } from './dpia-controls.ts';

/** Days before its review date that a DPIA's review enters the worklist. */
export const DPIA_REVIEW_NOTICE_DAYS = 30;

interface StoredMitigation {
  risk: number;
  measure: string;
  effect: Dpia['mitigations'][number]['effect'];
  residual: Dpia['mitigations'][number]['residual'];
  control: ControlLink;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function reviewDueOn(ctx: ServiceContext, reviewDate: string): boolean {
  return reviewDate <= addDays(ukToday(ctx.now), DPIA_REVIEW_NOTICE_DAYS);
}

function mayRead(ctx: ServiceContext): boolean {
  return hasAnyRole(ctx.principal, ['ig_lead']);
}

async function present(ctx: ServiceContext, r: DpiaRecord): Promise<Dpia> {
  const risks = JSON.parse(r.risks) as {
    description: string;
    likelihood: Dpia['risks'][number]['likelihood'];
    severity: Dpia['risks'][number]['severity'];
  }[];
  const mitigations = JSON.parse(r.mitigations) as StoredMitigation[];
  const states = await measureControls(
    ctx.database.db,
    ctx.now,
    mitigations.map((m) => ({ link: m.control, organisationId: r.organisation_id })),
  );
  return {
    id: r.id,
    title: r.title,
    agreementId: r.agreement_id,
    organisationId: r.organisation_id,
    need: r.need,
    description: r.description,
    consultation: r.consultation,
    necessity: r.necessity,
    risks: risks.map((k, index) => ({ index, ...k, overall: overallRisk(k.likelihood, k.severity) })),
    mitigations: mitigations.map((m, i) => ({ ...m, state: states[i] ?? { inPlace: false, detail: '' } })),
    reviewDate: r.review_date,
    reviewDue: reviewDueOn(ctx, r.review_date),
    signOff:
      r.signed_off_by && r.signed_off_at
        ? {
            by: r.signed_off_by,
            byName: r.signer_name ?? '',
            advice: r.dpo_advice ?? '',
            adviceAccepted: Number(r.advice_accepted) === 1,
            at: r.signed_off_at,
          }
        : null,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** DPIAs by review date, each with how many of its measures are not in place now. */
export async function listDpias(ctx: ServiceContext): Promise<DpiaSummary[]> {
  if (!mayRead(ctx)) throw new ForbiddenError();
  const rows = await findDpias(ctx.database.db);
  const out: DpiaSummary[] = [];
  for (const r of rows) {
    const d = await present(ctx, r);
    out.push({
      id: d.id,
      title: d.title,
      organisationId: d.organisationId,
      reviewDate: d.reviewDate,
      reviewDue: d.reviewDue,
      signedOff: d.signOff !== null,
      mitigations: d.mitigations.length,
      notInPlace: d.mitigations.filter((m) => !m.state.inPlace).length,
    });
  }
  return out;
}

/** One DPIA with each measure's live state. */
export async function getDpia(ctx: ServiceContext, id: string): Promise<Dpia> {
  if (!mayRead(ctx)) throw new ForbiddenError();
  const row = await findDpia(ctx.database.db, id);
  if (!row) throw new NotFoundError('DPIA');
  return present(ctx, row);
}

async function checkInput(db: Db, input: DpiaInput): Promise<{ mitigations: StoredMitigation[] }> {
  const errors: FieldError[] = [];
  if (input.agreementId && !(await findAgreement(db, input.agreementId)))
    errors.push({ field: 'agreementId', message: 'must name an existing agreement' });
  const mitigations: StoredMitigation[] = [];
  for (const [i, m] of input.mitigations.entries()) {
    if (m.risk >= input.risks.length)
      errors.push({ field: `mitigations.${i}.risk`, message: 'must name one of the DPIA’s risks' });
    const parsed = parseControl(m.control, `mitigations.${i}.control`);
    if ('errors' in parsed) {
      errors.push(...parsed.errors);
      continue;
    }
    if (parsed.link.type === 'AGREEMENT_ACTIVE' && !(await findAgreement(db, parsed.link.params.agreementId)))
      errors.push({
        field: `mitigations.${i}.control.params.agreementId`,
        message: 'must name an existing agreement',
      });
    if (
      parsed.link.type === 'TRAINING_COMPLIANCE' &&
      parsed.link.params.organisationId &&
      !(await db
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', parsed.link.params.organisationId)
        .executeTakeFirst())
    )
      errors.push({
        field: `mitigations.${i}.control.params.organisationId`,
        message: 'must name an organisation',
      });
    mitigations.push({
      risk: m.risk,
      measure: m.measure,
      effect: m.effect,
      residual: m.residual,
      control: parsed.link,
    });
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return { mitigations };
}

/** Records a DPIA for the caller's organisation: IG leads only; every control link is checked. */
export async function createDpia(ctx: ServiceContext, input: DpiaInput): Promise<Dpia> {
  const id = crypto.randomUUID();
  const target = { type: 'dpia', id };
  await auditingRejection(ctx, 'dpia.create', target, async () => {
    if (!hasAnyRole(ctx.principal, ['ig_lead'])) throw new ForbiddenError('Only IG leads record DPIAs.');
    const { mitigations } = await checkInput(ctx.database.db, input);
    await ctx.database.db.transaction().execute(async (tx) => {
      await insertDpia(tx, {
        id,
        organisation_id: ctx.principal.organisationId,
        agreement_id: input.agreementId ?? null,
        title: input.title,
        need: input.need,
        description: input.description,
        consultation: input.consultation,
        necessity: input.necessity,
        risks: JSON.stringify(input.risks),
        mitigations: JSON.stringify(mitigations),
        review_date: input.reviewDate,
        signed_off_by: null,
        dpo_advice: null,
        advice_accepted: null,
        signed_off_at: null,
        created_by: ctx.principal.staffId,
        created_at: ctx.now.toISOString(),
      });
      await auditChange(ctx, tx, 'dpia.create', target, {
        details: { risks: input.risks.length, mitigations: mitigations.length },
      });
    });
  });
  return getDpia(ctx, id);
}

/** The DPO of the DPIA's organisation signs it off with their advice and the next review date. */
export async function signOff(ctx: ServiceContext, id: string, input: DpiaSignOffInput): Promise<Dpia> {
  const target = { type: 'dpia', id };
  await auditingRejection(ctx, 'dpia.sign_off', target, () =>
    ctx.database.db.transaction().execute(async (tx) => {
      const row = await findDpia(tx, id);
      if (!row) throw new NotFoundError('DPIA');
      if (!(await isDpoOf(tx, row.organisation_id, ctx.principal.staffId)))
        throw new ForbiddenError('Only the organisation’s Data Protection Officer signs off its DPIAs.');
      if (input.nextReviewDate <= ukToday(ctx.now))
        throw new ValidationError([{ field: 'nextReviewDate', message: 'must be in the future' }]);
      await signOffDpia(tx, id, {
        by: ctx.principal.staffId,
        advice: input.advice,
        adviceAccepted: input.adviceAccepted,
        at: ctx.now.toISOString(),
        reviewDate: input.nextReviewDate,
      });
      await auditChange(ctx, tx, 'dpia.sign_off', target, {
        details: { adviceAccepted: input.adviceAccepted, nextReviewDate: input.nextReviewDate },
      });
    }),
  );
  const row = await findDpia(ctx.database.db, id);
  if (!row) throw new NotFoundError('DPIA');
  return present(ctx, row);
}

/** A DPIA whose review is due or overdue, for a worklist. */
export interface DueDpiaReview {
  readonly id: string;
  readonly title: string;
  readonly reviewDate: string;
  readonly overdue: boolean;
}

/** Reviews of the caller's organisation's DPIAs due within the notice period or overdue; IG leads only. */
export async function dueDpiaReviewsFor(ctx: ServiceContext): Promise<DueDpiaReview[]> {
  if (!hasAnyRole(ctx.principal, ['ig_lead'])) return [];
  const today = ukToday(ctx.now);
  const rows = await findDpiasForReview(
    ctx.database.db,
    ctx.principal.organisationId,
    addDays(today, DPIA_REVIEW_NOTICE_DAYS),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    reviewDate: r.review_date,
    overdue: r.review_date < today,
  }));
}
