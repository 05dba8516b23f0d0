/**
 * The record of full audit-log verifications. `accord audit verify` recomputes the whole log
 * (minutes at millions of entries) and records here when it ran, the tree it checked, its root and
 * whether it verified; the evidence pack reports the latest record and the latest signed tree head
 * rather than walking the log inside a request. Holds no person data.
 */
import type { Db } from '../../db/database.ts';
import type { VerifyReport } from './verify.ts';

export interface AuditVerificationRunRow {
  id: string;
  verified_at: string;
  tree_size: number;
  /** The root of the verified tree, as its signed head states it; null when no head of that size is signed. */
  root_hash: string | null;
  ok: number;
  /** Problems found: verification stops at the first, so 0 or 1. */
  problems: number;
  entries_checked: number;
  heads_checked: number;
}

export interface VerificationRunTables {
  audit_verification_runs: AuditVerificationRunRow;
}

/** A verification run as reported. */
export interface VerificationRun {
  readonly at: string;
  readonly treeSize: number;
  readonly rootHash: string | null;
  readonly ok: boolean;
  readonly problems: number;
  readonly entriesChecked: number;
  readonly headsChecked: number;
}

/** Records a finished verification of the whole log. */
export async function recordVerificationRun(
  db: Db,
  report: VerifyReport,
  at: Date,
): Promise<VerificationRun> {
  const head = await db
    .selectFrom('audit_tree_heads')
    .select('root_hash')
    .where('tree_size', '=', report.treeSize)
    .executeTakeFirst();
  const row: AuditVerificationRunRow = {
    id: crypto.randomUUID(),
    verified_at: at.toISOString(),
    tree_size: report.treeSize,
    root_hash: head?.root_hash ?? null,
    ok: report.ok ? 1 : 0,
    problems: report.problem ? 1 : 0,
    entries_checked: report.entriesChecked,
    heads_checked: report.headsChecked,
  };
  await db.insertInto('audit_verification_runs').values(row).execute();
  return present(row);
}

/** The most recent recorded verification, or null when the log has never been verified in full. */
export async function latestVerificationRun(db: Db): Promise<VerificationRun | null> {
  const row = await db
    .selectFrom('audit_verification_runs')
    .selectAll()
    .orderBy('verified_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? present(row) : null;
}

function present(r: AuditVerificationRunRow): VerificationRun {
  return {
    at: r.verified_at,
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash,
    ok: Number(r.ok) === 1,
    problems: Number(r.problems),
    entriesChecked: Number(r.entries_checked),
    headsChecked: Number(r.heads_checked),
  };
}
