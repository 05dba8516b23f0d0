import type { Kysely } from 'kysely';

interface SeedField {
  key: string;
  label: string;
  category: string;
  required: boolean;
  help: string;
}

const f = (key: string, label: string, category: string, required: boolean, help: string): SeedField => ({
  key,
  label,
  category,
  required,
  help,
});

// Frozen copy of the default minimum datasets (domain-reference §3) as first published; later
// versions are edited in the application and appended as new rows.
const DEFAULTS: readonly { key: string; name: string; slaMinutes: number; fields: SeedField[] }[] = [
  {
    key: 'REFERRAL',
    name: 'Referral',
    slaMinutes: 2 * 24 * 60,
    fields: [
      f(
        'priority',
        'Urgency',
        'CARE_PLAN',
        true,
        'How soon the person needs to be seen: emergency, urgent or routine.',
      ),
      f(
        'reason',
        'Reason for referral',
        'CARE_PLAN',
        true,
        'The main reason you are referring, in a sentence or two.',
      ),
      f(
        'team_type',
        'Service or team requested',
        'SERVICE_USE',
        false,
        'The kind of team you are asking to take this on, for example crisis resolution or community support.',
      ),
      f(
        'clinical_summary',
        'Clinical summary',
        'ASSESSMENT',
        false,
        'What the most recent assessment found.',
      ),
      f(
        'risks',
        'Risks to self, to others and from others',
        'RISK_SUMMARY',
        true,
        'Current risks, kept separate: to the person, to others, and from others.',
      ),
      f(
        'legal_status',
        'Mental Health Act or legal status',
        'ASSESSMENT',
        false,
        'Any section, community treatment order or other legal status, with dates.',
      ),
      f(
        'adjustments',
        'Individual requirements and reasonable adjustments',
        'SUPPORT_INSTRUCTIONS',
        false,
        'Communication needs, interpreters, access needs, what helps.',
      ),
      f(
        'wishes',
        'Person and carer wishes',
        'CONTACTS_CARERS',
        false,
        'What the person and the carers they chose want from this referral.',
      ),
    ],
  },
  {
    key: 'WARM_HANDOFF',
    name: 'Warm handoff',
    slaMinutes: 24 * 60,
    fields: [
      f(
        'reason',
        'Why the handoff',
        'CARE_PLAN',
        true,
        'What is changing and why you are passing support on now.',
      ),
      f('current_risks', 'Current risks', 'RISK_SUMMARY', true, 'Risks as they stand today.'),
      f(
        'support',
        'How to support the person',
        'SUPPORT_INSTRUCTIONS',
        true,
        'Day-to-day things that work, and things to avoid.',
      ),
      f(
        'key_contacts',
        'Key contacts',
        'CONTACTS_CARERS',
        true,
        'Carers, family and professionals the person wants involved, with how to reach them.',
      ),
      f(
        'introduction',
        'Introduction arranged',
        'SERVICE_USE',
        false,
        'When and how you will introduce the new worker.',
      ),
    ],
  },
  {
    key: 'CRISIS_ESCALATION',
    name: 'Crisis escalation summary',
    slaMinutes: 60,
    fields: [
      f(
        'what_changed',
        'What changed',
        'RISK_SUMMARY',
        true,
        'What is different from the person’s usual presentation, and since when.',
      ),
      f(
        'current_risks',
        'Current risks',
        'RISK_SUMMARY',
        true,
        'Risk to self, to others and from others right now.',
      ),
      f(
        'safeguarding',
        'Safeguarding concerns',
        'SAFEGUARDING',
        false,
        'Any safeguarding concern, with its reference if one has been raised.',
      ),
      f(
        'actions_taken',
        'Actions already taken',
        'CRISIS_PLAN',
        true,
        'What you and others have done so far, including the crisis plan steps tried.',
      ),
      f('request', 'What is being requested', 'CARE_PLAN', true, 'What you need the receiving team to do.'),
      f(
        'time_sensitivity',
        'Time sensitivity',
        'RISK_SUMMARY',
        true,
        'How quickly a response is needed, and what happens if it is late.',
      ),
    ],
  },
  {
    key: 'SAFEGUARDING_REFERRAL',
    name: 'Safeguarding adult concern',
    slaMinutes: 24 * 60,
    fields: [
      f(
        's42_criteria',
        'Section 42 criteria',
        'SAFEGUARDING',
        true,
        'Whether the adult has care and support needs, is at risk of abuse or neglect, and cannot protect themselves because of those needs.',
      ),
      f(
        'abuse_types',
        'Types of abuse or neglect',
        'SAFEGUARDING',
        true,
        'Physical, domestic, sexual, psychological, financial, modern slavery, discriminatory, organisational, neglect, self-neglect.',
      ),
      f(
        'source_of_risk',
        'Source of risk',
        'SAFEGUARDING',
        true,
        'A service provider, someone known to the adult, or someone unknown to them.',
      ),
      f(
        'location_of_risk',
        'Where the risk is',
        'SAFEGUARDING',
        false,
        'The place where the abuse or neglect happens or may happen.',
      ),
      f(
        'immediate_actions',
        'Immediate actions',
        'SAFEGUARDING',
        true,
        'What has been done to make the adult safe now.',
      ),
      f(
        'views_wishes',
        'The adult’s views and desired outcomes',
        'SAFEGUARDING',
        true,
        'What the adult wants to happen, in their words where possible.',
      ),
      f(
        'capacity',
        'Capacity considered',
        'ASSESSMENT',
        false,
        'Whether capacity to make decisions about safety was considered, and the outcome.',
      ),
      f(
        'advocacy',
        'Advocacy need',
        'SUPPORT_INSTRUCTIONS',
        false,
        'Whether the adult needs an advocate to take part.',
      ),
      f(
        'police',
        'Police referral',
        'SAFEGUARDING',
        false,
        'Whether the police were told, with the reference.',
      ),
    ],
  },
  {
    key: 'DISCHARGE_STEP_DOWN',
    name: 'Discharge or step-down',
    slaMinutes: 24 * 60,
    fields: [
      f(
        'current_risks',
        'Current risks',
        'RISK_SUMMARY',
        true,
        'Risks at discharge, including any suicide risk identified.',
      ),
      f(
        'triggers',
        'Triggers and early warning signs',
        'CRISIS_PLAN',
        true,
        'What tends to come before a crisis for this person.',
      ),
      f(
        'contact_expectations',
        'Contact expectations',
        'CARE_PLAN',
        true,
        'Who will see the person, how often, and by when the first contact is due.',
      ),
      f(
        'immediate_actions',
        'Immediate actions',
        'CARE_PLAN',
        true,
        'What must happen in the first days after discharge.',
      ),
      f(
        'follow_up_due',
        'Follow-up due',
        'CARE_PLAN',
        true,
        'When the follow-up contact is due: 72 hours, or 48 hours where suicide risk was identified.',
      ),
      f(
        'medication',
        'Relevant medication',
        'MEDICATION',
        false,
        'Medicines on discharge and any change made in hospital.',
      ),
      f(
        'key_contacts',
        'Key contacts',
        'CONTACTS_CARERS',
        true,
        'Carers and professionals involved in ongoing care, with how to reach them.',
      ),
    ],
  },
  {
    key: 'MEDICATION_COORDINATION',
    name: 'Medication coordination',
    slaMinutes: 24 * 60,
    fields: [
      f(
        'current_medication',
        'Current medication',
        'MEDICATION',
        true,
        'Medicines, doses and who prescribes them.',
      ),
      f('changes', 'Changes made', 'MEDICATION', true, 'What changed, when and why.'),
      f(
        'allergies',
        'Allergies and adverse reactions',
        'MEDICATION',
        true,
        'Known allergies and reactions, or “none known”.',
      ),
      f(
        'monitoring',
        'Monitoring needed',
        'MEDICATION',
        false,
        'Blood tests, physical health checks or side effects to watch.',
      ),
      f(
        'concerns',
        'Concerns',
        'RISK_SUMMARY',
        false,
        'Adherence, stockpiling or other risks linked to medication.',
      ),
    ],
  },
  {
    key: 'CRISIS_SUMMARY',
    name: 'After-hours crisis summary',
    slaMinutes: 12 * 60,
    fields: [
      f('current_risks', 'Current risks', 'RISK_SUMMARY', true, 'Risks a duty worker needs to know tonight.'),
      f(
        'known_triggers',
        'Known triggers',
        'CRISIS_PLAN',
        true,
        'Situations and signs that come before a crisis.',
      ),
      f(
        'de_escalation',
        'De-escalation strategies',
        'CRISIS_PLAN',
        true,
        'What helps the person calm and stay safe, in their words where possible.',
      ),
      f(
        'medication_considerations',
        'Medication considerations',
        'MEDICATION',
        true,
        'Medicines relevant in a crisis, including access to means.',
      ),
      f(
        'key_contacts',
        'Key contacts',
        'CONTACTS_CARERS',
        true,
        'Who to call, and who the person wants told.',
      ),
    ],
  },
];

/** The default minimum-dataset templates, version 1. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const seededAt = new Date().toISOString();
  await db
    .insertInto('handover_templates' as never)
    .values(
      DEFAULTS.map((t) => ({
        key: t.key,
        version: 1,
        name: t.name,
        sla_minutes: t.slaMinutes,
        fields: JSON.stringify(t.fields),
        created_at: seededAt,
        created_by: null,
        current: 1,
      })) as never,
    )
    .execute();
}
