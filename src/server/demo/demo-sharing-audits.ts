/**
 * Two months of the trust's information-sharing audit. The month before last: routine disclosures
 * to the council relying on the consent in force, one that cited no consent, and an emergency
 * (break-glass) disclosure whose grant records no rationale; the audit finds both, the IG lead
 * confirms them and raises two corrective actions. One is closed before last month's audit, whose
 * re-audit records it closed and not recurred; the other is still open and its finding recurred.
 * Last month's items await the IG lead's review. One disclosure of medication history to the council
 * drifts from the integrated care agreement's terms, and the emergency one shows under the crisis
 * response agreement, in their quarterly compliance.
 */
import type { FullTx } from '../db/database.ts';
import { openTxView } from '../db/governed.ts';
import { systemTx } from '../db/system-db.ts';
import { insertAction, insertAudit, insertChecks } from '../modules/assurance/sharing-audit.repository.ts';
import { previousMonth } from '../modules/assurance/sharing-audit.ts';
import { monthBounds, planAudit } from '../modules/assurance/sharing-audit-draw.service.ts';
import type { AuditEvent } from '../modules/audit/index.ts';
import { insertEntries, toRow } from '../modules/audit/index.ts';
import { demoId, organisationId, staffId } from './demo-ids.ts';

const HOUR_MS = 3_600_000;

/** Months as the UK calendar has them, relative to today. */
function monthsBefore(today: Date): { older: string; last: string } {
  const current = today.toISOString().slice(0, 7);
  const last = previousMonth(current);
  return { older: previousMonth(last), last };
}

