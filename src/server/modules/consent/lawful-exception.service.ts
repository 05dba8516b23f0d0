/**
 * Sharing without consent: immediate safety, safeguarding, vital interests or a legal duty. Each is
 * recorded with its legal basis, rationale and who decided (Caldicott principle 7 and the common
 * law's public-interest test both demand a documented, proportionate decision) and goes on the IG
 * lead's exception review queue.
 */
import type { LawfulExceptionDto, LawfulExceptionInput } from '../../../contracts/consent.ts';
import type { FieldError } from '../../../contracts/errors.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { writePerson } from '../access/index.ts';
import { presentException } from './consent.presenter.ts';
import { findLawfulExceptionsById, findOrganisations, insertLawfulException } from './consent.repository.ts';
import { knownPerson, LAWFUL_EXCEPTION_ROLES, requireRole } from './consent-access.ts';
import { queueExceptionReview } from './exception-review.service.ts';

const NOT_CONSENT = 'cannot be consent: a lawful exception is sharing without consent';

/** Bases that would contradict "without consent", and other checks the schema cannot make. */
function exceptionProblems(input: LawfulExceptionInput, validFrom: string): FieldError[] {
  const problems: FieldError[] = [];
  if (input.article6 === 'A6_A_CONSENT') problems.push({ field: 'body.article6', message: NOT_CONSENT });
  if (input.article9 === 'A9_A_EXPLICIT_CONSENT')
    problems.push({ field: 'body.article9', message: NOT_CONSENT });
  if (input.commonLaw === 'CLDC_IMPLIED_CONSENT' || input.commonLaw === 'CLDC_EXPLICIT_CONSENT')
    problems.push({ field: 'body.commonLaw', message: NOT_CONSENT });
  if (input.validUntil && Date.parse(input.validUntil) <= Date.parse(validFrom))
    problems.push({ field: 'body.validUntil', message: 'must be after validFrom' });
  return problems;
}

/** Records a lawful exception for a person and queues it for the recording organisation's IG lead. */
export async function recordLawfulException(
  ctx: ServiceContext,
  personId: string,
  input: LawfulExceptionInput,
): Promise<LawfulExceptionDto> {
  requireRole(
    ctx,
    LAWFUL_EXCEPTION_ROLES,
    'Only care coordinators, clinicians, duty workers and safeguarding leads record lawful exceptions.',
  );
  const { db } = ctx.database;
  const known = await knownPerson(ctx, personId);
  const now = ctx.now.toISOString();
  // Stored instants share one shape so they compare correctly as text.
  const validFrom = input.validFrom ? new Date(input.validFrom).toISOString() : now;
  const validUntil = input.validUntil ? new Date(input.validUntil).toISOString() : null;
  const problems = exceptionProblems(input, validFrom);
  if (input.recipientOrganisationId) {
    const found = await findOrganisations(db, [input.recipientOrganisationId]);
    if (found.length === 0)
      problems.push({ field: 'body.recipientOrganisationId', message: 'no organisation has this id' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const id = crypto.randomUUID();
  await writePerson(ctx, personId, {}, async (write) => {
    const tx = write.tx;
    await insertLawfulException(write, {
      id,
      person_id: personId,
      ground: input.ground,
      article6: input.article6,
      article9: input.article9,
      common_law: input.commonLaw,
      recipient_org_id: input.recipientOrganisationId,
      categories: JSON.stringify(input.categories),
      valid_from: validFrom,
      valid_until: validUntil,
      rationale: input.rationale,
      decided_by: ctx.principal.staffId,
      decided_by_org_id: ctx.principal.organisationId,
      decided_at: now,
    });
    const review = await queueExceptionReview(write, {
      kind: 'LAWFUL_EXCEPTION',
      subjectId: id,
      personId,
      organisationId: ctx.principal.organisationId,
      at: now,
    });
    await auditChange(
      ctx,
      tx,
      'lawful_exception.record',
      { type: 'lawful_exception', id },
      {
        personId,
        exceptionId: id,
        categories: input.categories,
        recipientOrganisationId: input.recipientOrganisationId,
        details: {
          ground: input.ground,
          article6: input.article6,
          article9: input.article9,
          commonLaw: input.commonLaw,
          exceptionReviewId: review.id,
        },
      },
    );
  });
  const [row] = await findLawfulExceptionsById(known.scope, [id]);
  if (!row) throw new NotFoundError('Lawful exception');
  return presentException(row);
}
