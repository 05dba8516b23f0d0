/**
 * Demo safeguarding: open concerns at the council and the trust with protective actions (one
 * overdue, one done), last week's huddle reviews and a case conference held ten days ago.
 */
import type { ConcernInput } from '../../contracts/safeguarding.ts';
import type { FullTx } from '../db/database.ts';
import { type SystemAccess, systemTx } from '../db/system-db.ts';
import {
  insertActions,
  insertConcern,
  insertConference,
  insertHuddleReview,
  NO_ACTION_DUE,
  refreshActionDueKey,
} from '../modules/signals/safeguarding.repository.ts';
import type { SafeguardingActionRow } from '../modules/signals/safeguarding.tables.ts';
import { dueAtOf } from '../modules/signals/safeguarding.ts';
import { DAY_MS, daysBefore, startOfUtcDay } from './demo-dates.ts';
import { demoId, organisationId, staffId, teamId } from './demo-ids.ts';

type ConcernFields = Omit<ConcernInput, 'protectiveActions' | 'leadStaffId'>;

interface DemoAction {
  readonly description: string;
  readonly owner: string;
  /** Days from today (negative: already past). */
  readonly dueIn: number;
  readonly doneAgo?: number;
  readonly outcome?: string;
}

interface DemoConcern {
  readonly key: string;
  readonly lead: string;
  readonly organisation: string;
  readonly recordedAgo: number;
  readonly fields: ConcernFields;
  readonly actions: readonly DemoAction[];
}

const COUNCIL_CONCERNS: readonly DemoConcern[] = [
  {
    key: 'financial',
    lead: 'sg.mark',
    organisation: 'council',
    recordedAgo: 12,
    fields: {
      enquiryType: 'S42_ENQUIRY',
      abuseTypes: ['FINANCIAL_MATERIAL', 'PSYCHOLOGICAL'],
      s42: { careAndSupportNeeds: true, atRiskOfAbuseOrNeglect: true, unableToProtectSelf: true },
      sourceOfRisk: 'OTHER_KNOWN_TO_INDIVIDUAL',
      locationOfRisk: 'Own home (supported tenancy)',
      immediateActions: 'Bank asked to flag the account; the tenancy officer told to visit only in pairs.',
      adultViews: 'Wants to keep seeing her nephew but does not want him to have her card.',
      desiredOutcomes: 'To keep control of her own money and feel safe at home.',
      capacity: {
        assessment: 'HAS_CAPACITY',
        notes: 'Understands the risk and the choices; assessed by the AMHP.',
      },
      advocacy: { needed: true, notes: 'Independent advocate requested for the enquiry meetings.' },
      police: { involved: false },
      sharing: [],
    },
    actions: [
      { description: 'Joint visit to check post and arrears letters', owner: 'ho.kerry', dueIn: -3 },
      { description: 'Refer to the appointee scheme', owner: 'sg.mark', dueIn: 4 },
      {
        description: 'Call the bank’s vulnerable customer team',
        owner: 'sg.mark',
        dueIn: -6,
        doneAgo: 8,
        outcome: 'Account flagged; new card sent to the office.',
      },
    ],
  },
  {
    key: 'exploitation',
    lead: 'sg.mark',
    organisation: 'council',
    recordedAgo: 5,
    fields: {
      enquiryType: 'CONCERN',
      abuseTypes: ['MODERN_SLAVERY', 'PHYSICAL'],
      s42: { careAndSupportNeeds: true, atRiskOfAbuseOrNeglect: true, unableToProtectSelf: true },
      sourceOfRisk: 'OTHER_UNKNOWN_TO_INDIVIDUAL',
      locationOfRisk: 'His flat is being used by people he does not know (suspected cuckooing)',
      immediateActions: 'Police informed the same day; emergency move discussed with housing.',
      adultViews: 'Frightened; wants the visitors gone but fears reprisals if he speaks to the police.',
      desiredOutcomes: 'To be safe at home, or moved somewhere they cannot find him.',
      capacity: { assessment: 'HAS_CAPACITY' },
      advocacy: { needed: false },
      police: { involved: true, reference: 'NP-24-118273' },
      sharing: [],
    },
    actions: [
      { description: 'Multi-agency risk meeting with police and housing', owner: 'sg.mark', dueIn: 2 },
    ],
  },
  {
    key: 'self-neglect',
    lead: 'sg.mark',
    organisation: 'council',
    recordedAgo: 20,
    fields: {
      enquiryType: 'OTHER_ENQUIRY',
      abuseTypes: ['SELF_NEGLECT'],
      s42: { careAndSupportNeeds: true, atRiskOfAbuseOrNeglect: true, unableToProtectSelf: false },
      sourceOfRisk: 'OTHER_KNOWN_TO_INDIVIDUAL',
      locationOfRisk: 'Own home',
      immediateActions: 'Food parcel delivered; GP asked for a physical health check.',
      adultViews: 'Does not see a problem with the flat but agrees to let the social worker visit.',
      desiredOutcomes: 'To stay in his own home.',
      capacity: {
        assessment: 'NOT_YET_ASSESSED',
        notes: 'Capacity about the home to be assessed at the next visit.',
      },
      advocacy: { needed: false },
      police: { involved: false },
      sharing: [],
    },
    actions: [{ description: 'Capacity assessment about living at home', owner: 'sw.ben', dueIn: 6 }],
  },
];

