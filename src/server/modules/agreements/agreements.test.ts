import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makeOrganisation } from '../../../../test/harness/factories.ts';
import { call } from '../../../../test/harness/http.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import type { Problem } from '../../../contracts/errors.ts';
import { agreementsApi } from './agreements.api-fixture.ts';
import { completeAgreementInput } from './agreements.factories.ts';
import { loadAgreementFacts } from './agreements.service.ts';

describeEachEngine('agreements API', (database) => {
  const api = agreementsApi(database);
  const { create, activate, setStatus, count, fieldsOf } = api;

  it('takes a draft through refused activation, completion and activation into the facts', async () => {
    const draft = await create({
      title: 'Integrated care',
      parties: [{ organisationId: api.trust, role: 'CONTROLLER' }],
      grants: [
        {
          fromOrganisationId: api.trust,
          toOrganisationId: api.housing,
          purpose: 'DIRECT_CARE',
          categories: [],
        },
      ],
    });
    assert.equal(draft.status, 'draft');
    assert.equal(draft.version, 1);
    assert.match(draft.reference, /^DSA-2030-\d{3}$/);

    const refused = await setStatus(draft.id, 'active');
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json<Problem>().code, 'VALIDATION_FAILED');
    const expected = [
      'startDate',
      'reviewDate',
      'parties',
      'grants.0.toOrganisationId',
      'grants.0.categories',
      'dataSubjects',
      'article6Basis',
      'article9Condition',
      'commonLawBasis',
      'retention.period',
      'retention.trigger',
      'retention.method',
      'securityControls',
      'incidentEscalation.route',
      'incidentEscalation.contacts',
      'incidentEscalation.timescaleHours',
      'signatories',
      'nationalDataOptOutApplies',
      'nationalDataOptOutRationale',
    ];
    assert.deepEqual(fieldsOf(refused), [
      ...expected.map((f) => `body.${f}`),
      `body.signOffs.${api.trust}.LEGAL`,
      `body.signOffs.${api.trust}.OPERATIONAL`,
      'body.legalBasis',
    ]);
    assert.deepEqual(draft.missingForActivation, expected);
    const unchanged = await call(api.app, api.ig, 'GET', `/api/v1/agreements/${draft.id}`);
    assert.equal(unchanged.json<Agreement>().versions.length, 1, 'a refused activation writes nothing');

    const completed = await call(api.app, api.ig, 'PUT', `/api/v1/agreements/${draft.id}`, {
      ...completeAgreementInput({ from: api.trust, to: api.housing }),
      changeNote: 'Completed after DPO review',
      expectedVersion: 1,
    });
    assert.equal(completed.statusCode, 200, completed.body);
    assert.deepEqual(completed.json<Agreement>().missingForActivation, []);
    assert.equal(completed.json<Agreement>().status, 'draft');

    // Complete terms are not enough: every party's sign-offs and its sharing staff's awareness too.
    const unsigned = await setStatus(draft.id, 'active');
    assert.equal(unsigned.statusCode, 400);
    assert.deepEqual(fieldsOf(unsigned), [
      `body.signOffs.${api.trust}.LEGAL`,
      `body.signOffs.${api.trust}.OPERATIONAL`,
      `body.signOffs.${api.housing}.LEGAL`,
      `body.signOffs.${api.housing}.OPERATIONAL`,
      'body.legalBasis',
      `body.staffAwareness.${api.housing}`,
    ]);

    const active = await activate(draft.id);
    assert.equal(active.statusCode, 200, active.body);
    const body = active.json<Agreement>();
    assert.deepEqual([body.status, body.version, body.inForce], ['active', 3, true]);
    assert.deepEqual(
      body.versions.map((v) => [v.version, v.status]),
      [
        [3, 'active'],
        [2, 'draft'],
        [1, 'draft'],
      ],
    );

    const fact = (await loadAgreementFacts(database().db, '2030-06-15')).find((f) => f.id === draft.id);
    assert.deepEqual(fact, {
      id: draft.id,
      version: 3,
      status: 'active',
      startDate: '2030-01-01',
      endDate: null,
      complete: true,
      grants: [
        {
          fromOrganisationId: api.trust,
          toOrganisationId: api.housing,
          purpose: 'DIRECT_CARE',
          categories: ['RISK_SUMMARY', 'CRISIS_PLAN'],
        },
      ],
    });
    const audit = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'details'])
      .where('target_id', '=', draft.id)
      .orderBy('recorded_at')
      .execute();
    // Each refused activation is audited as a failure; each sign-off and acknowledgement as a change.
    assert.deepEqual(
      audit.map((a) => a.action),
      [
        'agreement.create',
        'agreement.status',
        'agreement.update',
        'agreement.status',
        ...Array(4).fill('agreement.sign_off'),
        'agreement.acknowledge',
        'agreement.status',
      ],
    );
    assert.deepEqual(JSON.parse(audit.at(-1)?.details ?? '{}'), {
      version: 3,
      status: 'active',
      from: 'draft',
    });
  });

  it('adds a version for every change and never deletes or rewrites one', async () => {
    const a = await create(completeAgreementInput({ from: api.trust, to: api.council }));
    const before = await database()
      .db.selectFrom('agreement_versions')
      .selectAll()
      .where('agreement_id', '=', a.id)
      .execute();
    const [agreementsBefore, versionsBefore] = [await count('agreements'), await count('agreement_versions')];
    assert.equal((await activate(a.id)).statusCode, 200);
    for (const status of ['suspended', 'active', 'terminated'])
      assert.equal((await setStatus(a.id, status)).statusCode, 200);
    assert.equal(await count('agreements'), agreementsBefore);
    assert.equal(await count('agreement_versions'), versionsBefore + 4);
    const after = await database()
      .db.selectFrom('agreement_versions')
      .selectAll()
      .where('agreement_id', '=', a.id)
      .orderBy('version')
      .execute();
    assert.deepEqual(
      after.map((v) => [Number(v.version), v.status]),
      [
        [1, 'draft'],
        [2, 'active'],
        [3, 'suspended'],
        [4, 'active'],
        [5, 'terminated'],
      ],
    );
    assert.deepEqual(after.slice(0, 1), before, 'the first version is unchanged');
    const stored = await database()
      .db.selectFrom('agreements')
      .selectAll()
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([Number(stored.current_version), stored.status], [5, 'terminated']);
  });

  it('refuses lifecycle moves the agreement cannot make with 409, writing nothing', async () => {
    const a = await create(completeAgreementInput({ from: api.trust, to: api.housing }));
    const versions = await count('agreement_versions');
    for (const status of ['suspended', 'terminated', 'expired', 'draft'])
      assert.equal((await setStatus(a.id, status)).statusCode, 409, `draft -> ${status}`);
    assert.equal((await activate(a.id)).statusCode, 200);
    assert.equal((await setStatus(a.id, 'terminated')).statusCode, 200);
    for (const status of ['active', 'suspended', 'expired'])
      assert.equal((await setStatus(a.id, status)).statusCode, 409, `terminated -> ${status}`);
    const edit = await call(api.app, api.ig, 'PUT', `/api/v1/agreements/${a.id}`, {
      ...completeAgreementInput({ from: api.trust, to: api.housing }),
      changeNote: 'Too late',
    });
    assert.equal(edit.statusCode, 409);
    assert.equal(await count('agreement_versions'), versions + 2);
  });

  it('keeps an amended active agreement active only while its terms stay complete', async () => {
    const a = await create(completeAgreementInput({ from: api.trust, to: api.housing }));
    assert.equal((await activate(a.id)).statusCode, 200);
    const versions = await count('agreement_versions');
    const gutted = await call(api.app, api.ig, 'PUT', `/api/v1/agreements/${a.id}`, {
      ...completeAgreementInput({ from: api.trust, to: api.housing }),
      article6Basis: null,
      incidentEscalation: null,
      changeNote: 'Dropped the escalation route',
    });
    assert.equal(gutted.statusCode, 400);
    assert.deepEqual(fieldsOf(gutted), [
      'body.article6Basis',
      'body.incidentEscalation.route',
      'body.incidentEscalation.contacts',
      'body.incidentEscalation.timescaleHours',
    ]);
    assert.equal(await count('agreement_versions'), versions);
    const amended = await call(api.app, api.ig, 'PUT', `/api/v1/agreements/${a.id}`, {
      ...completeAgreementInput({ from: api.trust, to: api.housing }),
      reviewDate: '2031-06-01',
      changeNote: 'Review date moved',
    });
    assert.equal(amended.statusCode, 200, amended.body);
    assert.deepEqual(
      [amended.json<Agreement>().status, amended.json<Agreement>().reviewDate],
      ['active', '2031-06-01'],
    );
    const stale = await call(api.app, api.ig, 'PUT', `/api/v1/agreements/${a.id}`, {
      ...completeAgreementInput({ from: api.trust, to: api.housing }),
      changeNote: 'Based on an old copy',
      expectedVersion: 2,
    });
    assert.equal(stale.statusCode, 409);
    assert.deepEqual(fieldsOf(stale), ['body.expectedVersion']);
  });

  it('lists by reference, filtered by status and party, paginated', async () => {
    const gp = await makeOrganisation(database(), { name: 'Surgery', type: 'GP_PRACTICE' });
    // Both name the trust: only IG leads of an agreement's parties create and change it.
    const a = await create(completeAgreementInput({ from: gp, to: api.trust }));
    await create(completeAgreementInput({ from: api.trust, to: gp }));
    assert.equal((await activate(a.id)).statusCode, 200);
    const byParty = await call(api.app, api.practitioner, 'GET', `/api/v1/agreements?organisationId=${gp}`);
    const list = byParty.json<{ items: { id: string; reference: string }[]; total: number }>();
    assert.equal(list.total, 2);
    const references = list.items.map((i) => i.reference);
    assert.deepEqual(references, [...references].sort());
    const activeGp = await call(
      api.app,
      api.practitioner,
      'GET',
      `/api/v1/agreements?organisationId=${gp}&status=active&pageSize=1`,
    );
    assert.deepEqual(
      activeGp.json<{ items: { id: string }[]; total: number }>().items.map((i) => i.id),
      [a.id],
    );
    const second = await call(
      api.app,
      api.practitioner,
      'GET',
      `/api/v1/agreements?organisationId=${gp}&page=2&pageSize=1`,
    );
    const page2 = second.json<{ items: unknown[]; total: number; page: number }>();
    assert.deepEqual([page2.items.length, page2.total, page2.page], [1, 2, 2]);
  });
});
