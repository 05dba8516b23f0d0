/**
 * Read-only queries for quarterly compliance: an agreement's versions (its terms over time) and the
 * audit entries of one quarter, in (recorded_at, id) order over indexes. Disclosures are found by
 * agreement (audit_agreement_idx); denials by the owning organisation (audit_owner_report_idx).
 */
import { type ExpressionBuilder, sql } from 'kysely';
import type { Figure } from '../../../contracts/compliance.ts';
import type { Db } from '../../db/database.ts';
import type { OpenTables } from '../../db/governed.ts';
import type { AgreementGrant } from '../access/index.ts';
import type { AuditEntryRow } from '../audit/audit.tables.ts';
import type { EntryCursor, TermsVersion } from './compliance.ts';
import { directionsOf } from './compliance.ts';

/** An agreement's identity, current title and status, and every party it has named. */
export interface AgreementHeader {
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly status: string;
  readonly versions: readonly TermsVersion[];
  readonly parties: readonly string[];
}

/** An agreement with all its versions, oldest first; undefined when there is none. */
export async function findAgreementTerms(db: Db, id: string): Promise<AgreementHeader | undefined> {
  const head = await db
    .selectFrom('agreements')
    .select(['id', 'reference', 'current_version'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!head) return undefined;
  const rows = await db
    .selectFrom('agreement_versions')
    .select(['version', 'status', 'title', 'start_date', 'end_date', 'document', 'created_at'])
    .where('agreement_id', '=', id)
    .orderBy('version')
    .execute();
  const parties = new Set<string>();
  const versions = rows.map((r): TermsVersion => {
    const doc = JSON.parse(r.document) as {
      grants?: AgreementGrant[];
      parties?: { organisationId: string }[];
    };
    for (const p of doc.parties ?? []) parties.add(p.organisationId);
    return {
      version: Number(r.version),
      status: r.status,
      startDate: r.start_date,
      endDate: r.end_date,
      grants: doc.grants ?? [],
      createdAt: r.created_at,
    };
  });
  const current = rows.find((r) => Number(r.version) === Number(head.current_version)) ?? rows.at(-1);
  return {
    id: head.id,
    reference: head.reference,
    title: current?.title ?? '',
    status: current?.status ?? 'draft',
    versions,
    parties: [...parties],
  };
}

/** Agreements naming the organisation as a party in their current version, by reference. */
export async function findPartyAgreements(
  db: Db,
  organisationId: string,
): Promise<{ id: string; reference: string; title: string; status: string }[]> {
  const rows = await db
    .selectFrom('agreements as a')
    .innerJoin('agreement_versions as v', (join) =>
      join.onRef('v.agreement_id', '=', 'a.id').onRef('v.version', '=', 'a.current_version'),
    )
    .select(['a.id', 'a.reference', 'v.title', 'v.status', 'v.document'])
    .orderBy('a.reference')
    .execute();
  return rows
    .filter((r) =>
      ((JSON.parse(r.document) as { parties?: { organisationId: string }[] }).parties ?? []).some(
        (p) => p.organisationId === organisationId,
      ),
    )
    .map((r) => ({ id: r.id, reference: r.reference, title: r.title, status: r.status }));
}

type Eb = ExpressionBuilder<OpenTables, 'audit_entries'>;

// A comma-separated list contains a code: matched with LIKE, its wildcards escaped, on both engines.
const likeCode = (code: string) => `%,${code.replace(/[\\%_]/g, (c) => `\\${c}`)},%`;
const listHas = (column: 'categories' | 'reasons', code: string) =>
  sql<boolean>`(',' || ${sql.ref(column)} || ',') like ${likeCode(code)} escape ${sql.raw("'\\'")}`;

/** Which rows a figure reads: disclosures under the agreement, or denials between its parties. */
export type FigureSource = 'disclosures' | 'denials';

/** The source a figure's entries come from. */
export function sourceOf(figure: Figure): FigureSource {
  return figure.figure === 'denied' ? 'denials' : 'disclosures';
}

/**
 * One batch of a quarter's rows for a figure, after the cursor, in (recorded_at, id) order. The
 * figure's plain filters are applied in SQL; drift is judged by the caller (`inFigure`). Only rows
 * the viewing organisation took part in (as actor's, owner's or recipient's organisation, the rule
 * the audit explorer uses) are read: a party to a many-party agreement answers for its own flows,
 * not for disclosures between other parties.
 */
export async function findQuarterRows(
  db: Db,
  agreement: Pick<AgreementHeader, 'id' | 'versions'>,
  bounds: { from: string; to: string },
  figure: Figure,
  after: EntryCursor | null,
  limit: number,
  viewer: string,
): Promise<AuditEntryRow[]> {
  let q = db
    .selectFrom('audit_entries')
    .selectAll()
    .where('recorded_at', '>=', bounds.from)
    .where('recorded_at', '<', bounds.to)
    .where((eb: Eb) =>
      eb.or([
        eb('actor_org_id', '=', viewer),
        eb('owner_org_id', '=', viewer),
        eb('recipient_org_id', '=', viewer),
      ]),
    );
  if (sourceOf(figure) === 'disclosures') {
    q = q
      .where('agreement_id', '=', agreement.id)
      .where('outcome', '=', 'permit')
      .where('owner_org_id', 'is not', null)
      .where('recipient_org_id', 'is not', null)
      .whereRef('owner_org_id', '<>', 'recipient_org_id');
    if (figure.figure === 'exception') q = q.where('exception_id', 'is not', null);
    if (figure.figure === 'break_glass') q = q.where('break_glass', '=', 1);
  } else {
    const directions = directionsOf(agreement.versions);
    if (directions.length === 0) return [];
    q = q
      .where('outcome', '=', 'deny')
      .where('owner_org_id', 'in', [...new Set(directions.map((d) => d.owner))])
      .where((eb: Eb) =>
        eb.or(
          directions.map((d) =>
            eb.and([eb('owner_org_id', '=', d.owner), eb('recipient_org_id', '=', d.recipient)]),
          ),
        ),
      )
      .where((eb: Eb) => eb.or([eb('agreement_id', 'is', null), eb('agreement_id', '=', agreement.id)]));
  }
  if (figure.owner !== undefined) q = q.where('owner_org_id', '=', figure.owner);
  if (figure.recipient !== undefined) q = q.where('recipient_org_id', '=', figure.recipient);
  if (figure.purpose !== undefined) q = q.where('purpose', '=', figure.purpose);
  if (figure.category !== undefined) q = q.where(listHas('categories', figure.category));
  if (figure.reason !== undefined) q = q.where(listHas('reasons', figure.reason));
  if (after)
    q = q.where((eb: Eb) =>
      eb.or([
        eb('recorded_at', '>', after.at),
        eb.and([eb('recorded_at', '=', after.at), eb('id', '>', after.id)]),
      ]),
    );
  return q.orderBy('recorded_at').orderBy('id').limit(limit).execute();
}

/** True when the staff member is the named Data Protection Officer of the organisation. */
export async function isDpo(db: Db, organisationId: string, staffId: string): Promise<boolean> {
  const row = await db
    .selectFrom('governance_roles')
    .select('staff_id')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'DPO')
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Names of organisations by id. */
export async function organisationNamesOf(db: Db, ids: Iterable<string>): Promise<Record<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return {};
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', unique)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
