/**
 * The data-quality audit's storage: the population a sample is drawn from, the records each
 * sampled episode is checked against, and the audits, samples and findings. Person-level reads
 * take the IG lead's standing (`ListAccess`); each person is then decided and audited by the service.
 */
import { afterKeyset, type KeysetBound } from '../../db/keyset.ts';
import type { ListAccess } from '../access/index.ts';
import type { EpisodeFacts } from './data-quality.ts';
import type { DqAuditItemRow, DqAuditRow, DqFindingRow } from './reporting.tables.ts';

/** Episodes of the organisation open at an instant: what a month's sample is drawn from. */
export async function openEpisodesAt(
  list: ListAccess,
  organisationId: string,
  at: string,
): Promise<{ id: string; person_id: string }[]> {
  return list.db
    .selectFrom('pathway_episodes')
    .select(['id', 'person_id'])
    .where('organisation_id', '=', organisationId)
    .where('opened_at', '<', at)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', at)]))
    .orderBy('id')
    .execute();
}

/** The records each episode is checked against, at the episode's organisation. */
export async function episodeFacts(
  list: ListAccess,
  organisationId: string,
  episodeIds: readonly string[],
): Promise<Map<string, EpisodeFacts>> {
  const out = new Map<string, EpisodeFacts>();
  if (episodeIds.length === 0) return out;
  const episodes = await list.db
    .selectFrom('pathway_episodes')
    .select(['id', 'person_id', 'stage', 'opened_at'])
    .where('id', 'in', [...episodeIds])
    .execute();
  const people = [...new Set(episodes.map((e) => e.person_id))];
  const [moves, contacts, reviews, scores] = await Promise.all([
    list.db
      .selectFrom('pathway_episode_moves')
      .select(['episode_id', 'version', 'to_stage', 'moved_at'])
      .where('episode_id', 'in', [...episodeIds])
      .execute(),
    list.db
      .selectFrom('care_contacts')
      .select(['person_id', 'outcome', 'occurred_at'])
      .where('organisation_id', '=', organisationId)
      .where('person_id', 'in', people)
      .execute(),
    list.db
      .selectFrom('care_plan_reviews')
      .select(['id', 'person_id', 'due_on', 'held_on'])
      .where('organisation_id', '=', organisationId)
      .where('person_id', 'in', people)
      .execute(),
    list.db
      .selectFrom('outcome_scores')
      .select(['review_id', 'person_id', 'measure', 'item', 'snomed_code', 'score', 'scored_on'])
      .where('organisation_id', '=', organisationId)
      .where('person_id', 'in', people)
      .execute(),
  ]);
  for (const e of episodes)
    out.set(e.id, {
      episode: { id: e.id, personId: e.person_id, stage: e.stage, openedAt: e.opened_at },
      moves: moves
        .filter((m) => m.episode_id === e.id)
        .map((m) => ({ version: Number(m.version), toStage: m.to_stage, movedAt: m.moved_at })),
      contacts: contacts
        .filter((c) => c.person_id === e.person_id)
        .map((c) => ({ outcome: c.outcome, occurredAt: c.occurred_at })),
      reviews: reviews
        .filter((r) => r.person_id === e.person_id)
        .map((r) => ({ id: r.id, dueOn: r.due_on, heldOn: r.held_on })),
      scores: scores
        .filter((s) => s.person_id === e.person_id)
        .map((s) => ({
          reviewId: s.review_id,
          measure: s.measure,
          item: Number(s.item),
          snomedCode: s.snomed_code,
          score: Number(s.score),
          scoredOn: s.scored_on,
        })),
    });
  return out;
}

/** The person's current care coordinator at the organisation, who owns a correction. */
export async function coordinatorsOf(
  list: ListAccess,
  organisationId: string,
  personIds: readonly string[],
  today: string,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (personIds.length === 0) return out;
  const rows = await list.db
    .selectFrom('care_team_memberships')
    .select(['person_id', 'staff_id'])
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'CARE_COORDINATOR')
    .where('person_id', 'in', [...personIds])
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .orderBy('start_date', 'desc')
    .execute();
  for (const r of rows) if (r.staff_id !== null && !out.has(r.person_id)) out.set(r.person_id, r.staff_id);
  return out;
}

/** The organisation's findings not yet verified, from audits before this month's. */
export async function findingsToReaudit(
  list: ListAccess,
  organisationId: string,
  beforeMonth: string,
): Promise<DqFindingRow[]> {
  return list.db
    .selectFrom('dq_findings as f')
    .innerJoin('dq_audits as a', 'a.id', 'f.audit_id')
    .selectAll('f')
    .where('f.organisation_id', '=', organisationId)
    .where('f.status', 'in', ['open', 'corrected', 'reopened'])
    .where('a.month', '<', beforeMonth)
    .execute();
}

