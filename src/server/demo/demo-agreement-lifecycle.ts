/**
 * The demo agreements' lifecycle evidence: every agreement that has been active carries each
 * party's legal and operational sign-off and its sharing staff's acknowledgements; the draft has
 * one party's legal sign-off so far, so its page shows what activation still needs.
 */
import type { SignOffKind } from '../../contracts/agreements.ts';
import type { Db } from '../db/database.ts';
import {
  acknowledgementLapsesOn,
  SHARING_ROLES,
  termsHash,
} from '../modules/agreements/agreement-lifecycle.ts';
import { findCurrentAgreements } from '../modules/agreements/agreements.repository.ts';
import { daysBefore } from './demo-dates.ts';
import { demoId, organisationId, staffId } from './demo-ids.ts';
import { NORTHSHIRE_STAFF } from './partnership-staff.ts';

const orgKeyOf = new Map(
  [...new Set(NORTHSHIRE_STAFF.map((s) => s.organisation))].map((key) => [organisationId(key), key]),
);

/** The first IG lead of an organisation in the demo directory: who records its sign-offs. */
function igLeadOf(orgKey: string): { username: string; displayName: string } | undefined {
  return NORTHSHIRE_STAFF.find((s) => s.organisation === orgKey && s.roles.includes('ig_lead'));
}

/** Inserts sign-offs and acknowledgements for the demo agreements; returns how many sign-offs. */
export async function seedDemoAgreementLifecycle(db: Db, today: number): Promise<number> {
  let written = 0;
  for (const record of await findCurrentAgreements(db)) {
    const v = record.current;
    const hash = termsHash(v);
    const parties = v.parties.map((p) => p.organisationId);
    // The draft: only the trust's legal sign-off so far.
    const signing: [string, SignOffKind][] =
      v.status === 'draft'
        ? parties.slice(0, 1).map((org) => [org, 'LEGAL'])
        : parties.flatMap((org) => [
            [org, 'LEGAL'],
            [org, 'OPERATIONAL'],
          ]);
    for (const [org, kind] of signing) {
      const lead = igLeadOf(orgKeyOf.get(org) ?? '');
      if (!lead) continue;
      const signatory = v.signatories.find((s) => s.organisationId === org);
      const signedOn = signatory?.signedOn ?? daysBefore(today, 5);
      await db
        .insertInto('agreement_sign_offs')
        .values({
          id: demoId(`agreement-sign-off:${record.id}:${org}:${kind}`),
          agreement_id: record.id,
          organisation_id: org,
          kind,
          staff_id: staffId(lead.username),
          signer_name: kind === 'LEGAL' ? (signatory?.name ?? lead.displayName) : 'Director of Operations',
          signer_role: kind === 'LEGAL' ? (signatory?.role ?? 'SIRO') : 'Operational lead',
          signed_on: signedOn,
          terms_hash: hash,
          version: 1,
          recorded_at: `${signedOn}T10:00:00.000Z`,
        })
        .execute();
      written += 1;
    }
    if (v.status !== 'active') continue;
    // Staff acknowledged within the last year, so their awareness is current today.
    const acknowledgedOn = daysBefore(today, 60);
    for (const s of NORTHSHIRE_STAFF) {
      const org = organisationId(s.organisation);
      if (!parties.includes(org) || !s.roles.some((r) => SHARING_ROLES.includes(r))) continue;
      await db
        .insertInto('agreement_acknowledgements')
        .values({
          id: demoId(`agreement-acknowledgement:${record.id}:${s.username}`),
          agreement_id: record.id,
          staff_id: staffId(s.username),
          organisation_id: org,
          terms_hash: hash,
          acknowledged_at: `${acknowledgedOn}T11:00:00.000Z`,
          lapses_on: acknowledgementLapsesOn(acknowledgedOn),
        })
        .execute();
    }
  }
  return written;
}
