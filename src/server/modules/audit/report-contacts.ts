/**
 * The data protection officers a person's access report names: the directory's governance role
 * `DPO` of each organisation, with the job title and email to reach them (never a name: the report
 * shows staff by role).
 */
import type { ReportContact } from '../../../contracts/audit-export.ts';
import type { DatabaseHandle } from '../../db/database.ts';

/** Finds the DPO contact of each organisation id; an organisation without one is left out. */
export interface ContactLookup {
  dataProtectionOfficers(organisationIds: readonly string[]): Promise<ReadonlyMap<string, ReportContact>>;
}

/** DPO contacts as the directory records them. */
export function storedContactLookup(database: DatabaseHandle): ContactLookup {
  return {
    async dataProtectionOfficers(ids) {
      if (ids.length === 0) return new Map();
      const rows = await database.db
        .selectFrom('governance_roles as g')
        .innerJoin('staff as s', 's.id', 'g.staff_id')
        .innerJoin('organisations as o', 'o.id', 'g.organisation_id')
        .select(['g.organisation_id', 'o.name', 's.job_title', 's.email'])
        .where('g.role', '=', 'DPO')
        .where('g.organisation_id', 'in', [...ids])
        .execute();
      return new Map(
        rows.map((r) => [r.organisation_id, { organisation: r.name, jobTitle: r.job_title, email: r.email }]),
      );
    },
  };
}

/** The contacts for a report: the answering organisation's DPO first, then the others named, each once. */
export async function reportContacts(
  lookup: ContactLookup,
  answering: string | null,
  named: readonly (string | null)[],
): Promise<ReportContact[]> {
  const ids = [...new Set([answering, ...named].filter((id): id is string => id !== null && id !== ''))];
  const found = await lookup.dataProtectionOfficers(ids);
  return ids.flatMap((id) => found.get(id) ?? []);
}
