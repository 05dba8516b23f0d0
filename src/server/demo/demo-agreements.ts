/**
 * The Northshire demo's data sharing agreements: three active and complete (integrated care,
 * crisis response, safeguarding), one draft still missing its lawful bases, and one terminated
 * pilot. Dated relative to the demo's "today" so the demo reads the same whenever it is loaded.
 */
import type { AgreementStatus, DataCategory, Purpose } from '../../contracts/enums.ts';
import type { Db } from '../db/database.ts';
import type { AgreementGrant } from '../modules/access/index.ts';
import { insertVersion } from '../modules/agreements/agreements.repository.ts';
import {
  type AgreementDocument,
  type AgreementParty,
  type AgreementSignatory,
  type AgreementTerms,
  EMPTY_DOCUMENT,
  missingForActivation,
} from '../modules/agreements/agreements.ts';
import { daysBefore, startOfUtcDay } from './demo-dates.ts';
import { demoId, organisationId as org, staffId } from './demo-ids.ts';

const CARE: readonly Purpose[] = ['DIRECT_CARE', 'CARE_COORDINATION'];
const BASE: readonly DataCategory[] = [
  'RISK_SUMMARY',
  'CRISIS_PLAN',
  'SUPPORT_INSTRUCTIONS',
  'CONTACTS_CARERS',
];
const FROM_PARTNER: readonly DataCategory[] = [
  'RISK_SUMMARY',
  'SUPPORT_INSTRUCTIONS',
  'CARE_PLAN',
  'SERVICE_USE',
  'INCIDENTS',
];
const COUNCIL: readonly DataCategory[] = [...BASE, 'CARE_PLAN', 'OUTCOMES', 'SERVICE_USE', 'ASSESSMENT'];
const GP: readonly DataCategory[] = [...BASE, 'MEDICATION', 'DIAGNOSIS', 'ASSESSMENT', 'INCIDENTS'];

/** One grant per purpose for the direction. */
function share(
  from: string,
  to: string,
  purposes: readonly Purpose[],
  categories: readonly DataCategory[],
): AgreementGrant[] {
  return purposes.map((purpose) => ({
    fromOrganisationId: org(from),
    toOrganisationId: org(to),
    purpose,
    categories: [...new Set(categories)],
  }));
}

/** Grants in every direction among the organisations. */
function amongAll(keys: readonly string[], purpose: Purpose, categories: readonly DataCategory[]) {
  return keys.flatMap((from) =>
    keys.filter((to) => to !== from).flatMap((to) => share(from, to, [purpose], categories)),
  );
}

function party(key: string, article6Basis: AgreementParty['article6Basis'] = null): AgreementParty {
  return { organisationId: org(key), role: 'JOINT_CONTROLLER', article6Basis };
}

/** Joint controllers; housing and voluntary partners are not public bodies, so rely on Art 6(1)(ea). */
function jointControllers(keys: readonly string[]): AgreementParty[] {
  return keys.map((k) =>
    party(k, k === 'housing' || k === 'vcs' || k === 'crisis' ? 'A6_EA_RECOGNISED_LI' : null),
  );
}

const SIGNATORIES: Readonly<Record<string, Omit<AgreementSignatory, 'organisationId' | 'signedOn'>>> = {
  trust: { name: 'Dr Ravi Menon', role: 'Caldicott Guardian' },
  council: { name: 'Sophie Wright', role: 'Caldicott Guardian' },
  housing: { name: 'Ian Thompson', role: 'Tenancy Services Manager and Data Protection Lead' },
  vcs: { name: 'Ruth Ellison', role: 'Services Manager and Data Protection Lead' },
  crisis: { name: 'Zoe Hart', role: 'Sanctuary Manager and Data Protection Lead' },
  gp: { name: 'Dr Hannah Lewis', role: 'Caldicott Guardian' },
};

function signed(keys: readonly string[], signedOn: string): AgreementSignatory[] {
  return keys.map((key) => ({
    name: SIGNATORIES[key]?.name ?? key,
    role: SIGNATORIES[key]?.role ?? 'Signatory',
    organisationId: org(key),
    signedOn,
  }));
}

