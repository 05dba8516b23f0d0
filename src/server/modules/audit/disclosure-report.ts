/**
 * The disclosure log read for one person: who accessed their record, what was shared with whom, why
 * and on what basis, and what was refused. Built from the audit log alone, so it shows exactly what
 * the log proves, anchored to a signed tree head anyone can check.
 */
import type {
  AccessReport,
  ReportAccess,
  ReportDisclosure,
  ReportRefusal,
} from '../../../contracts/audit-export.ts';
import {
  DATA_CATEGORY_LABELS,
  type DataCategory,
  type LawfulExceptionGround,
  type Purpose,
  type StaffRole,
} from '../../../contracts/enums.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { NotFoundError } from '../../http/errors.ts';
import type { PersonScope } from '../access/index.ts';
import { findLawfulExceptionsById } from '../consent/index.ts';
import { listHeads } from './audit.repository.ts';
import type { AuditEntryRow } from './audit.tables.ts';
import { entryPages, organisationNames } from './audit-export.ts';
import { type BasisDetails, basisParts, joinBases } from './report-basis.ts';
import { type ContactLookup, reportContacts, storedContactLookup } from './report-contacts.ts';
import { actionWords, PURPOSE_WORDS, ROLE_WORDS, refusalWords, SYSTEM_ACTOR } from './report-wording.ts';

/**
 * Details of the basis a disclosure relied on, from the modules that own agreements and lawful
 * exceptions. The audit entry holds only their ids; an id the lookup does not know is shown as such.
 */
export interface BasisLookup {
  agreements(ids: readonly string[]): Promise<ReadonlyMap<string, { reference: string; title: string }>>;
  lawfulExceptions(ids: readonly string[]): Promise<ReadonlyMap<string, { ground: LawfulExceptionGround }>>;
}

/**
 * Basis details as stored: an agreement's reference and the title of its current version, and a
 * lawful exception's ground. Names and grounds only, read by id: nothing about other people.
 */
