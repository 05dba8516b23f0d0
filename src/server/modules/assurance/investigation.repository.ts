import type {
  AnomalyRule,
  CaseOutcome,
  CaseStatus,
  InvestigationCase,
} from '../../../contracts/assurance.ts';
import type { Db } from '../../db/database.ts';
import type { Finding } from './anomaly.ts';
import type { InvestigationCaseRow } from './assurance.tables.ts';

const EVIDENCE_CHUNK = 1000;

/** What storing a finding did. */
export type StoredFinding =
  | {
      readonly kind: 'opened';
      readonly caseId: string;
      readonly evidence: number;
      /** The closed case this one follows, when access went on after its decision. */
      readonly followsCaseId?: string;
    }
  | { readonly kind: 'extended'; readonly caseId: string; readonly evidence: number }
  | { readonly kind: 'unchanged'; readonly caseId: string | null };

async function linkEvidence(db: Db, caseId: string, entryIds: readonly string[]): Promise<void> {
  for (let at = 0; at < entryIds.length; at += EVIDENCE_CHUNK) {
    await db
      .insertInto('investigation_evidence')
      .values(
        entryIds
          .slice(at, at + EVIDENCE_CHUNK)
          .map((audit_entry_id) => ({ case_id: caseId, audit_entry_id })),
      )
      .execute();
  }
}

/** The key of the case that follows a closed one: unique per predecessor, so concurrent runs agree. */
const followUpKey = (dedupeKey: string, closedCaseId: string): string => `${dedupeKey}#after:${closedCaseId}`;

