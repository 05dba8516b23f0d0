import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { EscalationRulesView } from '../../src/contracts/signals.ts';
import { staffId } from '../../src/server/demo/demo-ids.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { readPartnershipVersion } from '../../src/server/modules/access/partnership-facts.ts';
import { DEFAULT_ESCALATION_RULES } from '../../src/server/modules/signals/escalation.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { governedDb } from '../harness/governed.ts';
import { call, signIn, testApp } from '../harness/http.ts';

describeEachEngine(
  'the demo partnership’s signals, and the escalation rules as partnership data',
  (database) => {
    let app: FastifyInstance;
    before(async () => {
      await loadDemo(database(), { password: 'demo', people: 120 });
      app = await testApp(database());
    });

    it('holds alerts in every state: to acknowledge, answered, and clinical oversight escalated', async () => {
      const alerts = await governedDb(database()).selectFrom('signal_alerts').selectAll().execute();
      assert.ok(
        alerts.some(
          (a) =>
            a.kind === 'RISING_RISK' && !a.acknowledged_at && a.recipient_staff_id === staffId('cc.amara'),
        ),
      );
      assert.ok(alerts.some((a) => a.kind === 'RISING_RISK' && a.outcome === 'REVIEW_BROUGHT_FORWARD'));
      const oversight = alerts.find((a) => a.kind === 'CLINICAL_OVERSIGHT');
      assert.equal(oversight?.trigger, 'MISSED_MEDICATION_SUPPORT');
      assert.equal(oversight?.recipient_staff_id, staffId('cpn.grace'));
      assert.ok(oversight?.escalated_at && oversight.escalated_to);
      const links = await governedDb(database())
        .selectFrom('signal_alert_links')
        .select('alert_id')
        .execute();
      for (const a of alerts)
        assert.ok(
          links.some((l) => l.alert_id === a.id),
          'every alert links its signals',
        );
      const outcomes = new Set(
        (await governedDb(database()).selectFrom('care_contacts').select('outcome').execute()).map(
          (c) => c.outcome,
        ),
      );
      for (const o of ['ATTENDED', 'DID_NOT_ATTEND', 'SCHEDULED']) assert.ok(outcomes.has(o), o);
    });

    it('changes the escalation rules only through partnership governance, bumping the partnership version', async () => {
      const rules = {
        ...DEFAULT_ESCALATION_RULES,
        risingRisk: { ...DEFAULT_ESCALATION_RULES.risingRisk, threshold: 6 },
      };
      const coordinator = await signIn(app, 'cc.amara', 'demo');
      const refused = await call(app, coordinator, 'PUT', '/api/v1/escalation-rules', rules);
      assert.equal(refused.statusCode, 403, refused.body);
      const governance = await signIn(app, 'ig.priya', 'demo');
      const bad = await call(app, governance, 'PUT', '/api/v1/escalation-rules', {
        ...rules,
        risingRisk: { ...rules.risingRisk, minAgencies: 1 },
      });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.ok(
        bad
          .json<{ errors: { field: string }[] }>()
          .errors.some((e) => e.field === 'body.risingRisk.minAgencies'),
      );
      const before = await readPartnershipVersion(database().db);
      const saved = await call(app, governance, 'PUT', '/api/v1/escalation-rules', rules);
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json<EscalationRulesView>().rules.risingRisk.threshold, 6);
      assert.equal(await readPartnershipVersion(database().db), before + 1);
      const read = await call(app, coordinator, 'GET', '/api/v1/escalation-rules');
      assert.equal(read.json<EscalationRulesView>().rules.risingRisk.threshold, 6);
      const audited = await database()
        .db.selectFrom('audit_entries')
        .select(['action', 'outcome'])
        .where('action', '=', 'escalation_rules.update')
        .execute();
      assert.deepEqual(audited.map((a) => a.outcome).sort(), ['deny', 'success']);
    });
  },
);