export function storedBasisLookup(database: DatabaseHandle, person: PersonScope): BasisLookup {
  return {
    async agreements(ids) {
      if (ids.length === 0) return new Map();
      const rows = await database.db
        .selectFrom('agreements as a')
        .innerJoin('agreement_versions as v', (join) =>
          join.onRef('v.agreement_id', '=', 'a.id').onRef('v.version', '=', 'a.current_version'),
        )
        .select(['a.id', 'a.reference', 'v.title'])
        .where('a.id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [r.id, { reference: r.reference, title: r.title }]));
    },
    async lawfulExceptions(ids) {
      if (ids.length === 0) return new Map();
      const rows = await findLawfulExceptionsById(person, ids);
      return new Map(
        rows
          .filter((r) => r.person_id === person.personId)
          .map((r) => [r.id, { ground: r.ground as LawfulExceptionGround }]),
      );
    },
  };
}

/** The period and where basis details come from (the stored agreements and exceptions by default). */
export interface AccessReportOptions {
  from?: string | undefined;
  to?: string | undefined;
  basis?: BasisLookup;
  /** Where DPO contacts come from (the directory by default). */
  contacts?: ContactLookup;
  /** The organisation answering the request: its DPO is named first. */
  answeringOrganisationId?: string;
  now?: Date;
}

const list = (text: string): string[] => (text === '' ? [] : text.split(','));
const categoryWords = (row: AuditEntryRow): string[] =>
  list(row.categories).map((c) => DATA_CATEGORY_LABELS[c as DataCategory] ?? c);
const purposeWords = (row: AuditEntryRow): string | null =>
  row.purpose ? (PURPOSE_WORDS[row.purpose as Purpose] ?? row.purpose) : null;
const leafOf = (row: AuditEntryRow): number | null =>
  row.leaf_index === null ? null : Number(row.leaf_index);

function staffOf(
  row: AuditEntryRow,
  orgs: ReadonlyMap<string, string>,
): { role: string; organisation: string } {
  if (!row.actor_staff_id) return SYSTEM_ACTOR;
  const roles = list(row.actor_roles).map((r) => ROLE_WORDS[r as StaffRole] ?? r);
  return {
    role: roles.length > 0 ? roles.join(' and ') : 'Member of staff',
    organisation: (row.actor_org_id && orgs.get(row.actor_org_id)) || 'Another organisation',
  };
}

function isDisclosure(row: AuditEntryRow): boolean {
  return (
    row.outcome === 'permit' &&
    row.owner_org_id !== null &&
    row.recipient_org_id !== null &&
    row.owner_org_id !== row.recipient_org_id
  );
}

// Within one visit, the caller's own record first, then what partners shared, then anything else: the
// entries of one request share a time, so their stored order says nothing.
const ACTION_ORDER = ['record.view', 'record.disclose'];
const rank = (row: AuditEntryRow): number => {
  const at = ACTION_ORDER.indexOf(row.action);
  return at === -1 ? ACTION_ORDER.length : at;
};

/** Groups rows by a key in the order each key first appears; each group in a fixed order. */
function groupBy(rows: readonly AuditEntryRow[], key: (row: AuditEntryRow) => string): AuditEntryRow[][] {
  const groups = new Map<string, AuditEntryRow[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return [...groups.values()].map((group) =>
    group.toSorted(
      (a, b) =>
        rank(a) - rank(b) ||
        a.recorded_at.localeCompare(b.recorded_at) ||
        (leafOf(a) ?? 0) - (leafOf(b) ?? 0),
    ),
  );
}

// One request is one visit: a page that reads several categories, or the caller's own and a partner's
// information, writes several entries but is one thing the person should read about once.
const visitKey = (row: AuditEntryRow): string => row.request_id ?? row.id;
const unique = (items: readonly string[]): string[] => [...new Set(items)];

/** The words for what one visit did: each action once, as one sentence. */
function visitWords(rows: readonly AuditEntryRow[]): string {
  const words = unique(rows.map((r) => actionWords(r.action)));
  return words.map((w, i) => (i === 0 ? w : w.charAt(0).toLowerCase() + w.slice(1))).join(' and ');
}

function basisOfRows(
  rows: readonly AuditEntryRow[],
  orgs: ReadonlyMap<string, string>,
  details: BasisDetails,
) {
  return joinBases(
    rows.map((r) =>
      basisParts(
        r,
        {
          holder: orgs.get(r.owner_org_id ?? '') ?? null,
          recipient: orgs.get(r.recipient_org_id ?? '') ?? null,
        },
        details,
      ),
    ),
  );
}

function visitOf(
  rows: readonly AuditEntryRow[],
  orgs: ReadonlyMap<string, string>,
  details: BasisDetails,
): ReportAccess | null {
  const first = rows[0];
  if (!first) return null;
  const emergency = rows.some((r) => Number(r.break_glass) === 1);
  return {
    at: first.recorded_at,
    leafIndex: leafOf(first),
    action: first.action,
    description: `${visitWords(rows)}${emergency ? ' using emergency ("break-glass") access' : ''}`,
    staff: staffOf(first, orgs),
    categories: unique(rows.flatMap(categoryWords)),
    purpose: unique(rows.flatMap((r) => purposeWords(r) ?? [])).join(', ') || null,
    emergency,
    basis: basisOfRows(rows, orgs, details),
    entries: rows.length,
  };
}

function disclosureOf(
  rows: readonly AuditEntryRow[],
  orgs: ReadonlyMap<string, string>,
  details: BasisDetails,
): ReportDisclosure | null {
  const first = rows[0];
  if (!first) return null;
  return {
    at: first.recorded_at,
    leafIndex: leafOf(first),
    from: orgs.get(first.owner_org_id ?? '') ?? 'Another organisation',
    to: orgs.get(first.recipient_org_id ?? '') ?? 'Another organisation',
    staff: staffOf(first, orgs),
    categories: unique(rows.flatMap(categoryWords)),
    purpose: unique(rows.flatMap((r) => purposeWords(r) ?? [])).join(', ') || null,
    basis: basisOfRows(rows, orgs, details),
  };
}

/** Folds refused requests into one line per who-asked and why, with how many and when. */
function addRefusal(
  groups: Map<string, ReportRefusal>,
  row: AuditEntryRow,
  orgs: ReadonlyMap<string, string>,
): void {
  const staff = staffOf(row, orgs);
  const reasons = [...new Set(list(row.reasons).map(refusalWords))].sort();
  const key = JSON.stringify([staff.role, staff.organisation, reasons]);
  const group = groups.get(key);
  if (!group) {
    groups.set(key, {
      staff,
      reasons,
      categories: categoryWords(row),
      count: 1,
      firstAt: row.recorded_at,
      lastAt: row.recorded_at,
    });
    return;
  }
  group.count += 1;
  group.lastAt = row.recorded_at;
  group.categories = [...new Set([...group.categories, ...categoryWords(row)])];
}

/** Only a leaf inside [0, treeSize) is covered by the head: a row given a negative index is in no tree. */
function isCovered(row: AuditEntryRow, treeSize: number): boolean {
  if (row.leaf_index === null) return false;
  const index = Number(row.leaf_index);
  return index >= 0 && index < treeSize;
}

/**
 * Builds a person's access report from the audit log for a period. Throws NotFoundError when the
 * person does not exist; deciding who may have it is `producePersonAccessReport`'s job.
 */
export async function buildAccessReport(
  database: DatabaseHandle,
  subject: PersonScope,
  options: AccessReportOptions = {},
): Promise<AccessReport> {
  const person = subject.loaded.person;
  if (!person) throw new NotFoundError('Person');
  const personId = person.id;
  // The head is read before the entries, so every entry it covers is certainly among those read.
  const [head] = await listHeads(database.db, 1);
  const treeSize = head ? Number(head.tree_size) : 0;
  const orgs = await organisationNames(database);
  const rows: AuditEntryRow[] = [];
  for await (const page of entryPages(database, { personId, from: options.from, to: options.to }))
    rows.push(...page);

  const basis = options.basis ?? storedBasisLookup(database, subject);
  const permitted = rows.filter((r) => r.outcome !== 'deny' && r.outcome !== 'failure');
  const ids = (pick: (r: AuditEntryRow) => string | null) => [
    ...new Set(permitted.flatMap((r) => pick(r) ?? [])),
  ];
  const [agreements, exceptions] = await Promise.all([
    basis.agreements(ids((r) => r.agreement_id)),
    basis.lawfulExceptions(ids((r) => r.exception_id)),
  ]);
  const details: BasisDetails = { agreements, exceptions };

  const refusals = new Map<string, ReportRefusal>();
  for (const row of rows) if (row.outcome === 'deny') addRefusal(refusals, row, orgs);
  const accesses = groupBy(permitted, visitKey).flatMap((group) => visitOf(group, orgs, details) ?? []);
  const disclosures = groupBy(
    permitted.filter(isDisclosure),
    (r) => `${visitKey(r)}|${r.owner_org_id}|${r.recipient_org_id}`,
  ).flatMap((group) => disclosureOf(group, orgs, details) ?? []);
  const dataProtectionOfficers = await reportContacts(
    options.contacts ?? storedContactLookup(database),
    options.answeringOrganisationId ?? null,
    permitted.flatMap((r) => [r.actor_org_id, r.owner_org_id, r.recipient_org_id]),
  );
  return {
    person: {
      id: person.id,
      name: `${person.given_name} ${person.family_name}`,
      nhsNumber: person.nhs_number,
    },
    period: { from: options.from ?? null, to: options.to ?? null },
    generatedAt: (options.now ?? new Date()).toISOString(),
    accesses,
    disclosures,
    refused: [...refusals.values()],
    entries: rows.length,
    coveredByTreeHead: rows.filter((r) => isCovered(r, treeSize)).length,
    treeHead: head
      ? {
          treeSize,
          rootHash: head.root_hash,
          timestamp: head.signed_at,
          keyId: head.key_id,
          signature: head.signature,
        }
      : null,
    dataProtectionOfficers,
  };
}
