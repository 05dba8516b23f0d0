/** Test factories: a complete agreement between two organisations, with overrides. */
import type { AgreementInput } from '../../../contracts/agreements.ts';

/** The two parties of a factory agreement: `from` shares with `to`. */
export interface FactoryParties {
  readonly from: string;
  readonly to: string;
}

/** Input for an agreement with every field activation needs; `from` shares care data with `to`. */
export function completeAgreementInput(
  parties: FactoryParties,
  overrides: Partial<AgreementInput> = {},
): AgreementInput {
  return {
    title: 'Test integrated care agreement',
    startDate: '2030-01-01',
    endDate: null,
    reviewDate: '2031-01-01',
    parties: [
      { organisationId: parties.from, role: 'CONTROLLER' },
      { organisationId: parties.to, role: 'CONTROLLER', article6Basis: 'A6_EA_RECOGNISED_LI' },
    ],
    grants: [
      {
        fromOrganisationId: parties.from,
        toOrganisationId: parties.to,
        purpose: 'DIRECT_CARE',
        categories: ['RISK_SUMMARY', 'CRISIS_PLAN'],
      },
    ],
    article6Basis: 'A6_E_PUBLIC_TASK',
    article9Condition: 'A9_H_HEALTH_SOCIAL_CARE',
    dpaSchedule1Condition: 'Part 1 paragraph 2 (health or social care purposes)',
    commonLawBasis: 'CLDC_IMPLIED_CONSENT',
    retention: {
      period: '20 years after last contact',
      trigger: 'End of care',
      method: 'Secure deletion',
    },
    securityControls: 'Role-based access, MFA, encryption in transit and at rest.',
    incidentEscalation: {
      route: 'Receiving party IG lead to owning party DPO',
      contacts: ['Trust IG team'],
      timescaleHours: 24,
    },
    signatories: [
      { name: 'A Signer', role: 'SIRO', organisationId: parties.from, signedOn: '2029-12-01' },
      { name: 'B Signer', role: 'Director', organisationId: parties.to, signedOn: '2029-12-02' },
    ],
    dataSubjects: 'Adults supported by both parties',
    dpiaReference: null,
    nationalDataOptOutApplies: false,
    nationalDataOptOutRationale: 'Individual care: the national data opt-out does not apply.',
    ...overrides,
  };
}
