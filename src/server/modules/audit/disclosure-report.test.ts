import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import {
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
} from '../../../../test/harness/factories.ts';
import { governedDb, personReadForTest } from '../../../../test/harness/governed.ts';
import type { StaffRole } from '../../../contracts/enums.ts';
import type { Database } from '../../db/database.ts';
import { NotFoundError } from '../../http/errors.ts';
import { type ServiceContext, serviceContext } from '../../service-context.ts';
import type { Principal } from '../auth/auth.ts';
import { producePersonAccessReport } from './access-report.service.ts';
import type { AuditEvent } from './audit-entry.ts';
import { AuditWriter } from './audit-writer.ts';
import { type BasisLookup, buildAccessReport } from './disclosure-report.ts';
import { renderAccessReportPdf } from './report-pdf.ts';
import { sequenceOnce } from './sequencer.ts';

interface StaffRef {
  id: string;
  username: string;
  organisationId: string;
  roles: StaffRole[];
  igExpiresOn?: string | null;
}

function principal(s: StaffRef): Principal {
  return {
    staffId: s.id,
    organisationId: s.organisationId,
    username: s.username,
    displayName: `Staff ${s.username}`,
    roles: s.roles,
    teamIds: [],
    active: true,
    igTrainingExpiresOn: s.igExpiresOn === undefined ? '2999-12-31' : s.igExpiresOn,
    safeguardingTrained: false,
    via: 'token',
    sessionId: null,
    csrfToken: null,
  };
}

const AGREEMENT = crypto.randomUUID();
const EXCEPTION = crypto.randomUUID();
const GRANT = crypto.randomUUID();
const basis: BasisLookup = {
  agreements: async (ids) =>
    new Map(
      ids
        .filter((id) => id === AGREEMENT)
        .map((id) => [id, { reference: 'DSA-7', title: 'Northshire care' }]),
    ),
  lawfulExceptions: async (ids) =>
    new Map(ids.filter((id) => id === EXCEPTION).map((id) => [id, { ground: 'VITAL_INTERESTS' as const }])),
};

