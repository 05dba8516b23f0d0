/**
 * Measures the controls DPIA mitigations depend on, at read time, from the state Accord enforces:
 * the audit log's signed tree heads, the access policy's tiers, the directory's training records,
 * the anomaly rules' settings and the agreements' status. Nothing here is stored.
 */
import type { ControlState } from '../../../contracts/dpia.ts';
import type { Db } from '../../db/database.ts';
import { loadAccessPolicy } from '../access/policy.repository.ts';
import { loadSettings } from '../assurance/anomaly.repository.ts';
import { findAgreement } from './agreements.repository.ts';
import { ukToday } from './agreements.ts';
import type { ControlLink } from './dpia.ts';

/** Measures each link; shared reads (policy, anomaly settings) happen once per call. */
export async function measureControls(
  db: Db,
  now: Date,
  links: readonly { link: ControlLink; organisationId: string }[],
): Promise<ControlState[]> {
  let policy: ReturnType<typeof loadAccessPolicy> | undefined;
  let settings: ReturnType<typeof loadSettings> | undefined;
  const out: ControlState[] = [];
  for (const { link, organisationId } of links) {
    switch (link.type) {
      case 'AUDIT_LOG_VERIFIES': {
        const head = await db
          .selectFrom('audit_tree_heads')
          .select(['tree_size', 'signed_at'])
          .orderBy('tree_size', 'desc')
          .limit(1)
          .executeTakeFirst();
        const ageHours = head ? (now.getTime() - Date.parse(head.signed_at)) / 3_600_000 : null;
        out.push(
          ageHours !== null && ageHours <= link.params.maxAgeHours
            ? {
                inPlace: true,
                detail: `The log was last sealed by a signed tree head at ${head?.signed_at}.`,
              }
            : {
                inPlace: false,
                detail: head
                  ? `The latest signed tree head is older than ${link.params.maxAgeHours} hours.`
                  : 'The log has no signed tree head yet.',
              },
        );
        break;
      }
      case 'TIER_EXCLUDES_CATEGORY': {
        policy ??= loadAccessPolicy(db);
        const tiers = (await policy).tiers;
        const { role, category } = link.params;
        const restricted = tiers.restricted[category];
        const excluded =
          !tiers.tiers[role].includes(category) ||
          (restricted !== undefined && !restricted.viewRoles.includes(role));
        out.push({
          inPlace: excluded,
          detail: excluded
            ? `The access policy keeps ${category} from the ${role} role.`
            : `The access policy lets the ${role} role see ${category}.`,
        });
        break;
      }
      case 'TRAINING_COMPLIANCE': {
        const org = link.params.organisationId ?? organisationId;
        const today = ukToday(now);
        const [staff, trained] = await Promise.all([
          db
            .selectFrom('staff')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('organisation_id', '=', org)
            .where('active', '=', 1)
            .executeTakeFirstOrThrow(),
          db
            .selectFrom('staff')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('organisation_id', '=', org)
            .where('active', '=', 1)
            .where((eb) =>
              eb.exists(
                eb
                  .selectFrom('training_records as t')
                  .select('t.id')
                  .whereRef('t.staff_id', '=', 'staff.id')
                  .where('t.kind', '=', link.params.kind)
                  .where('t.expires_on', '>=', today),
              ),
            )
            .executeTakeFirstOrThrow(),
        ]);
        const total = Number(staff.n);
        const percent = total === 0 ? 0 : Math.round((Number(trained.n) / total) * 1000) / 10;
        out.push({
          inPlace: total > 0 && percent >= link.params.thresholdPercent,
          detail: `${percent}% of active staff hold current ${link.params.kind} training (threshold ${link.params.thresholdPercent}%).`,
        });
        break;
      }
      case 'ANOMALY_RULE_ENABLED': {
        settings ??= loadSettings(db);
        const enabled = (await settings)[link.params.rule].enabled;
        out.push({
          inPlace: enabled,
          detail: `The ${link.params.rule} anomaly rule is ${enabled ? 'enabled' : 'disabled'}.`,
        });
        break;
      }
      case 'AGREEMENT_ACTIVE': {
        const record = await findAgreement(db, link.params.agreementId);
        const status = record?.current.status ?? 'missing';
        out.push({
          inPlace: status === 'active',
          detail: record ? `Agreement ${record.reference} is ${status}.` : 'The agreement no longer exists.',
        });
        break;
      }
    }
  }
  return out;
}
