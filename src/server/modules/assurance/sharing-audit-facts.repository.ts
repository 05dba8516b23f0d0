/**
 * The facts the monthly audit's automatic tests need about one sampled disclosure, as they stood
 * at its moment: the person's consent then in force, the handover and its template, the break-glass
 * grant or lawful exception relied on and whether its review was completed. Person-level tables,
 * read by the audit job with the named unrestricted handle; results are stored as codes only.
 */
import type { SystemAccess } from '../../db/system-db.ts';
import type { AuditEntryRow } from '../audit/audit.tables.ts';
import type { ConsentAtTime, ConsentProvisionAtTime, ItemFacts } from './sharing-audit.ts';
import { templateApplies } from './sharing-audit.ts';

async function consentAt(system: SystemAccess, personId: string, at: string): Promise<ConsentAtTime | null> {
  const row = await system.db
    .selectFrom('consents')
    .select(['id', 'status', 'provisions'])
    .where('person_id', '=', personId)
    .where('recorded_at', '<=', at)
    .where((eb) => eb.or([eb('superseded_at', 'is', null), eb('superseded_at', '>', at)]))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const provisions = JSON.parse(row.provisions) as Partial<ConsentProvisionAtTime>[];
  return {
    id: row.id,
    status: row.status,
    provisions: provisions.flatMap((p) =>
      p.id && p.kind
        ? [
            {
              id: p.id,
              kind: p.kind,
              organisationId: p.organisationId ?? null,
              categories: p.categories ?? [],
            },
          ]
        : [],
    ),
  };
}

async function templateOf(system: SystemAccess, handoverId: string | null): Promise<string | null> {
  if (!handoverId) return null;
  const row = await system.db
    .selectFrom('handovers as h')
    .innerJoin('handover_templates as t', 't.key', 'h.template_key')
    .select('h.template_key')
    .where('h.id', '=', handoverId)
    .executeTakeFirst();
  return row?.template_key ?? null;
}

async function reviewClosed(system: SystemAccess, subjectId: string): Promise<boolean> {
  const row = await system.db
    .selectFrom('exception_reviews')
    .select('id')
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'closed')
    .executeTakeFirst();
  return row !== undefined;
}

/** The facts for one sampled disclosure, as of the moment it was recorded. */
export async function factsForItem(system: SystemAccess, row: AuditEntryRow): Promise<ItemFacts> {
  const grantId = row.break_glass_grant_id;
  const [consent, handoverTemplate, grant, exception, reviewed] = await Promise.all([
    row.person_id ? consentAt(system, row.person_id, row.recorded_at) : Promise.resolve(null),
    templateApplies(row)
      ? templateOf(system, row.target_type === 'handover' ? row.target_id : null)
      : Promise.resolve(undefined),
    grantId
      ? system.db
          .selectFrom('break_glass_grants')
          .select('reason')
          .where('id', '=', grantId)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    row.exception_id
      ? system.db
          .selectFrom('lawful_exceptions')
          .select('rationale')
          .where('id', '=', row.exception_id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    grantId || row.exception_id
      ? reviewClosed(system, grantId ?? row.exception_id ?? '')
      : Promise.resolve(false),
  ]);
  return {
    consent,
    handoverTemplate,
    breakGlassRationale: grant?.reason ?? null,
    exceptionRationale: exception?.rationale ?? null,
    reviewed,
  };
}