const TRUST_CONCERN: DemoConcern = {
  key: 'domestic',
  lead: 'sg.farah',
  organisation: 'trust',
  recordedAgo: 3,
  fields: {
    enquiryType: 'CONCERN',
    abuseTypes: ['DOMESTIC'],
    s42: { careAndSupportNeeds: true, atRiskOfAbuseOrNeglect: true, unableToProtectSelf: true },
    sourceOfRisk: 'OTHER_KNOWN_TO_INDIVIDUAL',
    locationOfRisk: 'Shared home with partner',
    immediateActions:
      'DASH risk assessment completed; referred to the independent domestic violence adviser.',
    adultViews: 'Wants support but not police involvement for now.',
    desiredOutcomes: 'To be safe and to keep her tenancy.',
    capacity: { assessment: 'HAS_CAPACITY' },
    advocacy: { needed: true, notes: 'IDVA allocated.' },
    police: { involved: false },
    sharing: [],
  },
  actions: [{ description: 'Safety planning session with the IDVA', owner: 'sg.farah', dueIn: 3 }],
};

/** People a safeguarding lead is named on, with who else is on their care team, in id order. */
async function peopleOf(
  tx: FullTx,
  lead: string,
): Promise<{ personId: string; housing: boolean; amara: boolean }[]> {
  const named = await tx
    .selectFrom('care_team_memberships')
    .select('person_id')
    .distinct()
    .where('staff_id', '=', staffId(lead))
    .where('end_date', 'is', null)
    .orderBy('person_id')
    .execute();
  const ids = named.map((r) => r.person_id);
  if (ids.length === 0) return [];
  const team = await tx
    .selectFrom('care_team_memberships')
    .select(['person_id', 'staff_id', 'team_id'])
    .where('person_id', 'in', ids)
    .where('end_date', 'is', null)
    .execute();
  // One pass over the team rows: a lead can be named on thousands of people in a large demo.
  const kerry = staffId('ho.kerry');
  const tenancy = teamId('tenancy');
  const amara = staffId('cc.amara');
  const housing = new Set<string>();
  const withAmara = new Set<string>();
  for (const m of team) {
    if (m.staff_id === kerry || m.team_id === tenancy) housing.add(m.person_id);
    if (m.staff_id === amara) withAmara.add(m.person_id);
  }
  return ids.map((personId) => ({
    personId,
    housing: housing.has(personId),
    amara: withAmara.has(personId),
  }));
}

