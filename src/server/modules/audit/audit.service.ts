import type {
  AuditActivityQuery,
  AuditEntryDto,
  AuditEntryQuery,
  SignedTreeHeadDto,
  TrustedPublicKeyDto,
} from '../../../contracts/audit.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { AppError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { ukDateOf } from '../access/calendar.ts';
import { listHeads, loadNodes } from './audit.repository.ts';
import type { AuditEntryRow, AuditTreeHeadRow } from './audit.tables.ts';
import type { AnchoredHead } from './head-anchor.ts';
import {
  consistencyProof,
  consistencyProofNodes,
  inclusionProof,
  inclusionProofNodes,
  storedNodeSource,
  toHex,
} from './merkle.ts';
import type { VerifyingKey } from './tree-head.ts';
import { type VerifyReport, verifyAuditLog } from './verify.ts';

const list = (text: string): string[] => (text === '' ? [] : text.split(','));

/** The stored details object; a tampered, unparsable one is shown as its raw text rather than hiding the page. */
function detailsOf(raw: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Verification names the altered entry; the explorer still shows it and every other row.
  }
  return { unreadable: raw };
}

/**
 * Proofs read stored tree nodes; a missing or conflicting one means the store was damaged. That is a
 * server fault (500), not the caller's, and is answered without a stack, pointing at the verifier.
 */
async function withStoredTree<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RangeError)
      throw new AppError('INTERNAL', 500, "The audit log's stored tree is damaged; run accord audit verify.");
    throw error;
  }
}

/** Presents a stored row for IG leads. */
export function presentEntry(row: AuditEntryRow): AuditEntryDto {
  return {
    id: row.id,
    leafIndex: row.leaf_index === null ? null : Number(row.leaf_index),
    recordedAt: row.recorded_at,
    requestId: row.request_id,
    action: row.action,
    outcome: row.outcome,
    actorStaffId: row.actor_staff_id,
    actorOrganisationId: row.actor_org_id,
    actorRoles: list(row.actor_roles),
    personId: row.person_id,
    categories: list(row.categories),
    purpose: row.purpose,
    ownerOrganisationId: row.owner_org_id,
    recipientOrganisationId: row.recipient_org_id,
    reasons: list(row.reasons),
    agreementId: row.agreement_id,
    consentId: row.consent_id,
    consentProvisionId: row.consent_provision_id,
    exceptionId: row.exception_id,
    breakGlassGrantId: row.break_glass_grant_id,
    breakGlass: Number(row.break_glass) === 1,
    targetType: row.target_type,
    targetId: row.target_id,
    details: detailsOf(row.details),
  };
}

/** A stored head as the API shows it. */
export function presentHead(row: AuditTreeHeadRow): SignedTreeHeadDto {
  return {
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    timestamp: row.signed_at,
    signature: row.signature,
    keyId: row.key_id,
  };
}

/** The entry query narrowed by the explorer's filters. */
function filtered(database: DatabaseHandle, query: AuditActivityQuery) {
  let q = database.db.selectFrom('audit_entries');
  if (query.personId) q = q.where('person_id', '=', query.personId);
  if (query.actorId) q = q.where('actor_staff_id', '=', query.actorId);
  if (query.organisationId) {
    const org = query.organisationId;
    q = q.where((eb) =>
      eb.or([eb('actor_org_id', '=', org), eb('owner_org_id', '=', org), eb('recipient_org_id', '=', org)]),
    );
  }
  if (query.action) q = q.where('action', '=', query.action);
  if (query.from) q = q.where('recorded_at', '>=', query.from);
  if (query.to) q = q.where('recorded_at', '<', query.to);
  return q;
}