/** Inserts the demo disclosures, the two audits, their actions and the re-audit; returns how many audits. */
export async function seedDemoSharingAudits(full: FullTx, today: Date): Promise<number> {
  const tx = openTxView(full);
  const trust = organisationId('trust');
  const council = organisationId('council');
  const { older, last } = monthsBefore(today);
  const olderBounds = monthBounds(older);
  // People on the trust's caseload whose consent to routine sharing was given before the older month.
  const consented = await full
    .selectFrom('consents as c')
    .innerJoin('care_team_memberships as m', 'm.person_id', 'c.person_id')
    .select(['c.id', 'c.person_id', 'c.provisions'])
    .distinct()
    .where('m.organisation_id', '=', trust)
    .where('c.status', '=', 'given')
    .where('c.superseded_at', 'is', null)
    .where('c.recorded_at', '<', olderBounds.from)
    .orderBy('c.person_id')
    .limit(12)
    .execute();
  if (consented.length < 4) return 0;
  // Northshire Integrated Mental Health Care covers the trust's care data going to the council.
  const agreement = demoId('agreement:integrated-care');
  const actor = (username: string, org: string, roles: string[]) => ({
    staffId: staffId(username),
    organisationId: org,
    roles,
  });
  const coordinator = actor('sw.ben', council, ['care_manager']);
  const duty = actor('duty.leon', trust, ['duty']);
  let n = 0;
  const entry = (event: AuditEvent, at: number) => {
    const row = toRow(event, new Date(at), null);
    row.id = demoId(`sharing-audit-entry:${n++}`);
    return row;
  };
  const disclose = (month: string, i: number, c: (typeof consented)[number], cite: boolean) => {
    const provision = (JSON.parse(c.provisions) as { id: string }[])[0]?.id ?? null;
    return entry(
      {
        action: 'record.disclose',
        outcome: 'permit',
        actor: coordinator,
        personId: c.person_id,
        categories: ['CRISIS_PLAN', 'RISK_SUMMARY'],
        purpose: 'DIRECT_CARE',
        ownerOrganisationId: trust,
        recipientOrganisationId: council,
        reasons: cite ? ['PERMIT_CARE_TEAM', 'PERMIT_CONSENT_ROUTINE'] : ['PERMIT_CARE_TEAM'],
        agreementId: agreement,
        ...(cite ? { consentId: c.id, consentProvisionId: provision } : {}),
      },
      Date.parse(monthBounds(month).from) + (3 + i * 2) * 24 * HOUR_MS + 10 * HOUR_MS,
    );
  };
  const rows = [];
  for (const [i, c] of consented.slice(0, 8).entries()) rows.push(disclose(older, i, c, i !== 5));
  for (const [i, c] of consented.slice(0, 8).entries()) rows.push(disclose(last, i, c, i !== 2));
  // Medication history sent to the council, which the integrated care agreement does not cover: drift.
  const drifted = disclose(older, 9, consented[0] ?? { id: '', person_id: '', provisions: '[]' }, true);
  drifted.categories = 'MEDICATION';
  rows.push(drifted);
  // Emergency access at night to a council-held crisis plan, on a grant whose reason was left blank.
  const emergencyPerson = consented[consented.length - 1]?.person_id ?? '';
  const grant = demoId('sharing-audit:break-glass-grant');
  const grantedAt = Date.parse(olderBounds.from) + 12 * 24 * HOUR_MS + 2 * HOUR_MS;
  await full
    .insertInto('break_glass_grants')
    .values({
      id: grant,
      person_id: emergencyPerson,
      staff_id: duty.staffId,
      organisation_id: trust,
      reason: '',
      categories: 'CRISIS_PLAN',
      granted_at: new Date(grantedAt).toISOString(),
      expires_at: new Date(grantedAt + 4 * HOUR_MS).toISOString(),
      ended_at: new Date(grantedAt + HOUR_MS).toISOString(),
    })
    .execute();
  rows.push(
    entry(
      {
        action: 'record.disclose',
        outcome: 'permit',
        actor: duty,
        personId: emergencyPerson,
        categories: ['CRISIS_PLAN'],
        purpose: 'CRISIS_RESPONSE',
        ownerOrganisationId: council,
        recipientOrganisationId: trust,
        reasons: ['PERMIT_BREAK_GLASS'],
        agreementId: demoId('agreement:crisis-response'),
        breakGlassGrantId: grant,
      },
      grantedAt + 5 * 60_000,
    ),
  );
  await insertEntries(tx, rows);

  let ids = 0;
  const newId = () => demoId(`sharing-audit:${ids++}`);
  const system = systemTx(full, 'demo-loader');
  const lead = staffId('ig.priya');
  const olderDrawn = new Date(Date.parse(monthBounds(last).from) + 2 * 24 * HOUR_MS + 7 * HOUR_MS);
  const first = await planAudit(tx, system, trust, older, olderDrawn, {
    seed: `demo-${older}`,
    sampleSize: 20,
    newId,
    // The IG lead drew the older month by hand; the monthly job drew the last one.
    drawnBy: lead,
  });
  // The IG lead reviewed every item of the older month: the automatic results stand.
  const reviewedAt = new Date(olderDrawn.getTime() + 26 * HOUR_MS).toISOString();
  for (const item of first.items) {
    item.review = 'confirmed';
    item.final_result = item.auto_result;
    item.reviewed_by = lead;
    item.reviewed_at = reviewedAt;
  }
  await insertAudit(tx, first.audit, first.items);
  const failed = first.items.filter((i) => i.auto_result === 'fail');
  for (const item of failed) {
    const finding = (JSON.parse(item.findings) as string[])[0] ?? 'AUDITOR_FINDING';
    const emergency = finding.startsWith('EMERGENCY');
    await insertAction(tx, {
      id: newId(),
      audit_id: first.audit.id,
      item_id: item.id,
      organisation_id: trust,
      finding,
      description: emergency
        ? 'Review the blank break-glass grant with the crisis practitioner and brief the crisis team: a reason is recorded before emergency access.'
        : 'Check the referral workflow cites the person’s consent when sharing with the council.',
      owner_staff_id: emergency ? staffId('mgr.helen') : staffId('cc.amara'),
      due_on: new Date(olderDrawn.getTime() + 21 * 24 * HOUR_MS).toISOString().slice(0, 10),
      status: emergency ? 'closed' : 'open',
      created_by: lead,
      created_at: reviewedAt,
      closed_by: emergency ? staffId('mgr.helen') : null,
      closed_at: emergency ? new Date(olderDrawn.getTime() + 9 * 24 * HOUR_MS).toISOString() : null,
      closure_note: emergency
        ? 'Grant reviewed with the practitioner; the crisis team was briefed and the reason is now asked for first.'
        : null,
    });
  }
  const lastDrawn = new Date(
    Math.min(
      today.getTime(),
      Date.parse(monthBounds(previousMonth(today.toISOString().slice(0, 7))).to) + 7 * HOUR_MS,
    ),
  );
  const second = await planAudit(tx, system, trust, last, lastDrawn, {
    seed: `demo-${last}`,
    sampleSize: 20,
    newId,
    drawnBy: null,
  });
  await insertAudit(tx, second.audit, second.items);
  await insertChecks(tx, second.checks);
  return 2;
}
