/**
 * Consent for the Northshire demo people: most have given consent for routine coordination, some
 * also for named partners, some with restrictions ("housing never sees medication or diagnosis");
 * a few have withdrawn or refused, one lacks capacity and has a best-interests decision, and some
 * are due a review. Chosen from a hash of each person's id, so the same people get the same consent
 * on every load; captured by each person's care coordinator.
 */
import { createHash } from 'node:crypto';
import type { ConsentReviewTrigger } from '../../contracts/consent.ts';
import type { DataCategory } from '../../contracts/enums.ts';
import type { FullDb } from '../db/database.ts';
import type { ConsentProvision } from '../modules/access/index.ts';
import type { ConsentReviewTaskRow, ConsentRow } from '../modules/consent/consent.tables.ts';
import { DAY_MS, daysBefore, isoDate, startOfUtcDay, workingInstant } from './demo-dates.ts';
import { demoId, organisationId } from './demo-ids.ts';
import { demoRowWriter, type RowWriter } from './demo-load.repository.ts';

const EXPLAINED =
  'Explained in plain words which organisations would see which parts of the record, why, and that this can be changed at any time.';
const WITHDRAWN =
  'Explained that organisations will stop sharing with each other from now on, unless someone is at serious risk.';
const REFUSED =
  'Explained what sharing would mean for their care; they chose not to agree, and that choice is recorded.';
const BEST_INTERESTS =
  'Best-interests meeting with their sister and the ward team: sharing the crisis plan and risk summary with the care team keeps them safe at home.';
const TRIGGERS: readonly ConsentReviewTrigger[] = [
  'HOSPITAL_ADMISSION',
  'DISCHARGE_PLANNING',
  'CHANGE_OF_SERVICE',
];
const CHUNK = 400;

/** A stable 32-bit number from a person's id: the same person always draws the same consent. */
function hashOf(personId: string): number {
  return createHash('sha256').update(`consent:${personId}`).digest().readUInt32BE(0);
}

/** The current care coordinator (a named person) of each person. */
async function coordinators(
  db: FullDb,
  personIds: readonly string[],
  today: string,
): Promise<Map<string, { staffId: string; organisationId: string }>> {
  const found = new Map<string, { staffId: string; organisationId: string; since: string }>();
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('care_team_memberships')
      .select(['person_id', 'staff_id', 'organisation_id', 'start_date'])
      .where('person_id', 'in', personIds.slice(i, i + CHUNK))
      .where('role', '=', 'CARE_COORDINATOR')
      .where('staff_id', 'is not', null)
      .where('start_date', '<=', today)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
      .execute();
    for (const r of rows) {
      const known = found.get(r.person_id);
      if (r.staff_id && (!known || r.start_date > known.since))
        found.set(r.person_id, {
          staffId: r.staff_id,
          organisationId: r.organisation_id,
          since: r.start_date,
        });
    }
  }
  return found;
}

/** People among these who already have consent recorded (left as they are). */
async function alreadyConsented(db: FullDb, personIds: readonly string[]): Promise<Set<string>> {
  const have = new Set<string>();
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('consents')
      .select('person_id')
      .distinct()
      .where('person_id', 'in', personIds.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) have.add(r.person_id);
  }
  return have;
}

function provisionsFor(personId: string, h: number, partners: ReadonlySet<string>): ConsentProvision[] {
  const drafts: Omit<ConsentProvision, 'id'>[] = [
    { kind: 'ROUTINE_COORDINATION', organisationId: null, categories: [] },
  ];
  const housing = organisationId('housing');
  const vcs = organisationId('vcs');
  const pick = (h >>> 8) % 100;
  const crisisSummary: DataCategory[] = [
    'CRISIS_PLAN',
    'RISK_SUMMARY',
    'SUPPORT_INSTRUCTIONS',
    'CONTACTS_CARERS',
  ];
  if (pick < 35 && partners.has(housing))
    drafts.push({ kind: 'NAMED_PARTNER', organisationId: housing, categories: crisisSummary });
  else if (pick < 50 && partners.has(vcs))
    drafts.push({
      kind: 'NAMED_PARTNER',
      organisationId: vcs,
      categories: ['SUPPORT_INSTRUCTIONS', 'OUTCOMES'],
    });
  if (pick % 3 === 0 && partners.has(housing))
    drafts.push({ kind: 'RESTRICTION', organisationId: housing, categories: ['MEDICATION', 'DIAGNOSIS'] });
  if (pick % 10 === 1) drafts.push({ kind: 'RESTRICTION', organisationId: null, categories: ['DIAGNOSIS'] });
  return drafts.map((d, i) => ({ id: demoId(`consent-provision:${personId}:${i}`), ...d }));
}

