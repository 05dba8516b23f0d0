/** The safeguarding flag: that open concerns exist and whom to contact, for anyone who may know the person. */
import type { SafeguardingFlag } from '../../../contracts/safeguarding.ts';
import type { Db } from '../../db/database.ts';
import type { PersonScope } from '../access/index.ts';
import { presentContact } from './safeguarding.presenter.ts';
import { findOpenConcernLeads, findStaffContacts } from './safeguarding.repository.ts';

/** The flag for the person a decided handle was opened for; null when no concern is open. */
export async function safeguardingFlagOf(scope: PersonScope, db: Db): Promise<SafeguardingFlag | null> {
  const open = await findOpenConcernLeads(scope);
  if (open.length === 0) return null;
  const leads = [...new Set(open.map((c) => c.lead_staff_id))];
  const staff = await findStaffContacts(db, leads);
  return {
    openConcerns: open.length,
    contacts: leads.map((id) => presentContact(id, { staff, organisations: new Map() })),
  };
}
