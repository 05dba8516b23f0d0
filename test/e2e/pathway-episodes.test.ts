import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { EpisodeDto, HandoverDto } from '../../src/contracts/exchange.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { addMembership, makeOrganisation, makePerson, makeStaff } from '../harness/factories.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

describeEachEngine('pathway episodes from accepted referrals', (database) => {
  let app: FastifyInstance;
  let referrer: Session;
  let lead: Session;
  let personId: string;
  let organisationId: string;
  let leadId: string;

  before(async () => {
    const db = database();
    app = await testApp(db);
    organisationId = await makeOrganisation(db);
    const sender = await makeStaff(db, { organisationId, roles: ['care_manager'] });
    const receiver = await makeStaff(db, { organisationId, roles: ['care_manager'] });
    leadId = receiver.id;
    personId = (await makePerson(db)).id;
    await addMembership(db, { personId, organisationId, staffId: sender.id, role: 'CARE_COORDINATOR' });
    await addMembership(db, { personId, organisationId, staffId: receiver.id });
    referrer = await signIn(app, sender.username);
    lead = await signIn(app, receiver.username);
  });

  const refer = async (): Promise<HandoverDto> => {
    const res = await call(app, referrer, 'POST', '/api/v1/handovers', {
      personId,
      template: 'REFERRAL',
      recipient: { organisationId, staffId: leadId },
      purpose: 'DIRECT_CARE',
      route: 'ACCORD',
      fields: {
        priority: 'Urgent',
        reason: 'Low mood and withdrawal.',
        risks: 'Risk to self: passive thoughts.',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<HandoverDto>();
  };
  const episodes = async () => {
    const res = await call(app, lead, 'GET', `/api/v1/people/${personId}/episodes`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ items: EpisodeDto[] }>().items;
  };

  it('an acknowledged but not accepted referral opens nothing; an accepted one opens an episode', async () => {
    const declined = await refer();
    assert.equal(
      (await call(app, lead, 'POST', `/api/v1/handovers/${declined.id}/acknowledge`, { accept: false }))
        .statusCode,
      200,
    );
    assert.equal((await episodes()).length, 0);
    const accepted = await refer();
    const res = await call(app, lead, 'POST', `/api/v1/handovers/${accepted.id}/acknowledge`, {
      accept: true,
    });
    assert.equal(res.statusCode, 200, res.body);
    const [episode] = await episodes();
    assert.equal(episode?.stage, 'REFERRAL');
    assert.equal(episode?.referralHandoverId, accepted.id);
  });

  it('moves through the stages; a discharge closes it and nothing moves it after', async () => {
    const [episode] = await episodes();
    assert.ok(episode);
    let version = episode.version;
    for (const stage of ['ASSESSMENT', 'ACTIVE', 'STEP_DOWN', 'ACTIVE', 'DISCHARGED']) {
      const res = await call(app, lead, 'POST', `/api/v1/episodes/${episode.id}/stage`, { stage, version });
      assert.equal(res.statusCode, 200, res.body);
      version = res.json<EpisodeDto>().version;
    }
    const [closed] = await episodes();
    assert.equal(closed?.stage, 'DISCHARGED');
    assert.ok(closed?.closedAt);
    assert.deepEqual(
      closed?.moves.map((m) => m.to),
      ['REFERRAL', 'ASSESSMENT', 'ACTIVE', 'STEP_DOWN', 'ACTIVE', 'DISCHARGED'],
    );
    const after = await call(app, lead, 'POST', `/api/v1/episodes/${episode.id}/stage`, {
      stage: 'REVIEW',
      version,
    });
    assert.equal(after.statusCode, 409, after.body);
  });

  it('refuses a stale version, the same stage, and accept on anything but a referral', async () => {
    const accepted = await refer();
    await call(app, lead, 'POST', `/api/v1/handovers/${accepted.id}/acknowledge`, { accept: true });
    const open = (await episodes()).find((e) => e.closedAt === null);
    assert.ok(open);
    const stale = await call(app, lead, 'POST', `/api/v1/episodes/${open.id}/stage`, {
      stage: 'ASSESSMENT',
      version: 9,
    });
    assert.equal(stale.statusCode, 409);
    const same = await call(app, lead, 'POST', `/api/v1/episodes/${open.id}/stage`, {
      stage: 'REFERRAL',
      version: open.version,
    });
    assert.equal(same.statusCode, 400);
    assert.equal(same.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.stage');
    const handoff = await call(app, referrer, 'POST', '/api/v1/handovers', {
      personId,
      template: 'WARM_HANDOFF',
      recipient: { organisationId, staffId: leadId },
      purpose: 'DIRECT_CARE',
      route: 'ACCORD',
      fields: { reason: 'Moving on.', current_risks: 'Low.', support: 'Mornings.', key_contacts: 'Sister.' },
    });
    assert.equal(handoff.statusCode, 201, handoff.body);
    const bad = await call(
      app,
      lead,
      'POST',
      `/api/v1/handovers/${handoff.json<HandoverDto>().id}/acknowledge`,
      { accept: true },
    );
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.accept');
  });
});
