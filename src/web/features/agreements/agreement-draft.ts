import type { Agreement, AgreementInput, AgreementPartyRole } from '../../../contracts/agreements.ts';
import {
  ARTICLE_6_BASES,
  ARTICLE_9_CONDITIONS,
  COMMON_LAW_BASES,
  DATA_CATEGORIES,
  type DataCategory,
  PURPOSES,
} from '../../../contracts/enums.ts';

/** A party as edited: select values are strings until sent. */
export interface PartyDraft {
  organisationId: string;
  role: AgreementPartyRole;
  article6Basis: string;
}
/** A grant as edited. */
export interface GrantDraft {
  fromOrganisationId: string;
  toOrganisationId: string;
  purpose: string;
  categories: string[];
}
/** A signatory as edited. */
export interface SignatoryDraft {
  name: string;
  role: string;
  organisationId: string;
  signedOn: string;
}

/** The editor's state: every field as the form holds it. */
export interface AgreementDraft {
  title: string;
  dataSubjects: string;
  dpiaReference: string;
  startDate: string;
  endDate: string;
  reviewDate: string;
  parties: PartyDraft[];
  grants: GrantDraft[];
  article6Basis: string;
  article9Condition: string;
  dpaSchedule1Condition: string;
  commonLawBasis: string;
  retentionPeriod: string;
  retentionTrigger: string;
  retentionMethod: string;
  securityControls: string;
  incidentRoute: string;
  incidentContacts: string;
  incidentTimescaleHours: string;
  optOut: '' | 'yes' | 'no';
  optOutRationale: string;
  signatories: SignatoryDraft[];
  changeNote: string;
}

/** An empty agreement. */
export function emptyDraft(): AgreementDraft {
  return {
    title: '',
    dataSubjects: '',
    dpiaReference: '',
    startDate: '',
    endDate: '',
    reviewDate: '',
    parties: [],
    grants: [],
    article6Basis: '',
    article9Condition: '',
    dpaSchedule1Condition: '',
    commonLawBasis: '',
    retentionPeriod: '',
    retentionTrigger: '',
    retentionMethod: '',
    securityControls: '',
    incidentRoute: '',
    incidentContacts: '',
    incidentTimescaleHours: '',
    optOut: '',
    optOutRationale: '',
    signatories: [],
    changeNote: '',
  };
}

/** The editor's state for an existing agreement's current version. */
export function draftOf(a: Agreement): AgreementDraft {
  return {
    title: a.title,
    dataSubjects: a.dataSubjects ?? '',
    dpiaReference: a.dpiaReference ?? '',
    startDate: a.startDate ?? '',
    endDate: a.endDate ?? '',
    reviewDate: a.reviewDate ?? '',
    parties: a.parties.map((p) => ({
      organisationId: p.organisationId,
      role: p.role,
      article6Basis: p.article6Basis ?? '',
    })),
    grants: a.grants.map((g) => ({
      fromOrganisationId: g.fromOrganisationId,
      toOrganisationId: g.toOrganisationId,
      purpose: g.purpose,
      categories: [...g.categories],
    })),
    article6Basis: a.article6Basis ?? '',
    article9Condition: a.article9Condition ?? '',
    dpaSchedule1Condition: a.dpaSchedule1Condition ?? '',
    commonLawBasis: a.commonLawBasis ?? '',
    retentionPeriod: a.retention.period ?? '',
    retentionTrigger: a.retention.trigger ?? '',
    retentionMethod: a.retention.method ?? '',
    securityControls: a.securityControls ?? '',
    incidentRoute: a.incidentEscalation.route ?? '',
    incidentContacts: a.incidentEscalation.contacts.join('\n'),
    incidentTimescaleHours:
      a.incidentEscalation.timescaleHours === null ? '' : String(a.incidentEscalation.timescaleHours),
    optOut: a.nationalDataOptOutApplies === null ? '' : a.nationalDataOptOutApplies ? 'yes' : 'no',
    optOutRationale: a.nationalDataOptOutRationale ?? '',
    signatories: a.signatories.map((s) => ({
      name: s.name,
      role: s.role,
      organisationId: s.organisationId,
      signedOn: s.signedOn,
    })),
    changeNote: '',
  };
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());
const oneOf = <T extends string>(all: readonly T[], value: string): T | null =>
  all.find((v) => v === value) ?? null;

/**
 * The terms to send. Empty fields go as null (drafts may be incomplete); closed vocabularies are read
 * back from the enums so only known codes are sent. Rows left without an organisation are sent as
 * they are, so the server names them.
 */
export function termsOf(d: AgreementDraft): AgreementInput {
  const hours = d.incidentTimescaleHours.trim();
  const contacts = d.incidentContacts
    .split('\n')
    .map((c) => c.trim())
    .filter(Boolean);
  return {
    title: d.title.trim(),
    dataSubjects: orNull(d.dataSubjects),
    dpiaReference: orNull(d.dpiaReference),
    startDate: orNull(d.startDate),
    endDate: orNull(d.endDate),
    reviewDate: orNull(d.reviewDate),
    parties: d.parties.map((p) => ({
      organisationId: p.organisationId,
      role: p.role,
      article6Basis: oneOf(ARTICLE_6_BASES, p.article6Basis),
    })),
    grants: d.grants.map((g) => ({
      fromOrganisationId: g.fromOrganisationId,
      toOrganisationId: g.toOrganisationId,
      purpose: oneOf(PURPOSES, g.purpose) ?? 'DIRECT_CARE',
      categories: DATA_CATEGORIES.filter((c): c is DataCategory => g.categories.includes(c)),
    })),
    article6Basis: oneOf(ARTICLE_6_BASES, d.article6Basis),
    article9Condition: oneOf(ARTICLE_9_CONDITIONS, d.article9Condition),
    dpaSchedule1Condition: orNull(d.dpaSchedule1Condition),
    commonLawBasis: oneOf(COMMON_LAW_BASES, d.commonLawBasis),
    retention: {
      period: orNull(d.retentionPeriod),
      trigger: orNull(d.retentionTrigger),
      method: orNull(d.retentionMethod),
    },
    securityControls: orNull(d.securityControls),
    incidentEscalation: {
      route: orNull(d.incidentRoute),
      contacts: contacts.length > 0 ? contacts : null,
      timescaleHours: hours === '' ? null : Number(hours),
    },
    nationalDataOptOutApplies: d.optOut === '' ? null : d.optOut === 'yes',
    nationalDataOptOutRationale: orNull(d.optOutRationale),
    signatories: d.signatories.map((s) => ({
      name: s.name.trim(),
      role: s.role.trim(),
      organisationId: s.organisationId,
      signedOn: s.signedOn,
    })),
  };
}