/**
 * Gives most of the people a consent, deterministically, captured by their care coordinator; people
 * without a named coordinator or with consent already recorded are left alone. Returns how many
 * people were given a consent record (of any status).
 */
export async function seedDemoConsent(
  db: FullDb,
  now: Date,
  people: readonly { id: string }[],
  write: RowWriter = demoRowWriter(db),
): Promise<number> {
  const dayMs = startOfUtcDay(now);
  const today = isoDate(dayMs);
  const ids = people.map((p) => p.id);
  const [byPerson, existing, orgs] = await Promise.all([
    coordinators(db, ids, today),
    alreadyConsented(db, ids),
    db.selectFrom('organisations').select('id').execute(),
  ]);
  const partners = new Set(orgs.map((o) => o.id));
  const consents: ConsentRow[] = [];
  const tasks: ConsentReviewTaskRow[] = [];
  let lacksCapacityGiven = false;
  let seeded = 0;
  // Sorted, so the one-off choices (who lacks capacity) do not depend on the order people come in.
  for (const personId of [...ids].sort()) {
    const coordinator = byPerson.get(personId);
    if (!coordinator || existing.has(personId)) continue;
    const h = hashOf(personId);
    const bucket = h % 100;
    if (bucket < 8) continue;
    seeded += 1;
    const capturedDaysAgo = 20 + ((h >>> 4) % 300);
    const dueRoll = (h >>> 16) % 100;
    const passed = bucket >= 22 && dueRoll < 10;
    const flagged = bucket >= 22 && dueRoll >= 10 && dueRoll < 18;
    const captured = passed ? 366 + (dueRoll % 20) : capturedDaysAgo;
    const base = {
      person_id: personId,
      capacity: 'HAS_CAPACITY',
      best_interests_decision: null,
      decision_maker: null,
      explanation: EXPLAINED,
      captured_by: coordinator.staffId,
      captured_by_org_id: coordinator.organisationId,
      captured_at: workingInstant(dayMs, captured, h % 600),
      recorded_by: coordinator.staffId,
      recorded_at: workingInstant(dayMs, captured, h % 600),
      review_date: daysBefore(dayMs, captured - 365),
      review_due: 0,
      review_due_reason: null,
      superseded_at: null,
      superseded_by: null,
    };
    const version = (v: number) => demoId(`consent:${personId}:${v}`);
    const provisions = JSON.stringify(provisionsFor(personId, h, partners));
    if (bucket < 16) {
      // Given, then withdrawn some weeks later: both versions kept, the first superseded.
      const withdrawnAt = workingInstant(dayMs, Math.max(1, captured - 14), (h >>> 3) % 600);
      consents.push(
        {
          ...base,
          id: version(1),
          version: 1,
          change: 'CAPTURE',
          status: 'given',
          provisions,
          superseded_at: withdrawnAt,
          superseded_by: version(2),
        },
        {
          ...base,
          id: version(2),
          version: 2,
          change: 'WITHDRAW',
          status: 'withdrawn',
          provisions,
          explanation: WITHDRAWN,
          captured_at: withdrawnAt,
          recorded_at: withdrawnAt,
        },
      );
      continue;
    }
    if (bucket < 22) {
      consents.push({
        ...base,
        id: version(1),
        version: 1,
        change: 'REFUSE',
        status: 'refused',
        explanation: REFUSED,
        provisions: '[]',
      });
      continue;
    }
    const lacks = !lacksCapacityGiven;
    lacksCapacityGiven = true;
    const trigger = TRIGGERS[dueRoll % TRIGGERS.length] ?? 'HOSPITAL_ADMISSION';
    consents.push({
      ...base,
      id: version(1),
      version: 1,
      change: 'CAPTURE',
      status: 'given',
      provisions,
      ...(lacks
        ? {
            capacity: 'LACKS_CAPACITY',
            best_interests_decision: BEST_INTERESTS,
            decision_maker: 'Dr Ravi Menon, consultant psychiatrist',
          }
        : {}),
      ...(flagged ? { review_due: 1, review_due_reason: trigger } : {}),
    });
    if (flagged || passed) {
      tasks.push({
        id: demoId(`consent-review:${personId}`),
        person_id: personId,
        consent_id: version(1),
        trigger: flagged ? trigger : 'REVIEW_DATE_REACHED',
        assigned_to: coordinator.staffId,
        status: 'open',
        outcome: null,
        created_at: new Date(dayMs - 2 * DAY_MS + 9 * 3_600_000).toISOString(),
        created_by: flagged ? coordinator.staffId : null,
        completed_at: null,
        completed_by: null,
      });
    }
  }
  await write('consents', consents);
  await write('consent_review_tasks', tasks);
  return seeded;
}
