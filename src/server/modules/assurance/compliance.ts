/**
 * Quarterly compliance of a sharing agreement, as pure rules over audit rows: which quarter an
 * instant falls in (UK calendar), which version of the agreement was in force at an instant, how
 * a disclosure drifted from those terms, and whether a row belongs to a figure. The report and
 * its drill-down both use `inFigure`, so a count and the entries behind it cannot disagree.
 */
import type { DriftKind, Figure } from '../../../contracts/compliance.ts';
import type { AgreementGrant } from '../access/index.ts';
import type { AuditEntryRow } from '../audit/audit.tables.ts';
import { londonTimeOf } from './london-time.ts';

const HOUR_MS = 3_600_000;

/** The UTC instant of UK midnight at the start of a date (YYYY-MM-DD). */
export function ukMidnight(date: string): string {
  const utc = Date.parse(`${date}T00:00:00Z`);
  // At UTC midnight the UK clock reads 00:00 in winter and 01:00 in summer time.
  const offset = londonTimeOf(new Date(utc).toISOString()).hour * HOUR_MS;
  return new Date(utc - offset).toISOString();
}

/** The instants a quarter (`2026-Q2`) runs from (inclusive) and to (exclusive), in UK time. */
export function quarterBounds(quarter: string): { from: string; to: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const month = (q - 1) * 3 + 1;
  const start = `${year}-${String(month).padStart(2, '0')}-01`;
  const end = q === 4 ? `${year + 1}-01-01` : `${year}-${String(month + 3).padStart(2, '0')}-01`;
  return { from: ukMidnight(start), to: ukMidnight(end) };
}

/** The quarter of an instant, as the UK calendar reads it. */
export function quarterOf(iso: string): string {
  const date = londonTimeOf(iso).date;
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** One stored version of the agreement, as far as compliance needs it. */
export interface TermsVersion {
  readonly version: number;
  readonly status: string;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly grants: readonly AgreementGrant[];
  /** When this version was recorded: it governs until the next one. */
  readonly createdAt: string;
}

/** The version that governed at an instant: the last recorded at or before it (or the first). */
export function versionAt(versions: readonly TermsVersion[], at: string): TermsVersion | undefined {
  let found: TermsVersion | undefined;
  for (const v of versions) if (v.createdAt <= at) found = v;
  return found ?? versions[0];
}

/** True when the agreement was active and within its dates at the instant. */
export function activeAt(versions: readonly TermsVersion[], at: string): boolean {
  const v = versionAt(versions, at);
  if (v?.status !== 'active' || v.createdAt > at) return false;
  const day = londonTimeOf(at).date;
  return v.startDate !== null && v.startDate <= day && (v.endDate === null || day <= v.endDate);
}

const list = (text: string): string[] => (text === '' ? [] : text.split(','));

/**
 * How a disclosure drifted from the terms in force when it happened: a direction no grant covers,
 * a purpose not granted for that direction, a category not granted for that direction and purpose,
 * or a time outside the agreement's active period.
 */
export function driftOf(row: AuditEntryRow, versions: readonly TermsVersion[]): DriftKind[] {
  const kinds: DriftKind[] = [];
  const terms = versionAt(versions, row.recorded_at);
  const grants = (terms?.grants ?? []).filter(
    (g) => g.fromOrganisationId === row.owner_org_id && g.toOrganisationId === row.recipient_org_id,
  );
  if (grants.length === 0) kinds.push('direction');
  else {
    const forPurpose = grants.filter((g) => g.purpose === row.purpose);
    if (forPurpose.length === 0) kinds.push('purpose');
    else {
      const covered = new Set<string>(forPurpose.flatMap((g) => g.categories));
      if (list(row.categories).some((c) => !covered.has(c))) kinds.push('category');
    }
  }
  if (!activeAt(versions, row.recorded_at)) kinds.push('period');
  return kinds;
}

/** A permitted entry that crossed from the data's owner to another organisation. */
export function isDisclosure(row: AuditEntryRow): boolean {
  return (
    row.outcome === 'permit' &&
    row.owner_org_id !== null &&
    row.recipient_org_id !== null &&
    row.owner_org_id !== row.recipient_org_id
  );
}

/** True when a row read for the figure's kind belongs to the figure. */
export function inFigure(row: AuditEntryRow, figure: Figure, versions: readonly TermsVersion[]): boolean {
  if (figure.owner !== undefined && row.owner_org_id !== figure.owner) return false;
  if (figure.recipient !== undefined && row.recipient_org_id !== figure.recipient) return false;
  if (figure.purpose !== undefined && row.purpose !== figure.purpose) return false;
  if (figure.category !== undefined && !list(row.categories).includes(figure.category)) return false;
  if (figure.reason !== undefined && !list(row.reasons).includes(figure.reason)) return false;
  switch (figure.figure) {
    case 'disclosed':
      return isDisclosure(row);
    case 'denied':
      return row.outcome === 'deny';
    case 'exception':
      return isDisclosure(row) && row.exception_id !== null;
    case 'break_glass':
      return isDisclosure(row) && Number(row.break_glass) === 1;
    case 'drift': {
      if (!isDisclosure(row)) return false;
      const kinds = driftOf(row, versions);
      return figure.drift === undefined ? kinds.length > 0 : kinds.includes(figure.drift);
    }
  }
}

/** The owner -> recipient directions an agreement governs, in any of its versions. */
export function directionsOf(versions: readonly TermsVersion[]): { owner: string; recipient: string }[] {
  const seen = new Map<string, { owner: string; recipient: string }>();
  for (const v of versions)
    for (const g of v.grants)
      seen.set(`${g.fromOrganisationId}|${g.toOrganisationId}`, {
        owner: g.fromOrganisationId,
        recipient: g.toOrganisationId,
      });
  return [...seen.values()];
}

/** A keyset position in (recorded_at, id) order. */
export interface EntryCursor {
  readonly at: string;
  readonly id: string;
}

/** Encodes a cursor for the wire. */
export function encodeEntryCursor(c: EntryCursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
}

/** Decodes a cursor; null when it is not one this report issued. */
export function decodeEntryCursor(raw: string): EntryCursor | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at))) return { at, id };
  } catch {
    // not a cursor
  }
  return null;
}
