import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { governedDb, personReadForTest } from '../../../../test/harness/governed.ts';
import { call } from '../../../../test/harness/http.ts';
import type { ConsentPreview, ConsentView } from '../../../contracts/consent.ts';
import { type ConsentWorld, captureBody, consentWorld } from './consent.test-setup.ts';
import { loadConsentFacts, loadConsentHeader } from './consent-facts.ts';

describeEachEngine('consent API', (database) => {
  let w: ConsentWorld;
  before(async () => {
    w = await consentWorld(database());
  });
  const url = (personId: string, rest = '') => `/api/v1/people/${personId}/consent${rest}`;
  const versions = async (personId: string) =>
    (
      await governedDb(database())
        .selectFrom('consents')
        .select('id')
        .where('person_id', '=', personId)
        .execute()
    ).length;

  it('captures consent as provisions the decision function reads on the next request', async () => {
    const alex = await w.person();
    const res = await call(
      w.app,
      w.as.coordinator,
      'POST',
      url(alex.id),
      captureBody([
        { kind: 'ROUTINE_COORDINATION' },
        {
          kind: 'NAMED_PARTNER',
          organisationId: w.orgs.housing,
          categories: ['CRISIS_PLAN', 'RISK_SUMMARY'],
        },
        { kind: 'RESTRICTION', organisationId: w.orgs.housing, categories: ['MEDICATION', 'DIAGNOSIS'] },
      ]),
    );
    assert.equal(res.statusCode, 201, res.body);
    const view = res.json<ConsentView>();
    assert.equal(view.status, 'given');
    assert.equal(view.current?.capturedBy.id, w.staff.coordinator);
    const facts = await loadConsentFacts(
      await personReadForTest(database(), alex.id),
      new Date().toISOString(),
    );
    assert.equal(facts.consent?.status, 'given');
    assert.equal(facts.consent?.reviewDue, false);
    assert.deepEqual(
      facts.consent?.provisions.map((p) => p.kind),
      ['ROUTINE_COORDINATION', 'NAMED_PARTNER', 'RESTRICTION'],
    );
    const housing = view.summary.partners.find((p) => p.organisationId === w.orgs.housing);
    assert.deepEqual(housing?.never, ['MEDICATION', 'DIAGNOSIS']);
    assert.ok(housing?.sees.includes('CRISIS_PLAN') && !housing.sees.includes('MEDICATION'));
    assert.ok(housing?.sentence.endsWith('Never: medication, diagnosis.'), housing?.sentence);
    assert.ok(view.summary.sentences.includes(housing?.sentence ?? ''));
    const header = await loadConsentHeader(
      await personReadForTest(database(), alex.id),
      new Date().toISOString(),
    );
    assert.equal(header.status, 'given');
    assert.equal(header.reviewDue, false);
    assert.ok(header.sentences.includes(housing?.sentence ?? ''), 'the person header carries the conditions');
    const audit = await database()
      .db.selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'consent.capture')
      .where('person_id', '=', alex.id)
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.consent_id, view.current?.id);
  });

  it('lets a restriction beat a named-partner permission, in the summary and in decide', async () => {
    const alex = await w.person();
    const provisions = [
      { kind: 'NAMED_PARTNER', organisationId: w.orgs.housing, categories: ['CRISIS_PLAN', 'RISK_SUMMARY'] },
      { kind: 'RESTRICTION', organisationId: w.orgs.housing, categories: ['RISK_SUMMARY'] },
    ];
    const preview = await call(w.app, w.as.coordinator, 'POST', url(alex.id, '/preview'), { provisions });
    assert.equal(preview.statusCode, 200, preview.body);
    const { summary, problems } = preview.json<ConsentPreview>();
    assert.deepEqual(problems, []);
    assert.equal(summary.contradictions.length, 1);
    assert.match(
      summary.contradictions[0]?.message ?? '',
      /restriction wins: Wendle Valley Homes will not see risk/,
    );
    const housing = summary.partners.find((p) => p.organisationId === w.orgs.housing);
    assert.equal(
      housing?.sentence,
      'Wendle Valley Homes will see: crisis plan. Never: risk summary and alerts.',
    );
    assert.equal(await versions(alex.id), 0, 'a preview writes nothing');

    assert.equal(
      (await call(w.app, w.as.coordinator, 'POST', url(alex.id), captureBody(provisions))).statusCode,
      201,
    );
    assert.equal((await w.decideFor(alex.id, 'housing', 'CRISIS_PLAN')).effect, 'permit');
    const risk = await w.decideFor(alex.id, 'housing', 'RISK_SUMMARY');
    assert.equal(risk.effect, 'deny');
    assert.ok(risk.reasons.some((r) => r.code === 'CONSENT_RESTRICTS_CATEGORY'));
  });

  it('applies a withdrawal to the very next decision and keeps the history', async () => {
    const alex = await w.person();
    await call(
      w.app,
      w.as.coordinator,
      'POST',
      url(alex.id),
      captureBody([{ kind: 'ROUTINE_COORDINATION' }]),
    );
    assert.equal((await w.decideFor(alex.id, 'council', 'RISK_SUMMARY')).effect, 'permit');
    const res = await call(w.app, w.as.coordinator, 'POST', url(alex.id, '/withdraw'), {
      capacity: 'HAS_CAPACITY',
      explanation: 'Explained that the care team will stop sharing with each other from now on.',
      reviewDate: captureBody([]).reviewDate,
    });
    assert.equal(res.statusCode, 201, res.body);
    const facts = await loadConsentFacts(
      await personReadForTest(database(), alex.id),
      new Date().toISOString(),
    );
    assert.equal(facts.consent?.status, 'withdrawn');
    const header = await loadConsentHeader(
      await personReadForTest(database(), alex.id),
      new Date().toISOString(),
    );
    assert.equal(header.status, 'withdrawn');
    assert.equal(header.headline, 'Consent to share has been withdrawn.');
    const after = await w.decideFor(alex.id, 'council', 'RISK_SUMMARY');
    assert.equal(after.effect, 'deny');
    assert.ok(after.reasons.some((r) => r.code === 'CONSENT_WITHDRAWN'));
    const view = res.json<ConsentView>();
    assert.deepEqual(
      view.history.map((v) => [v.version, v.status, v.supersededAt === null]),
      [
        [2, 'withdrawn', true],
        [1, 'given', false],
      ],
    );
    const again = await call(w.app, w.as.coordinator, 'POST', url(alex.id, '/withdraw'), {
      capacity: 'HAS_CAPACITY',
      explanation: 'Explained that the care team will stop sharing with each other from now on.',
      reviewDate: captureBody([]).reviewDate,
    });
    assert.equal(again.statusCode, 409);
  });

  it('refuses "given" for someone lacking capacity without a best-interests decision, naming the field', async () => {
    const alex = await w.person();
    const res = await call(
      w.app,
      w.as.coordinator,
      'POST',
      url(alex.id),
      captureBody([{ kind: 'ROUTINE_COORDINATION' }], {
        capacity: 'LACKS_CAPACITY',
        decisionMaker: 'Dr Shah',
      }),
    );
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
      ['body.bestInterestsDecision'],
    );
    assert.equal(await versions(alex.id), 0);
    const ok = await call(
      w.app,
      w.as.coordinator,
      'POST',
      url(alex.id),
      captureBody([{ kind: 'ROUTINE_COORDINATION' }], {
        capacity: 'LACKS_CAPACITY',
        decisionMaker: 'Dr Shah',
        bestInterestsDecision: 'Sharing the crisis plan with the care team keeps them safe at home.',
      }),
    );
    assert.equal(ok.statusCode, 201, ok.body);
  });

  it('refuses a named partner without an organisation, naming the provision', async () => {
    const alex = await w.person();
    const res = await call(
      w.app,
      w.as.coordinator,
      'POST',
      url(alex.id),
      captureBody([{ kind: 'NAMED_PARTNER' }]),
    );
    assert.equal(res.statusCode, 400);
    assert.ok(
      res
        .json<{ errors: { field: string }[] }>()
        .errors.some((e) => e.field === 'body.provisions.0.organisationId'),
    );
  });

  it('round-trips the consent through FHIR R4, keeping every provision', async () => {
    const alex = await w.person();
    const provisions = [
      { kind: 'ROUTINE_COORDINATION', organisationId: null, categories: [] },
      { kind: 'NAMED_PARTNER', organisationId: w.orgs.housing, categories: ['CRISIS_PLAN'] },
      { kind: 'RESTRICTION', organisationId: null, categories: ['DIAGNOSIS'] },
    ];
    await call(w.app, w.as.coordinator, 'POST', url(alex.id), captureBody(provisions));
    const exported = await call(w.app, w.as.coordinator, 'GET', url(alex.id, '/fhir'));
    assert.equal(exported.statusCode, 200, exported.body);
    assert.match(String(exported.headers['content-type']), /application\/fhir\+json/);
    const resource = exported.json<Record<string, unknown>>();
    assert.equal(resource.resourceType, 'Consent');
    const imported = await w.app.inject({
      method: 'POST',
      url: url(alex.id, '/fhir'),
      headers: {
        cookie: w.as.coordinator.cookie,
        'x-csrf-token': w.as.coordinator.csrf,
        'content-type': 'application/fhir+json',
      },
      payload: JSON.stringify(resource),
    });
    assert.equal(imported.statusCode, 201, imported.body);
    assert.equal(imported.json<{ meta: { versionId: string } }>().meta.versionId, '2');
    const view = (await call(w.app, w.as.coordinator, 'GET', url(alex.id))).json<ConsentView>();
    assert.equal(view.current?.version, 2);
    assert.deepEqual(
      view.current?.provisions.map((p) => ({
        kind: p.kind,
        organisationId: p.organisationId,
        categories: p.categories,
      })),
      provisions,
    );
  });

  it('refuses a FHIR consent about someone else', async () => {
    const alex = await w.person();
    const sam = await w.person();
    await call(w.app, w.as.coordinator, 'POST', url(sam.id), captureBody([{ kind: 'ROUTINE_COORDINATION' }]));
    const resource = (await call(w.app, w.as.coordinator, 'GET', url(sam.id, '/fhir'))).json<unknown>();
    const res = await call(w.app, w.as.coordinator, 'POST', url(alex.id, '/fhir'), resource);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res.json<{ issue: { expression?: string[] }[] }>().issue.map((i) => i.expression),
      [['patient.identifier.value']],
    );
    assert.equal(await versions(alex.id), 0);
  });

  it('answers 404 on every person route to a caller not involved in the person’s care', async () => {
    const alex = await w.person();
    await call(
      w.app,
      w.as.coordinator,
      'POST',
      url(alex.id),
      captureBody([{ kind: 'ROUTINE_COORDINATION' }]),
    );
    const fhir = (await call(w.app, w.as.coordinator, 'GET', url(alex.id, '/fhir'))).json<unknown>();
    const decision = {
      capacity: 'HAS_CAPACITY',
      explanation: 'Explained what this means for the person and their care.',
      reviewDate: captureBody([]).reviewDate,
    };
    const requests: [string, string, unknown][] = [
      ['GET', url(alex.id), undefined],
      ['POST', url(alex.id), captureBody([{ kind: 'ROUTINE_COORDINATION' }])],
      ['POST', url(alex.id, '/preview'), { provisions: [{ kind: 'ROUTINE_COORDINATION' }] }],
      ['POST', url(alex.id, '/withdraw'), decision],
      ['POST', url(alex.id, '/refuse'), decision],
      ['POST', url(alex.id, '/review-triggers'), { trigger: 'HOSPITAL_ADMISSION' }],
      ['GET', url(alex.id, '/fhir'), undefined],
      ['POST', url(alex.id, '/fhir'), fhir],
      [
        'POST',
        `/api/v1/people/${alex.id}/lawful-exceptions`,
        {
          ground: 'SAFEGUARDING',
          article6: 'A6_E_PUBLIC_TASK',
          article9: 'A9_G_SUBSTANTIAL_PUBLIC_INTEREST',
          commonLaw: 'CLDC_OVERRIDING_PUBLIC_INTEREST',
          rationale: 'Serious risk of harm from a known person; sharing is proportionate.',
        },
      ],
    ];
    for (const [method, path, body] of requests) {
      const res = await call(w.app, w.as.outsider, method as 'GET', path, body);
      assert.equal(res.statusCode, 404, `${method} ${path}: ${res.statusCode} ${res.body}`);
    }
    assert.equal(await versions(alex.id), 1, 'nothing was written');
  });

  it('shows the consent to others on the care team, without letting them change it', async () => {
    const alex = await w.person();
    await call(
      w.app,
      w.as.coordinator,
      'POST',
      url(alex.id),
      captureBody([{ kind: 'ROUTINE_COORDINATION' }]),
    );
    const seen = await call(w.app, w.as.frontline, 'GET', url(alex.id));
    assert.equal(seen.statusCode, 200);
    assert.equal(seen.json<ConsentView>().can.capture, false);
    const write = await call(
      w.app,
      w.as.frontline,
      'POST',
      url(alex.id),
      captureBody([{ kind: 'ROUTINE_COORDINATION' }]),
    );
    assert.equal(write.statusCode, 403);
  });

  it('gives a new summary on the next read once a name, the care team or the consent changes', async () => {
    const alex = await w.person();
    const sam = await w.person();
    const body = captureBody([
      { kind: 'NAMED_PARTNER', organisationId: w.orgs.housing, categories: ['CRISIS_PLAN'] },
    ]);
    assert.equal((await call(w.app, w.as.coordinator, 'POST', url(alex.id), body)).statusCode, 201);
    assert.equal((await call(w.app, w.as.coordinator, 'POST', url(sam.id), body)).statusCode, 201);
    const header = async (personId: string) => {
      const res = await call(w.app, w.as.coordinator, 'GET', `/api/v1/people/${personId}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ consent: { sentences: string[] } }>().consent.sentences.join(' ');
    };
    // Two people with the same consent and care-team organisations read the same summary.
    const first = await header(alex.id);
    assert.match(first, /Wendle Valley Homes will see: crisis plan\./);
    assert.equal(await header(sam.id), first);
    // A renamed organisation moves the partnership version: the next read names it afresh.
    const renamed = `Wendle Homes ${crypto.randomUUID().slice(0, 6)}`;
    await database()
      .db.updateTable('organisations')
      .set({ name: renamed })
      .where('id', '=', w.orgs.housing)
      .execute();
    assert.match(await header(alex.id), new RegExp(`${renamed} will see: crisis plan\\.`));
    // The council leaves Sam's care team: Sam's summary no longer names it, Alex's still does.
    await governedDb(database())
      .deleteFrom('care_team_memberships')
      .where('person_id', '=', sam.id)
      .where('organisation_id', '=', w.orgs.council)
      .execute();
    assert.doesNotMatch(await header(sam.id), /Northshire Council/);
    assert.match(await header(alex.id), /Northshire Council/);
    // A new consent for Alex gives a new summary at once.
    const more = captureBody([
      { kind: 'NAMED_PARTNER', organisationId: w.orgs.housing, categories: ['CRISIS_PLAN', 'RISK_SUMMARY'] },
    ]);
    assert.equal((await call(w.app, w.as.coordinator, 'POST', url(alex.id), more)).statusCode, 201);
    assert.match(await header(alex.id), /will see: risk summary and alerts, crisis plan\./);
  });
});
