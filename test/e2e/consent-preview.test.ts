/**
 * The consent preview says what each organisation's staff will actually see: consent, agreements
 * and role tiers together. Checked against an independent reading of the agreements and the tier
 * policy through the API, with the demo partnership.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { ConsentPreview } from '../../src/contracts/consent.ts';
import type { DataCategory } from '../../src/contracts/enums.ts';
import { organisationId } from '../../src/server/demo/demo-ids.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

const housing = organisationId('housing');

describeEachEngine('consent preview tells what staff will see', (database) => {
  let app: FastifyInstance;
  let coordinator: Session;
  let igLead: Session;

  before(async () => {
    await loadDemo(database(), { password: 'demo', people: 60 });
    app = await testApp(database());
    coordinator = await signIn(app, 'cc.amara', 'demo');
    igLead = await signIn(app, 'ig.priya', 'demo');
  });

  it('lists for a housing provider exactly what its frontline staff would see under the agreements in force', async () => {
    const caseload = (await call(app, coordinator, 'GET', '/api/v1/people?pageSize=50')).json<{
      items: { id: string }[];
    }>().items;
    let preview: ConsentPreview | undefined;
    for (const { id } of caseload) {
      const res = await call(app, coordinator, 'POST', `/api/v1/people/${id}/consent/preview`, {
        provisions: [{ kind: 'ROUTINE_COORDINATION', organisationId: null, categories: [] }],
      });
      assert.equal(res.statusCode, 200, res.body);
      const candidate = res.json<ConsentPreview>();
      if (candidate.summary.partners.some((p) => p.organisationId === housing && p.onCareTeam)) {
        preview = candidate;
        break;
      }
    }
    assert.ok(preview, 'someone on the coordinator’s caseload is supported by housing');
    const partner = preview.summary.partners.find((p) => p.organisationId === housing);
    const frontline = partner?.byRole?.find((r) => r.role === 'frontline');
    assert.ok(frontline, 'the preview says what housing’s frontline staff see');

    // Independently: the frontline tier, and what agreements in force let the care team's other
    // organisations share with housing for direct care.
    const policy = (await call(app, igLead, 'GET', '/api/v1/access/policy')).json<{
      tiers: Record<string, DataCategory[]>;
    }>();
    const list = (await call(app, igLead, 'GET', '/api/v1/agreements?pageSize=100')).json<{
      items: { id: string; inForce: boolean }[];
    }>();
    const owners = new Set(preview.summary.partners.filter((p) => p.onCareTeam).map((p) => p.organisationId));
    owners.delete(housing);
    const shared = new Set<DataCategory>();
    for (const a of list.items.filter((x) => x.inForce)) {
      const agreement = (await call(app, igLead, 'GET', `/api/v1/agreements/${a.id}`)).json<{
        grants: {
          fromOrganisationId: string;
          toOrganisationId: string;
          purpose: string;
          categories: DataCategory[];
        }[];
      }>();
      for (const g of agreement.grants)
        if (g.toOrganisationId === housing && owners.has(g.fromOrganisationId) && g.purpose === 'DIRECT_CARE')
          for (const c of g.categories) shared.add(c);
    }
    const expected = (policy.tiers.frontline ?? []).filter((c) => shared.has(c)).sort();
    assert.deepEqual([...frontline.sees].sort(), expected);
    assert.ok(expected.length > 0 && !expected.includes('MEDICATION'));
    // Where roles see different things, the sentence says so role by role.
    if (partner?.byRole?.some((r) => r.sees.length !== partner.sees.length))
      assert.ok(partner.sentence.includes('frontline staff see'), partner.sentence);
  });
});
