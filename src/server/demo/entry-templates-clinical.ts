/** Templates for risk, crisis plans, assessments, incidents, medication and diagnoses. */
import type { EntryTemplate } from './entry-context.ts';
import { pickSome } from './entry-context.ts';

const RISK_TO_SELF = [
  'history of overdose when low (last episode over a year ago); no current plans or intent',
  'fleeting thoughts of not wanting to be here when sleep is poor; denies plans',
  'cuts to forearms at times of distress; uses first aid and attends the surgery for wound checks',
  'self-neglect when unwell: stops eating regularly and misses medication',
  'no history of self-harm; risk judged low at present',
  'one admission following a ligature attempt; protective factors now stronger',
];
const RISK_TO_OTHERS = [
  'none known',
  'verbal aggression towards neighbours when unwell; no physical violence recorded',
  'no concerns raised by family or services',
  'one caution for criminal damage several years ago; no recent concerns',
];
const RISK_FROM_OTHERS = [
  'financially targeted by an acquaintance in the past; money now managed with support',
  'previous controlling relationship; no current contact',
  'vulnerable to exploitation when using alcohol',
  'none known',
];
const PROTECTIVE = [
  'Protective factors: close to sister, engaged with the team, looking after a cat.',
  'Protective factors: attends the peer support group weekly and is working towards volunteering.',
  'Protective factors: good relationship with GP, settled tenancy, takes medication regularly.',
  'Protective factors: children visit at weekends; future-oriented about a college course.',
];
const TENANCY_RISKS = [
  'rent arrears of about six weeks; payment plan agreed',
  'flat found cluttered with fire risk from candles; fire service safe-and-well visit booked',
  'neighbour complaints about noise at night, linked to poor sleep when unwell',
  'gas safety check missed twice; access arranged with support worker present',
  'door left insecure on two occasions; lock changed and key safe fitted',
];

/** Risk summary: clinical for the trust, tenancy-focused for housing. */
export const riskSummary: EntryTemplate = (c) => {
  const r = c.random;
  if (c.writerType === 'HOUSING_PROVIDER') {
    return {
      title: 'Tenancy risk summary',
      body: [
        `Tenancy risks: ${pickSome(c, TENANCY_RISKS, 2).join('; ')}.`,
        `Lone working: ${r.pick(['no flags', 'visit in pairs after 4pm', 'meet in the community office'])}.`,
        `Housing officer will share any sign of relapse with the care coordinator the same day.`,
        `Review by: ${c.reviewOn}`,
      ].join('\n'),
    };
  }
  return {
    title: r.pick(['Risk summary', 'Risk summary (updated at review)', 'Risk assessment summary']),
    body: [
      `Risk to self: ${r.pick(RISK_TO_SELF)}.`,
      `Risk to others: ${r.pick(RISK_TO_OTHERS)}.`,
      `Risk from others: ${r.pick(RISK_FROM_OTHERS)}.`,
      `Overall: ${r.pick(['low', 'moderate', 'moderate and fluctuating', 'raised while symptoms persist'])}.`,
      r.pick(PROTECTIVE),
      `Review by: ${c.reviewOn}`,
    ].join('\n'),
  };
};

const WARNING_SIGNS = [
  'not sleeping for two nights or more',
  'stopping answering the phone',
  'hearing the critical voice more often',
  'drinking more than usual',
  'anniversary of a bereavement in March',
  'letters about benefits or rent',
  'feeling that people are talking about me',
];
const COPING = [
  'listening to music with headphones',
  'a cold shower and a walk round the park',
  'breathing exercises from the app',
  'cooking something simple',
  'writing things down in my notebook',
  'watching a familiar film',
];
const DISTRACTION = [
  'the Lantern drop-in on Tuesdays and Thursdays',
  'the library in town',
  'walking the dog with my neighbour',
  'the allotment',
  'the café at the leisure centre',
];

