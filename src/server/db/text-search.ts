import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * `lower(column) LIKE '%term%'` with the term's wildcards escaped. The ESCAPE clause is spelt out:
 * PostgreSQL escapes with a backslash by default but SQLite has no default escape character, so
 * without it a search for "50%" or "a_b" would match as a pattern on one engine and not the other.
 */
export function containsText(column: string, term: string): RawBuilder<SqlBool> {
  const pattern = `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
