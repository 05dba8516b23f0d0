/**
 * Northshire: a fixed, fictional integrated mental health partnership for demos and walkthroughs.
 * Every place, organisation and person here is invented; codes use the unallocated `NX` prefix.
 */
import type { StaffRole } from '../../contracts/enums.ts';
import { NORTHSHIRE_STAFF } from './partnership-staff.ts';
import type { DemoGovernance, DemoOrganisation, DemoPartnership, DemoTeam } from './partnership-types.ts';

/** The partner organisations, one of every type. */
export const NORTHSHIRE_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    key: 'trust',
    name: 'Northshire Mental Health NHS Foundation Trust',
    type: 'NHS_TRUST',
    odsCode: 'NXT01',
  },
  { key: 'council', name: 'Northshire Council Adult Social Care', type: 'LOCAL_AUTHORITY', odsCode: 'NXC01' },
  { key: 'housing', name: 'Wendle Valley Homes', type: 'HOUSING_PROVIDER', odsCode: 'NXH01' },
  { key: 'vcs', name: 'Lantern Recovery Network', type: 'VOLUNTARY_SECTOR', odsCode: 'NXV01' },
  { key: 'crisis', name: 'Harbour House Crisis Sanctuary', type: 'CRISIS_SERVICE', odsCode: 'NXS01' },
  { key: 'gp', name: 'Kestrel Lane Surgery', type: 'GP_PRACTICE', odsCode: 'NXP001' },
  { key: 'icb', name: 'NHS Northshire Integrated Care Board', type: 'COMMISSIONER', odsCode: 'NXI01' },
];

/** Teams within the organisations. */
export const NORTHSHIRE_TEAMS: readonly DemoTeam[] = [
  {
    key: 'cmht',
    organisation: 'trust',
    name: 'Ashby Moor Community Mental Health Team',
    serviceType: 'Community mental health',
  },
  {
    key: 'crht',
    organisation: 'trust',
    name: 'Crisis Resolution and Home Treatment Team',
    serviceType: 'Crisis resolution and home treatment',
  },
  { key: 'ward', organisation: 'trust', name: 'Willow Ward', serviceType: 'Adult acute inpatient' },
  {
    key: 'trust-safeguarding',
    organisation: 'trust',
    name: 'Trust Safeguarding Team',
    serviceType: 'Safeguarding',
  },
  { key: 'trust-digital', organisation: 'trust', name: 'Digital Services', serviceType: 'Clinical systems' },
  {
    key: 'asc',
    organisation: 'council',
    name: 'Mental Health Social Work Team',
    serviceType: 'Adult social care (mental health)',
  },
  {
    key: 'safeguarding-hub',
    organisation: 'council',
    name: 'Adult Safeguarding Hub',
    serviceType: 'Safeguarding adults',
  },
  {
    key: 'tenancy',
    organisation: 'housing',
    name: 'Tenancy Sustainment Team',
    serviceType: 'Tenancy sustainment',
  },
  {
    key: 'recovery',
    organisation: 'vcs',
    name: 'Recovery and Peer Support Team',
    serviceType: 'Peer support',
  },
  {
    key: 'sanctuary',
    organisation: 'crisis',
    name: 'Harbour House Sanctuary Team',
    serviceType: 'Crisis café and sanctuary',
  },
  {
    key: 'practice',
    organisation: 'gp',
    name: 'Kestrel Lane Clinical Team',
    serviceType: 'General practice',
  },
  {
    key: 'commissioning',
    organisation: 'icb',
    name: 'Mental Health Commissioning',
    serviceType: 'Commissioning',
  },
];

