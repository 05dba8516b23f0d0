/** Templates for support instructions, contacts, care plans, outcomes, service use and safeguarding. */
import type { EntryTemplate } from './entry-context.ts';
import { pickSome } from './entry-context.ts';
import { RELATIONSHIPS } from './names.ts';

const SUPPORT_TIPS = [
  'Text before visiting; unknown numbers are not answered.',
  'Prefers to meet at the Lantern drop-in rather than at home.',
  'Has a dog; ask for it to be shut in the kitchen during visits.',
  'Finds letters hard to read: go through post together and check for rent or benefit letters.',
  'Ask about sleep at each visit; poor sleep is the earliest sign of relapse.',
  'Please do not raise the ex-partner unless the person brings it up.',
  'Mornings are difficult because of medication; book visits after midday.',
  'Likes practical help first (shopping, forms), then a chat.',
  'Uses a prepaid meter: check there is credit in winter.',
  'Speaks Polish at home; offer an interpreter for formal meetings.',
];

/** Day-to-day support instructions written by housing or the voluntary sector. */
export const supportInstructions: EntryTemplate = (c) => ({
  title: c.random.pick([
    'How to support me day to day',
    'Support instructions',
    'Visiting and support notes',
  ]),
  body: [
    `What helps ${c.givenName}:`,
    ...pickSome(c, SUPPORT_TIPS, c.random.int(3, 5)).map((t) => `- ${t}`),
  ].join('\n'),
});

/** Next of kin, carers and who the person does or does not want contacted. */
export const contactsCarers: EntryTemplate = (c) => {
  const r = c.random;
  const [kin = 'friend', estranged = 'father'] = pickSome(c, RELATIONSHIPS, 2);
  return {
    title: 'Contacts and carers',
    body: [
      `Next of kin: ${c.otherName()} (${kin}), ${c.phone()}.`,
      r.chance(0.6)
        ? `Carer: ${c.otherName()}; carer's assessment ${r.pick(['completed', 'offered and declined', 'booked'])}.`
        : 'No carer identified.',
      r.pick([
        `${c.givenName} is happy for their ${kin} to be contacted in a crisis.`,
        `${c.givenName} asks that their ${kin} is contacted only in an emergency.`,
        `${c.givenName} does not want their ${estranged} contacted under any circumstances.`,
      ]),
      r.chance(0.3)
        ? `Advocate: ${r.pick(['independent mental health advocate', 'Care Act advocate'])} allocated.`
        : '',
    ]
      .filter((line) => line.length > 0)
      .join('\n'),
  };
};

const GOALS = [
  'keep my tenancy and manage my bills',
  'get back to swimming twice a week',
  'start a college course in September',
  'see my children more regularly',
  'feel safe going into town on my own',
  'cut down on drinking',
  'find voluntary work',
  'sleep better without relying on tablets',
];

/** Care and support plan, or a review of it; social care and the trust both write these. */
export const carePlan: EntryTemplate = (c) => {
  const r = c.random;
  const review = r.chance(0.4);
  const owner = c.writerType === 'LOCAL_AUTHORITY' ? 'social worker' : 'care coordinator';
  if (review) {
    return {
      title: 'Care plan review',
      body: [
        `Reviewed with ${c.givenName}${r.chance(0.5) ? ' and their carer' : ''}.`,
        `Progress: ${r.pick(['steady; attending appointments', 'mixed; a difficult month after a bereavement', 'good; more settled at home', 'slower than hoped; housing worries'])}.`,
        `Changes: ${r.pick(['fortnightly contact instead of weekly', 'added peer support', 'referral to debt advice', 'no changes'])}.`,
        `Next review: ${c.reviewOn}.`,
      ].join('\n'),
    };
  }
  return {
    title: c.writerType === 'LOCAL_AUTHORITY' ? 'Care and support plan' : 'Care plan',
    body: [
      `What matters to ${c.givenName}: ${pickSome(c, GOALS, 2).join('; ')}.`,
      `Support: ${owner} contact ${r.pick(['weekly', 'fortnightly', 'monthly'])}; ${r.pick(['personal budget for a gym pass', 'peer support group', 'help with benefits review', 'medication review every 3 months'])}.`,
      `Who does what: ${owner} coordinates; GP for physical health; housing for tenancy support.`,
      `Review by: ${c.reviewOn}.`,
    ].join('\n'),
  };
};

