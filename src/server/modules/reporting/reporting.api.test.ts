import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { governedDb } from '../../../../test/harness/governed.ts';
import { call } from '../../../../test/harness/http.ts';
import type { DrillDownDto, MetricId, ReconciliationDto, ReportDto } from '../../../contracts/reporting.ts';
import type { Database } from '../../db/database.ts';
import { type ReportingWorld, reportingWorld } from './reporting.test-world.ts';

const FROM = '2026-01';
const TO = '2026-12';
const monthOf = (s: string) => s.slice(0, 7);
const nextMonth = (m: string) => {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return mm === 12 ? `${y + 1}-01-01` : `${y}-${String(mm + 1).padStart(2, '0')}-01`;
};
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

/**
 * Each metric counted straight from the stored rows in plain code, by the written definitions,
 * with none of the reporting module's queries: what the figures must equal.
 */
async function independentCounts(database: Database, w: ReportingWorld): Promise<Map<string, number>> {
  const db = governedDb(database);
  const now = new Date().toISOString();
  const today = now.slice(0, 10);
  const out = new Map<string, number>();
  const add = (metric: MetricId, month: string, category: string) => {
    if (month < FROM || month > TO) return;
    const key = `${metric}|${month}|${category}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  };
  const handovers = await db
    .selectFrom('handovers')
    .selectAll()
    .where('recipient_org_id', '=', w.trust)
    .execute();
  const episodes = await db
    .selectFrom('pathway_episodes')
    .selectAll()
    .where('organisation_id', '=', w.trust)
    .execute();
  const moves = await db.selectFrom('pathway_episode_moves').selectAll().execute();
  for (const h of handovers) {
    if (h.template_key === 'REFERRAL')
      add(
        'referrals',
        monthOf(h.sent_at),
        episodes.some((e) => e.referral_handover_id === h.id) ? 'ACCEPTED' : 'NOT_ACCEPTED',
      );
    if (h.template_key === 'CRISIS_ESCALATION')
      add(
        'escalation_timeliness',
        monthOf(h.sent_at),
        h.acknowledged_at
          ? h.acknowledged_at <= h.due_at
            ? 'IN_TIME'
            : 'LATE'
          : h.due_at < now
            ? 'NOT_ACKNOWLEDGED'
            : 'WAITING',
      );
  }
  for (const month of MONTHS) {
    const end = nextMonth(month);
    for (const e of episodes) {
      const before = moves
        .filter((m) => m.episode_id === e.id && m.moved_at < end)
        .sort((a, b) => a.version - b.version);
      const last = before[before.length - 1];
      if (last && last.to_stage !== 'DISCHARGED') add('people_by_stage', month, last.to_stage);
    }
  }
  const reviews = await db
    .selectFrom('care_plan_reviews')
    .selectAll()
    .where('organisation_id', '=', w.trust)
    .execute();
  for (const r of reviews)
    add(
      'reviews_due',
      monthOf(r.due_on),
      r.held_on ? (r.held_on <= r.due_on ? 'ON_TIME' : 'LATE') : r.due_on < today ? 'OVERDUE' : 'NOT_YET_DUE',
    );
  const scores = await db
    .selectFrom('outcome_scores')
    .selectAll()
    .where('organisation_id', '=', w.trust)
    .execute();
  const totals = new Map<
    string,
    { person: string; measure: string; review: string; on: string; total: number }
  >();
  for (const s of scores) {
    const key = `${s.person_id}|${s.measure}|${s.review_id}`;
    const t = totals.get(key) ?? {
      person: s.person_id,
      measure: s.measure,
      review: s.review_id,
      on: s.scored_on,
      total: 0,
    };
    t.total += s.score;
    totals.set(key, t);
  }
  const series = new Map<string, { review: string; on: string; total: number }[]>();
  for (const t of totals.values())
    series.set(`${t.person}|${t.measure}`, [...(series.get(`${t.person}|${t.measure}`) ?? []), t]);
  for (const [key, list] of series) {
    const measure = key.split('|')[1] ?? '';
    list.sort((a, b) => (a.on === b.on ? a.review.localeCompare(b.review) : a.on.localeCompare(b.on)));
    const first = list[0];
    if (!first) continue;
    const lastInMonth = new Map<string, { total: number }>();
    for (const t of list.slice(1)) lastInMonth.set(monthOf(t.on), t);
    for (const [month, t] of lastInMonth) {
      const better = measure === 'HONOS' ? t.total < first.total : t.total > first.total;
      add(
        'outcome_change',
        month,
        `${measure}_${t.total === first.total ? 'NO_CHANGE' : better ? 'IMPROVED' : 'WORSE'}`,
      );
    }
  }
  const followUps = await db
    .selectFrom('follow_ups')
    .selectAll()
    .where('organisation_id', '=', w.trust)
    .execute();
  for (const f of followUps)
    if (f.rule === 'FU_72_HOURS')
      add(
        'follow_up_72h',
        monthOf(f.due_at),
        f.contact_at && f.contact_at <= f.due_at ? 'IN_72H' : f.due_at < now ? 'NOT_IN_72H' : 'PENDING',
      );
  const members = await db
    .selectFrom('care_team_memberships')
    .selectAll()
    .where('organisation_id', '=', w.trust)
    .execute();
  const consents = await db.selectFrom('consents').selectAll().execute();
  for (const month of MONTHS) {
    const last = new Date(Date.parse(`${nextMonth(month)}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    const people = new Set(
      members
        .filter((m) => m.start_date <= last && (m.end_date === null || m.end_date >= last))
        .map((m) => m.person_id),
    );
    for (const p of people)
      add(
        'consent_completion',
        month,
        consents.some(
          (c) =>
            c.person_id === p &&
            ['CAPTURE', 'REFUSE', 'WITHDRAW'].includes(c.change) &&
            c.recorded_at < nextMonth(month),
        )
          ? 'RECORDED'
          : 'NOT_RECORDED',
      );
  }
  const contacts = await db
    .selectFrom('care_contacts')
    .selectAll()
    .where('organisation_id', '=', w.trust)
    .execute();
  for (const c of contacts) if (c.outcome !== 'SCHEDULED') add('contacts', monthOf(c.occurred_at), c.outcome);
  for (const e of episodes)
    for (const m of moves)
      if (m.episode_id === e.id && m.to_stage === 'ASSESSMENT') {
        const back = m.from_stage !== null && ['ACTIVE', 'REVIEW', 'STEP_DOWN'].includes(m.from_stage);
        const earlier = episodes.some(
          (p) =>
            p.person_id === e.person_id &&
            p.id !== e.id &&
            p.closed_at !== null &&
            p.closed_at <= e.opened_at,
        );
        add('reassessment', monthOf(m.moved_at), back || earlier ? 'RE_ASSESSMENT' : 'FIRST_ASSESSMENT');
      }
  const incidents = await db
    .selectFrom('ig_incidents')
    .selectAll()
    .where('organisation_id', '=', w.trust)
    .execute();
  for (const i of incidents) add('privacy_incidents', monthOf(i.detected_at), i.kind);
  const denials = await database.db
    .selectFrom('audit_entries')
    .selectAll()
    .where('action', '=', 'record.access.deny')
    .execute();
  for (const a of denials) {
    if (
      a.owner_org_id !== w.trust ||
      a.outcome !== 'deny' ||
      !a.person_id ||
      a.recipient_org_id === a.owner_org_id
    )
      continue;
    const first = a.reasons.split(',')[0] ?? '';
    add(
      'unable_to_share',
      monthOf(a.recorded_at),
      ['NO_ACTIVE_AGREEMENT', 'CONSENT_REFUSED'].includes(first) ? first : 'OTHER',
    );
  }
  return out;
}

