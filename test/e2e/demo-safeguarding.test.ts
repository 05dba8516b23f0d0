import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { PersonDetail } from '../../src/contracts/people.ts';
import type { HuddleList, SafeguardingView } from '../../src/contracts/safeguarding.ts';
import type { Worklist } from '../../src/contracts/work.ts';
import { staffId } from '../../src/server/demo/demo-ids.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { call, signIn, testApp } from '../harness/http.ts';

describeEachEngine('the demo partnership’s safeguarding', (database) => {
  let app: FastifyInstance;
  before(async () => {
    await loadDemo(database(), { password: 'demo', people: 120 });
    app = await testApp(database());
  });

  it('shows the council lead a huddle of open concerns, the overdue action first, with last week’s huddle', async () => {
    const mark = await signIn(app, 'sg.mark', 'demo');
    const huddle = (await call(app, mark, 'GET', '/api/v1/safeguarding/huddle')).json<HuddleList>();
    assert.ok(huddle.items.length >= 3, 'three open council concerns');
    assert.ok((huddle.items[0]?.overdueActions ?? 0) >= 1, 'the concern with an overdue action leads');
    assert.ok(huddle.items.some((i) => i.lastHuddleOn !== null && i.nextHuddleOn !== null));
    const first = huddle.items[0];
    assert.ok(first);
    const view = (
      await call(app, mark, 'GET', `/api/v1/people/${first.personId}/safeguarding`)
    ).json<SafeguardingView>();
    assert.equal(view.conferences.length, 1, 'a past case conference');
    const actions = view.concerns[0]?.protectiveActions ?? [];
    assert.ok(actions.some((a) => a.status === 'done'));
    assert.ok(actions.some((a) => a.overdue));
  });

  it('tells the tenancy officer who owns the overdue action that a concern exists, and no more', async () => {
    const kerry = await signIn(app, 'ho.kerry', 'demo');
    const work = (await call(app, kerry, 'GET', '/api/v1/worklist')).json<Worklist>();
    const item = work.items.find((i) => i.kind === 'SAFEGUARDING_ACTION');
    assert.ok(item?.overdue, 'the overdue action is in her worklist');
    const page = (await call(app, kerry, 'GET', `/api/v1/people/${item.personId}`)).json<PersonDetail>();
    assert.equal(page.safeguarding?.contacts[0]?.staffId, staffId('sg.mark'));
    const view = (
      await call(app, kerry, 'GET', `/api/v1/people/${item.personId}/safeguarding`)
    ).json<SafeguardingView>();
    assert.equal(view.withheld, true);
    assert.deepEqual(view.concerns, []);
    assert.ok(view.myActions.some((a) => a.can.complete));
  });
});
