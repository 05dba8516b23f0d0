/** Exporting a person's consent as FHIR R4, and capturing consent from a partner's FHIR resource. */
import type { z } from 'zod';
import {
  type ConsentStatusCode,
  type ConsentView,
  consentCaptureSchema,
  consentDecisionSchema,
} from '../../../contracts/consent.ts';
import type { FieldError } from '../../../contracts/errors.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditActor, type ServiceContext, todayOf } from '../../service-context.ts';
import type { PersonRow } from '../people/people.tables.ts';
import { findCurrentConsent, findOrganisations } from './consent.repository.ts';
import { captureConsent, refuseConsent, withdrawConsent } from './consent.service.ts';
import { isReviewDue, parseProvisions } from './consent.ts';
import { CONSENT_ROLES, type KnownPerson, knownPerson, requireRole } from './consent-access.ts';
import { FHIR_EXTENSIONS, type FhirConsent, toFhirConsent } from './consent-fhir.ts';
import { fromFhirConsent } from './consent-fhir-import.ts';

/** The person's current consent as a resource; the care team is who routine coordination reaches today. */
async function currentConsentResource(
  ctx: ServiceContext,
  known: KnownPerson,
): Promise<{ resource: FhirConsent; consentId: string }> {
  const { db } = ctx.database;
  const row = await findCurrentConsent(known.scope);
  if (!row) throw new NotFoundError('Consent');
  const provisions = parseProvisions(row.provisions);
  const careTeam = known.careTeam.filter((m) => m.current).map((m) => m.organisationId);
  const organisations = await findOrganisations(db, [
    row.captured_by_org_id,
    ...careTeam,
    ...provisions.flatMap((p) => (p.organisationId ? [p.organisationId] : [])),
  ]);
  const resource = toFhirConsent(
    {
      id: row.id,
      version: row.version,
      status: row.status as ConsentStatusCode,
      capacity: row.capacity === 'LACKS_CAPACITY' ? 'LACKS_CAPACITY' : 'HAS_CAPACITY',
      bestInterestsDecision: row.best_interests_decision,
      decisionMaker: row.decision_maker,
      explanation: row.explanation,
      capturedAt: row.captured_at,
      recordedAt: row.recorded_at,
      capturedByOrganisationId: row.captured_by_org_id,
      reviewDate: row.review_date,
      reviewDue: isReviewDue(row, todayOf(ctx)),
      provisions,
    },
    { nhsNumber: known.person.nhs_number },
    organisations,
    careTeam,
  );
  return { resource, consentId: row.id };
}

/** The person's current consent as a FHIR R4 Consent resource. */
export async function exportConsentFhir(ctx: ServiceContext, personId: string): Promise<FhirConsent> {
  const known = await knownPerson(ctx, personId);
  const { resource, consentId } = await currentConsentResource(ctx, known);
  // The resource leaves Accord's screens for another system: recorded as an export of person data.
  await ctx.audit.append(
    [
      {
        action: 'consent.export.fhir',
        outcome: 'permit',
        actor: auditActor(ctx),
        personId,
        consentId,
        purpose: 'DIRECT_CARE',
        recipientOrganisationId: ctx.principal.organisationId,
        breakGlassGrantId: known.breakGlassGrantId,
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return resource;
}

const EXTENSION_OF: Readonly<Record<string, string>> = {
  capacity: FHIR_EXTENSIONS.capacity,
  bestInterestsDecision: FHIR_EXTENSIONS.bestInterests,
  decisionMaker: FHIR_EXTENSIONS.decisionMaker,
  explanation: FHIR_EXTENSIONS.explanation,
  reviewDate: FHIR_EXTENSIONS.reviewDate,
};

/** Renames a capture field (e.g. `body.provisions.2.organisationId`) to where it is in the resource. */
function inResource(error: FieldError): FieldError {
  const provision = /^body\.provisions\.(\d+)(?:\.(\w+))?/.exec(error.field);
  if (provision) {
    const base = `body.provision.provision[${provision[1]}]`;
    if (provision[2] === 'organisationId') return { ...error, field: `${base}.actor[0].reference.reference` };
    if (provision[2] === 'categories') return { ...error, field: `${base}.class` };
    return { ...error, field: base };
  }
  if (error.field === 'body.provisions') return { ...error, field: 'body.provision.provision' };
  const name = error.field.replace(/^body\./, '');
  const url = EXTENSION_OF[name];
  return url ? { field: 'body.extension', message: `${error.message} (extension ${url})` } : error;
}

/** The value checked against the same contract the capture form uses, problems named in the resource. */
function checked<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    parsed.error.issues.map((i) =>
      inResource({ field: ['body', ...i.path.map(String)].join('.'), message: i.message }),
    ),
  );
}

/**
 * Captures (or refuses, or withdraws) consent from a FHIR R4 Consent resource for this person, and
 * answers with the consent now recorded, as a FHIR resource: what Accord made of what was sent.
 */
export async function importConsentFhir(
  ctx: ServiceContext,
  personId: string,
  resource: unknown,
): Promise<FhirConsent> {
  requireRole(ctx, CONSENT_ROLES, 'Only care coordinators, clinicians and service managers record consent.');
  const known = await knownPerson(ctx, personId);
  await recordImported(ctx, known.person, resource);
  // The author is shown what they recorded: the capture is audited as the change, not as an export.
  return (await currentConsentResource(ctx, known)).resource;
}

async function recordImported(
  ctx: ServiceContext,
  person: PersonRow,
  resource: unknown,
): Promise<ConsentView> {
  const personId = person.id;
  const read = fromFhirConsent(resource);
  if (!read.ok) throw new ValidationError(read.errors.map((e) => ({ ...e, field: `body.${e.field}` })));
  const consent = read.consent;
  if (consent.nhsNumber === null)
    throw new ValidationError([
      {
        field: 'body.patient.identifier',
        message: 'must carry the NHS number (https://fhir.nhs.uk/Id/nhs-number)',
      },
    ]);
  // The resource must be about this person: a consent filed against the wrong record would open it.
  if (consent.nhsNumber !== person.nhs_number)
    throw new ValidationError([
      { field: 'body.patient.identifier.value', message: 'does not match this person’s NHS number' },
    ]);
  const decision = {
    capacity: consent.capacity ?? undefined,
    bestInterestsDecision: consent.bestInterestsDecision,
    decisionMaker: consent.decisionMaker,
    explanation: consent.explanation ?? undefined,
    reviewDate: consent.reviewDate ?? undefined,
  };
  try {
    if (consent.status === 'given') {
      const provisions = consent.provisions.map((p) => ({
        kind: p.kind,
        organisationId: p.organisationId,
        categories: p.categories,
      }));
      return await captureConsent(ctx, personId, checked(consentCaptureSchema, { ...decision, provisions }));
    }
    const input = checked(consentDecisionSchema, decision);
    return consent.status === 'refused'
      ? await refuseConsent(ctx, personId, input)
      : await withdrawConsent(ctx, personId, input);
  } catch (error) {
    if (error instanceof ValidationError && error.errors)
      throw new ValidationError(error.errors.map(inResource));
    throw error;
  }
}
