/**
 * The commissioner dataset's queries. Each metric is one record-level selection (month,
 * category, person, record) over an index range for the organisations and period; the figure
 * is that selection counted in SQL, the drill-down is it filtered to one figure and paged, and
 * reconciliation recounts it row by row. One definition serves all three, so a figure and its
 * records cannot drift apart.
 */
import { type RawBuilder, sql } from 'kysely';
import { type MetricId, OUTCOME_MEASURE_KEYS, OUTCOME_MEASURES } from '../../../contracts/reporting.ts';
import type { Engine } from '../../db/database.ts';
import type { ListAccess, MembershipLike } from '../access/index.ts';
import { UNABLE_TO_SHARE_ACTIONS } from '../audit/audit-actions.ts';
import { lastDayOf, monthEnd, monthsBetween, SHARING_REASONS } from './metrics.ts';

/** Which records a metric is counted over. */
export interface FigureScope {
  readonly organisationIds: readonly string[];
  /** YYYY-MM, inclusive. */
  readonly from: string;
  readonly to: string;
  /** The instant and date "overdue" and "pending" are judged at. */
  readonly now: string;
  readonly today: string;
  readonly engine: Engine;
}

/** One record behind a figure. */
export interface FigureRecord {
  month: string;
  category: string;
  /** Null for a record about the organisation rather than one person (an IG incident). */
  person_id: string | null;
  record_id: string;
  record_type: string;
  at: string;
}

const text = (v: string) => sql`cast(${v} as text)`;
const list = (values: readonly string[]) => sql.join(values.map(text));

function monthsTable(s: FigureScope): RawBuilder<unknown> {
  const rows = monthsBetween(s.from, s.to).map(
    (m) => sql`(${text(m)}, ${text(monthEnd(m))}, ${text(lastDayOf(m))})`,
  );
  return sql`months(month, month_end, last_day) as (values ${sql.join(rows)})`;
}

/** The first of a comma-separated list of reason codes, in each engine's words. */
function firstReason(engine: Engine): RawBuilder<string> {
  return engine === 'postgres'
    ? sql`split_part(a.reasons, ',', 1)`
    : sql`case when instr(a.reasons, ',') > 0 then substr(a.reasons, 1, instr(a.reasons, ',') - 1) else a.reasons end`;
}

