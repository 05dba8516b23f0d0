import type { Db } from '../../db/database.ts';
import type { SettingsProposalRow } from './access.tables.ts';

/** One organisation's approval of a proposal. */
export interface ProposalApproval {
  readonly organisationId: string;
  readonly staffId: string;
  readonly at: string;
}

/** Approvals stored with a proposal. */
export function approvalsOf(row: SettingsProposalRow): ProposalApproval[] {
  return JSON.parse(row.approvals) as ProposalApproval[];
}

/** Inserts a proposal. */
export async function insertProposal(db: Db, row: SettingsProposalRow): Promise<void> {
  await db.insertInto('settings_proposals').values(row).execute();
}

/** One proposal. */
export function findProposal(db: Db, id: string): Promise<SettingsProposalRow | undefined> {
  return db.selectFrom('settings_proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Open proposals, oldest first. */
export function findOpenProposals(db: Db): Promise<SettingsProposalRow[]> {
  return db
    .selectFrom('settings_proposals')
    .selectAll()
    .where('status', '=', 'open')
    .orderBy('proposed_at')
    .orderBy('id')
    .execute();
}

/**
 * Replaces a proposal's approvals and status, provided its approvals are still those the caller
 * read; false when a concurrent approval got there first.
 */
export async function updateProposal(
  db: Db,
  row: SettingsProposalRow,
  approvals: readonly ProposalApproval[],
  status: 'open' | 'applied',
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('settings_proposals')
    .set({ approvals: JSON.stringify(approvals), status, closed_at: status === 'open' ? null : at })
    .where('id', '=', row.id)
    .where('status', '=', 'open')
    .where('approvals', '=', row.approvals)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
