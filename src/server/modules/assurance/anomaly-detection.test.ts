import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { ANOMALY_RULES, type AnomalyRule, DEFAULT_ANOMALY_THRESHOLDS } from '../../../contracts/assurance.ts';
import type { Database } from '../../db/database.ts';
import { saveSetting } from './anomaly.repository.ts';
import {
  at,
  breakGlass,
  deniedLookup,
  makeWorld,
  pageView,
  plant,
  type World,
  writeOrdinaryTraffic,
} from './anomaly.test-helpers.ts';
import { runAnomalyDetection } from './anomaly-detection.service.ts';

const NOW = new Date('2025-03-29T06:00:00.000Z');
const day = (date: string, days = 1) => ({
  from: `${date}T00:00:00.000Z`,
  to: new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000).toISOString(),
});
/** An ordinary working week, weekend nights and a duty break-glass included. */
const ORDINARY_WEEK = day('2025-03-03', 7);

async function casesOf(database: Database, rule: AnomalyRule, actorStaffId?: string) {
  let q = database.db.selectFrom('investigation_cases').selectAll().where('rule', '=', rule);
  if (actorStaffId) q = q.where('actor_staff_id', '=', actorStaffId);
  return q.orderBy('opened_at').execute();
}

async function evidenceOf(database: Database, caseId: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom('investigation_evidence')
    .select('audit_entry_id')
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => r.audit_entry_id).sort();
}

async function setThresholds<R extends AnomalyRule>(
  database: Database,
  rule: R,
  thresholds: (typeof DEFAULT_ANOMALY_THRESHOLDS)[R],
  enabled = true,
): Promise<void> {
  await saveSetting(database.db, rule, enabled, thresholds, null, NOW.toISOString());
}