/** Crisis and safety plan in the six Stanley–Brown steps. */
export const crisisPlan: EntryTemplate = (c) => {
  const r = c.random;
  const helper = `${c.otherName()} (${r.pick(['sister', 'friend', 'mum', 'partner', 'brother'])}), ${c.phone()}`;
  return {
    title: r.pick(['Crisis and safety plan', 'Safety plan (agreed with the person)', 'Crisis plan review']),
    body: [
      `Written with ${c.givenName} on ${c.recordedOn}. ${c.givenName} has a copy.`,
      `1. Warning signs: ${pickSome(c, WARNING_SIGNS, 3).join('; ')}.`,
      `2. Things I can do on my own: ${pickSome(c, COPING, 3).join('; ')}.`,
      `3. People and places that take my mind off things: ${pickSome(c, DISTRACTION, 2).join('; ')}.`,
      `4. People I can ask for help: ${helper}.`,
      '5. Professionals and services: care coordinator (weekdays 9 to 5) via the community team; ' +
        'crisis team 24 hours on 01632 960000; Harbour House sanctuary, evenings; NHS 111 option 2; 999 in an emergency.',
      `6. Making my surroundings safer: ${r.pick([
        'medication kept in a locked box; weekly blister packs from the pharmacy',
        'agreed to give spare tablets back to the pharmacy',
        'sister holds onto the car keys when I am very unwell',
        'no stockpiled medication; razors kept at a friend’s',
      ])}.`,
    ].join('\n'),
  };
};

/** Assessment summary: psychiatric review for the trust, Care Act assessment for the council. */
export const assessment: EntryTemplate = (c) => {
  const r = c.random;
  if (c.writerType === 'LOCAL_AUTHORITY') {
    return {
      title: 'Care Act needs assessment summary',
      body: [
        `Eligible outcomes: ${pickSome(c, ['managing and maintaining nutrition', 'maintaining a habitable home', 'developing and maintaining family or other personal relationships', 'accessing work, training or volunteering', 'making use of community services'], 2).join('; ')}.`,
        `Wellbeing impact: ${r.pick(['significant', 'significant, fluctuating with mental health'])}.`,
        `${c.givenName}'s view: ${r.pick(['wants help to get out more', 'wants to stay in the flat and manage bills', 'would like a personal budget for a gym pass and a course'])}.`,
        `Outcome: ${r.pick(['eligible; support plan to follow', 'eligible; direct payment agreed', 'not eligible; signposted to Lantern Recovery Network'])}.`,
      ].join('\n'),
    };
  }
  return {
    title: r.pick([
      'Outpatient review summary',
      'Initial assessment summary',
      'Mental state examination summary',
    ]),
    body: [
      `Presenting: ${r.pick(['low mood and poor sleep for six weeks', 'increasing suspiciousness of neighbours', 'anxiety limiting leaving the house', 'elevated mood and reduced need for sleep', 'intrusive memories and nightmares'])}.`,
      `Mental state: ${r.pick(['kempt, good rapport, mood subjectively low, no psychotic features', 'guarded, thought content preoccupied with neighbours, no command hallucinations', 'anxious, reactive affect, insight good', 'pressured speech, distractible, partial insight'])}.`,
      `Capacity: ${r.pick(['has capacity regarding treatment decisions', 'capacity to consent to information sharing confirmed'])}.`,
      `Plan: ${r.pick(['continue current medication; review in 8 weeks', 'refer for psychological therapy', 'increase contact to weekly while unsettled', 'physical health check with GP'])}.`,
    ].join('\n'),
  };
};

/** Incident: what happened and what was done, in the writing organisation's setting. */
export const incident: EntryTemplate = (c) => {
  const r = c.random;
  const reference = `INC-${r.int(10000, 99999)}`;
  const what =
    c.writerType === 'HOUSING_PROVIDER'
      ? r.pick([
          'Water leak from the flat into the flat below; tenant not answering the door',
          'Neighbour reported shouting late at night',
          'Tenant found locked out in distress',
        ])
      : c.writerType === 'CRISIS_SERVICE'
        ? r.pick([
            'Left the sanctuary distressed before the end of the session',
            'Disclosed thoughts of self-harm at the sanctuary',
            'Arrived intoxicated and was supported to a safe place',
          ])
        : r.pick([
            'Self-harm disclosed at a home visit',
            'Missed depot injection and not contactable for 48 hours',
            'Police welfare check requested by family',
            'Missed two planned home visits; later found safe at a friend’s house',
          ]);
  return {
    title: `Incident: ${what.toLowerCase()}`,
    body: [
      `${what}. Local reference ${reference}.`,
      `Action taken: ${r.pick(['care coordinator informed the same day', 'crisis team visited within 4 hours', 'welfare check completed; person safe', 'safety plan reviewed with the person'])}.`,
      `Follow-up: ${r.pick(['discuss at the team meeting', 'no further action', 'increase contact for two weeks', 'liaise with housing about repairs'])}.`,
    ].join('\n'),
  };
};

