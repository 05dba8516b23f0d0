/**
 * Keyset paging on (due time, id), as every worklist source pages: a page starts after a bound
 * taken from the cursor of the page before, so a page costs the same however long the list.
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';

/** Where a page starts for one source: after this due time (and id, when the source's own). */
export interface KeysetBound {
  readonly due: string;
  /** When set, rows at exactly `due` are included only past this id. */
  readonly idAfter: string | null;
  /** Without idAfter: exclude rows at exactly `due`. */
  readonly strict: boolean;
}

/** The rows after `bound` in (due, id) order; every row when there is no bound. */
export function afterKeyset(
  dueColumn: string,
  idColumn: string,
  bound: KeysetBound | null,
): RawBuilder<SqlBool> {
  if (!bound) return sql<SqlBool>`1 = 1`;
  const due = sql.ref(dueColumn);
  if (bound.idAfter !== null)
    return sql<SqlBool>`(${due} > ${bound.due} or (${due} = ${bound.due} and ${sql.ref(idColumn)} > ${bound.idAfter}))`;
  return bound.strict ? sql<SqlBool>`${due} > ${bound.due}` : sql<SqlBool>`${due} >= ${bound.due}`;
}
