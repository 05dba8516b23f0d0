/**
 * Partnership-wide facts (policy and agreements) are cached per process behind a version counter.
 * Two real server processes share one database: process B reads a record shown under an agreement
 * (warming its cache), process A suspends that agreement, and B's very next read must refuse what
 * the agreement carried. SQLite always; PostgreSQL too when ACCORD_TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PersonDetail, PersonSummary } from '../../src/contracts/people.ts';
import { parseDatabaseUrl } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { killHard, runCli, type ServerProcess, startServer } from './server-process.ts';
import { postgresSite, type ServerSite, sqliteSite } from './sites.ts';

/** A signed-in session on one server: its cookie and CSRF token. */
interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(server: ServerProcess, username: string): Promise<Session> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  assert.equal(res.status, 200, `sign-in as ${username} failed with ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('accord_session='));
  assert.ok(cookie, 'no session cookie');
  return {
    cookie: cookie.split(';')[0] ?? '',
    csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
  };
}

async function getJson<T>(server: ServerProcess, session: Session, path: string): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, { headers: { cookie: session.cookie } });
  assert.equal(res.status, 200, `GET ${path} answered ${res.status}`);
  return (await res.json()) as T;
}

/** A person on the coordinator's caseload with an entry another organisation holds, shown to her. */
async function sharedEntry(
  server: ServerProcess,
  session: Session,
  ownOrganisationId: string,
): Promise<{ personId: string; category: string; owner: string }> {
  const caseload = await getJson<{ items: PersonSummary[] }>(server, session, '/people?pageSize=100');
  for (const summary of caseload.items) {
    const person = await getJson<PersonDetail>(server, session, `/people/${summary.id}`);
    for (const section of person.sections) {
      const entry = section.entries.find((e) => e.organisationId !== ownOrganisationId);
      if (entry) return { personId: person.id, category: section.category, owner: entry.organisationId };
    }
  }
  throw new Error('no entry of another organisation is shown to the demo care coordinator');
}

async function crossProcess(site: ServerSite): Promise<void> {
  const demo = await runCli(['demo', '--people', '30'], site.env);
  assert.equal(demo.code, 0, `demo load failed: ${demo.stderr}`);
  const a = await startServer(site.env);
  let b: ServerProcess | null = null;
  const database = await openDatabase(parseDatabaseUrl(String(site.env.DATABASE_URL)));
  try {
    b = await startServer(site.env);
    const reader = await signIn(b, 'cc.amara');
    const me = await getJson<{ organisation: { id: string } }>(b, reader, '/me');
    const shared = await sharedEntry(b, reader, me.organisation.id);

    // The agreement B relied on, as its own audit entry of that disclosure names it.
    const disclosed = await database.db
      .selectFrom('audit_entries')
      .select('agreement_id')
      .where('action', '=', 'record.disclose')
      .where('person_id', '=', shared.personId)
      .where('owner_org_id', '=', shared.owner)
      .where('agreement_id', 'is not', null)
      .executeTakeFirst();
    const agreementId = disclosed?.agreement_id;
    assert.ok(agreementId, 'the disclosure names the agreement it relied on');

    const ig = await signIn(a, 'ig.priya');
    const suspended = await fetch(`${a.url}/api/v1/agreements/${agreementId}/status`, {
      method: 'POST',
      headers: { cookie: ig.cookie, 'x-csrf-token': ig.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'suspended', note: 'Suspended while a breach is investigated' }),
    });
    assert.equal(suspended.status, 200, await suspended.text());

    // The very next read on the other process sees the suspension.
    const after = await getJson<PersonDetail>(b, reader, `/people/${shared.personId}`);
    const section = after.sections.find((s) => s.category === shared.category);
    assert.ok(section);
    assert.equal(
      section.entries.some((e) => e.organisationId === shared.owner),
      false,
      'entries carried by the suspended agreement are no longer shown',
    );
    assert.ok(
      section.withheldReasons.some((r) => r.code === 'AGREEMENT_SUSPENDED'),
      JSON.stringify(section.withheldReasons),
    );
  } finally {
    await database.close();
    await killHard(a);
    if (b) await killHard(b);
  }
}

describe('a partnership change applies to the very next decision in another process', () => {
  it('[sqlite] an agreement suspended through one server is refused by the other at once', {
    timeout: 120_000,
  }, async () => {
    const site = sqliteSite('accord-facts');
    try {
      await crossProcess(site);
    } finally {
      await site.cleanup();
    }
  });

  const url = process.env.ACCORD_TEST_DATABASE_URL;
  it('[postgres] an agreement suspended through one server is refused by the other at once', {
    timeout: 120_000,
    skip: url ? false : 'ACCORD_TEST_DATABASE_URL is not set',
  }, async () => {
    if (!url) return;
    const site = await postgresSite(url, 'accord-facts');
    try {
      await crossProcess(site);
    } finally {
      await site.cleanup();
    }
  });
});
