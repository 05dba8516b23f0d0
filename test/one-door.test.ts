/**
 * The one door, as structure: person-level (governed) tables are queried only in the repository
 * files allowed to hold them, the full handle is reached only through the access door or a named
 * `systemDb(reason)`, and decision-bound values are made only by the door. Each failure names the
 * file and line.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { GOVERNED_TABLES } from '../src/server/db/governed.ts';

const root = path.resolve(import.meta.dirname, '..');
const server = path.join(root, 'src/server');

/** Repository files that may query governed tables, each taking a door value or `systemDb`. */
const GOVERNED_REPOSITORIES = [
  'src/server/modules/people/people.repository.ts',
  'src/server/modules/people/care-team.repository.ts',
  'src/server/modules/access/access-facts.repository.ts',
  'src/server/modules/access/break-glass.repository.ts',
  'src/server/modules/consent/consent.repository.ts',
  'src/server/modules/consent/exception-review.repository.ts',
  'src/server/modules/consent/consent-review-due.repository.ts',
  'src/server/modules/consent/consent-work.repository.ts',
  'src/server/modules/assurance/access-review.repository.ts',
  'src/server/modules/assurance/anomaly.repository.ts',
  'src/server/modules/signals/contacts.repository.ts',
  'src/server/modules/signals/signals.repository.ts',
  'src/server/modules/signals/alerts.repository.ts',
  'src/server/modules/signals/safeguarding.repository.ts',
  'src/server/modules/reporting/reviews.repository.ts',
  'src/server/modules/reporting/figures.repository.ts',
  'src/server/modules/exchange/handovers.repository.ts',
  'src/server/modules/exchange/follow-ups.repository.ts',
  'src/server/modules/exchange/episodes.repository.ts',
  'src/server/modules/exchange/work-items.repository.ts',
  'src/server/modules/exchange/crisis-line.repository.ts',
  'src/server/modules/assurance/incident-people.repository.ts',
  'src/server/modules/exchange/sampling.repository.ts',
  'src/server/modules/exchange/supervision-notes.repository.ts',
  'src/server/modules/assurance/sharing-audit-facts.repository.ts',
  'src/server/modules/assurance/incident-flow.repository.ts',
  'src/server/modules/reporting/data-quality.repository.ts',
  'src/server/modules/reporting/evidence-pack.repository.ts',
];
/** Folders whose work has no caller to decide for: schema changes, and the demo loader (via `systemDb`). */
const SYSTEM_FOLDERS = ['src/server/db/migrations/', 'src/server/demo/'];

/** Files that may take the unrestricted handle, each use naming its reason. */
const SYSTEM_DB_USERS = [
  'src/server/db/system-db.ts',
  'src/server/modules/consent/consent-review.job.ts',
  'src/server/modules/assurance/anomaly-detection.service.ts',
  'src/server/modules/assurance/access-review.service.ts',
  'src/server/modules/access/policy.repository.ts',
  'src/server/modules/signals/escalation.job.ts',
  'src/server/modules/exchange/escalation.job.ts',
  'src/server/modules/exchange/follow-up.job.ts',
  'src/server/modules/exchange/interim-decision.job.ts',
  'src/server/modules/exchange/sampling.job.ts',
  'src/server/modules/assurance/sharing-audit-draw.service.ts',
];

/** Where the full handle may be produced by a cast. */
const FULL_HANDLE_MAKERS = [
  'src/server/db/database.ts',
  'src/server/db/system-db.ts',
  'src/server/db/governed.ts',
  'src/server/modules/access/door.ts',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.includes('.test-')
      ? [full]
      : [];
  });
}

interface Hit {
  file: string;
  line: number;
  text: string;
}

/** Every line of production code matching a pattern, with its file (relative) and line number. */
export function findLines(pattern: RegExp, files: readonly string[] = sourceFiles(server)): Hit[] {
  const hits: Hit[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, i) => {
      // Comments describe the rule; only code can break it.
      if (/^\s*(\*|\/\/|\/\*)/.test(text)) return;
      if (pattern.test(text)) hits.push({ file: path.relative(root, file), line: i + 1, text: text.trim() });
    });
  }
  return hits;
}

const tables = GOVERNED_TABLES.join('|');
/** A query builder naming a governed table, or raw SQL reading or writing one. */
const GOVERNED_QUERY = new RegExp(
  `(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|with)\\(\\s*['"\`](${tables})\\b` +
    `|\\b(from|join|into|update)\\s+(${tables})\\b`,
  'i',
);

const where = (hits: readonly Hit[]) => hits.map((h) => `${h.file}:${h.line}  ${h.text}`).join('\n');
const allowed = (file: string, list: readonly string[], folders: readonly string[] = []) =>
  list.includes(file) || folders.some((f) => file.startsWith(f));

describe('one door to person data', () => {
  it('queries governed tables only in the repositories allowed to hold them', () => {
    const outside = findLines(GOVERNED_QUERY).filter(
      (h) => !allowed(h.file, GOVERNED_REPOSITORIES, SYSTEM_FOLDERS),
    );
    assert.equal(outside.length, 0, `governed tables queried outside their repositories:\n${where(outside)}`);
  });

  it('finds a governed query when one is there (the check is not vacuous)', () => {
    const hits = findLines(GOVERNED_QUERY, [path.join(server, 'modules/people/people.repository.ts')]);
    assert.ok(hits.some((h) => h.text.includes("'record_entries")));
    assert.ok(GOVERNED_QUERY.test("db.selectFrom('record_entries').selectAll()"));
    assert.ok(GOVERNED_QUERY.test('sql`select * from lawful_exceptions`'));
    assert.ok(!GOVERNED_QUERY.test("db.selectFrom('staff')"));
  });

  it('reaches the request’s full handle only through the door', () => {
    const users = findLines(/governedDatabaseOf/).filter(
      (h) => !['src/server/service-context.ts', 'src/server/modules/access/door.ts'].includes(h.file),
    );
    assert.equal(users.length, 0, `governedDatabaseOf used outside the door:\n${where(users)}`);
  });

  it('takes the unrestricted handle only where there is no caller, naming why', () => {
    const uses = findLines(/\bsystem(Db|Tx)\(/).filter(
      (h) => !allowed(h.file, SYSTEM_DB_USERS, ['src/server/demo/']),
    );
    assert.equal(uses.length, 0, `systemDb used outside the places that have no caller:\n${where(uses)}`);
    const unnamed = findLines(/\bsystem(Db|Tx)\(/).filter(
      (h) => !h.text.startsWith('export function') && !/system(Db|Tx)\([^)]*,\s*'[a-z-]+'\)/.test(h.text),
    );
    assert.equal(unnamed.length, 0, `systemDb without a stated reason:\n${where(unnamed)}`);
  });

  it('makes the full handle and decision-bound values only in the door', () => {
    const casts = findLines(
      /as (unknown as )?(FullDb|FullTx|PersonRead|PersonWrite|ListAccess|FactsAccess|NewPersonWrite|SystemAccess)\b/,
    ).filter((h) => !FULL_HANDLE_MAKERS.includes(h.file));
    assert.equal(casts.length, 0, `a full handle or door value made outside the door:\n${where(casts)}`);
  });
});