// One drug at most from each group, so no list pairs two antidepressants or two antipsychotics.
const ANTIDEPRESSANTS = [
  'Sertraline 100 mg once daily',
  'Mirtazapine 30 mg at night',
  'Venlafaxine modified-release 150 mg once daily',
  'Fluoxetine 20 mg once daily',
];
const ANTIPSYCHOTICS_AND_MOOD_STABILISERS = [
  'Olanzapine 10 mg at night',
  'Aripiprazole 15 mg once daily',
  'Quetiapine modified-release 300 mg at night',
  'Lithium carbonate 400 mg at night (levels every 3 months)',
  'Paliperidone depot 100 mg monthly',
  'Clozapine 300 mg daily (blood monitoring through the clozapine clinic)',
];
const WHEN_REQUIRED = [
  'Procyclidine 5 mg when required for stiffness',
  'Propranolol 10 mg when required for anxiety',
];

/** Medication list with allergies, from the GP record or the prescribing psychiatrist. */
export const medication: EntryTemplate = (c) => {
  const r = c.random;
  const source = c.writerType === 'GP_PRACTICE' ? 'Repeat prescriptions' : 'Current psychiatric medication';
  const roll = r.next();
  const medicines = [
    ...(roll < 0.7 ? [r.pick(ANTIDEPRESSANTS)] : []),
    ...(roll > 0.4 ? [r.pick(ANTIPSYCHOTICS_AND_MOOD_STABILISERS)] : []),
    ...(r.chance(0.25) ? [r.pick(WHEN_REQUIRED)] : []),
  ];
  return {
    title: r.pick(['Current medication', 'Medication review', 'Medicines reconciliation']),
    body: [
      `${source}:`,
      ...medicines.map((m) => `- ${m}`),
      `Allergies: ${r.pick(['no known drug allergies', 'penicillin (rash)', 'no known drug allergies', 'haloperidol (dystonic reaction)'])}.`,
      `Adherence: ${r.pick(['good, uses blister packs', 'variable; forgets evening doses', 'good', 'declines depot at times; discussed at review'])}.`,
    ].join('\n'),
  };
};

const DIAGNOSES = [
  'Recurrent depressive disorder, current episode moderate (ICD-10 F33.1)',
  'Paranoid schizophrenia (ICD-10 F20.0)',
  'Bipolar affective disorder, currently in remission (ICD-10 F31.7)',
  'Schizoaffective disorder, depressive type (ICD-10 F25.1)',
  'Post-traumatic stress disorder (ICD-10 F43.1)',
  'Emotionally unstable personality disorder, borderline type (ICD-10 F60.3)',
  'Generalised anxiety disorder (ICD-10 F41.1)',
  'Obsessive-compulsive disorder (ICD-10 F42.2)',
];

/** Diagnosis: made by the psychiatrist, or coded by the GP from a clinic letter. */
export const diagnosis: EntryTemplate = (c) => {
  const r = c.random;
  const primary = r.pick(DIAGNOSES);
  const basis =
    c.writerType === 'GP_PRACTICE'
      ? 'Coded in the practice record from the community team’s clinic letter.'
      : 'Confirmed at outpatient review; discussed with the person, who agrees with the wording.';
  const secondary = r.chance(0.3)
    ? `\nSecondary: ${r.pick(['harmful use of alcohol (ICD-10 F10.1)', 'type 2 diabetes (physical health)', 'asthma (physical health)'])}.`
    : '';
  return { title: 'Diagnosis', body: `Primary: ${primary}.${secondary}\n${basis}` };
};
