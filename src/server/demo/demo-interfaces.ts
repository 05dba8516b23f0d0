/**
 * The demo register of interfaces and workarounds: the trust's secure email to the tenancy team
 * (a demo handover was sent by it), its structured manual transfer to the GP
 * practice (review overdue), the council's secure email to housing (review due this month), and
 * the sanctuary's retired fax route.
 */
import type { FullTx } from '../db/database.ts';
import { openView } from '../db/governed.ts';
import { daysBefore, startOfUtcDay } from './demo-dates.ts';
import { demoId, organisationId, staffId } from './demo-ids.ts';

type Entry = {
  key: string;
  org: string;
  partners: string[];
  route: 'SECURE_EMAIL' | 'MANUAL_TRANSFER';
  title: string;
  gap: string;
  owner: string;
  likelihood: number;
  severity: number;
  risk: string;
  mitigations: string;
  /** Days from today: negative is overdue. */
  review: number;
  status: 'live' | 'retired';
};

const ENTRIES: readonly Entry[] = [
  {
    key: 'trust-housing-email',
    org: 'trust',
    partners: ['housing'],
    route: 'SECURE_EMAIL',
    title: 'Crisis summaries to the tenancy team by secure email',
    gap: 'Out of hours the tenancy team’s duty phone has no Accord access; crisis summaries go to the team’s secure shared mailbox.',
    owner: 'mgr.helen',
    likelihood: 2,
    severity: 3,
    risk: 'An email could reach the wrong mailbox or be read by someone not supporting the tenant.',
    mitigations:
      'NHSmail to the team’s secure mailbox only, from the handover template; the mailbox is checked each morning and the handover is acknowledged in Accord.',
    review: 150,
    status: 'live',
  },
  {
    key: 'trust-gp-manual',
    org: 'trust',
    partners: ['gp'],
    route: 'MANUAL_TRANSFER',
    title: 'Discharge summaries to the GP practice by structured transfer',
    gap: 'The practice’s clinical system does not receive Accord handovers; the ward sends the discharge template through the practice’s document workflow.',
    owner: 'admin.kai',
    likelihood: 3,
    severity: 3,
    risk: 'A document can wait unfiled in the practice workflow, so the GP does not see a medication change.',
    mitigations:
      'The practice manager confirms filing within two working days; unconfirmed transfers are chased by the ward.',
    review: -12,
    status: 'live',
  },
  {
    key: 'council-housing-email',
    org: 'council',
    partners: ['housing'],
    route: 'SECURE_EMAIL',
    title: 'Care act assessments to housing by secure email',
    gap: 'The council’s case management system exports assessments only as documents.',
    owner: 'mgr.sophie',
    likelihood: 2,
    severity: 2,
    risk: 'Whole assessments could be sent where a summary would do.',
    mitigations: 'Only the summary section is sent, by secure email to the named tenancy officer.',
    review: 14,
    status: 'live',
  },
  {
    key: 'sanctuary-trust-fax',
    org: 'crisis',
    partners: ['trust'],
    route: 'MANUAL_TRANSFER',
    title: 'Overnight stay notes to the crisis team by fax',
    gap: 'The sanctuary had no Accord access before joining the partnership.',
    owner: 'mgr.zoe',
    likelihood: 4,
    severity: 3,
    risk: 'Faxes printed in an unattended office.',
    mitigations: 'Retired: the sanctuary now sends handovers through Accord.',
    review: 200,
    status: 'retired',
  },
];

/** Inserts the register and links one demo trust-to-housing handover to its route; returns how many entries. */
export async function seedDemoInterfaces(full: FullTx, today: Date): Promise<number> {
  const tx = openView(full);
  const day = startOfUtcDay(today);
  const created = `${daysBefore(day, 200)}T09:00:00.000Z`;
  for (const e of ENTRIES)
    await tx
      .insertInto('interface_register')
      .values({
        id: demoId(`interface:${e.key}`),
        organisation_id: organisationId(e.org),
        partner_organisation_ids: JSON.stringify(e.partners.map(organisationId)),
        route: e.route,
        title: e.title,
        gap: e.gap,
        owner_staff_id: staffId(e.owner),
        likelihood: e.likelihood,
        severity: e.severity,
        risk: e.risk,
        mitigations: e.mitigations,
        review_on: daysBefore(day, -e.review),
        status: e.status,
        version: e.status === 'retired' ? 2 : 1,
        created_by: staffId(e.owner),
        created_at: created,
        updated_at: created,
      })
      .execute();
  // One trust-to-housing handover went by the secure email route, and says so.
  const sent = await full
    .selectFrom('handovers')
    .select('id')
    .where('sender_org_id', '=', organisationId('trust'))
    .where('recipient_org_id', '=', organisationId('housing'))
    .orderBy('sent_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (sent)
    await full
      .updateTable('handovers')
      .set({ route: 'SECURE_EMAIL', interface_entry_id: demoId('interface:trust-housing-email') })
      .where('id', '=', sent.id)
      .execute();
  return ENTRIES.length;
}
