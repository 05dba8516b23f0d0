import type {
  AccessReview,
  AccessReviewItem,
  ReviewDecision,
  ReviewItemFlag,
  ReviewItemKind,
  ReviewStatus,
} from '../../../contracts/assurance.ts';
import type { CareTeamRole } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import type { GovernedAccess } from '../access/index.ts';
import type { PlannedReview, ReviewMembership, ReviewPlanInput, ReviewStaff } from './access-review.ts';
import type { AccessReviewRow } from './assurance.tables.ts';

/**
 * The directory as the review needs it: staff with roles and teams, current named care-team
 * memberships, when each member's teams last changed (the directory keeps no history, so this
 * comes from the audit log's `staff.update` entries), and each organisation's named service manager.
 */
export async function loadReviewInput(
  db: Db,
  people: GovernedAccess,
  today: string,
  organisationId: string | null,
): Promise<ReviewPlanInput> {
  let staffQuery = db.selectFrom('staff').select(['id', 'organisation_id', 'active']);
  if (organisationId) staffQuery = staffQuery.where('organisation_id', '=', organisationId);
  const rows = await staffQuery.execute();
  const ids = new Set(rows.map((r) => r.id));
  const monthAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 31 * 86_400_000).toISOString();
  const [roles, teams, memberships, changes, leads, grants] = await Promise.all([
    db.selectFrom('staff_roles').select(['staff_id', 'role']).execute(),
    db.selectFrom('staff_teams').select(['staff_id', 'team_id']).execute(),
    people.db
      .selectFrom('care_team_memberships')
      .select(['id', 'staff_id', 'organisation_id', 'created_at'])
      .where('staff_id', 'is not', null)
      .where('start_date', '<=', today)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
      .orderBy('start_date')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('audit_entries')
      .select(['target_id', (eb) => eb.fn.max('recorded_at').as('at')])
      .where('action', '=', 'staff.update')
      .where('target_type', '=', 'staff')
      .where('details', 'like', '%teamIds%')
      .groupBy('target_id')
      .execute(),
    db
      .selectFrom('governance_roles')
      .select(['organisation_id', 'staff_id'])
      .where('role', '=', 'SERVICE_MANAGER')
      .execute(),
    db
      .selectFrom('audit_entries')
      .select(['target_id', 'details'])
      .where('action', '=', 'staff.role.grant')
      .where('outcome', '=', 'success')
      .where('target_type', '=', 'staff')
      .where('recorded_at', '>=', monthAgo)
      .execute(),
  ]);
  const rolesGrantedRecently = new Map<string, string[]>();
  for (const g of grants) {
    const role = (JSON.parse(g.details) as { role?: unknown }).role;
    if (!g.target_id || typeof role !== 'string') continue;
    rolesGrantedRecently.set(g.target_id, [...(rolesGrantedRecently.get(g.target_id) ?? []), role]);
  }
  const staff: ReviewStaff[] = rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    active: Number(r.active) === 1,
    roles: roles.filter((x) => x.staff_id === r.id).map((x) => x.role),
    teamIds: teams.filter((x) => x.staff_id === r.id).map((x) => x.team_id),
  }));
  const named: ReviewMembership[] = memberships.flatMap((m) =>
    m.staff_id && ids.has(m.staff_id)
      ? [{ id: m.id, staffId: m.staff_id, organisationId: m.organisation_id, createdAt: m.created_at }]
      : [],
  );
  return {
    staff,
    memberships: named,
    teamsChangedAt: new Map(
      changes.flatMap((c) => (c.target_id && c.at ? [[c.target_id, String(c.at)]] : [])),
    ),
    leadManagerOf: new Map(leads.map((l) => [l.organisation_id, l.staff_id])),
    rolesGrantedRecently,
  };
}

/** Stores one planned review with its items; returns null when the reviewer already has one for the period. */
export async function insertReview(
  db: Db,
  plan: PlannedReview,
  period: string,
  dueOn: string,
  createdAt: string,
): Promise<string | null> {
  const inserted = await db
    .insertInto('access_reviews')
    .values({
      id: crypto.randomUUID(),
      period,
      organisation_id: plan.organisationId,
      reviewer_staff_id: plan.reviewerStaffId,
      status: 'open',
      due_on: dueOn,
      created_at: createdAt,
      completed_at: null,
    })
    .onConflict((oc) => oc.columns(['period', 'organisation_id', 'reviewer_staff_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  const rows = plan.items.map((item) => ({
    id: crypto.randomUUID(),
    review_id: inserted.id,
    staff_id: item.staffId,
    kind: item.kind,
    subject: item.subject,
    flag: item.flag,
    decision: null,
    decided_by: null,
    decided_at: null,
    escalated_at: null,
  }));
  for (let at = 0; at < rows.length; at += 500) {
    await db
      .insertInto('access_review_items')
      .values(rows.slice(at, at + 500))
      .execute();
  }
  return inserted.id;
}

/** Who may see which reviews: their own as reviewer, and/or their organisation's as IG lead. */
export interface ReviewScope {
  readonly reviewerStaffId: string | null;
  readonly organisationId: string | null;
}

