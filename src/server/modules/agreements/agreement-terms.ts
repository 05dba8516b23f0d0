/** Turns validated agreement input into terms, and names the organisation ids it refers to. */
import type { AgreementInput, AgreementUpdate } from '../../../contracts/agreements.ts';
import type { AgreementTerms } from './agreements.ts';

/** The terms an input describes; whatever it leaves out is recorded as not yet filled in. */
export function termsFromInput(input: AgreementInput | AgreementUpdate): AgreementTerms {
  return {
    title: input.title,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    reviewDate: input.reviewDate ?? null,
    parties: (input.parties ?? []).map((p) => ({
      organisationId: p.organisationId,
      role: p.role,
      article6Basis: p.article6Basis ?? null,
    })),
    grants: (input.grants ?? []).map((g) => ({
      fromOrganisationId: g.fromOrganisationId,
      toOrganisationId: g.toOrganisationId,
      purpose: g.purpose,
      categories: [...g.categories],
    })),
    article6Basis: input.article6Basis ?? null,
    article9Condition: input.article9Condition ?? null,
    dpaSchedule1Condition: input.dpaSchedule1Condition ?? null,
    commonLawBasis: input.commonLawBasis ?? null,
    retention: {
      period: input.retention?.period ?? null,
      trigger: input.retention?.trigger ?? null,
      method: input.retention?.method ?? null,
    },
    securityControls: input.securityControls ?? null,
    incidentEscalation: {
      route: input.incidentEscalation?.route ?? null,
      contacts: [...(input.incidentEscalation?.contacts ?? [])],
      timescaleHours: input.incidentEscalation?.timescaleHours ?? null,
    },
    signatories: (input.signatories ?? []).map((s) => ({
      name: s.name,
      role: s.role,
      organisationId: s.organisationId,
      signedOn: s.signedOn,
    })),
    dataSubjects: input.dataSubjects ?? null,
    dpiaReference: input.dpiaReference ?? null,
    nationalDataOptOutApplies: input.nationalDataOptOutApplies ?? null,
    nationalDataOptOutRationale: input.nationalDataOptOutRationale ?? null,
  };
}

/** Each organisation id the terms refer to, with the input field that holds it. */
export function organisationReferences(terms: AgreementTerms): { field: string; id: string }[] {
  return [
    ...terms.parties.map((p, i) => ({ field: `parties.${i}.organisationId`, id: p.organisationId })),
    ...terms.grants.flatMap((g, i) => [
      { field: `grants.${i}.fromOrganisationId`, id: g.fromOrganisationId },
      { field: `grants.${i}.toOrganisationId`, id: g.toOrganisationId },
    ]),
    ...terms.signatories.map((s, i) => ({ field: `signatories.${i}.organisationId`, id: s.organisationId })),
  ];
}