describeEachEngine('anomaly detection', (database) => {
  let w: World;

  before(async () => {
    w = await makeWorld(database(), 'ad');
    await writeOrdinaryTraffic(database(), w);
  });

  /** Each rule must stay quiet over an ordinary week of realistic traffic. */
  function quietOnOrdinaryWeek(rule: AnomalyRule): void {
    it(`${rule}: an ordinary week does not fire`, async () => {
      const result = await runAnomalyDetection(database(), ORDINARY_WEEK, NOW);
      assert.equal(result.byRule[rule], 0);
      const opened = await database()
        .db.selectFrom('investigation_cases')
        .select('id')
        .where('rule', '=', rule)
        .where('window_start', '>=', ORDINARY_WEEK.from)
        .where('window_end', '<', ORDINARY_WEEK.to)
        .execute();
      assert.equal(opened.length, 0);
    });
  }

  it('an ordinary week opens no case at all, and says so in the log', async () => {
    const result = await runAnomalyDetection(database(), ORDINARY_WEEK, NOW);
    assert.equal(result.findings, 0);
    assert.equal(result.opened, 0);
    const run = await database()
      .db.selectFrom('audit_entries')
      .select(['details', 'actor_staff_id'])
      .where('action', '=', 'anomaly.detection.run')
      .executeTakeFirstOrThrow();
    assert.equal(run.actor_staff_id, null);
    assert.equal(JSON.parse(run.details).from, ORDINARY_WEEK.from);
  });

  describe('NOT_ON_CASELOAD', () => {
    quietOnOrdinaryWeek('NOT_ON_CASELOAD');

    it('fires when a housing officer looks up people outside their caseload', async () => {
      const planted = [
        deniedLookup(w.housingOfficer, w.people[15] ?? '', at('2025-03-10', 11, 0)),
        deniedLookup(w.housingOfficer, w.people[16] ?? '', at('2025-03-10', 11, 3)),
      ];
      await plant(database(), planted);
      const result = await runAnomalyDetection(database(), day('2025-03-10'), NOW);
      assert.equal(result.byRule.NOT_ON_CASELOAD, 1);
      const [found, ...rest] = await casesOf(database(), 'NOT_ON_CASELOAD', w.housingOfficer.id);
      assert.ok(found);
      assert.equal(rest.length, 0);
      assert.equal(found.organisation_id, w.housing);
      assert.equal(found.status, 'open');
      assert.deepEqual(JSON.parse(found.summary), {
        day: '2025-03-10',
        people: 2,
        reads: 2,
        minimumPeople: 1,
      });
      assert.deepEqual(await evidenceOf(database(), found.id), planted.map((r) => r.id).sort());
      const opened = await database()
        .db.selectFrom('audit_entries')
        .select(['details'])
        .where('action', '=', 'investigation.case.open')
        .where('target_id', '=', found.id)
        .executeTakeFirstOrThrow();
      assert.equal(JSON.parse(opened.details).rule, 'NOT_ON_CASELOAD');
    });

    it('re-running over the same or an overlapping window opens no duplicate', async () => {
      const again = await runAnomalyDetection(database(), day('2025-03-10'), NOW);
      assert.equal(again.opened, 0);
      assert.equal(again.evidenceAdded, 0);
      const overlap = await runAnomalyDetection(
        database(),
        { from: '2025-03-10T06:00:00.000Z', to: '2025-03-11T06:00:00.000Z' },
        NOW,
      );
      assert.equal(overlap.byRule.NOT_ON_CASELOAD, 0);
      assert.equal((await casesOf(database(), 'NOT_ON_CASELOAD', w.housingOfficer.id)).length, 1);
    });

    it('a higher minimum of people holds back a single stray lookup', async () => {
      await setThresholds(database(), 'NOT_ON_CASELOAD', { minimumPeople: 2 });
      await plant(database(), [deniedLookup(w.cc2, w.people[3] ?? '', at('2025-03-17', 10, 0))]);
      // cc2 is in the CMHT, which is on person 3's care team: not an anomaly. A housing lookup is.
      await plant(database(), [deniedLookup(w.housingOfficer, w.people[17] ?? '', at('2025-03-17', 10, 0))]);
      const strict = await runAnomalyDetection(database(), day('2025-03-17'), NOW);
      assert.equal(strict.byRule.NOT_ON_CASELOAD, 0);
      await setThresholds(database(), 'NOT_ON_CASELOAD', DEFAULT_ANOMALY_THRESHOLDS.NOT_ON_CASELOAD);
      const loose = await runAnomalyDetection(database(), day('2025-03-17'), NOW);
      assert.equal(loose.byRule.NOT_ON_CASELOAD, 1);
      const cases = await casesOf(database(), 'NOT_ON_CASELOAD');
      assert.ok(cases.every((c) => c.actor_staff_id === w.housingOfficer.id));
    });
  });

  describe('VOLUME_SPIKE', () => {
    quietOnOrdinaryWeek('VOLUME_SPIKE');

    it("fires when a coordinator reads far more than their own usual day's volume", async () => {
      const spike = Array.from({ length: 60 }, (_, i) =>
        pageView(w.cc2, w.people[12 + (i % 12)] ?? '', at('2025-03-11', 12, i % 60)),
      ).flat();
      await plant(database(), spike);
      const result = await runAnomalyDetection(database(), day('2025-03-11'), NOW);
      assert.equal(result.byRule.VOLUME_SPIKE, 1);
      const [found] = await casesOf(database(), 'VOLUME_SPIKE', w.cc2.id);
      assert.ok(found);
      const summary = JSON.parse(found.summary);
      assert.equal(summary.day, '2025-03-11');
      assert.ok(summary.reads >= 70 && summary.reads <= 74, `reads ${summary.reads}`);
      assert.equal(summary.baselineMedian, 12);
      assert.equal(summary.threshold, 36);
      const evidence = new Set(await evidenceOf(database(), found.id));
      assert.ok(spike.every((r) => evidence.has(r.id)));
    });

    it('stays below the minimum until the IG lead lowers the thresholds', async () => {
      const extra = Array.from({ length: 15 }, (_, i) =>
        pageView(w.cc1, w.people[i % 12] ?? '', at('2025-03-12', 16, i * 2)),
      ).flat();
      await plant(database(), extra);
      const before = await runAnomalyDetection(database(), day('2025-03-12'), NOW);
      assert.equal(before.byRule.VOLUME_SPIKE, 0);
      await setThresholds(database(), 'VOLUME_SPIKE', { multiplier: 1.5, minimum: 20, baselineDays: 28 });
      const after = await runAnomalyDetection(database(), day('2025-03-12'), NOW);
      assert.equal(after.byRule.VOLUME_SPIKE, 1);
      const [found] = await casesOf(database(), 'VOLUME_SPIKE', w.cc1.id);
      assert.equal(JSON.parse(found?.summary ?? '{}').threshold, 20);
      await setThresholds(database(), 'VOLUME_SPIKE', DEFAULT_ANOMALY_THRESHOLDS.VOLUME_SPIKE);
    });
  });

  describe('OUT_OF_HOURS', () => {
    quietOnOrdinaryWeek('OUT_OF_HOURS');

    it('fires for late-night reads by a coordinator without a duty role; one night is one case', async () => {
      const evening = [
        ...pageView(w.cc1, w.people[1] ?? '', at('2025-03-13', 22, 40)),
        ...pageView(w.cc1, w.people[2] ?? '', at('2025-03-13', 23, 5)),
      ];
      const smallHours = pageView(w.cc1, w.people[3] ?? '', at('2025-03-14', 1, 30));
      await plant(database(), [...evening, ...smallHours]);
      const first = await runAnomalyDetection(database(), day('2025-03-13'), NOW);
      assert.equal(first.byRule.OUT_OF_HOURS, 1);
      const [found] = await casesOf(database(), 'OUT_OF_HOURS', w.cc1.id);
      assert.ok(found);
      assert.deepEqual(await evidenceOf(database(), found.id), evening.map((r) => r.id).sort());
      const second = await runAnomalyDetection(database(), day('2025-03-14'), NOW);
      assert.equal(second.byRule.OUT_OF_HOURS, 0);
      assert.ok(second.evidenceAdded >= smallHours.length);
      const cases = await casesOf(database(), 'OUT_OF_HOURS', w.cc1.id);
      assert.equal(cases.length, 1);
      assert.equal(JSON.parse(cases[0]?.summary ?? '{}').reads, 3);
      assert.equal(cases[0]?.window_end, smallHours[0]?.recorded_at);
    });

    it('fires for weekend reads, and not once weekends are switched off', async () => {
      await plant(database(), pageView(w.manager, w.people[4] ?? '', at('2025-03-15', 11, 0)));
      const saturday = await runAnomalyDetection(database(), day('2025-03-15'), NOW);
      assert.equal(saturday.byRule.OUT_OF_HOURS, 1);
      const [found] = await casesOf(database(), 'OUT_OF_HOURS', w.manager.id);
      assert.equal(JSON.parse(found?.summary ?? '{}').weekend, true);
      await setThresholds(database(), 'OUT_OF_HOURS', {
        ...DEFAULT_ANOMALY_THRESHOLDS.OUT_OF_HOURS,
        weekends: false,
      });
      await plant(database(), pageView(w.manager, w.people[4] ?? '', at('2025-03-22', 11, 0)));
      const next = await runAnomalyDetection(database(), day('2025-03-22'), NOW);
      assert.equal(next.byRule.OUT_OF_HOURS, 0);
      await setThresholds(database(), 'OUT_OF_HOURS', DEFAULT_ANOMALY_THRESHOLDS.OUT_OF_HOURS);
    });
  });

  describe('REPEATED_BREAK_GLASS', () => {
    quietOnOrdinaryWeek('REPEATED_BREAK_GLASS');

    it('fires at the third grant within seven days, and a later overlapping run finds the same case', async () => {
      // The duty worker's usual Tuesday grant (2025-03-18) plus two more within two days.
      const planted = [
        ...breakGlass(w.duty, w.people[6] ?? '', at('2025-03-19', 23, 30)),
        ...breakGlass(w.duty, w.people[8] ?? '', at('2025-03-20', 1, 30)),
      ];
      await plant(database(), planted);
      const result = await runAnomalyDetection(database(), day('2025-03-18', 3), NOW);
      assert.equal(result.byRule.REPEATED_BREAK_GLASS, 1);
      const [found] = await casesOf(database(), 'REPEATED_BREAK_GLASS', w.duty.id);
      assert.ok(found);
      assert.equal(JSON.parse(found.summary).grants, 3);
      const evidence = new Set(await evidenceOf(database(), found.id));
      assert.ok(planted.every((r) => evidence.has(r.id)));
      const later = await runAnomalyDetection(database(), day('2025-03-19', 3), NOW);
      assert.equal(later.byRule.REPEATED_BREAK_GLASS, 0);
      assert.equal((await casesOf(database(), 'REPEATED_BREAK_GLASS', w.duty.id)).length, 1);
    });

    it('two grants stay below the default; a count of two fires', async () => {
      await plant(database(), [
        ...breakGlass(w.clinician, w.people[20] ?? '', at('2025-03-26', 10, 0)),
        ...breakGlass(w.clinician, w.people[21] ?? '', at('2025-03-27', 10, 0)),
      ]);
      await runAnomalyDetection(database(), day('2025-03-26', 2), NOW);
      assert.equal((await casesOf(database(), 'REPEATED_BREAK_GLASS', w.clinician.id)).length, 0);
      await setThresholds(database(), 'REPEATED_BREAK_GLASS', { count: 2, days: 7 });
      await runAnomalyDetection(database(), day('2025-03-26', 2), NOW);
      assert.equal((await casesOf(database(), 'REPEATED_BREAK_GLASS', w.clinician.id)).length, 1);
      await setThresholds(
        database(),
        'REPEATED_BREAK_GLASS',
        DEFAULT_ANOMALY_THRESHOLDS.REPEATED_BREAK_GLASS,
      );
    });
  });

  describe('COLLEAGUE_RECORD', () => {
    quietOnOrdinaryWeek('COLLEAGUE_RECORD');

    it("fires when a team member opens colleagues' records (matched by name and by email)", async () => {
      const planted = [
        ...pageView(w.clinician, w.colleagueByName, at('2025-03-14', 10, 0)),
        ...pageView(w.clinician, w.colleagueByEmail, at('2025-03-14', 10, 30)),
      ];
      await plant(database(), planted);
      const result = await runAnomalyDetection(database(), day('2025-03-14'), NOW);
      assert.equal(result.byRule.COLLEAGUE_RECORD, 1);
      const [found] = await casesOf(database(), 'COLLEAGUE_RECORD', w.clinician.id);
      assert.ok(found);
      const summary = JSON.parse(found.summary);
      assert.equal(summary.colleagues, 2);
      assert.equal(summary.entriesMatchedByName, 1);
      assert.equal(summary.entriesMatchedByEmail, 1);
      assert.equal(summary.ownRecord, false);
      assert.deepEqual(await evidenceOf(database(), found.id), planted.map((r) => r.id).sort());
    });

    it('reading your own record is flagged too', async () => {
      await plant(database(), pageView(w.manager, w.colleagueByEmail, at('2025-03-24', 10, 0)));
      await runAnomalyDetection(database(), day('2025-03-24'), NOW);
      const [found] = await casesOf(database(), 'COLLEAGUE_RECORD', w.manager.id);
      assert.equal(JSON.parse(found?.summary ?? '{}').ownRecord, true);
    });

    it('without the named care-team exemption, the coordinator of a colleague is flagged', async () => {
      await setThresholds(database(), 'COLLEAGUE_RECORD', {
        ...DEFAULT_ANOMALY_THRESHOLDS.COLLEAGUE_RECORD,
        exemptNamedCareTeam: false,
      });
      const result = await runAnomalyDetection(database(), day('2025-03-05'), NOW);
      assert.ok(result.byRule.COLLEAGUE_RECORD >= 1);
      assert.equal((await casesOf(database(), 'COLLEAGUE_RECORD', w.cc1.id)).length, 1);
      await setThresholds(database(), 'COLLEAGUE_RECORD', DEFAULT_ANOMALY_THRESHOLDS.COLLEAGUE_RECORD);
    });
  });

  it('a disabled rule finds nothing', async () => {
    await setThresholds(database(), 'OUT_OF_HOURS', DEFAULT_ANOMALY_THRESHOLDS.OUT_OF_HOURS, false);
    await plant(database(), pageView(w.cc2, w.people[13] ?? '', at('2025-03-25', 22, 0)));
    const off = await runAnomalyDetection(database(), day('2025-03-25'), NOW);
    assert.equal(off.byRule.OUT_OF_HOURS, 0);
    await setThresholds(database(), 'OUT_OF_HOURS', DEFAULT_ANOMALY_THRESHOLDS.OUT_OF_HOURS, true);
    const on = await runAnomalyDetection(database(), day('2025-03-25'), NOW);
    assert.equal(on.byRule.OUT_OF_HOURS, 1);
    assert.deepEqual(Object.keys(on.byRule).sort(), [...ANOMALY_RULES].sort());
  });
});