/** The record-level selection of a metric, as the body of a `rows` CTE. */
function selection(metric: MetricId, s: FigureScope): RawBuilder<FigureRecord> {
  const orgs = list(s.organisationIds);
  const start = text(`${s.from}-01`);
  const end = text(monthEnd(s.to));
  switch (metric) {
    case 'referrals':
      return sql`select substr(h.sent_at, 1, 7) as month,
          case when e.id is null then 'NOT_ACCEPTED' else 'ACCEPTED' end as category,
          h.person_id as person_id, h.id as record_id, 'handover' as record_type, h.sent_at as at
        from handovers h left join pathway_episodes e on e.referral_handover_id = h.id
        where h.recipient_org_id in (${orgs}) and h.template_key = 'REFERRAL'
          and h.sent_at >= ${start} and h.sent_at < ${end}`;
    case 'escalation_timeliness':
      return sql`select substr(h.sent_at, 1, 7) as month,
          case when h.acknowledged_at is not null and h.acknowledged_at <= h.due_at then 'IN_TIME'
               when h.acknowledged_at is not null then 'LATE'
               when h.due_at < ${text(s.now)} then 'NOT_ACKNOWLEDGED' else 'WAITING' end as category,
          h.person_id as person_id, h.id as record_id, 'handover' as record_type, h.sent_at as at
        from handovers h
        where h.recipient_org_id in (${orgs}) and h.template_key = 'CRISIS_ESCALATION'
          and h.sent_at >= ${start} and h.sent_at < ${end}`;
    case 'people_by_stage':
      // The stage an episode held at a month's end is its last move before then.
      return sql`select mo.month as month, m.to_stage as category, e.person_id as person_id,
          e.id as record_id, 'pathway_episode' as record_type, m.moved_at as at
        from months mo
        join pathway_episodes e on e.opened_at < mo.month_end
        join pathway_episode_moves m on m.episode_id = e.id and m.moved_at < mo.month_end
        where e.organisation_id in (${orgs}) and m.to_stage <> 'DISCHARGED'
          and not exists (select 1 from pathway_episode_moves n
            where n.episode_id = m.episode_id and n.version > m.version and n.moved_at < mo.month_end)`;
    case 'reviews_due':
      return sql`select substr(r.due_on, 1, 7) as month,
          case when r.held_on is not null and r.held_on <= r.due_on then 'ON_TIME'
               when r.held_on is not null then 'LATE'
               when r.due_on < ${text(s.today)} then 'OVERDUE' else 'NOT_YET_DUE' end as category,
          r.person_id as person_id, r.id as record_id, 'care_plan_review' as record_type, r.due_on as at
        from care_plan_reviews r
        where r.organisation_id in (${orgs}) and r.due_on >= ${start} and r.due_on < ${end}`;
    case 'outcome_change': {
      const lower = list(OUTCOME_MEASURE_KEYS.filter((m) => OUTCOME_MEASURES[m].better === 'lower'));
      return sql`select substr(p.scored_on, 1, 7) as month,
          p.measure || '_' || case when p.total = p.first_total then 'NO_CHANGE'
            when (p.total > p.first_total) = (p.measure in (${lower})) then 'WORSE' else 'IMPROVED' end as category,
          p.person_id as person_id, p.review_id as record_id, 'care_plan_review' as record_type, p.scored_on as at
        from (select t.*,
            first_value(t.total) over (partition by t.person_id, t.organisation_id, t.measure
              order by t.scored_on, t.review_id) as first_total,
            row_number() over (partition by t.person_id, t.organisation_id, t.measure
              order by t.scored_on, t.review_id) as seq,
            row_number() over (partition by t.person_id, t.organisation_id, t.measure, substr(t.scored_on, 1, 7)
              order by t.scored_on desc, t.review_id desc) as last_in_month
          from (select s.person_id, s.organisation_id, s.measure, s.review_id, s.scored_on, sum(s.score) as total
            from outcome_scores s
            where s.organisation_id in (${orgs}) and s.scored_on < ${end}
            group by s.person_id, s.organisation_id, s.measure, s.review_id, s.scored_on) t) p
        where p.seq > 1 and p.last_in_month = 1 and p.scored_on >= ${start}`;
    }
    case 'follow_up_72h':
      return sql`select substr(f.due_at, 1, 7) as month,
          case when f.contact_at is not null and f.contact_at <= f.due_at then 'IN_72H'
               when f.due_at < ${text(s.now)} then 'NOT_IN_72H' else 'PENDING' end as category,
          f.person_id as person_id, f.id as record_id, 'follow_up' as record_type, f.due_at as at
        from follow_ups f
        where f.organisation_id in (${orgs}) and f.rule = 'FU_72_HOURS'
          and f.due_at >= ${start} and f.due_at < ${end}`;
    case 'consent_completion':
      // Each person's first consent decision is found once (one grouped pass over consents),
      // not looked up again for every membership and month. The people on a care team at each
      // month's end are made distinct person first: the memberships are read in person order,
      // so the set grows in key order instead of at random.
      return sql`select x.month as month,
          case when f.first_decision_at < x.month_end then 'RECORDED' else 'NOT_RECORDED' end as category,
          x.person_id as person_id, x.person_id as record_id, 'person' as record_type, x.last_day as at
        from (select distinct m.person_id as person_id, mo.month as month, mo.month_end as month_end,
            mo.last_day as last_day
          from care_team_memberships m cross join months mo
          where m.organisation_id in (${orgs}) and m.start_date <= mo.last_day
            and (m.end_date is null or m.end_date >= mo.last_day)) x
        left join (select c.person_id as person_id, min(c.recorded_at) as first_decision_at from consents c
          where c.change in ('CAPTURE', 'REFUSE', 'WITHDRAW') group by c.person_id) f on f.person_id = x.person_id`;
    case 'unable_to_share': {
      const first = firstReason(s.engine);
      return sql`select substr(a.recorded_at, 1, 7) as month,
          case when ${first} in (${list(SHARING_REASONS)}) then ${first} else 'OTHER' end as category,
          a.person_id as person_id, a.id as record_id, 'audit_entry' as record_type, a.recorded_at as at
        from audit_entries a
        where a.owner_org_id in (${orgs}) and a.outcome = 'deny'
          and a.recorded_at >= ${start} and a.recorded_at < ${end}
          and a.action in (${list(UNABLE_TO_SHARE_ACTIONS)})
          and a.person_id is not null
          and coalesce(a.recipient_org_id, a.actor_org_id) <> a.owner_org_id`;
    }
    case 'contacts':
      return sql`select substr(c.occurred_at, 1, 7) as month, c.outcome as category,
          c.person_id as person_id, c.id as record_id, 'care_contact' as record_type, c.occurred_at as at
        from care_contacts c
        where c.organisation_id in (${orgs}) and c.outcome <> 'SCHEDULED'
          and c.occurred_at >= ${start} and c.occurred_at < ${end}`;
    case 'reassessment':
      // A move (episode, version) is one record; its id is the pair, as an episode may be re-assessed twice.
      return sql`select substr(m.moved_at, 1, 7) as month,
          case when m.from_stage in ('ACTIVE', 'REVIEW', 'STEP_DOWN') or exists (
              select 1 from pathway_episodes p where p.person_id = e.person_id
                and p.organisation_id = e.organisation_id and p.id <> e.id
                and p.closed_at is not null and p.closed_at <= e.opened_at)
            then 'RE_ASSESSMENT' else 'FIRST_ASSESSMENT' end as category,
          e.person_id as person_id, e.id || ':' || cast(m.version as text) as record_id,
          'pathway_episode_move' as record_type, m.moved_at as at
        from pathway_episode_moves m join pathway_episodes e on e.id = m.episode_id
        where e.organisation_id in (${orgs}) and m.to_stage = 'ASSESSMENT'
          and m.moved_at >= ${start} and m.moved_at < ${end}`;
    case 'privacy_incidents':
      return sql`select substr(i.detected_at, 1, 7) as month, i.kind as category,
          cast(null as text) as person_id, i.id as record_id, 'ig_incident' as record_type, i.detected_at as at
        from ig_incidents i
        where i.organisation_id in (${orgs})
          and i.detected_at >= ${start} and i.detected_at < ${end}`;
  }
}

