import { CompiledQuery, type QueryExecutor, type QueryResult, SqliteAdapter } from 'kysely';
import { prepareOnPostgres } from './database.ts';

/** What a precompiled query needs of a handle: any Kysely instance or transaction, of any tables. */
export interface QueryHandle {
  getExecutor(): QueryExecutor;
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/**
 * A hot query written once as SQL and run without the query builder: nothing is built or compiled
 * per call. On SQLite the text is the adapter's statement-cache key, so it is prepared once per
 * connection; on PostgreSQL the `?` placeholders become `$1`, `$2`... once, and the text is a named
 * statement, parsed and planned once per connection (`prepareOnPostgres`). The result is what the
 * builder's query returns (the same driver, no plugins), so a precompiled query can stand in for a
 * built one row for row. Keep to the SQL both engines read alike: quoted identifiers, `?` only as
 * placeholders.
 */
export interface Precompiled<R> {
  /** The rows for the parameters, in placeholder order, on any handle or transaction. */
  (db: QueryHandle, parameters: readonly PrecompiledValue[]): Promise<R[]>;
  /** The SQL text each engine runs. */
  readonly sqlite: string;
  readonly postgres: string;
}

/** What a precompiled query binds: plain values, which both drivers send as they are. */
export type PrecompiledValue = string | number | null;

/**
 * The quoted list of every column of a row type, for a precompiled SELECT. Columns are named, never
 * `*`: PostgreSQL refuses to run a named statement whose result columns changed under it, so with
 * `*` a column added by a later migration would break every serving connection. Leaving a column of
 * the row type out is a type error.
 */
export function columnList<Row>() {
  return <const C extends readonly (keyof Row & string)[]>(
    columns: C &
      ([Exclude<keyof Row, C[number]>] extends [never]
        ? unknown
        : { missing: Exclude<keyof Row, C[number]> }),
  ): string => columns.map((column) => `"${column}"`).join(', ');
}

/** Compiles a query's SQL for both engines once. */
export function precompiled<R>(text: string): Precompiled<R> {
  const sqlite = text.replace(/\s+/g, ' ').trim();
  // A plain check of the text, enough for the statements written here: `select *`, `select distinct *`
  // and `alias.*`; it would also refuse `*` inside a subquery or a string literal.
  if (/select\s+((distinct|all)\s+)?\*|\.\*/i.test(sqlite))
    throw new Error('a precompiled query names its columns (columnList), never *');
  let n = 0;
  const postgres = sqlite.replace(/\?/g, () => `$${++n}`);
  prepareOnPostgres(postgres);
  const nodes = { sqlite: CompiledQuery.raw(sqlite).query, postgres: CompiledQuery.raw(postgres).query };
  const queryId = CompiledQuery.raw(sqlite).queryId;
  const run = async (db: QueryHandle, parameters: readonly PrecompiledValue[]): Promise<R[]> => {
    const onSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    const query: CompiledQuery<R> = {
      sql: onSqlite ? sqlite : postgres,
      query: onSqlite ? nodes.sqlite : nodes.postgres,
      parameters,
      queryId,
    };
    return (await db.executeQuery(query)).rows;
  };
  return Object.assign(run, { sqlite, postgres });
}
