/**
 * The disclosure log read for one person: who accessed their record, what was shared with whom, why
 * and on what basis, and what was refused. Built from the audit log alone, so it shows exactly what
 * the log proves, anchored to a signed tree head anyone can check.
 */
import type {
  AccessReport,
  ReportAccess,
  ReportBasis,
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
import {
  actionWords,
  GROUND_WORDS,
  PURPOSE_WORDS,
  ROLE_WORDS,
  refusalWords,
  SYSTEM_ACTOR,
} from './report-wording.ts';

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

function basisOf(
  row: AuditEntryRow,
  recipient: string,
  agreements: ReadonlyMap<string, { reference: string; title: string }>,
  exceptions: ReadonlyMap<string, { ground: LawfulExceptionGround }>,
): ReportBasis {
  const reasons = new Set(list(row.reasons));
  const parts: string[] = [];
  const agreement = row.agreement_id ? (agreements.get(row.agreement_id) ?? null) : null;
  if (row.agreement_id) {
    parts.push(
      agreement
        ? `Data sharing agreement ${agreement.reference}: ${agreement.title}`
        : `A data sharing agreement between the organisations (ref. ${row.agreement_id.slice(0, 8)})`,
    );
  }
  if (reasons.has('PERMIT_CONSENT_ROUTINE'))
    parts.push('your consent to sharing with the organisations caring for you');
  if (reasons.has('PERMIT_CONSENT_NAMED_PARTNER')) parts.push(`your consent to sharing with ${recipient}`);
  const ground = row.exception_id ? (exceptions.get(row.exception_id)?.ground ?? null) : null;
  if (row.exception_id)
    parts.push(
      `shared without consent under a recorded lawful exception${ground ? `, ${GROUND_WORDS[ground]}` : ''}`,
    );
  const breakGlass = Number(row.break_glass) === 1;
  if (breakGlass) parts.push('emergency ("break-glass") access in a crisis, which is always reviewed');
  if (parts.length === 0) parts.push('shared for your care');
  const summary = parts.join('; ');
  return {
    summary: summary.charAt(0).toUpperCase() + summary.slice(1),
    agreement: row.agreement_id
      ? { id: row.agreement_id, reference: agreement?.reference ?? null, title: agreement?.title ?? null }
      : null,
    consent:
      row.consent_id || row.consent_provision_id
        ? { consentId: row.consent_id, provisionId: row.consent_provision_id }
        : null,
    lawfulException: row.exception_id ? { id: row.exception_id, ground } : null,
    breakGlass,
  };
}

function accessOf(row: AuditEntryRow, orgs: ReadonlyMap<string, string>): ReportAccess {
  const emergency = Number(row.break_glass) === 1;
  return {
    at: row.recorded_at,
    leafIndex: leafOf(row),
    action: row.action,
    description: `${actionWords(row.action)}${emergency ? ' using emergency ("break-glass") access' : ''}`,
    staff: staffOf(row, orgs),
    categories: categoryWords(row),
    purpose: purposeWords(row),
    emergency,
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
  const disclosed = rows.filter(isDisclosure);
  const ids = (pick: (r: AuditEntryRow) => string | null) => [
    ...new Set(disclosed.flatMap((r) => pick(r) ?? [])),
  ];
  const [agreements, exceptions] = await Promise.all([
    basis.agreements(ids((r) => r.agreement_id)),
    basis.lawfulExceptions(ids((r) => r.exception_id)),
  ]);

  const accesses: ReportAccess[] = [];
  const disclosures: ReportDisclosure[] = [];
  const refusals = new Map<string, ReportRefusal>();
  for (const row of rows) {
    if (row.outcome === 'deny' || row.outcome === 'failure') {
      if (row.outcome === 'deny') addRefusal(refusals, row, orgs);
      continue;
    }
    accesses.push(accessOf(row, orgs));
    if (!isDisclosure(row)) continue;
    const to = orgs.get(row.recipient_org_id ?? '') ?? 'Another organisation';
    disclosures.push({
      at: row.recorded_at,
      leafIndex: leafOf(row),
      from: orgs.get(row.owner_org_id ?? '') ?? 'Another organisation',
      to,
      staff: staffOf(row, orgs),
      categories: categoryWords(row),
      purpose: purposeWords(row),
      basis: basisOf(row, to, agreements, exceptions),
    });
  }
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
  };
}