/** A metric's counts by month and category, aggregated in the database. */
export async function countFigures(
  access: ListAccess,
  metric: MetricId,
  scope: FigureScope,
): Promise<{ month: string; category: string; n: number }[]> {
  if (scope.organisationIds.length === 0) return [];
  const result = await sql<{ month: string; category: string; n: number | string }>`
    with ${monthsTable(scope)}, rows as (${selection(metric, scope)})
    select month, category, count(*) as n from rows group by month, category`.execute(access.db);
  return result.rows.map((r) => ({ month: r.month, category: r.category, n: Number(r.n) }));
}

/** The records behind one figure, a page at a time in record order (after the last one seen). */
export async function figureRecords(
  access: ListAccess,
  metric: MetricId,
  scope: FigureScope,
  figure: { month: string; category: string; after?: string | undefined; limit: number },
): Promise<FigureRecord[]> {
  if (scope.organisationIds.length === 0) return [];
  const after = figure.after === undefined ? sql`` : sql`and record_id > ${text(figure.after)}`;
  const result = await sql<FigureRecord>`
    with ${monthsTable(scope)}, rows as (${selection(metric, scope)})
    select * from rows where month = ${text(figure.month)} and category = ${text(figure.category)} ${after}
    order by record_id limit ${figure.limit}`.execute(access.db);
  return result.rows;
}

/** Every record behind a metric's figures (reconciliation recounts them one by one). */
export async function allFigureRecords(
  access: ListAccess,
  metric: MetricId,
  scope: FigureScope,
): Promise<Pick<FigureRecord, 'month' | 'category' | 'record_id'>[]> {
  if (scope.organisationIds.length === 0) return [];
  const result = await sql<FigureRecord>`
    with ${monthsTable(scope)}, rows as (${selection(metric, scope)})
    select month, category, record_id from rows`.execute(access.db);
  return result.rows;
}

/** The care-team memberships of the people on a page, for the per-row decision. */
export async function membershipsOf(
  access: ListAccess,
  personIds: readonly string[],
): Promise<Map<string, MembershipLike[]>> {
  const out = new Map<string, MembershipLike[]>();
  if (personIds.length === 0) return out;
  const rows = await access.db
    .selectFrom('care_team_memberships')
    .select(['person_id', 'staff_id', 'organisation_id', 'role', 'start_date', 'end_date'])
    .where('person_id', 'in', [...personIds])
    .execute();
  for (const r of rows)
    out.set(r.person_id, [
      ...(out.get(r.person_id) ?? []),
      {
        staffId: r.staff_id,
        organisationId: r.organisation_id,
        role: r.role,
        startDate: r.start_date,
        endDate: r.end_date,
      },
    ]);
  return out;
}

/** Every organisation in the partnership, for a partnership-wide report. */
export function partnershipOrganisations(access: ListAccess): Promise<{ id: string; name: string }[]> {
  return access.db.selectFrom('organisations').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}