function instant(dayMs: number, daysAgo: number, hour: number): string {
  return new Date(dayMs - daysAgo * DAY_MS + hour * 3_600_000).toISOString();
}

async function seedConcern(
  system: SystemAccess,
  dayMs: number,
  c: DemoConcern,
  personId: string,
): Promise<string> {
  const id = demoId(`safeguarding:concern:${c.key}`);
  const at = instant(dayMs, c.recordedAgo, 10);
  const f = c.fields;
  await insertConcern(system, {
    id,
    person_id: personId,
    organisation_id: organisationId(c.organisation),
    lead_staff_id: staffId(c.lead),
    status: 'open',
    enquiry_type: f.enquiryType,
    abuse_types: f.abuseTypes.join(','),
    s42_care_needs: f.s42.careAndSupportNeeds ? 1 : 0,
    s42_at_risk: f.s42.atRiskOfAbuseOrNeglect ? 1 : 0,
    s42_unable_to_protect: f.s42.unableToProtectSelf ? 1 : 0,
    source_of_risk: f.sourceOfRisk,
    location_of_risk: f.locationOfRisk,
    immediate_actions: f.immediateActions,
    adult_views: f.adultViews,
    desired_outcomes: f.desiredOutcomes,
    capacity: f.capacity.assessment,
    capacity_notes: f.capacity.notes ?? null,
    advocacy_needed: f.advocacy.needed ? 1 : 0,
    advocacy_notes: f.advocacy.notes ?? null,
    police_involved: f.police.involved ? 1 : 0,
    police_reference: f.police.reference ?? null,
    sharing: JSON.stringify(
      c.organisation === 'council'
        ? [
            {
              organisationId: organisationId('housing'),
              what: 'That a concern is open and visits are in pairs',
              why: 'Staff safety on visits',
            },
          ]
        : [],
    ),
    next_huddle_on: null,
    action_due_key: NO_ACTION_DUE,
    recorded_at: at,
    recorded_by: staffId(c.lead),
    updated_at: at,
    version: 1,
    closed_at: null,
  });
  await insertActions(
    system,
    c.actions.map((a, i) =>
      actionRow(dayMs, personId, c, a, i, { concernId: id, conferenceId: null, huddleReviewId: null }),
    ),
  );
  await refreshActionDueKey(system, id);
  return id;
}

function actionRow(
  dayMs: number,
  personId: string,
  c: DemoConcern,
  a: DemoAction,
  index: number,
  source: { concernId: string | null; conferenceId: string | null; huddleReviewId: string | null },
): SafeguardingActionRow {
  const due = daysBefore(dayMs, -a.dueIn);
  const done = a.doneAgo !== undefined;
  return {
    id: demoId(`safeguarding:action:${c.key}:${source.conferenceId ? 'conference' : 'concern'}:${index}`),
    person_id: personId,
    organisation_id: organisationId(c.organisation),
    concern_id: source.concernId,
    huddle_review_id: source.huddleReviewId,
    conference_id: source.conferenceId,
    description: a.description,
    owner_staff_id: staffId(a.owner),
    due_date: due,
    due_at: dueAtOf(due),
    status: done ? 'done' : 'open',
    created_at: instant(dayMs, c.recordedAgo, 11),
    created_by: staffId(c.lead),
    completed_at: done ? instant(dayMs, a.doneAgo ?? 0, 15) : null,
    completed_by: done ? staffId(a.owner) : null,
    outcome: done ? (a.outcome ?? null) : null,
  };
}