const DIALOG_ITEMS = [
  'mental health',
  'physical health',
  'job situation',
  'accommodation',
  'leisure activities',
  'relationship with partner or family',
  'friendships',
  'personal safety',
  'medication',
  'practical help',
  'meetings with professionals',
];

/** Outcome scores: DIALOG and ReQoL-10 from the trust, goal-based outcomes from the voluntary sector. */
export const outcomes: EntryTemplate = (c) => {
  const r = c.random;
  if (c.writerType === 'VOLUNTARY_SECTOR') {
    const goals = pickSome(c, GOALS, 2).map(
      (g, i) => `goal ${i + 1} "${g}": ${r.int(0, 4)} → ${r.int(3, 9)}`,
    );
    return {
      title: 'Goal-based outcomes',
      body: `Goal-based outcomes (0–10), start → now: ${goals.join('; ')}.`,
    };
  }
  const base = r.int(2, 5);
  const scores = DIALOG_ITEMS.map((item) => {
    const score = Math.min(7, Math.max(1, base + r.int(-1, 2)));
    return { item, score };
  });
  const mean = scores.reduce((sum, s) => sum + s.score, 0) / scores.length;
  const reqol = r.int(8, 34);
  return {
    title: r.pick(['DIALOG and ReQoL-10', 'Outcome measures', 'DIALOG review']),
    body: [
      `DIALOG satisfaction (1–7): ${scores.map((s) => `${s.item} ${s.score}`).join(', ')}. Mean ${mean.toFixed(1)}.`,
      `ReQoL-10: ${reqol}/40 (previous ${Math.max(0, reqol - r.int(-4, 8))}/40).`,
      `${c.givenName} chose to focus next on ${r.pick(DIALOG_ITEMS)}.`,
    ].join('\n'),
  };
};

/** Contacts, visits and admissions, as the writing service saw them. */
export const serviceUse: EntryTemplate = (c) => {
  const r = c.random;
  if (c.writerType === 'CRISIS_SERVICE') {
    return {
      title: 'Sanctuary visits',
      body: `${r.int(1, 6)} evening visits to Harbour House in the last 3 months, ${r.pick(['mostly at weekends', 'after benefit letters', 'usually after 10pm'])}. Used the safety plan with staff; went home safely each time.`,
    };
  }
  if (r.chance(0.3)) {
    return {
      title: 'Inpatient admission and discharge',
      body: `Informal admission to Willow Ward for ${r.int(6, 40)} days. Discharged home; follow-up ${r.pick(['within 72 hours by the crisis team', 'within 48 hours because of suicide risk', 'on day 3 by the care coordinator'])}. Care plan sent to everyone named in it within 24 hours.`,
    };
  }
  return {
    title: 'Community contacts summary',
    body: `Last 3 months: ${r.int(3, 12)} contacts attended, ${r.int(0, 3)} not attended. ${r.pick(['Prefers phone contact', 'Mostly home visits', 'Attends clinic with a friend'])}. No A&E attendances.`,
  };
};

const ABUSE_TYPES = [
  'financial or material',
  'domestic',
  'psychological',
  'self-neglect',
  'neglect',
  'physical',
];

/** Safeguarding adults concern or section 42 enquiry (Care Act 2014). */
export const safeguarding: EntryTemplate = (c) => {
  const r = c.random;
  const type = r.pick(ABUSE_TYPES);
  const enquiry = c.writerType === 'LOCAL_AUTHORITY' && r.chance(0.6);
  return {
    title: enquiry ? 'Section 42 safeguarding enquiry' : 'Safeguarding adults concern',
    body: [
      `Type of abuse: ${type}. Source of risk: ${r.pick(['someone known to the person', 'someone not known to the person', 'a service provider'])}.`,
      `Care and support needs: yes. At risk of abuse or neglect: yes. Unable to protect self: ${enquiry ? 'yes' : r.pick(['yes', 'unclear'])}.`,
      `${c.givenName}'s wishes: ${r.pick(['wants to stay at home and stop the visits', 'wants the police involved', 'wants help to manage money', 'does not want family told'])}.`,
      `Actions: ${r.pick(['bank contacted to protect the account', 'referral to the domestic abuse service', 'strategy discussion held', 'daily welfare calls for two weeks'])}.`,
    ].join('\n'),
  };
};
