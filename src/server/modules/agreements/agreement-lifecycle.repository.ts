/** Sign-offs, acknowledgements and staff awareness of agreements: append-only rows, counted by index. */
import type { SignOffKind } from '../../../contracts/agreements.ts';
import type { Db } from '../../db/database.ts';
import { type PartyAwareness, SHARING_ROLES, type SignOffRecord } from './agreement-lifecycle.ts';

/** Every sign-off recorded for an agreement, oldest first. */
export async function findSignOffs(db: Db, agreementId: string): Promise<SignOffRecord[]> {
  const rows = await db
    .selectFrom('agreement_sign_offs')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    kind: r.kind as SignOffKind,
    staffId: r.staff_id,
    signerName: r.signer_name,
    signerRole: r.signer_role,
    signedOn: r.signed_on,
    termsHash: r.terms_hash,
    version: Number(r.version),
    recordedAt: r.recorded_at,
  }));
}

/** Records a sign-off. */
export async function insertSignOff(db: Db, agreementId: string, s: SignOffRecord): Promise<void> {
  await db
    .insertInto('agreement_sign_offs')
    .values({
      id: crypto.randomUUID(),
      agreement_id: agreementId,
      organisation_id: s.organisationId,
      kind: s.kind,
      staff_id: s.staffId,
      signer_name: s.signerName,
      signer_role: s.signerRole,
      signed_on: s.signedOn,
      terms_hash: s.termsHash,
      version: s.version,
      recorded_at: s.recordedAt,
    })
    .execute();
}

/** Records a staff member's acknowledgement of the guidance of the terms with this hash. */
export async function insertAcknowledgement(
  db: Db,
  a: {
    agreementId: string;
    staffId: string;
    organisationId: string;
    termsHash: string;
    at: string;
    lapsesOn: string;
  },
): Promise<void> {
  await db
    .insertInto('agreement_acknowledgements')
    .values({
      id: crypto.randomUUID(),
      agreement_id: a.agreementId,
      staff_id: a.staffId,
      organisation_id: a.organisationId,
      terms_hash: a.termsHash,
      acknowledged_at: a.at,
      lapses_on: a.lapsesOn,
    })
    .execute();
}

/** True when the staff member holds an acknowledgement of these terms that has not lapsed. */
export async function hasAcknowledged(
  db: Db,
  agreementId: string,
  staffId: string,
  hash: string,
  today: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('agreement_acknowledgements')
    .select('id')
    .where('agreement_id', '=', agreementId)
    .where('staff_id', '=', staffId)
    .where('terms_hash', '=', hash)
    .where('lapses_on', '>=', today)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Per party: active staff holding a sharing role, and how many of them hold a live acknowledgement
 * of these terms. Two grouped counts, whatever the size of the organisations.
 */
export async function partyAwareness(
  db: Db,
  agreementId: string,
  parties: readonly string[],
  hash: string,
  today: string,
): Promise<PartyAwareness[]> {
  if (parties.length === 0) return [];
  const sharing = db
    .selectFrom('staff as s')
    .where('s.organisation_id', 'in', [...parties])
    .where('s.active', '=', 1)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_roles as r')
          .select('r.staff_id')
          .whereRef('r.staff_id', '=', 's.id')
          .where('r.role', 'in', [...SHARING_ROLES]),
      ),
    );
  const [all, acked] = await Promise.all([
    sharing
      .select(['s.organisation_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('s.organisation_id')
      .execute(),
    sharing
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('agreement_acknowledgements as a')
            .select('a.id')
            .whereRef('a.staff_id', '=', 's.id')
            .where('a.agreement_id', '=', agreementId)
            .where('a.terms_hash', '=', hash)
            .where('a.lapses_on', '>=', today),
        ),
      )
      .select(['s.organisation_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('s.organisation_id')
      .execute(),
  ]);
  const count = (rows: { organisation_id: string; n: number }[], org: string): number =>
    Number(rows.find((r) => r.organisation_id === org)?.n ?? 0);
  return parties.map((org) => ({
    organisationId: org,
    sharingStaff: count(all, org),
    acknowledged: count(acked, org),
  }));
}
