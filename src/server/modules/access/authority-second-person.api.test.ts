/** Role grants wait for a second person; break-glass is limited per worker. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makePerson } from '../../../../test/harness/factories.ts';
import { call } from '../../../../test/harness/http.ts';
import type { RoleGrant } from '../../../contracts/authority.ts';
import type { Staff } from '../../../contracts/directory.ts';
import { authorityApi } from './authority.api-fixture.ts';

describeEachEngine('authority: second person and break-glass limit', (database) => {
  const api = authorityApi(database);

  it('a role that opens person data waits for the second person, who is not the one asking', async () => {
    const since = new Date().toISOString();
    const patched = await call(
      api.app,
      api.as['admin.trust'] ?? null,
      'PATCH',
      `/api/v1/staff/${api.id['worker.trust']}`,
      {
        roles: ['frontline', 'clinical'],
      },
    );
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual(patched.json<Staff>().roles, ['frontline'], 'clinical is not granted yet');
    const pending = (await call(api.app, api.as['mgr.trust'] ?? null, 'GET', '/api/v1/role-grants')).json<{
      items: RoleGrant[];
    }>();
    const grant = pending.items.find((g) => g.staffId === api.id['worker.trust'] && g.role === 'clinical');
    assert.ok(grant);
    assert.equal(grant.can.approve, false, 'a service manager approves frontline roles only');
    const byManager = await call(
      api.app,
      api.as['mgr.trust'] ?? null,
      'POST',
      `/api/v1/role-grants/${grant.id}/approve`,
    );
    await api.refused(byManager, 403, ['APPROVER_ROLE_REQUIRED'], 'staff.role.approve', since);
    const byCouncil = await call(
      api.app,
      api.as['ig.council'] ?? null,
      'POST',
      `/api/v1/role-grants/${grant.id}/approve`,
    );
    await api.refused(byCouncil, 403, ['CHANGE_OTHER_ORGANISATION'], 'staff.role.approve', since);
    const approved = await call(
      api.app,
      api.as['ig.trust'] ?? null,
      'POST',
      `/api/v1/role-grants/${grant.id}/approve`,
    );
    assert.equal(approved.statusCode, 200, approved.body);
    const again = await call(
      api.app,
      api.as['ig.trust'] ?? null,
      'POST',
      `/api/v1/role-grants/${grant.id}/approve`,
    );
    await api.refused(again, 409, ['ROLE_GRANT_NOT_PENDING'], 'staff.role.approve', since);
    const worker = (
      await call(api.app, api.as['mgr.trust'] ?? null, 'GET', `/api/v1/staff/${api.id['worker.trust']}`)
    ).json<Staff>();
    assert.deepEqual(worker.roles, ['clinical', 'frontline']);
    // The monthly access review shows the change to the worker's manager, flagged.
    const period = new Date().toISOString().slice(0, 7);
    const opened = await call(
      api.app,
      api.as['ig.trust'] ?? null,
      'POST',
      '/api/v1/assurance/access-reviews/open',
      {
        period,
      },
    );
    assert.equal(opened.statusCode, 200, opened.body);
    const reviews = (
      await call(api.app, api.as['mgr.trust'] ?? null, 'GET', '/api/v1/assurance/access-reviews')
    ).json<{
      items: { id: string }[];
    }>();
    const review = (
      await call(
        api.app,
        api.as['mgr.trust'] ?? null,
        'GET',
        `/api/v1/assurance/access-reviews/${reviews.items[0]?.id}`,
      )
    ).json<{ items: { staffId: string; kind: string; subject: string; flag: string | null }[] }>();
    const roleItems = review.items.filter((i) => i.staffId === api.id['worker.trust'] && i.kind === 'ROLE');
    assert.deepEqual(roleItems.map((i) => [i.subject, i.flag]).sort(), [
      ['clinical', 'ROLE_RECENTLY_GRANTED'],
      ['frontline', null],
    ]);
    const logged = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'actor_staff_id'])
      .where('target_id', '=', api.id['worker.trust'] ?? '')
      .where('action', 'in', ['staff.role.request', 'staff.role.grant'])
      .where('outcome', '=', 'success')
      .execute();
    assert.deepEqual(logged.map((l) => [l.action, l.actor_staff_id]).sort(), [
      ['staff.role.grant', api.id['ig.trust']],
      ['staff.role.request', api.id['admin.trust']],
    ]);
  });

  it('break-glass is limited per worker per day', async () => {
    const since = new Date().toISOString();
    const others = [];
    for (let n = 0; n < 4; n += 1) others.push(await makePerson(database()));
    const results: number[] = [];
    for (const p of others.slice(0, 3))
      results.push(
        (
          await call(api.app, api.as['duty.leon'] ?? null, 'POST', '/api/v1/break-glass', {
            nhsNumber: p.nhsNumber,
            reason: 'Person in crisis at the sanctuary',
          })
        ).statusCode,
      );
    // The default limit is three a day.
    assert.deepEqual(results, [201, 201, 201]);
    const last = await call(api.app, api.as['duty.leon'] ?? null, 'POST', '/api/v1/break-glass', {
      nhsNumber: others[3]?.nhsNumber,
      reason: 'Person in crisis at the sanctuary',
    });
    await api.refused(last, 403, ['BREAK_GLASS_RATE_LIMITED'], 'break_glass.grant', since);
  });
});