/** Named governance roles; small partners combine them, as they do in practice. */
export const NORTHSHIRE_GOVERNANCE: readonly DemoGovernance[] = [
  { organisation: 'trust', role: 'IG_LEAD', username: 'ig.priya' },
  { organisation: 'trust', role: 'DPO', username: 'ig.priya' },
  // Chairs the partnership's information governance group: changes partnership-wide settings.
  { organisation: 'trust', role: 'PARTNERSHIP_GOVERNANCE', username: 'ig.priya' },
  { organisation: 'trust', role: 'CALDICOTT_GUARDIAN', username: 'dr.ravi' },
  { organisation: 'trust', role: 'SERVICE_MANAGER', username: 'mgr.helen' },
  { organisation: 'trust', role: 'SYSTEM_ADMINISTRATOR', username: 'admin.kai' },
  { organisation: 'council', role: 'IG_LEAD', username: 'ig.daniel' },
  { organisation: 'council', role: 'DPO', username: 'ig.daniel' },
  { organisation: 'council', role: 'CALDICOTT_GUARDIAN', username: 'mgr.sophie' },
  { organisation: 'council', role: 'SERVICE_MANAGER', username: 'mgr.sophie' },
  { organisation: 'council', role: 'SYSTEM_ADMINISTRATOR', username: 'admin.jo' },
  { organisation: 'housing', role: 'IG_LEAD', username: 'mgr.ian' },
  { organisation: 'housing', role: 'DPO', username: 'mgr.ian' },
  { organisation: 'housing', role: 'SERVICE_MANAGER', username: 'mgr.ian' },
  { organisation: 'vcs', role: 'IG_LEAD', username: 'mgr.ruth' },
  { organisation: 'vcs', role: 'DPO', username: 'mgr.ruth' },
  { organisation: 'vcs', role: 'SERVICE_MANAGER', username: 'mgr.ruth' },
  { organisation: 'crisis', role: 'IG_LEAD', username: 'mgr.zoe' },
  { organisation: 'crisis', role: 'DPO', username: 'mgr.zoe' },
  { organisation: 'crisis', role: 'SERVICE_MANAGER', username: 'mgr.zoe' },
  { organisation: 'gp', role: 'IG_LEAD', username: 'pm.claire' },
  { organisation: 'gp', role: 'DPO', username: 'pm.claire' },
  { organisation: 'gp', role: 'CALDICOTT_GUARDIAN', username: 'gp.hannah' },
  { organisation: 'gp', role: 'SERVICE_MANAGER', username: 'pm.claire' },
  { organisation: 'gp', role: 'SYSTEM_ADMINISTRATOR', username: 'pm.claire' },
  { organisation: 'icb', role: 'IG_LEAD', username: 'ig.george' },
  { organisation: 'icb', role: 'DPO', username: 'ig.george' },
  { organisation: 'icb', role: 'SIRO', username: 'ig.george' },
];