async function insertCase(db: Db, finding: Finding, openedAt: string, key: string, summary: string) {
  return db
    .insertInto('investigation_cases')
    .values({
      id: crypto.randomUUID(),
      rule: finding.rule,
      actor_staff_id: finding.actorStaffId,
      organisation_id: finding.organisationId,
      opened_at: openedAt,
      window_start: finding.windowStart,
      window_end: finding.windowEnd,
      summary,
      status: 'open',
      outcome: null,
      outcome_notes: null,
      closed_by: null,
      closed_at: null,
      dedupe_key: key,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
}

type ChainCase = { id: string; status: string; window_start: string; window_end: string; dedupe_key: string };

/** The case under a dedupe key and every follow-up opened after one of them closed, oldest first. */
async function caseChain(db: Db, dedupeKey: string): Promise<ChainCase[]> {
  const chain: ChainCase[] = [];
  let key = dedupeKey;
  for (;;) {
    const found = await db
      .selectFrom('investigation_cases')
      .select(['id', 'status', 'window_start', 'window_end', 'dedupe_key'])
      .where('dedupe_key', '=', key)
      .executeTakeFirst();
    if (!found) return chain;
    chain.push(found);
    key = followUpKey(dedupeKey, found.id);
  }
}

async function linkedEvidence(db: Db, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const linked = await db
    .selectFrom('investigation_evidence')
    .select('audit_entry_id')
    .where('case_id', 'in', caseIds)
    .execute();
  return new Set(linked.map((l) => l.audit_entry_id));
}

/**
 * Opens a case for a finding, or, when its dedupe key already has a case, adds any new evidence to
 * it while it is open. When that case was closed, access it has not seen (the same day, after the
 * decision) opens a follow-up case holding only the new evidence and naming the case it follows: a
 * closed case keeps its decision, and nothing found after it is absorbed silently. The insert yields
 * to a concurrent run's insert of the same key.
 */
export async function storeFinding(db: Db, finding: Finding, openedAt: string): Promise<StoredFinding> {
  const inserted = await insertCase(
    db,
    finding,
    openedAt,
    finding.dedupeKey,
    JSON.stringify(finding.summary),
  );
  if (inserted) {
    await linkEvidence(db, inserted.id, finding.evidence);
    return { kind: 'opened', caseId: inserted.id, evidence: finding.evidence.length };
  }
  const chain = await caseChain(db, finding.dedupeKey);
  const latest = chain.at(-1);
  if (!latest) return { kind: 'unchanged', caseId: null };
  const known = await linkedEvidence(
    db,
    chain.map((c) => c.id),
  );
  const added = finding.evidence.filter((id) => !known.has(id));
  if (added.length === 0) return { kind: 'unchanged', caseId: latest.id };
  if (latest.status !== 'open') {
    const summary = JSON.stringify({
      ...finding.summary,
      followsCaseId: latest.id,
      newEvidence: added.length,
    });
    const followUp = await insertCase(
      db,
      finding,
      openedAt,
      followUpKey(finding.dedupeKey, latest.id),
      summary,
    );
    // A concurrent run opened the follow-up first: the next run adds to it.
    if (!followUp) return { kind: 'unchanged', caseId: latest.id };
    await linkEvidence(db, followUp.id, added);
    return { kind: 'opened', caseId: followUp.id, evidence: added.length, followsCaseId: latest.id };
  }
  const own = await linkedEvidence(db, [latest.id]);
  await linkEvidence(db, latest.id, added);
  await db
    .updateTable('investigation_cases')
    .set({
      // A later run over part of the period sees less than the case holds; keep the fuller count.
      ...(finding.evidence.length >= own.size && chain.length === 1
        ? { summary: JSON.stringify(finding.summary) }
        : {}),
      window_start: [finding.windowStart, latest.window_start].sort()[0] ?? latest.window_start,
      window_end: [finding.windowEnd, latest.window_end].sort()[1] ?? latest.window_end,
    })
    .where('id', '=', latest.id)
    .execute();
  return { kind: 'extended', caseId: latest.id, evidence: added.length };
}

/** A case row with the actor's name and the evidence count. */
export type CaseRecord = InvestigationCaseRow & { actor_name: string | null; evidence_count: number };

function caseQuery(db: Db) {
  return db
    .selectFrom('investigation_cases as c')
    .leftJoin('staff as s', 's.id', 'c.actor_staff_id')
    .selectAll('c')
    .select('s.display_name as actor_name')
    .select((eb) =>
      eb
        .selectFrom('investigation_evidence as e')
        .whereRef('e.case_id', '=', 'c.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('evidence_count'),
    );
}

/** Cases of one organisation, newest first. */
export async function findCases(
  db: Db,
  filter: { organisationId: string; status?: CaseStatus | undefined; rule?: AnomalyRule | undefined },
  page: { limit: number; offset: number },
): Promise<{ rows: CaseRecord[]; total: number }> {
  let where = db.selectFrom('investigation_cases').where('organisation_id', '=', filter.organisationId);
  let list = caseQuery(db).where('c.organisation_id', '=', filter.organisationId);
  if (filter.status) {
    where = where.where('status', '=', filter.status);
    list = list.where('c.status', '=', filter.status);
  }
  if (filter.rule) {
    where = where.where('rule', '=', filter.rule);
    list = list.where('c.rule', '=', filter.rule);
  }
  const [rows, count] = await Promise.all([
    list.orderBy('c.opened_at', 'desc').orderBy('c.id').limit(page.limit).offset(page.offset).execute(),
    where.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, evidence_count: Number(r.evidence_count ?? 0) })),
    total: Number(count.n),
  };
}

/** One case by id. */
export async function findCase(db: Db, id: string): Promise<CaseRecord | undefined> {
  const row = await caseQuery(db).where('c.id', '=', id).executeTakeFirst();
  return row ? { ...row, evidence_count: Number(row.evidence_count ?? 0) } : undefined;
}

/** Presents a case; `canClose` is decided by the service. */
export function presentCase(row: CaseRecord, canClose: boolean): InvestigationCase {
  return {
    id: row.id,
    rule: row.rule as AnomalyRule,
    actorStaffId: row.actor_staff_id,
    actorName: row.actor_name,
    organisationId: row.organisation_id,
    openedAt: row.opened_at,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    summary: JSON.parse(row.summary) as InvestigationCase['summary'],
    status: row.status as CaseStatus,
    outcome: row.outcome as CaseOutcome | null,
    outcomeNotes: row.outcome_notes,
    closedBy: row.closed_by,
    closedAt: row.closed_at,
    evidenceCount: row.evidence_count,
    can: { close: canClose },
  };
}
