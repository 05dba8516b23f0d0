import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { staffId } from '../../src/server/demo/demo-ids.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { drawWeeklySamples, escalateOverdueHandovers } from '../../src/server/modules/exchange/index.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { governedDb } from '../harness/governed.ts';

describeEachEngine('the demo partnership’s handovers', (database) => {
  const now = new Date();
  before(async () => {
    await loadDemo(database(), { password: 'demo', people: 120, today: now });
  });

  it('holds handovers in every state, follow-ups due, done and missed, and a week of escalation summaries', async () => {
    const db = governedDb(database());
    const handovers = await db.selectFrom('handovers').selectAll().execute();
    const at = now.toISOString();
    assert.ok(
      handovers.some((h) => h.status === 'acknowledged'),
      'acknowledged',
    );
    assert.ok(
      handovers.some((h) => h.status === 'sent' && h.due_at > at),
      'sent, within its time',
    );
    assert.ok(
      handovers.some((h) => h.status === 'sent' && h.due_at <= at),
      'overdue',
    );
    const escalations = await db.selectFrom('handover_escalations').selectAll().execute();
    assert.ok(
      escalations.some((e) => e.resolved_at === null),
      'escalated and still open',
    );
    const summaries = handovers.filter((h) => h.template_key === 'CRISIS_ESCALATION' && h.sent_at < at);
    const days = new Set(summaries.map((h) => h.sent_at.slice(0, 10)));
    assert.ok(days.size >= 7, 'escalation summaries across a week');
    const followUps = await db.selectFrom('follow_ups').select('status').execute();
    for (const status of ['due', 'done', 'missed'])
      assert.ok(
        followUps.some((f) => f.status === status),
        `a follow-up ${status}`,
      );
    const withheld = await db
      .selectFrom('handover_fields')
      .select('category')
      .where('disclosed', '=', 0)
      .execute();
    assert.ok(
      withheld.some((f) => f.category === 'MEDICATION'),
      'housing’s copies withhold medication',
    );
  });

  it('holds "information missing" open and resolved, and tasks open and closed', async () => {
    const db = governedDb(database());
    const gaps = await db
      .selectFrom('handover_escalations')
      .selectAll()
      .where('reason', '=', 'INFORMATION_MISSING')
      .execute();
    assert.ok(
      gaps.some((g) => g.resolved_at === null && g.to_staff_id === staffId('mgr.helen')),
      'open',
    );
    assert.ok(
      gaps.some((g) => g.resolved_at !== null && g.resolution),
      'resolved, with how',
    );
    const tasks = await db.selectFrom('handover_actions').selectAll().execute();
    assert.ok(
      tasks.some((t) => t.status === 'open' && t.due_at !== null),
      'an open task with a due time',
    );
    assert.ok(
      tasks.some((t) => t.status === 'done' && t.closing_note),
      'a closed task with what was done',
    );
  });

  it('escalates the overdue demo handover once, and never the one already escalated again', async () => {
    const first = await escalateOverdueHandovers(database(), now);
    assert.ok(first.escalated >= 1);
    assert.equal((await escalateOverdueHandovers(database(), now)).escalated, 0);
    const tiers = await governedDb(database())
      .selectFrom('handover_escalations')
      .select(['handover_id', 'tier', 'reason'])
      .where('to_staff_id', '=', staffId('mgr.ian'))
      .execute();
    const keys = tiers.map((t) => `${t.handover_id}:${t.reason}:${t.tier}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('holds a manager’s sample of last week’s escalation summaries, partly reviewed, with a repeat and a supervision note', async () => {
    const db = governedDb(database());
    const samples = await db.selectFrom('handover_samples').selectAll().execute();
    assert.equal(samples.length, 1);
    const [sample] = samples;
    assert.ok(sample);
    assert.equal(sample.manager_staff_id, staffId('mgr.helen'));
    assert.ok(sample.population >= 7 && sample.size === 5, `${sample.population} / ${sample.size}`);
    assert.equal(sample.reviewed, 1);
    const items = await db.selectFrom('handover_sample_items').selectAll().execute();
    assert.equal(items.filter((i) => i.reviewed_at !== null).length, 1, 'partly reviewed');
    const notes = await db.selectFrom('supervision_notes').selectAll().execute();
    assert.equal(notes.length, 1);
    assert.equal(notes[0]?.staff_id, staffId('cc.amara'));
    const summaries = await db
      .selectFrom('handovers')
      .select('person_id')
      .where('template_key', '=', 'CRISIS_ESCALATION')
      .where('sender_staff_id', '=', staffId('cc.amara'))
      .execute();
    const perPerson = new Map<string, number>();
    for (const h of summaries) perPerson.set(h.person_id, (perPerson.get(h.person_id) ?? 0) + 1);
    assert.ok(
      [...perPerson.values()].some((n) => n > 1),
      'a repeat escalation',
    );
    // The job finds the week already drawn for the demo's team.
    await drawWeeklySamples(database(), now);
    const again = await db.selectFrom('handover_samples').select('team_id').execute();
    assert.equal(again.filter((s) => s.team_id === sample.team_id).length, 1);
  });
});