/** Seeds the demo's safeguarding inside the demo load's transaction. */
export async function seedDemoSafeguarding(full: FullTx, today: Date): Promise<void> {
  const system = systemTx(full, 'demo-loader');
  const dayMs = startOfUtcDay(today);
  const markPeople = await peopleOf(full, 'sg.mark');
  // The financial concern needs the tenancy officer on the care team: she owns its overdue action.
  const withHousing = markPeople.find((p) => p.housing && p.amara) ?? markPeople.find((p) => p.housing);
  const others = markPeople.filter((p) => p !== withHousing);
  const [financial, ...rest] = COUNCIL_CONCERNS;
  if (!financial || !withHousing) return;
  const financialId = await seedConcern(system, dayMs, financial, withHousing.personId);
  const ids: { id: string; personId: string }[] = [{ id: financialId, personId: withHousing.personId }];
  for (const [i, c] of rest.entries()) {
    const person = others[i];
    if (person)
      ids.push({ id: await seedConcern(system, dayMs, c, person.personId), personId: person.personId });
  }
  const farahPerson = (await peopleOf(full, 'sg.farah'))[0];
  if (farahPerson) await seedConcern(system, dayMs, TRUST_CONCERN, farahPerson.personId);

  // Last week's huddle reviewed each council concern recorded before it.
  for (const [i, { id, personId }] of ids.entries()) {
    const concern = COUNCIL_CONCERNS[i];
    if (!concern || concern.recordedAgo <= 7) continue;
    await insertHuddleReview(system, {
      id: demoId(`safeguarding:huddle:${concern.key}`),
      concern_id: id,
      person_id: personId,
      organisation_id: organisationId('council'),
      held_on: daysBefore(dayMs, 7),
      partner_contacts: JSON.stringify([
        {
          organisation: 'Wendle Valley Homes',
          contact: 'Kerry Walsh, tenancy officer',
          outcome: 'Visiting weekly in pairs',
        },
        {
          organisation: 'Northshire Mental Health NHS Foundation Trust',
          contact: 'Amara Okafor, care coordinator',
          outcome: 'Review brought forward',
        },
      ]),
      notes: 'Reviewed at the weekly huddle; plan unchanged.',
      next_huddle_on: daysBefore(dayMs, 0),
      recorded_at: instant(dayMs, 7, 14),
      recorded_by: staffId('sg.mark'),
    });
  }

  // The case conference about the financial concern, ten days ago.
  const conferenceId = demoId('safeguarding:conference:financial');
  await insertConference(system, {
    id: conferenceId,
    person_id: withHousing.personId,
    organisation_id: organisationId('council'),
    concern_id: financialId,
    held_on: daysBefore(dayMs, 10),
    attendees: JSON.stringify([
      {
        name: 'Mark Davies',
        organisationId: organisationId('council'),
        role: 'Adult safeguarding lead (chair)',
      },
      { name: 'Kerry Walsh', organisationId: organisationId('housing'), role: 'Tenancy sustainment officer' },
      { name: 'Amara Okafor', organisationId: organisationId('trust'), role: 'Care coordinator' },
    ]),
    person_views:
      'Joined for the first half with her advocate; wants her nephew told to stop asking for money.',
    shared: JSON.stringify([
      {
        categories: ['SAFEGUARDING', 'RISK_SUMMARY'],
        organisationId: organisationId('council'),
        basis: 'SAFEGUARDING_DUTY',
        rationale: 'Care Act s42 enquiry: sharing needed to protect her.',
      },
      {
        categories: ['RISK_SUMMARY'],
        organisationId: organisationId('trust'),
        basis: 'DATA_SHARING_AGREEMENT',
        rationale: 'Northshire safeguarding agreement.',
      },
    ]),
    decisions: JSON.stringify(['Open a section 42 enquiry', 'Housing visits in pairs until the review']),
    recorded_at: instant(dayMs, 10, 16),
    recorded_by: staffId('sg.mark'),
  });
  await insertActions(system, [
    actionRow(
      dayMs,
      withHousing.personId,
      financial,
      { description: 'Bring the care programme review forward', owner: 'cc.amara', dueIn: 1 },
      0,
      { concernId: financialId, conferenceId, huddleReviewId: null },
    ),
  ]);
  await refreshActionDueKey(system, financialId);
}