describeEachEngine('commissioner dataset from the records', (database) => {
  let w: ReportingWorld;
  let expected: Map<string, number>;
  before(async () => {
    w = await reportingWorld(database());
    expected = await independentCounts(database(), w);
  });
  after(() => w.app.close());

  const dataset = (session: ReportingWorld['as']['igLead'], query: string) =>
    call(w.app, session, 'GET', `/api/v1/reporting/dataset?${query}`);

  it('publishes every figure as the independent count, suppressed and rounded', async () => {
    const res = await dataset(w.as.commissioner, `from=${FROM}&to=${TO}&organisationId=${w.trust}`);
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json<ReportDto>();
    assert.equal(report.metrics.length, 11);
    let small = 0;
    let shown = 0;
    for (const t of report.metrics) {
      assert.ok(t.definition.numerator.length > 10 && t.definition.denominator.length > 10);
      t.months.forEach((month, i) => {
        t.categories.forEach((category, j) => {
          const truth = expected.get(`${t.definition.id}|${month}|${category}`) ?? 0;
          const published = t.cells[i]?.[j];
          if (truth >= 1 && truth <= 7) {
            assert.equal(
              published,
              null,
              `${t.definition.id} ${month} ${category}: ${truth} must be suppressed`,
            );
            small++;
          } else if (published !== null && published !== undefined) {
            assert.ok(
              Math.abs(published - truth) <= 2 && published % 5 === 0,
              `${t.definition.id} ${month} ${category}`,
            );
            if (truth > 0) shown++;
          }
        });
      });
    }
    assert.ok(small > 10 && shown > 5, `the world exercises both (${small} small, ${shown} shown)`);
  });

  it('drills each figure down to exactly its records for the provider’s IG lead, audited per person', async () => {
    let checked = 0;
    for (const [key, truth] of expected) {
      const [metric = '', month = '', category = ''] = key.split('|');
      const items: DrillDownDto['items'] = [];
      let withheld = 0;
      let after: string | null = null;
      do {
        const res = await call(
          w.app,
          w.as.igLead,
          'GET',
          `/api/v1/reporting/drill-down?metric=${metric}&month=${month}&category=${category}&limit=7${after ? `&after=${after}` : ''}`,
        );
        assert.equal(res.statusCode, 200, res.body);
        const page = res.json<DrillDownDto>();
        assert.equal(page.count, truth, key);
        items.push(...page.items);
        withheld += page.withheld;
        after = page.next;
      } while (after);
      assert.equal(items.length + withheld, truth, key);
      assert.equal(new Set(items.map((i) => i.recordId)).size, items.length);
      checked++;
    }
    assert.ok(checked > 30);
    const audited = await database()
      .db.selectFrom('audit_entries')
      .select(['person_id', 'target_type'])
      .where('action', '=', 'report.drilldown')
      .execute();
    assert.ok(
      audited.length > 0 && audited.every((a) => a.person_id !== null || a.target_type === 'ig_incident'),
    );
    for (const metric of ['contacts', 'reassessment', 'privacy_incidents'])
      assert.ok(
        [...expected.keys()].some((k) => k.startsWith(`${metric}|`)),
        `the world has records behind ${metric}`,
      );
    assert.ok(
      [...expected.keys()].some((k) => k.startsWith('reassessment|') && k.endsWith('|RE_ASSESSMENT')),
      'the world has re-assessments',
    );
  });

  it('withholds rows about people the IG lead’s organisation does not care for', async () => {
    const res = await call(
      w.app,
      w.as.igLead,
      'GET',
      `/api/v1/reporting/drill-down?metric=referrals&month=2026-01&category=ACCEPTED`,
    );
    const all = await call(
      w.app,
      w.as.igLead,
      'GET',
      `/api/v1/reporting/drill-down?metric=unable_to_share&month=2026-06&category=CONSENT_REFUSED`,
    );
    const pages = [res.json<DrillDownDto>(), all.json<DrillDownDto>()];
    assert.ok(pages.every((p) => p.items.length + p.withheld <= p.count));
  });

  it('reconciles every figure with a recount of its records', async () => {
    const res = await call(
      w.app,
      w.as.igLead,
      'GET',
      `/api/v1/reporting/reconciliation?from=${FROM}&to=${TO}`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json<ReconciliationDto>();
    assert.ok(r.checked > 30);
    assert.deepEqual(r.differences, []);
  });

  it('gives the commissioner a 403 for drill-down and reconciliation, audited', async () => {
    const res = await call(
      w.app,
      w.as.commissioner,
      'GET',
      `/api/v1/reporting/drill-down?metric=referrals&month=2026-01&category=ACCEPTED`,
    );
    assert.equal(res.statusCode, 403);
    const rec = await call(
      w.app,
      w.as.commissioner,
      'GET',
      `/api/v1/reporting/reconciliation?from=${FROM}&to=${TO}`,
    );
    assert.equal(rec.statusCode, 403);
    const denied = await database()
      .db.selectFrom('audit_entries')
      .select('id')
      .where('action', '=', 'report.drilldown.deny')
      .execute();
    assert.ok(denied.length >= 2);
  });

  it('gives the commissioner no person, id or row from any reporting route', async () => {
    const ids = [...w.people];
    const records = await governedDb(database()).selectFrom('care_plan_reviews').select('id').execute();
    ids.push(...records.map((r) => r.id));
    const bodies = await Promise.all(
      [
        `/api/v1/reporting/dataset?from=${FROM}&to=${TO}`,
        `/api/v1/reporting/dataset?from=${FROM}&to=${TO}&organisationId=${w.trust}`,
        `/api/v1/reporting/dataset.csv?from=${FROM}&to=${TO}`,
        '/api/v1/reporting/metrics',
        `/api/v1/reporting/drill-down?metric=referrals&month=2026-01&category=ACCEPTED&organisationId=${w.trust}`,
        `/api/v1/reporting/reconciliation?from=${FROM}&to=${TO}`,
        `/api/v1/people/${w.people[0]}/reviews`,
      ].map((u) => call(w.app, w.as.commissioner, 'GET', u)),
    );
    for (const b of bodies) for (const id of ids) assert.ok(!b.body.includes(id), 'no person or record id');
    assert.equal(bodies[2]?.statusCode, 200);
    assert.match(bodies[2]?.body ?? '', /^metric,month,category,value\n/);
    assert.equal(bodies[6]?.statusCode, 404);
  });

  it('answers bad input with a problem naming the parameter', async () => {
    const cases: [string, ReportingWorld['as']['igLead'], number, string][] = [
      [`metric=bogus&from=${FROM}&to=${TO}`, w.as.commissioner, 400, 'metric'],
      [`from=2026-06&to=2026-01`, w.as.commissioner, 400, 'to'],
      [`from=2026-13&to=2026-01`, w.as.commissioner, 400, 'from'],
      [`from=${FROM}&to=${TO}&organisationId=${w.housing}`, w.as.igLead, 403, 'organisationId'],
      [
        `from=${FROM}&to=${TO}&organisationId=${crypto.randomUUID()}`,
        w.as.commissioner,
        403,
        'organisationId',
      ],
    ];
    for (const [query, who, status, field] of cases) {
      const res = await dataset(who, query);
      assert.equal(res.statusCode, status, `${query}: ${res.body}`);
      assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
      const errors = res.json<{ errors?: { field: string }[] }>().errors ?? [];
      assert.ok(
        errors.some((e) => e.field.endsWith(field)),
        `${query} names ${field}: ${res.body}`,
      );
    }
  });

  it('refuses the dataset to a role without reporting standing, audited', async () => {
    const res = await dataset(w.as.coordinator, `from=${FROM}&to=${TO}`);
    assert.equal(res.statusCode, 403);
    const denied = await database()
      .db.selectFrom('audit_entries')
      .select('id')
      .where('action', '=', 'report.dataset.deny')
      .execute();
    assert.ok(denied.length >= 1);
  });
});