function scoped(db: Db, scope: ReviewScope) {
  return db
    .selectFrom('access_reviews as r')
    .innerJoin('staff as s', 's.id', 'r.reviewer_staff_id')
    .where((eb) =>
      eb.or([
        ...(scope.reviewerStaffId ? [eb('r.reviewer_staff_id', '=', scope.reviewerStaffId)] : []),
        ...(scope.organisationId ? [eb('r.organisation_id', '=', scope.organisationId)] : []),
      ]),
    );
}

function reviewQuery(db: Db, scope: ReviewScope) {
  return scoped(db, scope)
    .selectAll('r')
    .select('s.display_name as reviewer_name')
    .select((eb) => {
      const items = () => eb.selectFrom('access_review_items as i').whereRef('i.review_id', '=', 'r.id');
      const n = () => eb.fn.countAll<number>().as('n');
      return [
        items().select(n).as('items'),
        items().where('i.decision', 'is not', null).select(n).as('decided'),
        items().where('i.flag', 'is not', null).select(n).as('flagged'),
        items().where('i.escalated_at', 'is not', null).select(n).as('escalated'),
      ];
    });
}

type ReviewRecord = AccessReviewRow & {
  reviewer_name: string;
  items: number | null;
  decided: number | null;
  flagged: number | null;
  escalated: number | null;
};

function presentReview(r: ReviewRecord): AccessReview {
  return {
    id: r.id,
    period: r.period,
    organisationId: r.organisation_id,
    reviewerStaffId: r.reviewer_staff_id,
    reviewerName: r.reviewer_name,
    status: r.status as ReviewStatus,
    dueOn: r.due_on,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    counts: {
      items: Number(r.items ?? 0),
      decided: Number(r.decided ?? 0),
      flagged: Number(r.flagged ?? 0),
      escalated: Number(r.escalated ?? 0),
    },
  };
}

/** Reviews in scope, newest period first. */
export async function findReviews(
  db: Db,
  scope: ReviewScope,
  filter: { status?: ReviewStatus | undefined; period?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ items: AccessReview[]; total: number }> {
  let list = reviewQuery(db, scope);
  let counted = scoped(db, scope);
  if (filter.status) {
    list = list.where('r.status', '=', filter.status);
    counted = counted.where('r.status', '=', filter.status);
  }
  if (filter.period) {
    list = list.where('r.period', '=', filter.period);
    counted = counted.where('r.period', '=', filter.period);
  }
  const [rows, count] = await Promise.all([
    list
      .orderBy('r.period', 'desc')
      .orderBy('s.display_name')
      .orderBy('r.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    counted.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentReview), total: Number(count.n) };
}

/** One review in scope. */
export async function findReview(db: Db, scope: ReviewScope, id: string): Promise<AccessReview | undefined> {
  const row = await reviewQuery(db, scope).where('r.id', '=', id).executeTakeFirst();
  return row ? presentReview(row) : undefined;
}

/** A review's items, with the staff member's name and, for memberships, the membership itself. */
export async function findReviewItems(list: GovernedAccess, reviewId: string): Promise<AccessReviewItem[]> {
  const rows = await list.db
    .selectFrom('access_review_items as i')
    .innerJoin('staff as s', 's.id', 'i.staff_id')
    .leftJoin('care_team_memberships as m', (join) =>
      join.onRef('m.id', '=', 'i.subject').on('i.kind', '=', 'CARE_TEAM_MEMBERSHIP'),
    )
    .selectAll('i')
    .select([
      's.display_name as staff_name',
      'm.id as membership_id',
      'm.person_id',
      'm.organisation_id as membership_organisation_id',
      'm.role as membership_role',
      'm.start_date',
      'm.end_date',
    ])
    .where('i.review_id', '=', reviewId)
    .orderBy('s.display_name')
    .orderBy('i.staff_id')
    .orderBy('i.kind', 'desc')
    .orderBy('i.subject')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    staffId: r.staff_id,
    staffName: r.staff_name,
    kind: r.kind as ReviewItemKind,
    subject: r.subject,
    membership:
      r.membership_id && r.person_id && r.membership_organisation_id && r.membership_role && r.start_date
        ? {
            personId: r.person_id,
            personName: null,
            organisationId: r.membership_organisation_id,
            role: r.membership_role as CareTeamRole,
            startDate: r.start_date,
            endDate: r.end_date,
          }
        : null,
    flag: r.flag as ReviewItemFlag | null,
    decision: r.decision as ReviewDecision | null,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    escalatedAt: r.escalated_at,
    undoUntil: null,
  }));
}

/** A care-team membership a review item names: its person and dates. */
export function findItemMembership(access: GovernedAccess, membershipId: string) {
  return access.db
    .selectFrom('care_team_memberships')
    .select(['person_id', 'start_date', 'end_date'])
    .where('id', '=', membershipId)
    .executeTakeFirst();
}

/** Ends a membership a manager revoked in an access review. */
export async function endItemMembership(
  access: GovernedAccess,
  membershipId: string,
  endDate: string | null,
  at: string,
): Promise<void> {
  await access.db
    .updateTable('care_team_memberships')
    .set({ end_date: endDate, updated_at: at })
    .where('id', '=', membershipId)
    .execute();
}
