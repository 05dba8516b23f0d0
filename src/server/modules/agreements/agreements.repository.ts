/** Agreement rows to domain objects and back; every write adds rows, none rewrites a version. */
import type { AgreementStatus } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import type { AgreementVersionRow } from './agreements.tables.ts';
import {
  type AgreementDocument,
  type AgreementTerms,
  type AgreementVersion,
  EMPTY_DOCUMENT,
} from './agreements.ts';

/** An agreement with its current version. */
export interface AgreementRecord {
  readonly id: string;
  readonly reference: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly current: AgreementVersion;
}

/** One entry of an agreement's history, with who made it. */
export interface VersionHistoryEntry {
  readonly version: number;
  readonly status: AgreementStatus;
  readonly title: string;
  readonly changeNote: string;
  readonly createdBy: string;
  readonly createdByName: string;
  readonly createdAt: string;
}

/** Reads a stored document; keys an older version lacks take their empty values. */
function parseDocument(json: string): AgreementDocument {
  const stored = JSON.parse(json) as Partial<AgreementDocument>;
  return {
    ...EMPTY_DOCUMENT,
    ...stored,
    retention: { ...EMPTY_DOCUMENT.retention, ...stored.retention },
    incidentEscalation: { ...EMPTY_DOCUMENT.incidentEscalation, ...stored.incidentEscalation },
  };
}

/** The document part of the terms, as stored (title and dates are columns). */
export function documentOf(t: AgreementTerms): AgreementDocument {
  return {
    parties: t.parties,
    grants: t.grants,
    article6Basis: t.article6Basis,
    article9Condition: t.article9Condition,
    dpaSchedule1Condition: t.dpaSchedule1Condition,
    commonLawBasis: t.commonLawBasis,
    retention: t.retention,
    securityControls: t.securityControls,
    incidentEscalation: t.incidentEscalation,
    signatories: t.signatories,
    dataSubjects: t.dataSubjects,
    dpiaReference: t.dpiaReference,
    nationalDataOptOutApplies: t.nationalDataOptOutApplies,
    nationalDataOptOutRationale: t.nationalDataOptOutRationale,
  };
}

/** A stored version row as a domain object. */
export function versionFromRow(row: AgreementVersionRow): AgreementVersion {
  return {
    ...parseDocument(row.document),
    agreementId: row.agreement_id,
    version: Number(row.version),
    status: row.status as AgreementStatus,
    title: row.title,
    startDate: row.start_date,
    endDate: row.end_date,
    reviewDate: row.review_date,
    changeNote: row.change_note,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** A domain version as the row to insert. */
export function rowFromVersion(v: AgreementVersion): AgreementVersionRow {
  return {
    agreement_id: v.agreementId,
    version: v.version,
    status: v.status,
    title: v.title,
    start_date: v.startDate,
    end_date: v.endDate,
    review_date: v.reviewDate,
    document: JSON.stringify(documentOf(v)),
    change_note: v.changeNote,
    created_by: v.createdBy,
    created_at: v.createdAt,
  };
}

function currentQuery(db: Db) {
  return db
    .selectFrom('agreements as a')
    .innerJoin('agreement_versions as v', (join) =>
      join.onRef('v.agreement_id', '=', 'a.id').onRef('v.version', '=', 'a.current_version'),
    )
    .select([
      'a.id',
      'a.reference',
      'a.created_at as agreement_created_at',
      'a.updated_at',
      'v.agreement_id',
      'v.version',
      'v.status',
      'v.title',
      'v.start_date',
      'v.end_date',
      'v.review_date',
      'v.document',
      'v.change_note',
      'v.created_by',
      'v.created_at',
    ]);
}

type CurrentRow = Awaited<ReturnType<ReturnType<typeof currentQuery>['execute']>>[number];

function recordFromRow(row: CurrentRow): AgreementRecord {
  return {
    id: row.id,
    reference: row.reference,
    createdAt: row.agreement_created_at,
    updatedAt: row.updated_at,
    current: versionFromRow(row),
  };
}

/** Every agreement with its current version, by reference: one query. */
export async function findCurrentAgreements(db: Db): Promise<AgreementRecord[]> {
  const rows = await currentQuery(db).orderBy('a.reference').execute();
  return rows.map(recordFromRow);
}

/** One agreement with its current version. */
export async function findAgreement(db: Db, id: string): Promise<AgreementRecord | undefined> {
  const row = await currentQuery(db).where('a.id', '=', id).executeTakeFirst();
  return row ? recordFromRow(row) : undefined;
}

/** An agreement's versions, newest first, with the names of the staff who made them. */
export async function findVersionHistory(db: Db, id: string): Promise<VersionHistoryEntry[]> {
  const rows = await db
    .selectFrom('agreement_versions as v')
    .innerJoin('staff as s', 's.id', 'v.created_by')
    .select([
      'v.version',
      'v.status',
      'v.title',
      'v.change_note',
      'v.created_by',
      's.display_name',
      'v.created_at',
    ])
    .where('v.agreement_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    status: r.status as AgreementStatus,
    title: r.title,
    changeNote: r.change_note,
    createdBy: r.created_by,
    createdByName: r.display_name,
    createdAt: r.created_at,
  }));
}

/**
 * Takes the next free `DSA-<year>-<nnn>` reference for a new agreement row. The insert skips a
 * reference already taken (ON CONFLICT DO NOTHING) and tries the next, so concurrent creations
 * never fail on the unique reference; on PostgreSQL the skip waits for the other transaction.
 */
export async function insertAgreement(
  db: Db,
  row: { id: string; status: AgreementStatus; at: string },
  year: string,
): Promise<string> {
  const prefix = `DSA-${year}-`;
  const taken = await db
    .selectFrom('agreements')
    .select('reference')
    .where('reference', 'like', `${prefix}%`)
    .execute();
  let next = taken.reduce((max, t) => Math.max(max, Number(t.reference.slice(prefix.length)) || 0), 0) + 1;
  for (;;) {
    const reference = `${prefix}${String(next).padStart(3, '0')}`;
    const inserted = await db
      .insertInto('agreements')
      .values({
        id: row.id,
        reference,
        current_version: 1,
        status: row.status,
        created_at: row.at,
        updated_at: row.at,
      })
      .onConflict((oc) => oc.column('reference').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return reference;
    next += 1;
  }
}

/** Inserts a version; false, writing nothing, when that version number is already taken. */
export async function insertVersion(db: Db, v: AgreementVersion): Promise<boolean> {
  const inserted = await db
    .insertInto('agreement_versions')
    .values(rowFromVersion(v))
    .onConflict((oc) => oc.columns(['agreement_id', 'version']).doNothing())
    .returning('version')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Adds the next version and moves the agreement's pointer (and recorded status) to it. Returns
 * false when another change took that version number first; the caller then rolls back and
 * reports a conflict, so a concurrent edit is never silently overwritten.
 */
export async function appendVersion(db: Db, v: AgreementVersion): Promise<boolean> {
  if (!(await insertVersion(db, v))) return false;
  const moved = await db
    .updateTable('agreements')
    .set({ current_version: v.version, status: v.status, updated_at: v.createdAt })
    .where('id', '=', v.agreementId)
    .where('current_version', '=', v.version - 1)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) === 1;
}

/** Names of the given organisations by id (unknown ids are left out). */
export async function organisationNames(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The reference and current title of agreements by id, for naming one in an explanation. */
export async function findAgreementNames(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { reference: string; title: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await currentQuery(db)
    .where('a.id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, { reference: r.reference, title: r.title }]));
}
