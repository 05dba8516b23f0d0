import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { governedDb } from '../../../../test/harness/governed.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { DqAuditDto } from '../../../contracts/reporting.ts';
import { organisationId } from '../../demo/demo-ids.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { publicKeyFromPem } from '../audit/tree-head.ts';
import { recordVerificationRun } from '../audit/verification-runs.ts';
import { verifyAuditLog } from '../audit/verify.ts';
import { EVIDENCE_PACK_SECTIONS, NO_SHARING_AUDITS, NO_VERIFICATION_RUN } from './evidence-pack.ts';

const PASSWORD = 'demo-pack';

/**
 * The text a PDF shows, read straight from its content streams: each stream inflated, each
 * `[<hex> kern <hex> ...] TJ` array decoded (pdfkit writes Helvetica text as hex, split at kerning).
 * A stream is read by the length its dictionary gives: compressed bytes may end in a byte that
 * looks like the end-of-line before `endstream`, and cutting it off would lose the page's text.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const streams = /<<([^<>]*)>>\s*stream\r?\n/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    const length = Number(/\/Length (\d+)/.exec(m[1] ?? '')?.[1]);
    if (!Number.isSafeInteger(length)) continue;
    const bytes = Buffer.from(raw.slice(streams.lastIndex, streams.lastIndex + length), 'latin1');
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g))
      out.push(
        [...(tj[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)]
          .map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1'))
          .join(''),
      );
  }
  return out.join('\n');
}

describeEachEngine('evidence pack for the ICB', (database) => {
  let app: FastifyInstance;
  let ig: Session;
  let icb: Session;
  const now = new Date();
  const to = now.toISOString().slice(0, 7);
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString().slice(0, 7);
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 7);
  let audit: DqAuditDto;
  before(async () => {
    await loadDemo(database(), { password: PASSWORD, today: now });
    app = await testApp(database());
    ig = await signIn(app, 'ig.priya', PASSWORD);
    icb = await signIn(app, 'icb.nina', PASSWORD);
    const res = await call(app, ig, 'POST', '/api/v1/reporting/data-quality/audits', { month: lastMonth });
    assert.equal(res.statusCode, 201, res.body);
    audit = res.json<DqAuditDto>();
  });
  after(() => app.close());

  it('renders every section for the commissioning lead, with figures from the records and no one named', async () => {
    const res = await call(app, icb, 'GET', `/api/v1/reporting/evidence-pack.pdf?from=${from}&to=${to}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] ?? '', /application\/pdf/);
    const text = pdfText(res.rawPayload);
    for (const heading of EVIDENCE_PACK_SECTIONS) assert.ok(text.includes(heading), `section “${heading}”`);
    // The demo's monthly information-sharing audits, counted here from their own tables.
    const sharing = await database()
      .db.selectFrom('sharing_audits as a')
      .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
      .select(['a.id', 'a.month', 'a.sample_size', 'a.drawn_by', 'o.name'])
      .where('a.month', '>=', from)
      .where('a.month', '<=', to)
      .execute();
    assert.ok(sharing.length >= 2, 'the demo records two months of sharing audits');
    assert.ok(!text.includes(NO_SHARING_AUDITS));
    const flat = text.replace(/\s+/g, ' ');
    for (const a of sharing) {
      const items = await database()
        .db.selectFrom('sharing_audit_items')
        .select(['final_result', 'auto_result'])
        .where('audit_id', '=', a.id)
        .execute();
      const failed = items.filter((i) => (i.final_result ?? i.auto_result) === 'fail').length;
      const actions = await database()
        .db.selectFrom('corrective_actions')
        .select('status')
        .where('audit_id', '=', a.id)
        .execute();
      const closed = actions.filter((c) => c.status === 'closed').length;
      const expected = `${a.month} ${a.name}: ${a.sample_size} sharing events checked, ${failed} with a finding, ${closed} of ${actions.length} corrective actions closed; sample drawn ${a.drawn_by === null ? 'by the monthly job' : 'by hand by an IG lead'}.`;
      assert.ok(flat.includes(expected), expected);
    }
    assert.ok(text.includes(`${audit.audit.findings} findings`), 'the data-quality audit’s own count');
    // The pack does not walk the log: with no verification recorded it says so and how to run one.
    assert.ok(flat.includes(NO_VERIFICATION_RUN), 'no verification recorded yet');
    assert.ok(flat.includes('accord audit verify'));
    const head = await database()
      .db.selectFrom('audit_tree_heads')
      .select(['tree_size', 'root_hash'])
      .orderBy('tree_size', 'desc')
      .executeTakeFirst();
    if (head) assert.ok(text.includes(head.root_hash), 'the latest signed head');
    // A commissioner gets incidents counted, never an organisation's free text about them.
    assert.ok(flat.includes('Incidents counted by kind and month'));
    assert.ok(!flat.includes('Root cause:'));
    const incidents = await database()
      .db.selectFrom('ig_incidents')
      .select(['root_cause', 'learning'])
      .execute();
    assert.ok(
      incidents.some((i) => i.root_cause.trim().length > 0),
      'the demo records root causes',
    );
    for (const i of incidents)
      for (const free of [i.root_cause, i.learning].map((t) => t.trim().slice(0, 24)))
        if (free.length >= 12) assert.ok(!flat.includes(free), `no incident free text (${free})`);
    const agreements = await database().db.selectFrom('agreements').select('reference').execute();
    for (const a of agreements) assert.ok(text.includes(a.reference), `agreement ${a.reference}`);
    const people = await governedDb(database())
      .selectFrom('people')
      .select(['id', 'family_name', 'nhs_number'])
      .execute();
    for (const p of people) {
      assert.ok(!text.includes(p.id), 'no person id');
      assert.ok(!text.includes(p.nhs_number), 'no NHS number');
      assert.ok(!new RegExp(`\\b${p.family_name}\\b`).test(text), `no family name (${p.family_name})`);
    }
    const produced = await database()
      .db.selectFrom('audit_entries')
      .select(['actor_staff_id'])
      .where('action', '=', 'evidence_pack.produce')
      .execute();
    assert.equal(produced.length, 1);
  });

  it('lets the IG lead produce their organisation’s pack and refuses other roles, audited', async () => {
    const own = await call(app, ig, 'GET', `/api/v1/reporting/evidence-pack.pdf?from=${from}&to=${to}`);
    assert.equal(own.statusCode, 200);
    const ownText = pdfText(own.rawPayload);
    assert.ok(ownText.includes('Anonymised example: handover'));
    assert.ok(
      !ownText.includes('Incidents counted by kind and month'),
      'an organisation’s own pack lists them',
    );
    assert.ok(ownText.replace(/\s+/g, ' ').includes('Root cause:'), 'with their root cause and learning');
    const manager = await signIn(app, 'cc.amara', PASSWORD);
    const refused = await call(
      app,
      manager,
      'GET',
      `/api/v1/reporting/evidence-pack.pdf?from=${from}&to=${to}`,
    );
    assert.equal(refused.statusCode, 403);
    const denied = await database()
      .db.selectFrom('audit_entries')
      .select('id')
      .where('action', 'in', ['evidence_pack.deny'])
      .execute();
    assert.ok(denied.length >= 1);
    const elsewhere = await call(
      app,
      ig,
      'GET',
      `/api/v1/reporting/evidence-pack.pdf?from=${from}&to=${to}&organisationId=${organisationId('housing')}`,
    );
    assert.equal(elsewhere.statusCode, 403);
    assert.match(elsewhere.body, /query\.organisationId/);
    const backwards = await call(
      app,
      icb,
      'GET',
      `/api/v1/reporting/evidence-pack.pdf?from=${to}&to=${from}`,
    );
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /query\.to/);
  });

  it('states the most recent recorded verification and the signed head, never walking the log itself', async () => {
    const served = await call(app, ig, 'GET', '/api/v1/audit/public-keys');
    assert.equal(served.statusCode, 200, served.body);
    const body = served.json<{ publicKeyPem: string } | { publicKeyPem: string }[]>();
    const keys = (Array.isArray(body) ? body : [body]).map((k) => publicKeyFromPem(k.publicKeyPem));
    const report = await verifyAuditLog(database(), keys);
    assert.ok(report.ok, report.problem?.message);
    await recordVerificationRun(database().db, report, new Date());
    const res = await call(app, icb, 'GET', `/api/v1/reporting/evidence-pack.pdf?from=${from}&to=${to}`);
    assert.equal(res.statusCode, 200, res.body);
    const flat = pdfText(res.rawPayload).replace(/\s+/g, ' ');
    assert.ok(!flat.includes(NO_VERIFICATION_RUN));
    assert.ok(
      flat.includes(
        `verified; all ${report.entriesChecked} entries recomputed into the tree of size ${report.treeSize}`,
      ),
      'the recorded run',
    );
  });

  it('lets the organisation’s DPO produce its pack, and no one else of their role', async () => {
    const helen = await signIn(app, 'mgr.helen', PASSWORD);
    const url = `/api/v1/reporting/evidence-pack.pdf?from=${from}&to=${to}`;
    assert.equal(
      (await call(app, helen, 'GET', url)).statusCode,
      403,
      'a service manager who is not the DPO',
    );
    const dpo = () =>
      database()
        .db.selectFrom('governance_roles')
        .select('staff_id')
        .where('organisation_id', '=', organisationId('trust'))
        .where('role', '=', 'DPO')
        .executeTakeFirstOrThrow();
    const was = (await dpo()).staff_id;
    const helenId = (
      await database()
        .db.selectFrom('staff')
        .select('id')
        .where('username', '=', 'mgr.helen')
        .executeTakeFirstOrThrow()
    ).id;
    await database()
      .db.updateTable('governance_roles')
      .set({ staff_id: helenId })
      .where('organisation_id', '=', organisationId('trust'))
      .where('role', '=', 'DPO')
      .execute();
    try {
      const own = await call(app, helen, 'GET', url);
      assert.equal(own.statusCode, 200, own.body);
      assert.ok(pdfText(own.rawPayload).includes('Audit log verification'));
      const other = await call(app, helen, 'GET', `${url}&organisationId=${organisationId('housing')}`);
      assert.equal(other.statusCode, 403);
      assert.match(other.body, /query\.organisationId/);
    } finally {
      await database()
        .db.updateTable('governance_roles')
        .set({ staff_id: was })
        .where('organisation_id', '=', organisationId('trust'))
        .where('role', '=', 'DPO')
        .execute();
    }
  });
});