/** Entries filtered by person, actor, organisation, action and time; newest first. */
export async function findEntries(
  database: DatabaseHandle,
  query: AuditEntryQuery,
): Promise<{ items: AuditEntryDto[]; total: number }> {
  const q = filtered(database, query);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('recorded_at', 'desc')
      .orderBy('id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentEntry), total: Number(count.n) };
}

/**
 * Entries per UK calendar day and outcome over every matching entry. The database groups by UTC
 * hour (portable text arithmetic on ISO instants); hours are then folded into UK days, which
 * differ from UTC days for an hour each summer night.
 */
export async function activitySummary(
  database: DatabaseHandle,
  query: AuditActivityQuery,
): Promise<{ total: number; rows: { day: string; outcome: string; count: number }[] }> {
  const hourly = await filtered(database, query)
    .select((eb) => [
      eb.fn<string>('substr', ['recorded_at', eb.val(1), eb.val(13)]).as('hour'),
      'outcome',
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['hour', 'outcome'])
    .execute();
  const byDay = new Map<string, { day: string; outcome: string; count: number }>();
  let total = 0;
  for (const row of hourly) {
    const day = ukDateOf(Date.parse(`${row.hour}:00:00.000Z`));
    const entry = byDay.get(`${day}|${row.outcome}`) ?? { day, outcome: row.outcome, count: 0 };
    entry.count += Number(row.n);
    total += Number(row.n);
    byDay.set(`${day}|${row.outcome}`, entry);
  }
  const rows = [...byDay.values()].sort(
    (a, b) => a.day.localeCompare(b.day) || a.outcome.localeCompare(b.outcome),
  );
  return { total, rows };
}

/** One entry by id. */
export async function getEntry(database: DatabaseHandle, id: string): Promise<AuditEntryDto> {
  const row = await database.db
    .selectFrom('audit_entries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Audit entry');
  return presentEntry(row);
}

/** The newest signed heads. */
export async function recentHeads(database: DatabaseHandle, limit: number): Promise<SignedTreeHeadDto[]> {
  return (await listHeads(database.db, limit)).map(presentHead);
}

async function currentSize(database: DatabaseHandle): Promise<number> {
  const state = await database.db
    .selectFrom('audit_state')
    .select('tree_size')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(state.tree_size);
}

/** An RFC 9162 inclusion proof for a leaf in a tree of the given size. */
export async function proveInclusion(database: DatabaseHandle, leafIndex: number, treeSize: number) {
  const size = await currentSize(database);
  if (treeSize > size)
    throw new ValidationError([
      { field: 'querystring.treeSize', message: `must not exceed the current tree size ${size}` },
    ]);
  if (leafIndex >= treeSize)
    throw new ValidationError([{ field: 'querystring.leafIndex', message: 'must be less than treeSize' }]);
  const addresses = [{ level: 0, index: leafIndex }, ...inclusionProofNodes(leafIndex, treeSize)];
  return withStoredTree(async () => {
    const source = storedNodeSource(await loadNodes(database.db, addresses));
    return {
      leafIndex,
      treeSize,
      leafHash: toHex(source.nodeHash(0, leafIndex)),
      proof: inclusionProof(source, leafIndex, treeSize).map(toHex),
    };
  });
}

/** An RFC 9162 consistency proof between two tree sizes. */
export async function proveConsistency(database: DatabaseHandle, first: number, second: number) {
  const size = await currentSize(database);
  if (second > size)
    throw new ValidationError([
      { field: 'querystring.second', message: `must not exceed the current tree size ${size}` },
    ]);
  const addresses = consistencyProofNodes(first, second);
  return withStoredTree(async () => {
    const source = storedNodeSource(await loadNodes(database.db, addresses));
    return { first, second, proof: consistencyProof(source, first, second).map(toHex) };
  });
}

/** Recomputes the whole log, checking heads against the trusted keys, and that it extends the anchored head. */
export function verifyLog(
  database: DatabaseHandle,
  trustedKeys: readonly VerifyingKey[],
  anchoredHead: AnchoredHead | null,
): Promise<VerifyReport> {
  return verifyAuditLog(database, trustedKeys, { anchoredHead });
}

/** Every trusted public key, the one this server signs new heads with marked current and listed first. */
export function presentPublicKeys(
  trustedKeys: readonly VerifyingKey[],
  signingKeyId: string,
): TrustedPublicKeyDto[] {
  return trustedKeys
    .map((k) => ({
      keyId: k.keyId,
      algorithm: 'Ed25519' as const,
      publicKeyPem: k.publicKeyPem,
      current: k.keyId === signingKeyId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}