/** Stores an audit with its sample and findings, and the re-audit's verdicts, in the list's transaction. */
export async function storeAudit(
  list: ListAccess,
  audit: DqAuditRow,
  items: readonly DqAuditItemRow[],
  findings: readonly DqFindingRow[],
  verdicts: readonly { id: string; status: 'verified' | 'reopened' }[],
): Promise<void> {
  await list.db.insertInto('dq_audits').values(audit).execute();
  if (items.length > 0)
    await list.db
      .insertInto('dq_audit_items')
      .values([...items])
      .execute();
  if (findings.length > 0)
    await list.db
      .insertInto('dq_findings')
      .values([...findings])
      .execute();
  for (const v of verdicts)
    await list.db
      .updateTable('dq_findings')
      .set(
        v.status === 'verified'
          ? { status: 'verified', verified_audit_id: audit.id, verified_at: audit.run_at }
          : { status: 'reopened' },
      )
      .where('id', '=', v.id)
      .execute();
}

/** An organisation's audits, oldest first, with each audit's findings by check and how many are open. */
export async function auditsOf(
  list: ListAccess,
  organisationIds: readonly string[],
): Promise<{
  audits: DqAuditRow[];
  counts: { audit_id: string; check_code: string; status: string; n: number }[];
}> {
  if (organisationIds.length === 0) return { audits: [], counts: [] };
  const audits = await list.db
    .selectFrom('dq_audits')
    .selectAll()
    .where('organisation_id', 'in', [...organisationIds])
    .orderBy('month')
    .orderBy('organisation_id')
    .execute();
  const counts = await list.db
    .selectFrom('dq_findings')
    .select((eb) => ['audit_id', 'check_code', 'status', eb.fn.countAll<number | string>().as('n')])
    .where('organisation_id', 'in', [...organisationIds])
    .groupBy(['audit_id', 'check_code', 'status'])
    .execute();
  return {
    audits: audits.map((a) => ({
      ...a,
      sample_size: Number(a.sample_size),
      population: Number(a.population),
      sampled: Number(a.sampled),
      findings: Number(a.findings),
      reaudited: Number(a.reaudited),
      verified: Number(a.verified),
      still_present: Number(a.still_present),
    })),
    counts: counts.map((c) => ({ ...c, n: Number(c.n) })),
  };
}

/** One audit with its sample and findings (and each owner's name). */
export async function auditWithRecords(
  list: ListAccess,
  id: string,
): Promise<{ items: DqAuditItemRow[]; findings: (DqFindingRow & { owner_name: string })[] }> {
  const items = await list.db
    .selectFrom('dq_audit_items')
    .selectAll()
    .where('audit_id', '=', id)
    .orderBy('position')
    .execute();
  const findings = await list.db
    .selectFrom('dq_findings as f')
    .innerJoin('staff as s', 's.id', 'f.owner_staff_id')
    .selectAll('f')
    .select('s.display_name as owner_name')
    .where('f.audit_id', '=', id)
    .orderBy('f.check_code')
    .orderBy('f.id')
    .execute();
  return { items, findings };
}

/** A finding by id, with its owner's name. */
export function findingById(
  list: ListAccess,
  id: string,
): Promise<(DqFindingRow & { owner_name: string }) | undefined> {
  return list.db
    .selectFrom('dq_findings as f')
    .innerJoin('staff as s', 's.id', 'f.owner_staff_id')
    .selectAll('f')
    .select('s.display_name as owner_name')
    .where('f.id', '=', id)
    .executeTakeFirst();
}

/** Records the owner's correction. */
export async function markCorrected(list: ListAccess, id: string, by: string, at: string): Promise<void> {
  await list.db
    .updateTable('dq_findings')
    .set({ status: 'corrected', corrected_by: by, corrected_at: at })
    .where('id', '=', id)
    .execute();
}

/** The staff member's open corrections, for the worklist: keyset by (due, id). */
export async function correctionsOwned(
  list: ListAccess,
  bound: KeysetBound | null,
  limit: number,
): Promise<{ id: string; due: string; personId: string; check: string }[]> {
  const rows = await list.db
    .selectFrom('dq_findings')
    .select(['id', 'due_at', 'person_id', 'check_code'])
    .where('owner_staff_id', '=', list.staffId)
    .where('status', 'in', ['open', 'reopened'])
    .where(afterKeyset('due_at', 'id', bound))
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, due: r.due_at, personId: r.person_id, check: r.check_code }));
}

/** How many open corrections the staff member owns, and how many are past due. */
export async function countCorrectionsOwned(list: ListAccess, now: string): Promise<[number, number]> {
  const rows = await list.db
    .selectFrom('dq_findings')
    .select(['due_at'])
    .where('owner_staff_id', '=', list.staffId)
    .where('status', 'in', ['open', 'reopened'])
    .execute();
  return [rows.length, rows.filter((r) => r.due_at < now).length];
}
