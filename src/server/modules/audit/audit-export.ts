/**
 * Exports of the audit log for IG leads: CSV and a FHIR R4 Bundle of AuditEvents, filtered by person,
 * actor, organisation and time. Entries are read in keyset pages and written out as they are read, so
 * an export of any size runs in bounded memory.
 */
import type { AuditExportQuery } from '../../../contracts/audit-export.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { ForbiddenError } from '../../http/errors.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import { hasAnyRole } from '../auth/auth.ts';
import type { AuditEntryRow } from './audit.tables.ts';
import { LEAF_FIELDS } from './audit-entry.ts';
import { toFhirAuditEvent } from './audit-fhir.ts';

/** Filters shared by exports and reports; `from` inclusive, `to` exclusive. */
export interface EntryFilter {
  personId?: string | undefined;
  actorId?: string | undefined;
  organisationId?: string | undefined;
  /** The organisation whose IG lead asks: only entries it took part in (combined with the other filters). */
  scopeOrganisationId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * Matching entries oldest first, a page at a time. Keyset pagination on (recorded_at, id) rather than
 * OFFSET: each page is an index range scan, so the last page of a million-entry export costs what the
 * first did.
 */
export async function* entryPages(
  database: DatabaseHandle,
  filter: EntryFilter,
  pageSize = 1000,
): AsyncGenerator<AuditEntryRow[]> {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let q = database.db.selectFrom('audit_entries').selectAll();
    if (filter.personId) q = q.where('person_id', '=', filter.personId);
    if (filter.actorId) q = q.where('actor_staff_id', '=', filter.actorId);
    for (const org of [filter.organisationId, filter.scopeOrganisationId]) {
      if (!org) continue;
      q = q.where((eb) =>
        eb.or([eb('actor_org_id', '=', org), eb('owner_org_id', '=', org), eb('recipient_org_id', '=', org)]),
      );
    }
    if (filter.from) q = q.where('recorded_at', '>=', filter.from);
    if (filter.to) q = q.where('recorded_at', '<', filter.to);
    if (after) {
      const { at, id } = after;
      q = q.where((eb) =>
        eb.or([eb('recorded_at', '>', at), eb.and([eb('recorded_at', '=', at), eb('id', '>', id)])]),
      );
    }
    const rows = await q.orderBy('recorded_at').orderBy('id').limit(pageSize).execute();
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = { at: last.recorded_at, id: last.id };
  }
}

/** Organisation names by id, for display in exports and reports (names of organisations are not personal data). */
export async function organisationNames(database: DatabaseHandle): Promise<Map<string, string>> {
  const rows = await database.db.selectFrom('organisations').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** CSV columns: the stored fields (so leaf hashes can be recomputed from an export) plus organisation names. */
export const CSV_COLUMNS = [
  'leaf_index',
  'leaf_hash',
  ...LEAF_FIELDS,
  'actor_org_name',
  'owner_org_name',
  'recipient_org_name',
] as const;

/**
 * One RFC 4180 field. A cell a spreadsheet would read as a formula (= + - @, or a leading tab or
 * carriage return) is prefixed with an apostrophe, so opening an export cannot run anything.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record ending in CRLF. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function csvRecord(row: AuditEntryRow, orgs: ReadonlyMap<string, string>): string {
  const org = (id: string | null) => (id ? (orgs.get(id) ?? null) : null);
  return csvLine(
    CSV_COLUMNS.map((column) => {
      if (column === 'actor_org_name') return org(row.actor_org_id);
      if (column === 'owner_org_name') return org(row.owner_org_id);
      if (column === 'recipient_org_name') return org(row.recipient_org_id);
      const value = row[column];
      return column === 'leaf_index' || column === 'break_glass'
        ? value === null
          ? null
          : Number(value)
        : value;
    }),
  );
}

/** Entries as CSV text: a header row, then one record per entry. */
export function toCsv(rows: Iterable<AuditEntryRow>, orgs: ReadonlyMap<string, string> = new Map()): string {
  let out = csvLine(CSV_COLUMNS);
  for (const row of rows) out += csvRecord(row, orgs);
  return out;
}

/** CSV text in chunks, one per page of entries. */
export async function* csvChunks(
  pages: AsyncIterable<AuditEntryRow[]>,
  orgs: ReadonlyMap<string, string>,
): AsyncGenerator<string> {
  yield csvLine(CSV_COLUMNS);
  for await (const page of pages) yield page.map((row) => csvRecord(row, orgs)).join('');
}

/**
 * A FHIR R4 Bundle (type collection) of AuditEvents, as JSON text in chunks. A collection, not a
 * searchset: an export is a set of records handed over, and its total is not known until it ends.
 */
export async function* fhirBundleChunks(
  pages: AsyncIterable<AuditEntryRow[]>,
  orgs: ReadonlyMap<string, string>,
  at: Date,
): AsyncGenerator<string> {
  const head = {
    resourceType: 'Bundle',
    id: crypto.randomUUID(),
    type: 'collection',
    timestamp: at.toISOString(),
  };
  yield `${JSON.stringify(head).slice(0, -1)},"entry":[`;
  let first = true;
  for await (const page of pages) {
    const parts = page.map((row) =>
      JSON.stringify({ fullUrl: `urn:uuid:${row.id}`, resource: toFhirAuditEvent(row, orgs) }),
    );
    if (parts.length === 0) continue;
    yield `${first ? '' : ','}${parts.join(',')}`;
    first = false;
  }
  yield ']}';
}

/** An export ready to stream: what to call it, its media type and its body. */
export interface AuditExport {
  filename: string;
  contentType: string;
  body: AsyncIterable<string>;
}

/**
 * Exports the log for an IG lead. The export is itself recorded (and durably, before any byte is
 * sent): taking a copy of who-saw-what is an access IG leads answer for too.
 */
export async function exportAuditLog(
  ctx: ServiceContext,
  filter: AuditExportQuery,
  format: 'csv' | 'fhir',
): Promise<AuditExport> {
  if (!hasAnyRole(ctx.principal, ['ig_lead']))
    throw new ForbiddenError('Only IG leads export the audit log.');
  const details: Record<string, string> = { format };
  for (const key of ['actorId', 'organisationId', 'from', 'to'] as const) {
    const value = filter[key];
    if (value) details[key] = value;
  }
  await ctx.audit.append(
    [
      {
        action: 'audit.export',
        outcome: 'success',
        actor: auditActor(ctx),
        personId: filter.personId ?? null,
        purpose: 'AUDIT',
        details,
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  const orgs = await organisationNames(ctx.database);
  // Scoped like the explorer: an IG lead exports what their organisation took part in.
  const pages = entryPages(ctx.database, { ...filter, scopeOrganisationId: ctx.principal.organisationId });
  const stamp = ctx.now
    .toISOString()
    .replaceAll(':', '')
    .replace(/\.\d+Z$/, 'Z');
  return format === 'csv'
    ? {
        filename: `accord-audit-${stamp}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: csvChunks(pages, orgs),
      }
    : {
        filename: `accord-audit-${stamp}.fhir.json`,
        contentType: 'application/fhir+json; charset=utf-8',
        body: fhirBundleChunks(pages, orgs, ctx.now),
      };
}
