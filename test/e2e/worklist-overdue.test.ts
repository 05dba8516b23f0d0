/**
 * The worklist's header count and its items agree on "overdue" at the boundary: an item due at
 * exactly now is due, not overdue, in both; a millisecond later it is overdue in both.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Worklist } from '../../src/contracts/work.ts';
import { isOverdue } from '../../src/server/modules/work/work-overdue.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { addMembership, makeOrganisation, makePerson, makeStaff } from '../harness/factories.ts';
import { governedDb } from '../harness/governed.ts';
import { handoverRow } from '../harness/handover-rows.ts';
import { call, signIn, testApp } from '../harness/http.ts';

const DUE = '2026-11-02T11:00:00.000Z';

it('an item is overdue only once its due time has passed, or by its nature', () => {
  const due = new Date(DUE);
  assert.equal(isOverdue('HANDOVER_ACKNOWLEDGE', DUE, due), false);
  assert.equal(isOverdue('HANDOVER_ACKNOWLEDGE', DUE, new Date(due.getTime() + 1)), true);
  assert.equal(isOverdue('HANDOVER_ACKNOWLEDGE', DUE, new Date(due.getTime() - 1)), false);
  assert.equal(isOverdue('HANDOVER_ESCALATION', DUE, new Date(due.getTime() - 1)), true);
});

describeEachEngine('worklist overdue boundary', (database) => {
  let now = new Date(DUE);
  let app: FastifyInstance;
  let lead: { id: string; username: string };

  before(async () => {
    const db = database();
    const trust = await makeOrganisation(db);
    const housing = await makeOrganisation(db, { type: 'HOUSING_PROVIDER' });
    const sender = await makeStaff(db, { organisationId: trust, roles: ['care_manager'] });
    lead = await makeStaff(db, { organisationId: housing, roles: ['care_manager'] });
    const person = await makePerson(db);
    await addMembership(db, { personId: person.id, organisationId: housing, staffId: lead.id });
    await governedDb(db)
      .insertInto('handovers')
      .values(
        handoverRow({
          person_id: person.id,
          sender_staff_id: sender.id,
          sender_org_id: trust,
          recipient_org_id: housing,
          lead_staff_id: lead.id,
          due_at: DUE,
        }),
      )
      .execute();
    app = await testApp(db, () => now);
  });
  after(() => app.close());

  const worklist = async (at: Date): Promise<Worklist> => {
    now = at;
    const session = await signIn(app, lead.username);
    const res = await call(app, session, 'GET', '/api/v1/worklist');
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Worklist>();
  };

  const overdueBesidesHandover = (list: Worklist): number =>
    list.items.filter((i) => i.overdue && i.kind !== 'HANDOVER_ACKNOWLEDGE').length;

  it('at the due instant the item and the count both say due, not overdue', async () => {
    const list = await worklist(new Date(DUE));
    const item = list.items.find((i) => i.kind === 'HANDOVER_ACKNOWLEDGE');
    assert.ok(item);
    assert.equal(item.overdue, false);
    assert.equal(list.counts.overdue, list.items.filter((i) => i.overdue).length);
    // Other work of the lead's (a guide not yet acknowledged, say) may be overdue on its own account.
    assert.equal(list.counts.overdue, overdueBesidesHandover(list));
  });

  it('a millisecond later both say overdue', async () => {
    const list = await worklist(new Date(Date.parse(DUE) + 1));
    const item = list.items.find((i) => i.kind === 'HANDOVER_ACKNOWLEDGE');
    assert.equal(item?.overdue, true);
    assert.equal(list.counts.overdue, list.items.filter((i) => i.overdue).length);
    assert.equal(list.counts.overdue, overdueBesidesHandover(list) + 1);
  });
});