/** The whole Northshire partnership, ready for `generatePeople` and `loadDemo`. */
export const NORTHSHIRE: DemoPartnership = {
  name: 'Northshire',
  organisations: NORTHSHIRE_ORGANISATIONS,
  teams: NORTHSHIRE_TEAMS,
  staff: NORTHSHIRE_STAFF,
  governance: NORTHSHIRE_GOVERNANCE,
  care: {
    coordinators: ['cc.amara', 'cc.tom'],
    communityTeam: 'cmht',
    ward: 'ward',
    briefTeams: ['ward', 'crht'],
    // One anchor per person in turn: with 9 anchors, 120 people give each at least 13.
    anchors: [
      { kind: 'team', team: 'crht', role: 'CRISIS_WORKER' },
      { kind: 'team', team: 'ward', role: 'CLINICIAN' },
      { kind: 'team', team: 'sanctuary', role: 'CRISIS_WORKER' },
      { kind: 'staff', usernames: ['sg.farah'], role: 'NAMED_LEAD' },
      { kind: 'staff', usernames: ['sg.mark'], role: 'NAMED_LEAD' },
      { kind: 'team', team: 'asc', role: 'SOCIAL_WORKER' },
      { kind: 'team', team: 'tenancy', role: 'HOUSING_OFFICER' },
      { kind: 'team', team: 'recovery', role: 'SUPPORT_WORKER' },
      { kind: 'team', team: 'practice', role: 'GP' },
    ],
    extras: [
      { involvement: { kind: 'team', team: 'practice', role: 'GP' }, probability: 0.65 },
      {
        involvement: { kind: 'staff', usernames: ['ho.kerry', 'ho.dev'], role: 'HOUSING_OFFICER' },
        probability: 0.25,
      },
      {
        involvement: { kind: 'staff', usernames: ['sw.ben', 'sw.lucy'], role: 'SOCIAL_WORKER' },
        probability: 0.2,
      },
      {
        involvement: { kind: 'staff', usernames: ['support.jade'], role: 'SUPPORT_WORKER' },
        probability: 0.2,
      },
      { involvement: { kind: 'staff', usernames: ['peer.sam'], role: 'PEER_SUPPORT' }, probability: 0.15 },
      { involvement: { kind: 'team', team: 'sanctuary', role: 'CRISIS_WORKER' }, probability: 0.08 },
    ],
  },
  writers: {
    RISK_SUMMARY: ['cc.amara', 'cc.tom', 'cpn.grace', 'dr.ravi', 'duty.leon', 'ho.kerry', 'ho.dev'],
    CRISIS_PLAN: ['cc.amara', 'cc.tom', 'duty.leon', 'duty.nadia', 'crisis.marcus'],
    SUPPORT_INSTRUCTIONS: ['ho.kerry', 'ho.dev', 'support.jade', 'peer.sam'],
    CONTACTS_CARERS: ['cc.amara', 'cc.tom', 'sw.ben', 'sw.lucy'],
    CARE_PLAN: ['sw.ben', 'sw.lucy', 'cc.amara', 'cc.tom'],
    OUTCOMES: ['cc.amara', 'cc.tom', 'support.jade', 'peer.sam'],
    SERVICE_USE: ['cc.amara', 'cc.tom', 'crisis.marcus', 'crisis.aisha', 'ward.ellie'],
    ASSESSMENT: ['dr.ravi', 'cpn.grace', 'cpn.owen', 'duty.nadia', 'sw.ben', 'sw.lucy'],
    INCIDENTS: ['cpn.grace', 'duty.leon', 'ward.ellie', 'ho.kerry', 'ho.dev', 'crisis.marcus'],
    MEDICATION: ['dr.ravi', 'gp.hannah', 'gp.omar'],
    DIAGNOSIS: ['dr.ravi', 'gp.hannah', 'gp.omar'],
    SAFEGUARDING: ['sg.mark', 'sg.farah', 'sw.ben', 'sw.lucy'],
  },
};

/** Roles whose holders work with named people and so must have a caseload in the demo. */
export const CASELOAD_ROLES: readonly StaffRole[] = [
  'frontline',
  'care_manager',
  'clinical',
  'duty',
  'safeguarding_lead',
  'service_manager',
];

/** A demo account as printed in the start-up table. */
export interface DemoLogin {
  readonly username: string;
  readonly displayName: string;
  readonly organisationName: string;
  readonly roles: readonly StaffRole[];
  /** True when the account is on people's care teams in the demo. */
  readonly holdsCaseload: boolean;
  readonly note?: string;
}

function organisationNameOf(key: string): string {
  return NORTHSHIRE_ORGANISATIONS.find((o) => o.key === key)?.name ?? key;
}

/** Every demo account with what it can show, for the table printed at start. */
export const DEMO_LOGINS: readonly DemoLogin[] = NORTHSHIRE_STAFF.map((s) => ({
  username: s.username,
  displayName: s.displayName,
  organisationName: organisationNameOf(s.organisation),
  roles: s.roles,
  holdsCaseload: s.roles.some((r) => CASELOAD_ROLES.includes(r)),
  ...(s.note ? { note: s.note } : {}),
}));
