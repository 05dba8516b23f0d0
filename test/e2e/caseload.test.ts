/**
 * The caseload with the demo partnership: the people a worker is named on come first, then their
 * team's, each section in name order; pages join up exactly; filters by involvement, consent and
 * review keep only what they say; the count is exact when small and says when it stopped; one list
 * entry per person shown.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { CASELOAD_COUNT_LIMIT, type Caseload, type CaseloadItem } from '../../src/contracts/people.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

// More people than the count goes to, so the "more than" answer is reached; and enough for each
// section to pass the size below which it is read from its memberships rather than the name order.
const SIZES = [CASELOAD_COUNT_LIMIT + 40, 1_200] as const;
const TODAY = new Date('2026-06-15T10:00:00Z');

const byName = (a: CaseloadItem, b: CaseloadItem) =>
  a.familyName.localeCompare(b.familyName, 'en') ||
  a.givenName.localeCompare(b.givenName, 'en') ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

for (const PEOPLE of SIZES)
  describeEachEngine(`the caseload (${PEOPLE} demo people)`, (database) => {
    let app: FastifyInstance;
    let coordinator: Session;

    const page = async (query: string): Promise<Caseload & { requestId: string }> => {
      const res = await call(app, coordinator, 'GET', `/api/v1/people?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return { ...res.json<Caseload>(), requestId: String(res.headers['x-request-id']) };
    };
    /** Every page of a query, joined. */
    const all = async (query: string): Promise<CaseloadItem[]> => {
      const items: CaseloadItem[] = [];
      for (let n = 1; ; n++) {
        const p = await page(`${query}&pageSize=100&page=${n}`);
        items.push(...p.items);
        if (!p.hasMore) return items;
      }
    };

    before(async () => {
      await loadDemo(database(), { password: 'demo', people: PEOPLE, today: TODAY });
      app = await testApp(database(), () => TODAY);
      coordinator = await signIn(app, 'cc.amara', 'demo');
    });

    it('lists the people the worker is named on first, then their team’s, each in name order', async () => {
      const everyone = await all('show=all');
      const named = everyone.filter((p) => p.namedOnCareTeam);
      const team = everyone.filter((p) => !p.namedOnCareTeam);
      assert.ok(named.length > 0 && team.length > 0, 'the demo coordinator has both');
      assert.deepEqual(everyone, [...named, ...team], 'named first');
      assert.deepEqual(
        named.map((p) => p.id),
        [...named].sort(byName).map((p) => p.id),
      );
      assert.deepEqual(
        team.map((p) => p.id),
        [...team].sort(byName).map((p) => p.id),
      );
      assert.equal(new Set(everyone.map((p) => p.id)).size, everyone.length, 'no one twice');
      assert.ok(named.every((p) => p.namedAs.length > 0));
      assert.ok(team.every((p) => p.namedAs.length === 0));
      assert.ok(named.some((p) => p.namedAs.includes('CARE_COORDINATOR')));

      assert.deepEqual(
        (await all('show=named')).map((p) => p.id),
        named.map((p) => p.id),
      );
      assert.deepEqual(
        (await all('show=team')).map((p) => p.id),
        team.map((p) => p.id),
      );
    });

    it('joins small pages up exactly across the named and team sections', async () => {
      const everyone = await all('show=all');
      const firstTeam = everyone.findIndex((p) => !p.namedOnCareTeam);
      const size = 7;
      const joined: string[] = [];
      // Pages that straddle the boundary between the sections, and one past it.
      for (let n = 1; n <= Math.floor(firstTeam / size) + 3; n++)
        joined.push(...(await page(`pageSize=${size}&page=${n}`)).items.map((p) => p.id));
      assert.deepEqual(
        joined,
        everyone.slice(0, joined.length).map((p) => p.id),
      );
      const deep = await page(`show=team&pageSize=${size}&page=2`);
      assert.deepEqual(
        deep.items.map((p) => p.id),
        everyone.slice(firstTeam + size, firstTeam + 2 * size).map((p) => p.id),
      );
    });

    it('counts exactly up to the limit and says when it stopped, and the last page knows its total', async () => {
      const everyone = await all('show=all');
      assert.ok(everyone.length > CASELOAD_COUNT_LIMIT, 'the caseload is larger than the count goes');
      const first = await page('pageSize=25');
      assert.deepEqual([first.total, first.totalExact, first.hasMore], [CASELOAD_COUNT_LIMIT, false, true]);
      const lastPage = Math.ceil(everyone.length / 25);
      const last = await page(`pageSize=25&page=${lastPage}`);
      assert.deepEqual([last.total, last.totalExact, last.hasMore], [everyone.length, true, false]);
      const named = (await all('show=named')).length;
      const small = await page('show=named&pageSize=100');
      if (named <= CASELOAD_COUNT_LIMIT) assert.deepEqual([small.total, small.totalExact], [named, true]);
      const past = await page(`pageSize=25&page=${lastPage + 3}`);
      assert.deepEqual([past.items.length, past.hasMore, past.total], [0, false, CASELOAD_COUNT_LIMIT]);
    });

    it('shows consent at a glance and filters by consent status and review', async () => {
      const everyone = await all('show=all');
      const statuses = new Set(everyone.map((p) => p.consent.status));
      assert.ok(statuses.size > 1, 'the demo holds several consent states');
      for (const status of ['given', 'refused', 'withdrawn', 'none'] as const) {
        const kept = await all(`consent=${status}`);
        assert.deepEqual(
          kept.map((p) => p.id),
          everyone.filter((p) => p.consent.status === status).map((p) => p.id),
          status,
        );
      }
      const due = await all('review=due');
      assert.ok(due.length > 0, 'some reviews are due in the demo');
      assert.deepEqual(
        due.map((p) => p.id),
        everyone.filter((p) => p.consent.reviewDue).map((p) => p.id),
      );
      const soon = await all('review=soon');
      assert.ok(soon.length >= due.length);
      assert.ok(soon.every((p) => p.consent.reviewDue || (p.consent.reviewDate ?? '9999') <= '2026-07-15'));
      assert.ok(everyone.every((p) => p.consent.status !== 'none' || p.consent.reviewDate === null));
      const namedGiven = await all('show=named&consent=given');
      assert.ok(namedGiven.every((p) => p.namedOnCareTeam && p.consent.status === 'given'));
      assert.equal((await call(app, coordinator, 'GET', '/api/v1/people?consent=maybe')).statusCode, 400);
      assert.equal((await call(app, coordinator, 'GET', '/api/v1/people?show=mine')).statusCode, 400);
    });

    it('writes one list entry per person shown, in one request', async () => {
      const shown = await page('pageSize=9&page=2');
      const entries = await database()
        .db.selectFrom('audit_entries')
        .select(['action', 'person_id', 'outcome'])
        .where('request_id', '=', shown.requestId)
        .execute();
      assert.deepEqual(
        entries.map((e) => [e.action, e.outcome]),
        shown.items.map(() => ['caseload.list', 'permit']),
      );
      assert.deepEqual(new Set(entries.map((e) => e.person_id)), new Set(shown.items.map((p) => p.id)));
    });
  });
