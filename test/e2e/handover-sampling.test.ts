/**
 * Managers' weekly sampling of crisis escalation summaries, end to end on both engines: the
 * weekly job draws once per team and week, from a kept seed, the same sample on every engine;
 * repeat escalations are marked; the manager reads sampled summaries through the door, records a
 * finding that becomes a supervision note; outsiders get 404; timeliness is aggregate.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { SampleDto, SampleSummary, SupervisionNote, Timeliness } from '../../src/contracts/sampling.ts';
import type { Worklist } from '../../src/contracts/work.ts';
import { drawWeeklySamples } from '../../src/server/modules/exchange/index.ts';
import { drawSample } from '../../src/server/modules/exchange/sampling.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { addMembership, makeOrganisation, makePerson, makeStaff, makeTeam } from '../harness/factories.ts';
import { governedDb } from '../harness/governed.ts';
import { handoverRow } from '../harness/handover-rows.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

const NOW = new Date('2026-12-02T09:00:00.000Z');
const SEED = 'a-fixed-seed-for-the-test';
/** Fixed handover ids, so both engines hold the same data. */
const hid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const MIN = 60_000;

/** The sample each engine drew, compared once both have run. */
const drawnByEngine = new Map<string, string[]>();

describeEachEngine('manager sampling of escalation summaries', (database, engine) => {
  let app: FastifyInstance;
  let manager: Session;
  let sender: Session;
  let outsider: Session;
  let sampleId: string;
  const candidates: { handoverId: string; personId: string; sentAt: string }[] = [];
  let notSampled: string;

  before(async () => {
    const db = database();
    const trust = await makeOrganisation(db);
    const housing = await makeOrganisation(db, { type: 'HOUSING_PROVIDER' });
    const cmht = await makeTeam(db, trust, 'Community team');
    const other = await makeTeam(db, trust, 'Other team');
    const senderStaff = await makeStaff(db, {
      organisationId: trust,
      roles: ['care_manager'],
      teamIds: [cmht],
    });
    await makeStaff(db, {
      organisationId: trust,
      roles: ['service_manager'],
      teamIds: [cmht],
      username: 'sm.a',
    });
    await makeStaff(db, {
      organisationId: trust,
      roles: ['service_manager'],
      teamIds: [other],
      username: 'sm.b',
    });
    const lead = await makeStaff(db, { organisationId: housing, roles: ['care_manager'] });
    const people: string[] = [];
    for (let i = 0; i < 6; i++) {
      const p = await makePerson(db);
      await addMembership(db, { personId: p.id, organisationId: trust, staffId: senderStaff.id });
      // The team holds them, so its manager knows who they are.
      await addMembership(db, { personId: p.id, organisationId: trust, teamId: cmht });
      people.push(p.id);
    }
    const send = async (n: number, personId: string, sentAt: string, ackMinutes: number | null) => {
      const row = handoverRow({
        id: hid(n),
        person_id: personId,
        sender_staff_id: senderStaff.id,
        sender_org_id: trust,
        recipient_org_id: housing,
        lead_staff_id: lead.id,
        sent_at: sentAt,
        status: ackMinutes === null ? 'sent' : 'acknowledged',
        acknowledged_at:
          ackMinutes === null ? null : new Date(Date.parse(sentAt) + ackMinutes * MIN).toISOString(),
        acknowledged_by: ackMinutes === null ? null : lead.id,
      });
      await governedDb(db).insertInto('handovers').values(row).execute();
      return row;
    };
    // The week of Monday 23 November 2026: seven summaries, the first person's twice.
    const week = [
      [people[0], '2026-11-23T10:00:00.000Z', 20],
      [people[1], '2026-11-24T10:00:00.000Z', 40],
      [people[0], '2026-11-25T10:00:00.000Z', 90],
      [people[2], '2026-11-26T10:00:00.000Z', 30],
      [people[3], '2026-11-27T10:00:00.000Z', 50],
      [people[4], '2026-11-28T10:00:00.000Z', null],
      [people[5], '2026-11-29T22:30:00.000Z', 10],
    ] as const;
    for (const [i, [personId, sentAt, ack]] of week.entries()) {
      assert.ok(personId);
      await send(i + 1, personId, sentAt, ack);
      candidates.push({ handoverId: hid(i + 1), personId, sentAt });
    }
    // Outside the week (before it, and after it in UK time): never sampled, but counted as repeats.
    await send(20, people[1] ?? '', '2026-11-10T10:00:00.000Z', 15);
    await send(21, people[2] ?? '', '2026-11-30T00:30:00.000Z', 15);
    // Another organisation's escalation about the first person in the window: not the team's to count.
    await governedDb(db)
      .insertInto('handovers')
      .values(
        handoverRow({
          id: hid(22),
          person_id: people[0] ?? '',
          sender_staff_id: lead.id,
          sender_org_id: housing,
          recipient_org_id: trust,
          lead_staff_id: senderStaff.id,
          sent_at: '2026-11-12T10:00:00.000Z',
        }),
      )
      .execute();
    app = await testApp(db, () => NOW);
    manager = await signIn(app, 'sm.a');
    outsider = await signIn(app, 'sm.b');
    const senderName = (
      await db.db
        .selectFrom('staff')
        .select('username')
        .where('id', '=', senderStaff.id)
        .executeTakeFirstOrThrow()
    ).username;
    sender = await signIn(app, senderName);
  });
  after(() => app.close());

  it('a run that fails midway keeps the teams it drew; the next run draws the rest, once', async () => {
    let calls = 0;
    const failing = drawWeeklySamples(database(), NOW, {
      seedFor: () => {
        calls += 1;
        if (calls === 2) throw new Error('crash while drawing the second team');
        return SEED;
      },
    });
    await assert.rejects(failing, /crash while drawing/);
    const kept = await database().db.selectFrom('handover_samples').select('team_id').execute();
    assert.equal(kept.length, 1, 'the first team’s sample survived; the second rolled back whole');
    const items = await governedDb(database())
      .selectFrom('handover_sample_items')
      .select('sample_id')
      .execute();
    assert.ok(items.length === 0 || items.length === 5, 'no half-drawn sample');
  });

  it('the weekly job draws each team’s last complete week once, from the kept seed', async () => {
    const first = await drawWeeklySamples(database(), NOW, { seedFor: () => SEED });
    assert.deepEqual(first, { drawn: 1, week: '2026-11-23' });
    const again = await drawWeeklySamples(database(), new Date(NOW.getTime() + 3_600_000));
    assert.equal(again.drawn, 0, 'a second run draws nothing for the same week');
    const audited = await database()
      .db.selectFrom('audit_entries')
      .select('target_id')
      .where('action', '=', 'handover.sample.draw')
      .execute();
    assert.equal(audited.length, 2, 'one audit entry per sample drawn');
    const list = await call(app, manager, 'GET', '/api/v1/handover-samples');
    assert.equal(list.statusCode, 200, list.body);
    const items = list.json<{ items: SampleSummary[] }>().items;
    assert.equal(items.length, 1);
    const [sample] = items;
    assert.ok(sample);
    assert.equal(sample.seed, SEED);
    assert.equal(sample.population, 7);
    assert.equal(sample.size, 5);
    sampleId = sample.id;
  });

  it('the sample is the one the seed draws from the week’s summaries, with repeat escalations marked', async () => {
    const res = await call(app, manager, 'GET', `/api/v1/handover-samples/${sampleId}`);
    assert.equal(res.statusCode, 200, res.body);
    const sample = res.json<SampleDto>();
    const expected = drawSample(candidates, SEED, 5).map((c) => c.handoverId);
    assert.deepEqual(
      sample.items.map((i) => i.handoverId),
      expected,
    );
    drawnByEngine.set(
      engine.name,
      sample.items.map((i) => i.handoverId),
    );
    const byId = new Map(sample.items.map((i) => [i.handoverId, i]));
    for (const c of candidates) {
      const item = byId.get(c.handoverId);
      if (!item) continue;
      const sameWeek = candidates.filter((x) => x.personId === c.personId).length;
      // Only the trust's own escalations count: housing's about the first person does not.
      const earlier = c.personId === candidates[1]?.personId ? 1 : 0;
      assert.equal(item.escalationsInWindow, sameWeek + earlier, c.handoverId);
      assert.equal(item.repeat, sameWeek + earlier > 1);
    }
    notSampled = candidates.map((c) => c.handoverId).find((id) => !expected.includes(id)) ?? '';
    assert.ok(notSampled);
  });

  it('the manager reads a sampled summary through the door; one not sampled stays hidden', async () => {
    const sampled = drawSample(candidates, SEED, 5)[0]?.handoverId ?? '';
    const read = await call(app, manager, 'GET', `/api/v1/handovers/${sampled}`);
    assert.equal(read.statusCode, 200, read.body);
    const audited = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'outcome'])
      .where('action', '=', 'handover.view')
      .where('target_id', '=', sampled)
      .execute();
    assert.ok(
      audited.some((a) => a.outcome === 'success'),
      'the read is audited',
    );
    const hidden = await call(app, manager, 'GET', `/api/v1/handovers/${notSampled}`);
    assert.equal(hidden.statusCode, 404);
    const outsiderRead = await call(app, outsider, 'GET', `/api/v1/handovers/${sampled}`);
    assert.equal(outsiderRead.statusCode, 404);
  });

  it('the sample is on the manager’s worklist until reviewed', async () => {
    const res = await call(app, manager, 'GET', '/api/v1/worklist');
    const list = res.json<Worklist>();
    assert.equal(list.counts.byKind.HANDOVER_SAMPLE, 1);
    const item = list.items.find((i) => i.kind === 'HANDOVER_SAMPLE');
    assert.equal(item?.link, `/handover-samples/${sampleId}`);
    assert.equal(item?.personId, null);
  });

  it('a finding is refused naming the missing field, and nothing changes', async () => {
    const target = drawSample(candidates, SEED, 5)[0]?.handoverId ?? '';
    const bad = await call(
      app,
      manager,
      'POST',
      `/api/v1/handover-samples/${sampleId}/items/${target}/finding`,
      {
        sharedAppropriately: true,
        reflectedInRecord: true,
        note: 'Good summary.',
      },
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.headers['content-type'] ?? '', /problem\+json/);
    assert.match(bad.body, /body\.complete/);
    const notes = await governedDb(database()).selectFrom('supervision_notes').select('id').execute();
    assert.equal(notes.length, 0);
  });

  it('an outsider cannot see or review the sample', async () => {
    const target = drawSample(candidates, SEED, 5)[0]?.handoverId ?? '';
    const body = { complete: true, sharedAppropriately: true, reflectedInRecord: true, note: 'x' };
    assert.equal((await call(app, outsider, 'GET', `/api/v1/handover-samples/${sampleId}`)).statusCode, 404);
    const write = await call(
      app,
      outsider,
      'POST',
      `/api/v1/handover-samples/${sampleId}/items/${target}/finding`,
      body,
    );
    assert.equal(write.statusCode, 404);
    const senderWrite = await call(
      app,
      sender,
      'POST',
      `/api/v1/handover-samples/${sampleId}/items/${target}/finding`,
      body,
    );
    assert.equal(senderWrite.statusCode, 404);
  });

  it('the manager records a finding once; it becomes a supervision note for the sender', async () => {
    const target = drawSample(candidates, SEED, 5)[0]?.handoverId ?? '';
    const body = {
      complete: false,
      sharedAppropriately: true,
      reflectedInRecord: false,
      note: 'Time sensitivity missing; risk plan not updated.',
    };
    const url = `/api/v1/handover-samples/${sampleId}/items/${target}/finding`;
    const res = await call(app, manager, 'POST', url, body);
    assert.equal(res.statusCode, 200, res.body);
    const sample = res.json<SampleDto>();
    assert.equal(sample.reviewed, 1);
    const item = sample.items.find((i) => i.handoverId === target);
    assert.equal(item?.finding?.complete, false);
    assert.equal(item?.finding?.reflectedInRecord, false);
    const twice = await call(app, manager, 'POST', url, body);
    assert.equal(twice.statusCode, 409);
    const mine = (await call(app, sender, 'GET', '/api/v1/supervision-notes')).json<{
      items: SupervisionNote[];
    }>();
    assert.equal(mine.items.length, 1);
    assert.equal(mine.items[0]?.note, body.note);
    assert.equal(mine.items[0]?.handoverId, target);
    const managers = (await call(app, manager, 'GET', '/api/v1/supervision-notes')).json<{
      items: SupervisionNote[];
    }>();
    assert.equal(managers.items.length, 1);
    const others = (await call(app, outsider, 'GET', '/api/v1/supervision-notes')).json<{
      items: SupervisionNote[];
    }>();
    assert.equal(others.items.length, 0, 'another team’s manager sees none');
  });

  it('timeliness is aggregate, week by week, for the manager only', async () => {
    const res = await call(app, manager, 'GET', '/api/v1/handover-timeliness?weeks=4');
    assert.equal(res.statusCode, 200, res.body);
    const t = res.json<Timeliness>();
    assert.deepEqual(
      t.weeks.map((w) => w.weekStart),
      ['2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30'],
    );
    const week = t.weeks.find((w) => w.weekStart === '2026-11-23');
    // Acknowledged after 10, 20, 30, 40, 50 and 90 minutes; one never (overdue, as is the 90).
    assert.deepEqual(week, {
      weekStart: '2026-11-23',
      sent: 7,
      acknowledged: 6,
      medianMinutes: 35,
      p90Minutes: 90,
      overdue: 2,
    });
    assert.equal(t.weeks.find((w) => w.weekStart === '2026-11-30')?.sent, 1);
    assert.equal((await call(app, sender, 'GET', '/api/v1/handover-timeliness')).statusCode, 403);
    assert.equal((await call(app, manager, 'GET', '/api/v1/handover-timeliness?weeks=0')).statusCode, 400);
  });

  it('a person the manager may no longer know is shown without name or escalation count', async () => {
    const personId = candidates.find((c) => c.personId === candidates[0]?.personId)?.personId ?? '';
    const sampled = drawSample(candidates, SEED, 5).find((c) => c.personId === personId);
    const target = sampled ?? drawSample(candidates, SEED, 5)[0];
    assert.ok(target);
    const memberships = () =>
      governedDb(database()).updateTable('care_team_memberships').where('person_id', '=', target.personId);
    await memberships().set({ end_date: '2026-01-01' }).execute();
    try {
      const res = await call(app, manager, 'GET', `/api/v1/handover-samples/${sampleId}`);
      assert.equal(res.statusCode, 200, res.body);
      const item = res.json<SampleDto>().items.find((i) => i.handoverId === target.handoverId);
      assert.ok(item);
      assert.deepEqual([item.personName, item.escalationsInWindow, item.repeat], [null, null, null]);
      const known = res.json<SampleDto>().items.find((i) => i.personName !== null);
      assert.ok(known && typeof known.escalationsInWindow === 'number', 'others keep their count');
    } finally {
      await memberships().set({ end_date: null }).execute();
    }
  });
});

it('the same seed and the same data drew the same sample on every engine', () => {
  const samples = [...drawnByEngine.values()];
  assert.equal(samples.length, 2);
  assert.deepEqual(samples[0], samples[1]);
});
