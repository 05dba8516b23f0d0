/** The staff of the fictional Northshire partnership. All names are invented. */
import type { StaffRole } from '../../contracts/enums.ts';
import type { DemoStaff, DemoTraining } from './partnership-types.ts';

function ig(completedDaysAgo: number): DemoTraining {
  return { kind: 'IG_ANNUAL', completedDaysAgo };
}
function safeguardingAdults(completedDaysAgo: number): DemoTraining {
  return { kind: 'SAFEGUARDING_ADULTS', completedDaysAgo };
}
function safeguardingChildren(completedDaysAgo: number): DemoTraining {
  return { kind: 'SAFEGUARDING_CHILDREN', completedDaysAgo };
}
function mhaAwareness(completedDaysAgo: number): DemoTraining {
  return { kind: 'MHA_AWARENESS', completedDaysAgo };
}

function member(
  username: string,
  displayName: string,
  jobTitle: string,
  organisation: string,
  roles: readonly StaffRole[],
  teams: readonly string[],
  training: readonly DemoTraining[],
): DemoStaff {
  return { username, displayName, jobTitle, organisation, roles, teams, training };
}

/** The account whose IG training has lapsed, so the demo can show access being refused. */
export const EXPIRED_IG_USERNAME = 'cpn.owen';

/** Every demo account. Usernames say the job first (`cc.` care coordinator, `sg.` safeguarding...). */
export const NORTHSHIRE_STAFF: readonly DemoStaff[] = [
  // Northshire Mental Health NHS Foundation Trust
  member(
    'cc.amara',
    'Amara Okafor',
    'Care Coordinator (Community Mental Health Nurse)',
    'trust',
    ['care_manager'],
    ['cmht'],
    [ig(41)],
  ),
  member(
    'cc.tom',
    'Tom Hargreaves',
    'Care Coordinator (Occupational Therapist)',
    'trust',
    ['care_manager'],
    ['cmht'],
    [ig(122)],
  ),
  member(
    'dr.ravi',
    'Dr Ravi Menon',
    'Consultant Psychiatrist',
    'trust',
    ['clinical'],
    ['cmht'],
    [ig(63), safeguardingAdults(200), mhaAwareness(90)],
  ),
  member(
    'cpn.grace',
    'Grace Adeyemi',
    'Community Psychiatric Nurse',
    'trust',
    ['clinical'],
    ['cmht'],
    [ig(17), safeguardingAdults(150), mhaAwareness(240)],
  ),
  {
    ...member(
      'cpn.owen',
      'Owen Fletcher',
      'Community Psychiatric Nurse',
      'trust',
      ['clinical'],
      ['cmht'],
      [ig(401)],
    ),
    note: 'IG training expired: shows access refused',
  },
  member('duty.leon', 'Leon Price', 'Crisis Practitioner', 'trust', ['duty'], ['crht'], [ig(88)]),
  member(
    'duty.nadia',
    'Nadia Rahman',
    'Senior Crisis Practitioner (Night Duty)',
    'trust',
    ['duty', 'clinical'],
    ['crht'],
    [ig(205), safeguardingAdults(60), mhaAwareness(30)],
  ),
  member(
    'ward.ellie',
    'Ellie Brennan',
    'Charge Nurse, Willow Ward',
    'trust',
    ['clinical'],
    ['ward'],
    [ig(150), mhaAwareness(100)],
  ),
  member(
    'mgr.helen',
    'Helen Carter',
    'Community Services Manager',
    'trust',
    ['service_manager'],
    ['cmht', 'crht'],
    [ig(230)],
  ),
  member(
    'sg.farah',
    'Farah Siddiqui',
    'Named Nurse for Safeguarding Adults',
    'trust',
    ['safeguarding_lead'],
    ['trust-safeguarding'],
    [ig(55), safeguardingAdults(40), safeguardingChildren(40)],
  ),
  member('ig.priya', 'Priya Shah', 'Head of Information Governance', 'trust', ['ig_lead'], [], [ig(12)]),
  member(
    'admin.kai',
    'Kai Robinson',
    'Clinical Systems Administrator',
    'trust',
    ['system_admin'],
    ['trust-digital'],
    [ig(300)],
  ),
  // Northshire Council Adult Social Care
  member(
    'sw.ben',
    'Ben Adebayo',
    'Approved Mental Health Professional (Social Worker)',
    'council',
    ['care_manager'],
    ['asc'],
    [ig(70), safeguardingAdults(95), mhaAwareness(95)],
  ),
  member(
    'sw.lucy',
    'Lucy Chen',
    'Social Worker',
    'council',
    ['care_manager'],
    ['asc'],
    [ig(160), safeguardingAdults(160)],
  ),
  member(
    'sg.mark',
    'Mark Davies',
    'Adult Safeguarding Lead',
    'council',
    ['safeguarding_lead'],
    ['safeguarding-hub'],
    [ig(33), safeguardingAdults(20)],
  ),
  member(
    'mgr.sophie',
    'Sophie Wright',
    'Team Manager, Mental Health Social Work',
    'council',
    ['service_manager'],
    ['asc'],
    [ig(190), safeguardingAdults(190)],
  ),
  member('ig.daniel', 'Daniel Moss', 'Information Governance Manager', 'council', ['ig_lead'], [], [ig(80)]),
  member('admin.jo', 'Jo Whitaker', 'Systems Administrator', 'council', ['system_admin'], [], [ig(260)]),
  // Wendle Valley Homes
  member(
    'ho.kerry',
    'Kerry Walsh',
    'Tenancy Sustainment Officer',
    'housing',
    ['frontline'],
    ['tenancy'],
    [ig(45)],
  ),
  member('ho.dev', 'Dev Patel', 'Housing Officer', 'housing', ['frontline'], ['tenancy'], [ig(275)]),
  member(
    'mgr.ian',
    'Ian Thompson',
    'Tenancy Services Manager',
    'housing',
    ['service_manager', 'ig_lead'],
    ['tenancy'],
    [ig(110)],
  ),
  // Lantern Recovery Network
  member(
    'support.jade',
    'Jade Morris',
    'Recovery Support Worker',
    'vcs',
    ['frontline'],
    ['recovery'],
    [ig(25)],
  ),
  member('peer.sam', 'Sam Kowalski', 'Peer Support Worker', 'vcs', ['frontline'], ['recovery'], [ig(140)]),
  member(
    'mgr.ruth',
    'Ruth Ellison',
    'Services Manager',
    'vcs',
    ['service_manager', 'ig_lead'],
    ['recovery'],
    [ig(210)],
  ),
  // Harbour House Crisis Sanctuary
  member(
    'crisis.marcus',
    'Marcus Bell',
    'Sanctuary Crisis Worker',
    'crisis',
    ['duty'],
    ['sanctuary'],
    [ig(66)],
  ),
  member(
    'crisis.aisha',
    'Aisha Noor',
    'Sanctuary Night Worker',
    'crisis',
    ['duty'],
    ['sanctuary'],
    [ig(180)],
  ),
  member(
    'mgr.zoe',
    'Zoe Hart',
    'Sanctuary Manager',
    'crisis',
    ['service_manager', 'ig_lead'],
    ['sanctuary'],
    [ig(95)],
  ),
  // Kestrel Lane Surgery
  member(
    'gp.hannah',
    'Dr Hannah Lewis',
    'GP Partner',
    'gp',
    ['clinical'],
    ['practice'],
    [ig(48), safeguardingAdults(48), safeguardingChildren(48)],
  ),
  member(
    'gp.omar',
    'Dr Omar Farouk',
    'Salaried GP',
    'gp',
    ['clinical'],
    ['practice'],
    [ig(320), safeguardingChildren(320)],
  ),
  member(
    'pm.claire',
    'Claire Dunn',
    'Practice Manager',
    'gp',
    ['service_manager', 'ig_lead', 'system_admin'],
    ['practice'],
    [ig(75)],
  ),
  // NHS Northshire Integrated Care Board
  member(
    'icb.nina',
    'Nina Kapoor',
    'Mental Health Commissioning Analyst',
    'icb',
    ['commissioner'],
    ['commissioning'],
    [ig(58)],
  ),
  member(
    'ig.george',
    'George Baxter',
    'Head of Information Governance and SIRO',
    'icb',
    ['ig_lead'],
    [],
    [ig(130)],
  ),
];
