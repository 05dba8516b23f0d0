/**
 * What the evidence pack reads: governance records (agreements, DPIAs, training, access reviews,
 * incidents, signed tree heads) and, for the anonymised examples, one handover of each kind,
 * read with the caller's reporting standing. Aggregates and shapes leave here; values do not.
 */
import type { ListAccess } from '../access/index.ts';

const inList = (ids: readonly string[]) => (ids.length > 0 ? [...ids] : ['']);

/** Agreements with their current version's title, status and review date, and their sign-offs. */
export async function agreementsRegister(list: ListAccess) {
  const agreements = await list.db
    .selectFrom('agreements as a')
    .innerJoin('agreement_versions as v', (j) =>
      j.onRef('v.agreement_id', '=', 'a.id').onRef('v.version', '=', 'a.current_version'),
    )
    .select(['a.id', 'a.reference', 'a.status', 'v.title', 'v.review_date'])
    .orderBy('a.reference')
    .execute();
  const signOffs = await list.db
    .selectFrom('agreement_sign_offs as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['s.agreement_id', 'o.name as organisation', 's.signer_role', 's.signed_on'])
    .orderBy('s.signed_on')
    .execute();
  return { agreements, signOffs };
}

/** DPIAs with their stored mitigations (JSON) and organisation. */
export function dpiasOf(list: ListAccess, organisationIds: readonly string[]) {
  return list.db
    .selectFrom('dpias as d')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select([
      'd.title',
      'd.organisation_id',
      'o.name as organisation',
      'd.review_date',
      'd.signed_off_at',
      'd.mitigations',
    ])
    .where('d.organisation_id', 'in', inList(organisationIds))
    .orderBy('d.title')
    .execute();
}

/** Per organisation: active staff, those with current IG training, those with a current guidance acknowledgement. */
export async function trainingCompliance(
  list: ListAccess,
  organisationIds: readonly string[],
  today: string,
) {
  const staff = await list.db
    .selectFrom('staff as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['s.id', 's.organisation_id', 'o.name as organisation'])
    .where('s.active', '=', 1)
    .where('s.organisation_id', 'in', inList(organisationIds))
    .execute();
  const trained = await list.db
    .selectFrom('training_records')
    .select('staff_id')
    .distinct()
    .where('kind', '=', 'IG_ANNUAL')
    .where('expires_on', '>=', today)
    .execute();
  const acknowledged = await list.db
    .selectFrom('agreement_acknowledgements')
    .select('staff_id')
    .distinct()
    .where('lapses_on', '>=', today)
    .execute();
  return {
    staff,
    trained: new Set(trained.map((t) => t.staff_id)),
    acknowledged: new Set(acknowledged.map((a) => a.staff_id)),
  };
}

/** Access reviews in the period, with their organisation. */
export function accessReviewsOf(
  list: ListAccess,
  organisationIds: readonly string[],
  from: string,
  to: string,
) {
  return list.db
    .selectFrom('access_reviews as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select(['r.period', 'o.name as organisation', 'r.status', 'r.due_on', 'r.completed_at'])
    .where('r.organisation_id', 'in', inList(organisationIds))
    .where('r.period', '>=', from)
    .where('r.period', '<=', to)
    .orderBy('r.period')
    .orderBy('o.name')
    .execute();
}

/** IG incidents detected in the period, with their free text: for an organisation's own pack only. */
export function incidentsOf(
  list: ListAccess,
  organisationIds: readonly string[],
  start: string,
  end: string,
) {
  return list.db
    .selectFrom('ig_incidents as i')
    .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
    .select([
      'o.name as organisation',
      'i.kind',
      'i.detected_at',
      'i.likelihood',
      'i.severity',
      'i.status',
      'i.notify_ico_by',
      'i.ico_notified_at',
      'i.root_cause',
      'i.learning',
    ])
    .where('i.organisation_id', 'in', inList(organisationIds))
    .where('i.detected_at', '>=', start)
    .where('i.detected_at', '<', end)
    .orderBy('i.detected_at')
    .execute();
}

/** IG incidents detected in the period, by kind and date only: what a commissioner's counts need. */
export function incidentKindsOf(
  list: ListAccess,
  organisationIds: readonly string[],
  start: string,
  end: string,
) {
  return list.db
    .selectFrom('ig_incidents as i')
    .select(['i.kind', 'i.detected_at'])
    .where('i.organisation_id', 'in', inList(organisationIds))
    .where('i.detected_at', '>=', start)
    .where('i.detected_at', '<', end)
    .execute();
}

/** The latest signed tree head. */
export function latestHead(list: ListAccess) {
  return list.db
    .selectFrom('audit_tree_heads')
    .selectAll()
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The most recent acknowledged handover of a template received by the organisations in the
 * period, with its fields' sections and whether each was sent, and its escalations: the shape
 * of an example, never its values.
 */
export async function exampleHandover(
  list: ListAccess,
  organisationIds: readonly string[],
  template: string,
  start: string,
  end: string,
) {
  const h = await list.db
    .selectFrom('handovers')
    .select(['id', 'template_key', 'route', 'sent_at', 'due_at', 'acknowledged_at', 'missing_fields'])
    .where('recipient_org_id', 'in', inList(organisationIds))
    .where('template_key', '=', template)
    .where('sent_at', '>=', start)
    .where('sent_at', '<', end)
    .orderBy('acknowledged_at', 'desc')
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!h) return null;
  const fields = await list.db
    .selectFrom('handover_fields')
    .select(['label', 'disclosed'])
    .where('handover_id', '=', h.id)
    .orderBy('position')
    .execute();
  const escalations = await list.db
    .selectFrom('handover_escalations')
    .select(['tier', 'reason'])
    .where('handover_id', '=', h.id)
    .orderBy('tier')
    .execute();
  return { handover: h, fields, escalations };
}