/** What every demo agreement for care shares: direct-care bases (domain reference 1.5) and controls. */
const CARE_TERMS: AgreementDocument = {
  ...EMPTY_DOCUMENT,
  article6Basis: 'A6_E_PUBLIC_TASK',
  article9Condition: 'A9_H_HEALTH_SOCIAL_CARE',
  dpaSchedule1Condition: 'Schedule 1 Part 1 paragraph 2 (health or social care purposes)',
  commonLawBasis: 'CLDC_IMPLIED_CONSENT',
  retention: {
    period: 'Each party’s records schedule; mental health records 20 years after last contact',
    trigger: 'End of the person’s care with the receiving party',
    method: 'Secure deletion from partner systems; paper copies cross-cut shredded',
  },
  securityControls:
    'Accord role-based access with care-team checks, individual accounts, MFA for remote access, ' +
    'encryption in transit and at rest, DSPT standards met by every party, quarterly access audit.',
  incidentEscalation: {
    route: 'Finder tells the owning party’s DPO, who decides on ICO notification (UK GDPR Art 33)',
    contacts: ['Trust Information Governance Team', 'Council Data Protection Officer'],
    timescaleHours: 24,
  },
  nationalDataOptOutApplies: false,
  nationalDataOptOutRationale: 'Individual care: the national data opt-out does not apply to direct care.',
};

/** One agreement to seed and the statuses it went through, with the day (days before today) of each. */
interface DemoAgreement {
  readonly key: string;
  readonly reference: string;
  readonly author: string;
  /** Each status it was given: the status, how many days before today, and the change note. */
  readonly history: readonly (readonly [AgreementStatus, number, string])[];
  readonly terms: AgreementTerms;
}

function agreements(today: number): DemoAgreement[] {
  const day = (daysAgo: number) => daysBefore(today, daysAgo);
  const year = (daysAgo: number) => day(daysAgo).slice(0, 4);
  const careParties = ['trust', 'council', 'housing', 'vcs', 'crisis', 'gp'];
  return [
    {
      key: 'wellbeing-pilot',
      reference: `DSA-${year(1095)}-001`,
      author: 'ig.priya',
      history: [
        ['draft', 1125, 'Drafted for the wellbeing hub pilot'],
        ['active', 1095, 'Signed by both parties'],
        ['terminated', 400, 'Pilot ended; replaced by the integrated care agreement'],
      ],
      terms: {
        ...CARE_TERMS,
        title: 'Lantern Wellbeing Hub Pilot',
        startDate: day(1095),
        endDate: day(400),
        reviewDate: day(730),
        parties: [party('trust'), party('vcs', 'A6_F_LEGITIMATE_INTERESTS')],
        grants: share('trust', 'vcs', ['DIRECT_CARE'], ['RISK_SUMMARY', 'SUPPORT_INSTRUCTIONS']),
        signatories: signed(['trust', 'vcs'], day(1100)),
        dataSubjects: 'Adults referred to the wellbeing hub pilot by the community mental health team',
      },
    },
    {
      key: 'integrated-care',
      reference: `DSA-${year(420)}-002`,
      author: 'ig.priya',
      history: [
        ['draft', 465, 'Drafted by the partnership IG group'],
        ['active', 420, 'Signed by all six parties at the partnership board'],
      ],
      terms: {
        ...CARE_TERMS,
        title: 'Northshire Integrated Mental Health Care',
        startDate: day(420),
        endDate: day(420 - 3 * 365),
        reviewDate: day(-130),
        parties: jointControllers(careParties),
        grants: [
          ...['housing', 'vcs', 'crisis'].flatMap((to) => share('trust', to, CARE, BASE)),
          ...share('trust', 'council', CARE, COUNCIL),
          ...share('council', 'trust', CARE, [...COUNCIL, ...FROM_PARTNER]),
          ...share('trust', 'gp', CARE, GP),
          ...share('gp', 'trust', CARE, GP),
          ...['housing', 'vcs'].flatMap((from) => share(from, 'trust', CARE, FROM_PARTNER)),
          ...share('crisis', 'trust', CARE, [...FROM_PARTNER, 'CRISIS_PLAN']),
        ],
        signatories: signed(careParties, day(425)),
        dataSubjects: 'Adults open to Northshire community mental health services and supported by a partner',
        dpiaReference: `DPIA-${year(470)}-007`,
      },
    },
    {
      key: 'crisis-response',
      reference: `DSA-${year(200)}-003`,
      author: 'ig.priya',
      history: [
        ['draft', 230, 'Drafted with Harbour House'],
        ['active', 200, 'Signed by all three parties'],
      ],
      terms: {
        ...CARE_TERMS,
        title: 'Northshire Crisis Response',
        startDate: day(200),
        endDate: day(200 - 2 * 365),
        // Past its review date: flagged overdue in the parties' IG leads' worklists.
        reviewDate: day(3),
        parties: jointControllers(['trust', 'crisis', 'council']),
        grants: amongAll(['trust', 'crisis', 'council'], 'CRISIS_RESPONSE', [
          'RISK_SUMMARY',
          'CRISIS_PLAN',
          'CONTACTS_CARERS',
          'MEDICATION',
        ]),
        signatories: signed(['trust', 'crisis', 'council'], day(205)),
        dataSubjects:
          'Adults in mental health crisis seen by the crisis team, sanctuary or out-of-hours social work',
        incidentEscalation: { ...CARE_TERMS.incidentEscalation, timescaleHours: 12 },
      },
    },
    {
      key: 'safeguarding',
      reference: `DSA-${year(300)}-004`,
      author: 'ig.daniel',
      history: [
        ['draft', 330, 'Drafted for the Safeguarding Adults Board'],
        ['active', 300, 'Signed by all four parties'],
      ],
      terms: {
        ...CARE_TERMS,
        title: 'Northshire Safeguarding Adults Information Sharing',
        startDate: day(300),
        endDate: null,
        // Its review falls due within the month: in the parties' IG leads' worklists.
        reviewDate: day(-20),
        parties: jointControllers(['trust', 'council', 'housing', 'vcs']),
        grants: amongAll(['trust', 'council', 'housing', 'vcs'], 'SAFEGUARDING', [
          'SAFEGUARDING',
          'RISK_SUMMARY',
        ]),
        article6Basis: 'A6_E_PUBLIC_TASK',
        article9Condition: 'A9_G_SUBSTANTIAL_PUBLIC_INTEREST',
        dpaSchedule1Condition:
          'Schedule 1 Part 2 paragraph 18 (safeguarding of children and individuals at risk)',
        commonLawBasis: 'CLDC_OVERRIDING_PUBLIC_INTEREST',
        signatories: signed(['trust', 'council', 'housing', 'vcs'], day(305)),
        dataSubjects: 'Adults with care and support needs at risk of, or experiencing, abuse or neglect',
        nationalDataOptOutRationale:
          'Safeguarding as part of individual care: the national data opt-out does not apply.',
      },
    },
    {
      key: 'outcomes-reporting',
      reference: `DSA-${year(10)}-005`,
      author: 'ig.george',
      history: [['draft', 10, 'First draft for discussion']],
      terms: {
        ...EMPTY_DOCUMENT,
        title: 'Northshire Mental Health Outcomes Reporting',
        startDate: day(-60),
        endDate: null,
        reviewDate: null,
        parties: [party('trust'), party('council'), { ...party('icb'), role: 'CONTROLLER' }],
        grants: [
          ...share('trust', 'icb', ['COMMISSIONING'], ['OUTCOMES', 'SERVICE_USE']),
          ...share('council', 'icb', ['COMMISSIONING'], ['OUTCOMES', 'SERVICE_USE']),
        ],
        dataSubjects: 'Adults open to community mental health services (pseudonymised before disclosure)',
        dpiaReference: `DPIA-${year(10)}-019 (in progress)`,
      },
    },
  ];
}

