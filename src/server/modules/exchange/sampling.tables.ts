/** Row shapes of the sampling tables, as stored (see migration 0026). */

/** A manager's weekly sample of their team's crisis escalation summaries. Holds no person data. */
export interface HandoverSampleRow {
  id: string;
  team_id: string;
  organisation_id: string;
  manager_staff_id: string;
  /** Monday of the sampled week (UK date). */
  week_start: string;
  /** The Monday after (exclusive). */
  week_end: string;
  seed: string;
  drawn_at: string;
  /** When the manager's review is due. */
  due_at: string;
  /** Escalation summaries the team sent that week. */
  population: number;
  size: number;
  reviewed: number;
}

/** One sampled handover and the manager's finding on it (person-level: governed). */
export interface HandoverSampleItemRow {
  sample_id: string;
  handover_id: string;
  person_id: string;
  position: number;
  escalations_in_window: number;
  reviewed_at: string | null;
  reviewed_by: string | null;
  complete: number | null;
  shared_appropriately: number | null;
  reflected_in_record: number | null;
  note: string | null;
  supervision_note_id: string | null;
}

/** A finding written up for the member of staff who sent the summary (governed). */
export interface SupervisionNoteRow {
  id: string;
  staff_id: string;
  written_by: string;
  sample_id: string;
  handover_id: string;
  person_id: string;
  complete: number;
  shared_appropriately: number;
  reflected_in_record: number;
  note: string;
  created_at: string;
}

/** Sampling tables by name. */
export interface SamplingTables {
  handover_samples: HandoverSampleRow;
  handover_sample_items: HandoverSampleItemRow;
  supervision_notes: SupervisionNoteRow;
}
