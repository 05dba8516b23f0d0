/**
 * A small partnership with six months of records behind every metric, for the reporting tests:
 * a trust and a housing provider, a commissioner at the ICB, deterministic records per person.
 */
import type { FastifyInstance } from 'fastify';
import {
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
} from '../../../../test/harness/factories.ts';
import { governedDb } from '../../../../test/harness/governed.ts';
import { type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import { INCIDENT_KINDS } from '../../../contracts/incidents.ts';
import type { Database } from '../../db/database.ts';

export interface ReportingWorld {
  app: FastifyInstance;
  trust: string;
  housing: string;
  icb: string;
  people: string[];
  as: { igLead: Session; commissioner: Session; coordinator: Session; housingIgLead: Session };
}

const day = (month: number, d: number, hour = 10) =>
  new Date(Date.UTC(2026, month - 1, d, hour)).toISOString();
const dateOf = (iso: string) => iso.slice(0, 10);
const addHours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();

/** Builds the world and its records. */
export async function reportingWorld(database: Database, count = 48): Promise<ReportingWorld> {
  const db = governedDb(database);
  const trust = await makeOrganisation(database, { type: 'NHS_TRUST' });
  const housing = await makeOrganisation(database, { type: 'HOUSING_PROVIDER' });
  const icb = await makeOrganisation(database, { type: 'COMMISSIONER' });
  const cm = await makeStaff(database, { organisationId: trust, roles: ['care_manager'] });
  const ig = await makeStaff(database, { organisationId: trust, roles: ['ig_lead'] });
  const hig = await makeStaff(database, { organisationId: housing, roles: ['ig_lead'] });
  const hw = await makeStaff(database, { organisationId: housing, roles: ['frontline'] });
  const com = await makeStaff(database, { organisationId: icb, roles: ['commissioner'] });
  const people: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = (await makePerson(database)).id;
    people.push(id);
    const month = (i % 6) + 1;
    // Most people are on the trust's care team; a few were discharged from it mid-period.
    await addMembership(database, {
      personId: id,
      organisationId: trust,
      staffId: i % 7 === 6 ? hw.id : cm.id,
      role: 'CARE_COORDINATOR',
      startDate: dateOf(day(month, 1)),
      endDate: i % 9 === 8 ? dateOf(day(month, 20)) : null,
    });
    if (i % 7 === 6) {
      // Someone the trust IG lead has no tie to: only housing holds them.
      await db
        .deleteFrom('care_team_memberships')
        .where('person_id', '=', id)
        .where('organisation_id', '=', trust)
        .execute();
      await addMembership(database, {
        personId: id,
        organisationId: housing,
        staffId: hw.id,
        startDate: dateOf(day(month, 1)),
      });
    }
    const sent = day(month, 3 + (i % 5));
    const referral = crypto.randomUUID();
    await db
      .insertInto('handovers')
      .values({
        id: referral,
        person_id: id,
        template_key: 'REFERRAL',
        template_version: 1,
        sender_staff_id: hw.id,
        sender_org_id: housing,
        recipient_org_id: trust,
        recipient_staff_id: null,
        recipient_team_id: null,
        lead_staff_id: hw.id,
        purpose: 'DIRECT_CARE',
        route: 'ACCORD',
        status: i % 3 === 0 ? 'sent' : 'acknowledged',
        information_missing: 0,
        missing_fields: '[]',
        sent_at: sent,
        due_at: addHours(sent, 72),
        sla_minutes: 4320,
        acknowledged_at: i % 3 === 0 ? null : addHours(sent, 5),
        acknowledged_by: i % 3 === 0 ? null : cm.id,
        acknowledgement_note: null,
        escalation_tier: 0,
        source: 'ACCORD',
      })
      .execute();
    if (i % 3 !== 0) {
      const episode = crypto.randomUUID();
      // Every eighth comes back from ACTIVE to ASSESSMENT: a re-assessment.
      const stages = [
        'REFERRAL',
        ...(i % 2 === 0 ? ['ASSESSMENT'] : []),
        ...(i % 4 === 0 ? ['ACTIVE'] : []),
        ...(i % 8 === 0 ? ['ASSESSMENT'] : []),
      ];
      const at = (k: number) => addHours(sent, 6 + k * 24 * 20);
      await db
        .insertInto('pathway_episodes')
        .values({
          id: episode,
          person_id: id,
          organisation_id: trust,
          referral_handover_id: referral,
          stage: stages[stages.length - 1] ?? 'REFERRAL',
          opened_at: at(0),
          opened_by: cm.id,
          closed_at: null,
          version: stages.length,
        })
        .execute();
      await db
        .insertInto('pathway_episode_moves')
        .values(
          stages.map((to, k) => ({
            episode_id: episode,
            version: k + 1,
            from_stage: k === 0 ? null : (stages[k - 1] ?? null),
            to_stage: to,
            moved_at: at(k),
            moved_by: cm.id,
          })),
        )
        .execute();
    }
    if (i % 10 === 2) {
      // An earlier episode at the trust, closed in 2025: the new one's assessment is a re-assessment.
      const earlier = crypto.randomUUID();
      const opened = '2025-03-04T10:00:00.000Z';
      const closed = '2025-09-04T10:00:00.000Z';
      await db
        .insertInto('pathway_episodes')
        .values({
          id: earlier,
          person_id: id,
          organisation_id: trust,
          referral_handover_id: null,
          stage: 'DISCHARGED',
          opened_at: opened,
          opened_by: cm.id,
          closed_at: closed,
          version: 2,
        })
        .execute();
      await db
        .insertInto('pathway_episode_moves')
        .values([
          {
            episode_id: earlier,
            version: 1,
            from_stage: null,
            to_stage: 'ASSESSMENT',
            moved_at: opened,
            moved_by: cm.id,
          },
          {
            episode_id: earlier,
            version: 2,
            from_stage: 'ASSESSMENT',
            to_stage: 'DISCHARGED',
            moved_at: closed,
            moved_by: cm.id,
          },
        ])
        .execute();
    }
    // Contacts: three a person in their first month, with every outcome somewhere.
    const outcomes = [
      'ATTENDED',
      'DID_NOT_ATTEND',
      'CANCELLED_BY_PERSON',
      'CANCELLED_BY_SERVICE',
      'SCHEDULED',
    ];
    for (let k = 0; k < 3; k++) {
      const at = day(month, 4 + k * 7 + (i % 3));
      await db
        .insertInto('care_contacts')
        .values({
          id: crypto.randomUUID(),
          person_id: id,
          organisation_id: i % 7 === 6 ? housing : trust,
          category: 'SERVICE_USE',
          type: 'HOME_VISIT',
          outcome: k === 0 ? 'ATTENDED' : (outcomes[(i + k) % outcomes.length] ?? 'ATTENDED'),
          occurred_at: at,
          entered_at: at,
          recorded_by: i % 7 === 6 ? hw.id : cm.id,
          note: null,
        })
        .execute();
    }
    if (i % 3 === 1) {
      const detected = day(month, 6 + (i % 9));
      await db
        .insertInto('ig_incidents')
        .values({
          id: crypto.randomUUID(),
          organisation_id: i % 9 === 4 ? housing : trust,
          kind: INCIDENT_KINDS[i % INCIDENT_KINDS.length] ?? 'NEAR_MISS',
          title: 'Letter sent to an old address',
          summary: 'A letter went to a previous address.',
          detected_at: detected,
          likelihood: 2,
          severity: 2,
          notify_ico_by: null,
          ico_notified_at: null,
          investigation: '',
          root_cause: i % 2 === 0 ? 'Address not updated.' : '',
          learning: i % 2 === 0 ? 'Check the address before sending.' : '',
          actions: '[]',
          people_affected: 1,
          anomaly_case_id: null,
          status: i % 2 === 0 ? 'closed' : 'open',
          created_by: ig.id,
          created_at: detected,
          closed_by: i % 2 === 0 ? ig.id : null,
          closed_at: i % 2 === 0 ? addHours(detected, 240) : null,
        })
        .execute();
    }
    if (i % 2 === 0) {
      const esc = day(month, 10 + (i % 7));
      const acked = i % 8 === 0 ? addHours(esc, 1) : i % 8 === 2 ? addHours(esc, 30) : null;
      await db
        .insertInto('handovers')
        .values({
          id: crypto.randomUUID(),
          person_id: id,
          template_key: 'CRISIS_ESCALATION',
          template_version: 1,
          sender_staff_id: hw.id,
          sender_org_id: housing,
          recipient_org_id: trust,
          recipient_staff_id: null,
          recipient_team_id: null,
          lead_staff_id: hw.id,
          purpose: 'CRISIS_RESPONSE',
          route: 'ACCORD',
          status: acked ? 'acknowledged' : 'sent',
          information_missing: 0,
          missing_fields: '[]',
          sent_at: esc,
          due_at: addHours(esc, 4),
          sla_minutes: 240,
          acknowledged_at: acked,
          acknowledged_by: acked ? cm.id : null,
          acknowledgement_note: null,
          escalation_tier: acked ? 0 : 1,
          source: 'ACCORD',
        })
        .execute();
    }
    if (i % 3 === 0) {
      const discharged = day(month, 12);
      const due = addHours(discharged, 72);
      const contact = i % 6 === 0 ? addHours(discharged, 48) : i % 9 === 3 ? addHours(discharged, 100) : null;
      await db
        .insertInto('follow_ups')
        .values({
          id: crypto.randomUUID(),
          person_id: id,
          handover_id: null,
          kind: 'INPATIENT_DISCHARGE',
          rule: 'FU_72_HOURS',
          occurred_at: discharged,
          due_at: due,
          organisation_id: trust,
          owner_staff_id: cm.id,
          status: contact ? 'done' : 'missed',
          contact_at: contact,
          recorded_by: contact ? cm.id : null,
          missed_at: contact ? null : due,
          escalated_to: null,
          created_at: discharged,
          created_by: cm.id,
        })
        .execute();
    }
    // Reviews: one due each of three months from the person's start; scores at those held.
    for (let k = 0; k < 3; k++) {
      const due = dateOf(day(Math.min(month + k * 2, 12), 15));
      const held =
        (i + k) % 4 === 3 ? null : dateOf(day(Math.min(month + k * 2, 12), (i + k) % 5 === 0 ? 25 : 12));
      const reviewId = crypto.randomUUID();
      await db
        .insertInto('care_plan_reviews')
        .values({
          id: reviewId,
          person_id: id,
          organisation_id: trust,
          due_on: due,
          held_on: held,
          recorded_by: cm.id,
          recorded_at: `${held ?? due}T12:00:00.000Z`,
        })
        .execute();
      if (held) {
        const base = { review_id: reviewId, person_id: id, organisation_id: trust, scored_on: held };
        await db
          .insertInto('outcome_scores')
          .values([
            {
              ...base,
              measure: 'REQOL10',
              item: 1,
              snomed_code: '1091071000000100',
              score: 10 + ((i * 7 + k * 5) % 25),
            },
            { ...base, measure: 'HONOS', item: 1, snomed_code: '979641000000103', score: (i + k * 3) % 5 },
            { ...base, measure: 'HONOS', item: 2, snomed_code: '979651000000100', score: (i * 2 + k) % 5 },
          ])
          .execute();
      }
    }
    if (i % 2 === 0) {
      await db
        .insertInto('consents')
        .values({
          id: crypto.randomUUID(),
          person_id: id,
          version: 1,
          change: i % 10 === 4 ? 'REFUSE' : 'CAPTURE',
          status: i % 10 === 4 ? 'refused' : 'given',
          capacity: 'HAS_CAPACITY',
          best_interests_decision: null,
          decision_maker: null,
          explanation: 'Explained.',
          captured_by: cm.id,
          captured_by_org_id: trust,
          captured_at: day(month, 2 + (i % 20)),
          recorded_by: cm.id,
          recorded_at: day(month, 2 + (i % 20)),
          review_date: '2027-01-01',
          review_due: 0,
          review_due_reason: null,
          superseded_at: null,
          superseded_by: null,
          provisions: '[]',
        })
        .execute();
    }
    if (i % 2 === 1) {
      await database.db
        .insertInto('audit_entries')
        .values({
          id: crypto.randomUUID(),
          leaf_index: null,
          leaf_hash: null,
          recorded_at: day(month, 20),
          request_id: null,
          action: 'record.access.deny',
          outcome: 'deny',
          actor_staff_id: hw.id,
          actor_org_id: housing,
          actor_roles: 'frontline',
          person_id: id,
          categories: 'RISK_SUMMARY',
          purpose: 'DIRECT_CARE',
          owner_org_id: trust,
          recipient_org_id: housing,
          reasons:
            i % 4 === 1
              ? 'NO_ACTIVE_AGREEMENT'
              : i % 4 === 3
                ? 'CONSENT_REFUSED,NO_ACTIVE_AGREEMENT'
                : 'BREAK_GLASS_EXPIRED',
          agreement_id: null,
          consent_id: null,
          consent_provision_id: null,
          exception_id: null,
          break_glass_grant_id: null,
          break_glass: 0,
          target_type: null,
          target_id: null,
          details: '{}',
        })
        .execute();
    }
  }
  const app = await testApp(database);
  return {
    app,
    trust,
    housing,
    icb,
    people,
    as: {
      igLead: await signIn(app, ig.username),
      commissioner: await signIn(app, com.username),
      coordinator: await signIn(app, cm.username),
      housingIgLead: await signIn(app, hig.username),
    },
  };
}
