/** The worklist's keyset: items are ordered by (due time, kind, id); a cursor is the last one shown. Pure. */
import { WORK_KINDS, type WorkKind } from '../../../contracts/work.ts';
import { ValidationError } from '../../http/errors.ts';

/** The last item of a page. */
export interface WorkCursor {
  readonly due: string;
  readonly kind: WorkKind;
  readonly id: string;
}

/** Where one source's rows start after a cursor. */
export interface SourceBound {
  readonly due: string;
  readonly idAfter: string | null;
  readonly strict: boolean;
}

const rank = (k: WorkKind) => WORK_KINDS.indexOf(k);

/** Encodes a cursor for the wire (opaque, URL-safe). */
export function encodeCursor(c: WorkCursor): string {
  return Buffer.from(JSON.stringify([c.due, c.kind, c.id])).toString('base64url');
}

/** Decodes a cursor; a malformed one is bad input naming `query.after`. */
export function decodeCursor(raw: string): WorkCursor {
  try {
    const [due, kind, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof due === 'string' &&
      !Number.isNaN(Date.parse(due)) &&
      typeof id === 'string' &&
      (WORK_KINDS as readonly unknown[]).includes(kind)
    )
      return { due, kind: kind as WorkKind, id };
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError([
    { field: 'query.after', message: 'must be a cursor returned by a previous page' },
  ]);
}

/**
 * The bound for a source of one kind: rows strictly after the cursor in (due, kind, id) order.
 * A kind ranked after the cursor's includes rows at the same due time; one ranked before excludes them.
 */
export function boundFor(kind: WorkKind, cursor: WorkCursor | null): SourceBound | null {
  if (!cursor) return null;
  if (kind === cursor.kind) return { due: cursor.due, idAfter: cursor.id, strict: true };
  return { due: cursor.due, idAfter: null, strict: rank(kind) < rank(cursor.kind) };
}

/** Orders items by (due, kind, id). */
export function compareWork(a: WorkCursor, b: WorkCursor): number {
  if (a.due !== b.due) return a.due < b.due ? -1 : 1;
  if (a.kind !== b.kind) return rank(a.kind) - rank(b.kind);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether an item comes after the cursor (for sources filtered in memory). */
export function isAfter(item: WorkCursor, cursor: WorkCursor | null): boolean {
  return cursor === null || compareWork(item, cursor) > 0;
}