/**
 * Inserts the demo agreements with their version histories; returns how many agreements it wrote.
 * Needs the Northshire organisations and staff in place (call it after the directory is loaded,
 * in the same transaction).
 */
export async function seedDemoAgreements(db: Db, now: Date): Promise<number> {
  const today = startOfUtcDay(now);
  const all = agreements(today);
  for (const a of all) {
    const first = a.history[0];
    const last = a.history.at(-1);
    if (!first || !last) continue;
    // The demo must show what the rule relies on: anything shown as having been active is complete.
    if (a.history.some(([status]) => status === 'active') && missingForActivation(a.terms).length > 0)
      throw new Error(`demo agreement ${a.key} is incomplete: ${missingForActivation(a.terms).join(', ')}`);
    const id = demoId(`agreement:${a.key}`);
    const at = (daysAgo: number) => `${daysBefore(today, daysAgo)}T09:30:00.000Z`;
    await db
      .insertInto('agreements')
      .values({
        id,
        reference: a.reference,
        current_version: a.history.length,
        status: last[0],
        created_at: at(first[1]),
        updated_at: at(last[1]),
      })
      .execute();
    for (const [index, [status, daysAgo, note]] of a.history.entries()) {
      await insertVersion(db, {
        ...a.terms,
        agreementId: id,
        version: index + 1,
        status,
        changeNote: note,
        createdBy: staffId(a.author),
        createdAt: at(daysAgo),
      });
    }
  }
  return all.length;
}