function pdftotext(): string | null {
  try {
    return execFileSync('which', ['pdftotext'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

describeEachEngine('access report', (database) => {
  let writer: AuditWriter;
  let trust: string;
  let housing: string;
  let crisis: string;
  let staff: Record<'cc' | 'support' | 'duty' | 'igTrust' | 'igCouncil' | 'outsider' | 'expired', StaffRef>;
  let alice: { id: string; nhsNumber: string };
  let bob: { id: string };
  const key = generateKeyPairSync('ed25519');
  const signer = { privateKey: key.privateKey, keyId: 'test' };

  const ctxFor = (s: StaffRef, db: Database = database()): ServiceContext =>
    serviceContext({ database: db, principal: principal(s), now: new Date(), audit: writer });
  const actor = (s: StaffRef) => ({ staffId: s.id, organisationId: s.organisationId, roles: s.roles });
  const at = (minute: number) => new Date(Date.UTC(2025, 2, 3, 9, minute));

  async function member(
    organisationId: string,
    roles: StaffRole[],
    extra: { igExpiresOn?: string | null } = {},
  ): Promise<StaffRef> {
    const made = await makeStaff(database(), { organisationId, roles, ...extra });
    return { id: made.id, username: made.username, organisationId, roles, ...extra };
  }

  before(async () => {
    const db = database();
    writer = new AuditWriter(db);
    trust = await makeOrganisation(db, { name: 'Northshire Trust' });
    housing = await makeOrganisation(db, { name: 'Wendle Homes', type: 'HOUSING_PROVIDER' });
    crisis = await makeOrganisation(db, { name: 'Harbour House', type: 'CRISIS_SERVICE' });
    const council = await makeOrganisation(db, { name: 'Council', type: 'LOCAL_AUTHORITY' });
    staff = {
      cc: await member(trust, ['care_manager']),
      support: await member(housing, ['frontline']),
      duty: await member(crisis, ['duty']),
      igTrust: await member(trust, ['ig_lead']),
      igCouncil: await member(council, ['ig_lead']),
      outsider: await member(trust, ['care_manager']),
      expired: await member(trust, ['care_manager'], { igExpiresOn: '2020-01-01' }),
    };
    alice = await makePerson(db, { givenName: 'Alice', familyName: 'Ashworth' });
    bob = await makePerson(db);
    await addMembership(db, {
      personId: alice.id,
      organisationId: trust,
      staffId: staff.cc.id,
      role: 'CARE_COORDINATOR',
    });
    await addMembership(db, {
      personId: alice.id,
      organisationId: trust,
      staffId: staff.expired.id,
      role: 'CARE_COORDINATOR',
    });
    await addMembership(db, { personId: alice.id, organisationId: housing, staffId: staff.support.id });
    await addMembership(db, {
      personId: bob.id,
      organisationId: trust,
      staffId: staff.cc.id,
      role: 'CARE_COORDINATOR',
      endDate: '2021-01-01',
    });

    const events: [number, AuditEvent][] = [
      [
        0,
        {
          action: 'record.view',
          outcome: 'permit',
          actor: actor(staff.cc),
          personId: alice.id,
          categories: ['CRISIS_PLAN'],
          purpose: 'DIRECT_CARE',
          ownerOrganisationId: trust,
          recipientOrganisationId: trust,
          reasons: ['PERMIT_CARE_TEAM'],
        },
      ],
      [
        1,
        {
          action: 'record.disclose',
          outcome: 'permit',
          actor: actor(staff.support),
          personId: alice.id,
          categories: ['RISK_SUMMARY'],
          purpose: 'CARE_COORDINATION',
          ownerOrganisationId: trust,
          recipientOrganisationId: housing,
          reasons: ['PERMIT_AGREEMENT', 'PERMIT_CONSENT_ROUTINE'],
          agreementId: AGREEMENT,
          consentId: crypto.randomUUID(),
          consentProvisionId: crypto.randomUUID(),
        },
      ],
      [
        2,
        {
          action: 'record.disclose',
          outcome: 'permit',
          actor: actor(staff.support),
          personId: alice.id,
          categories: ['CONTACTS_CARERS'],
          purpose: 'SAFEGUARDING',
          ownerOrganisationId: trust,
          recipientOrganisationId: housing,
          reasons: ['PERMIT_LAWFUL_EXCEPTION'],
          agreementId: AGREEMENT,
          exceptionId: EXCEPTION,
        },
      ],
      [
        3,
        {
          action: 'record.disclose',
          outcome: 'permit',
          actor: actor(staff.duty),
          personId: alice.id,
          categories: ['CRISIS_PLAN'],
          purpose: 'CRISIS_RESPONSE',
          ownerOrganisationId: trust,
          recipientOrganisationId: crisis,
          reasons: ['PERMIT_BREAK_GLASS', 'PERMIT_BREAK_GLASS_CRISIS'],
          breakGlassGrantId: GRANT,
        },
      ],
      [
        4,
        {
          action: 'record.access.deny',
          outcome: 'deny',
          actor: actor(staff.duty),
          personId: alice.id,
          categories: ['MEDICATION'],
          purpose: 'DIRECT_CARE',
          ownerOrganisationId: trust,
          recipientOrganisationId: crisis,
          reasons: ['NOT_INVOLVED_IN_CARE'],
        },
      ],
      [
        5,
        {
          action: 'person.access.deny',
          outcome: 'deny',
          actor: actor(staff.duty),
          personId: alice.id,
          purpose: 'DIRECT_CARE',
          reasons: ['NOT_INVOLVED_IN_CARE'],
        },
      ],
      [
        6,
        {
          action: 'record.access.deny',
          outcome: 'deny',
          actor: actor(staff.support),
          personId: alice.id,
          categories: ['DIAGNOSIS'],
          purpose: 'DIRECT_CARE',
          ownerOrganisationId: trust,
          recipientOrganisationId: housing,
          reasons: ['ROLE_TIER_EXCLUDES_CATEGORY'],
        },
      ],
      [
        7,
        {
          action: 'record.view',
          outcome: 'permit',
          actor: actor(staff.cc),
          personId: bob.id,
          categories: ['CARE_PLAN'],
          purpose: 'DIRECT_CARE',
          ownerOrganisationId: trust,
          recipientOrganisationId: trust,
        },
      ],
      [
        30,
        {
          action: 'entry.create',
          outcome: 'success',
          actor: actor(staff.cc),
          personId: alice.id,
          categories: ['CARE_PLAN'],
          ownerOrganisationId: trust,
          target: { type: 'record_entry', id: crypto.randomUUID() },
        },
      ],
    ];
    for (const [minute, event] of events) await writer.append([event], at(minute), crypto.randomUUID());
    await sequenceOnce(db, signer, new Date(), { forceHead: true });
    // Recorded after the last signed head: in the report, but not yet covered by its head.
    await writer.append(
      [
        {
          action: 'record.view',
          outcome: 'permit',
          actor: actor(staff.cc),
          personId: alice.id,
          categories: ['OUTCOMES'],
          purpose: 'DIRECT_CARE',
          ownerOrganisationId: trust,
          recipientOrganisationId: trust,
        },
      ],
      at(40),
      crypto.randomUUID(),
    );
  });

  it('lists accesses, disclosures with their basis and refusals for one person only', async () => {
    const report = await buildAccessReport(database(), await personReadForTest(database(), alice.id), {
      basis,
    });
    assert.equal(report.person.nhsNumber, alice.nhsNumber);
    assert.equal(report.person.name, 'Alice Ashworth');
    assert.deepEqual(
      report.accesses.map((a) => a.action),
      ['record.view', 'record.disclose', 'record.disclose', 'record.disclose', 'entry.create', 'record.view'],
    );
    assert.equal(report.disclosures.length, 3);
    const [agreed, excepted, glass] = report.disclosures;
    assert.ok(agreed && excepted && glass);
    assert.equal(agreed.from, 'Northshire Trust');
    assert.equal(agreed.to, 'Wendle Homes');
    assert.deepEqual(agreed.categories, ['Risk summary and alerts']);
    assert.equal(agreed.purpose, 'Coordinating your care');
    assert.deepEqual(agreed.basis.agreement, { id: AGREEMENT, reference: 'DSA-7', title: 'Northshire care' });
    assert.match(
      agreed.basis.summary,
      /DSA-7: Northshire care; your consent to sharing with the organisations/,
    );
    assert.ok(agreed.basis.consent?.provisionId);
    assert.deepEqual(excepted.basis.lawfulException, { id: EXCEPTION, ground: 'VITAL_INTERESTS' });
    assert.match(excepted.basis.summary, /lawful exception, to protect someone’s life/);
    assert.equal(glass.basis.breakGlass, true);
    assert.match(glass.basis.summary, /break-glass/);
    assert.equal(report.accesses[3]?.emergency, true);
    assert.deepEqual(glass.staff, { role: 'Duty or crisis worker', organisation: 'Harbour House' });
  });

  it('names the basis of every access, not only of disclosures', async () => {
    const report = await buildAccessReport(database(), await personReadForTest(database(), alice.id), {
      basis,
    });
    const [view, agreedView, , glassView, created] = report.accesses;
    assert.equal(view?.basis.summary, 'They are on your care team');
    assert.match(agreedView?.basis.summary ?? '', /^Data sharing agreement DSA-7/);
    assert.equal(glassView?.basis.breakGlass, true);
    assert.equal(created?.basis.summary, 'Part of your care');
    for (const access of report.accesses) assert.ok(access.basis.summary.length > 0, access.action);
  });

  it('shows one visit as one row: the entries of one request fold together', async () => {
    const carol = await makePerson(database(), { givenName: 'Carol', familyName: 'Cole' });
    const visit = crypto.randomUUID();
    const common = { outcome: 'permit' as const, actor: actor(staff.support), personId: carol.id };
    await writer.append(
      [
        {
          ...common,
          action: 'record.view',
          categories: ['SUPPORT_INSTRUCTIONS'],
          purpose: 'DIRECT_CARE',
          ownerOrganisationId: housing,
          recipientOrganisationId: housing,
          reasons: ['PERMIT_CARE_TEAM', 'PERMIT_OWN_ORGANISATION'],
        },
        {
          ...common,
          action: 'record.disclose',
          categories: ['RISK_SUMMARY'],
          purpose: 'DIRECT_CARE',
          ownerOrganisationId: trust,
          recipientOrganisationId: housing,
          reasons: ['PERMIT_CARE_TEAM', 'PERMIT_AGREEMENT', 'PERMIT_CONSENT_ROUTINE'],
          agreementId: AGREEMENT,
        },
        {
          ...common,
          action: 'record.disclose',
          categories: ['CRISIS_PLAN'],
          purpose: 'DIRECT_CARE',
          ownerOrganisationId: trust,
          recipientOrganisationId: housing,
          reasons: ['PERMIT_CARE_TEAM', 'PERMIT_AGREEMENT', 'PERMIT_CONSENT_ROUTINE'],
          agreementId: AGREEMENT,
        },
      ],
      at(50),
      visit,
    );
    await writer.append(
      [{ ...common, action: 'record.view', purpose: 'DIRECT_CARE' }],
      at(51),
      crypto.randomUUID(),
    );
    const report = await buildAccessReport(database(), await personReadForTest(database(), carol.id), {
      basis,
    });
    assert.equal(report.accesses.length, 2);
    const [page, later] = report.accesses;
    assert.equal(page?.entries, 3);
    assert.equal(later?.entries, 1);
    assert.deepEqual(page?.categories.toSorted(), [
      'Crisis plan',
      'Day-to-day support instructions',
      'Risk summary and alerts',
    ]);
    assert.match(page?.description ?? '', /^Looked at your record and looked at information shared/);
    assert.match(
      page?.basis.summary ?? '',
      /care team; the information is held by their own organisation, Wendle Homes; Data sharing agreement DSA-7/,
    );
    assert.equal(report.disclosures.length, 1);
    assert.deepEqual(report.disclosures[0]?.categories.toSorted(), [
      'Crisis plan',
      'Risk summary and alerts',
    ]);
  });

  it('gives the data protection officers to contact, the answering organisation first', async () => {
    const db = database().db;
    const dpoTrust = await member(trust, ['ig_lead']);
    const dpoHousing = await member(housing, ['service_manager']);
    await db
      .updateTable('staff')
      .set({ email: 'dpo@trust.example.org', job_title: 'Head of Information Governance' })
      .where('id', '=', dpoTrust.id)
      .execute();
    const now = new Date().toISOString();
    await db
      .insertInto('governance_roles')
      .values([
        { organisation_id: trust, role: 'DPO', staff_id: dpoTrust.id, assigned_at: now },
        { organisation_id: housing, role: 'DPO', staff_id: dpoHousing.id, assigned_at: now },
      ])
      .execute();
    const report = await buildAccessReport(database(), await personReadForTest(database(), alice.id), {
      basis,
      answeringOrganisationId: trust,
    });
    assert.deepEqual(
      report.dataProtectionOfficers.map((c) => c.organisation),
      ['Northshire Trust', 'Wendle Homes'],
    );
    assert.deepEqual(report.dataProtectionOfficers[0], {
      organisation: 'Northshire Trust',
      jobTitle: 'Head of Information Governance',
      email: 'dpo@trust.example.org',
    });
    const tool = pdftotext();
    if (!tool) return;
    const dir = mkdtempSync(join(tmpdir(), 'accord-report-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), await renderAccessReportPdf(report));
      const text = execFileSync(tool, [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      assert.match(text, /Who to contact/);
      assert.match(text, /dpo@trust\.example\.org/);
      assert.match(text, /Why, and on what basis/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names agreements and lawful grounds from the stored records by default', async () => {
    const db = database().db;
    const now = new Date().toISOString();
    await db
      .insertInto('agreements')
      .values({
        id: AGREEMENT,
        reference: 'DSA-2026-009',
        current_version: 2,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const version = (n: number, title: string) => ({
      agreement_id: AGREEMENT,
      version: n,
      status: 'active',
      title,
      start_date: null,
      end_date: null,
      review_date: null,
      document: '{}',
      change_note: 'test',
      created_by: staff.igTrust.id,
      created_at: now,
    });
    await db
      .insertInto('agreement_versions')
      .values([version(1, 'First draft'), version(2, 'Integrated care')])
      .execute();
    await governedDb(database())
      .insertInto('lawful_exceptions')
      .values({
        id: EXCEPTION,
        person_id: alice.id,
        ground: 'SAFEGUARDING',
        article6: 'A6_E_PUBLIC_TASK',
        article9: 'A9_G_SUBSTANTIAL_PUBLIC_INTEREST',
        common_law: 'CLDC_OVERRIDING_PUBLIC_INTEREST',
        recipient_org_id: housing,
        categories: '[]',
        valid_from: now,
        valid_until: null,
        rationale: 'Immediate risk recorded at the multi-agency huddle.',
        decided_by: staff.cc.id,
        decided_by_org_id: trust,
        decided_at: now,
      })
      .execute();
    const [agreed, excepted] = (
      await buildAccessReport(database(), await personReadForTest(database(), alice.id))
    ).disclosures;
    assert.deepEqual(agreed?.basis.agreement, {
      id: AGREEMENT,
      reference: 'DSA-2026-009',
      title: 'Integrated care',
    });
    assert.deepEqual(excepted?.basis.lawfulException, { id: EXCEPTION, ground: 'SAFEGUARDING' });
    assert.match(excepted?.basis.summary ?? '', /to protect an adult at risk/);
  });

  it('summarises refused requests by who asked and why', async () => {
    const report = await buildAccessReport(database(), await personReadForTest(database(), alice.id));
    const byWho = new Map(report.refused.map((r) => [r.staff.organisation, r]));
    const duty = byWho.get('Harbour House');
    assert.equal(duty?.count, 2);
    assert.deepEqual(duty?.reasons, ['They were not involved in your care']);
    assert.equal(duty?.firstAt, at(4).toISOString());
    assert.equal(duty?.lastAt, at(5).toISOString());
    assert.deepEqual(byWho.get('Wendle Homes')?.reasons, [
      'Their role does not allow them to see this information',
    ]);
    assert.equal(report.refused.length, 2);
  });

  it('shows staff by role and organisation only, never by name or id', async () => {
    const text = JSON.stringify(
      await buildAccessReport(database(), await personReadForTest(database(), alice.id), { basis }),
    );
    for (const s of Object.values(staff)) {
      assert.ok(!text.includes(s.id), 'a staff id leaked');
      assert.ok(!text.includes(s.username), 'a staff username leaked');
    }
  });

  it('is anchored to the latest signed tree head and says what it covers', async () => {
    const report = await buildAccessReport(database(), await personReadForTest(database(), alice.id));
    assert.ok(report.treeHead);
    assert.equal(report.treeHead.treeSize, 9);
    assert.equal(report.entries, 9);
    assert.equal(report.coveredByTreeHead, 8);
    assert.equal(report.accesses.at(-1)?.leafIndex, null);
    assert.equal(typeof report.accesses[0]?.leafIndex, 'number');
  });

  it('keeps to the period asked for (from inclusive, to exclusive)', async () => {
    const report = await buildAccessReport(database(), await personReadForTest(database(), alice.id), {
      from: at(1).toISOString(),
      to: at(30).toISOString(),
    });
    assert.deepEqual(
      report.accesses.map((a) => a.at),
      [1, 2, 3].map((m) => at(m).toISOString()),
    );
    assert.deepEqual(report.period, { from: at(1).toISOString(), to: at(30).toISOString() });
  });

  it('goes to the care coordinator and involved IG leads, and is audited', async () => {
    const ctx = ctxFor(staff.cc);
    const report = await producePersonAccessReport(ctx, alice.id, {});
    assert.equal(report.person.id, alice.id);
    await producePersonAccessReport(ctxFor(staff.igTrust), alice.id, {});
    const logged = await database()
      .db.selectFrom('audit_entries')
      .selectAll()
      .where('request_id', '=', ctx.requestId)
      .execute();
    assert.deepEqual(
      logged.map((r) => [r.action, r.outcome, r.person_id, r.actor_staff_id]),
      [['report.access.generate', 'success', alice.id, staff.cc.id]],
    );
  });

  it('answers 404 to anyone else, records the refusal, and writes nothing for unknown people', async () => {
    const refused: [StaffRef, string][] = [
      [staff.outsider, alice.id],
      [staff.igCouncil, alice.id],
      [staff.expired, alice.id],
      [staff.support, alice.id],
      [staff.cc, bob.id],
    ];
    for (const [who, personId] of refused) {
      const ctx = ctxFor(who);
      await assert.rejects(producePersonAccessReport(ctx, personId, {}), NotFoundError);
      const logged = await database()
        .db.selectFrom('audit_entries')
        .select(['action', 'outcome'])
        .where('request_id', '=', ctx.requestId)
        .execute();
      assert.deepEqual(
        logged.map((r) => [r.action, r.outcome]),
        [['report.access.deny', 'deny']],
      );
    }
    const ctx = ctxFor(staff.cc);
    await assert.rejects(producePersonAccessReport(ctx, crypto.randomUUID(), {}), NotFoundError);
    const none = await database()
      .db.selectFrom('audit_entries')
      .select('id')
      .where('request_id', '=', ctx.requestId)
      .execute();
    assert.equal(none.length, 0);
  });

  it('renders an A4 PDF with the title, NHS number, tables and the signed tree head', async () => {
    const report = await buildAccessReport(database(), await personReadForTest(database(), alice.id), {
      basis,
    });
    const pdf = await renderAccessReportPdf(report);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF/);
    const tool = pdftotext();
    if (!tool) return;
    const dir = mkdtempSync(join(tmpdir(), 'accord-report-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const text = execFileSync(tool, ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      assert.match(text, /Who has accessed your record/);
      assert.match(
        text,
        new RegExp(
          `${alice.nhsNumber.slice(0, 3)} ${alice.nhsNumber.slice(3, 6)} ${alice.nhsNumber.slice(6)}`,
        ),
      );
      assert.match(text, /Duty or crisis worker, Harbour House/);
      assert.match(text, /DSA-7/);
      assert.ok(report.treeHead);
      assert.match(text, new RegExp(report.treeHead.rootHash));
      assert.match(text, /Page 1 of \d+/);
      for (const s of Object.values(staff)) assert.ok(!text.includes(s.username));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs a long report over several pages, numbering each', async () => {
    const report = await buildAccessReport(database(), await personReadForTest(database(), alice.id), {
      basis,
    });
    const many = {
      ...report,
      accesses: Array.from({ length: 120 }, () => report.accesses)
        .flat()
        .slice(0, 120),
    };
    const pdf = await renderAccessReportPdf(many);
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
    assert.ok(pages >= 3, `expected several pages, got ${pages}`);
    const tool = pdftotext();
    if (!tool) return;
    const dir = mkdtempSync(join(tmpdir(), 'accord-report-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const text = execFileSync(tool, [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      assert.match(text, new RegExp(`Page ${pages} of ${pages}`));
      // The table header repeats on every page the table runs onto.
      assert.ok((text.match(/Who \(role and organisation\)/g)?.length ?? 0) >= 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
