/** Row shapes of the register of interfaces and workarounds (see migration 0054). */

/** One documented transfer route where systems do not connect. */
export interface InterfaceEntryRow {
  id: string;
  organisation_id: string;
  /** JSON array of partner organisation ids the route reaches. */
  partner_organisation_ids: string;
  /** `SECURE_EMAIL` or `MANUAL_TRANSFER`. */
  route: string;
  title: string;
  /** Which systems do not connect, and why the workaround exists. */
  gap: string;
  owner_staff_id: string;
  likelihood: number;
  severity: number;
  risk: string;
  mitigations: string;
  review_on: string;
  /** `live` or `retired`. */
  status: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Register tables by name. */
export interface InterfaceRegisterTables {
  interface_register: InterfaceEntryRow;
}
