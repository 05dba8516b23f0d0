/**
 * The evidence pack as an A4 PDF. Helvetica is built into every PDF reader, so no font ships.
 * Each section has its heading whether or not the period holds anything for it, and says so.
 */
import PDFDocument from 'pdfkit';
import { DQ_CHECK_LABELS, DQ_CHECKS, type MetricTable } from '../../../contracts/reporting.ts';
import {
  type AnonymisedExample,
  EVIDENCE_PACK_SECTIONS,
  type EvidencePack,
  NO_SHARING_AUDITS,
  NO_VERIFICATION_RUN,
} from './evidence-pack.ts';

type Doc = typeof PDFDocument;
const MARGIN = 50;
const INK = '#212b32';
const MUTED = '#4c6272';
const [
  AGREEMENTS,
  DPIAS,
  TRAINING,
  ACCESS_REVIEWS,
  VERIFICATION,
  SHARING_AUDITS,
  DATA_QUALITY,
  INCIDENTS,
  METRICS,
  ESCALATION,
  HANDOVER,
] = EVIDENCE_PACK_SECTIONS;

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 100) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(INK).text(text, MARGIN);
  doc.moveDown(0.3);
}

function line(
  doc: Doc,
  text: string,
  options: { bold?: boolean; muted?: boolean; size?: number } = {},
): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
  doc
    .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(options.size ?? 9.5)
    .fillColor(options.muted ? MUTED : INK)
    .text(text, MARGIN, undefined, { width: doc.page.width - 2 * MARGIN });
}

/** A recorded text as a sentence ending in one full stop. */
const sentence = (s: string) => (s.trim() ? s.trim().replace(/([^.!?])$/, '$1.') : 'not yet recorded.');
const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${Math.round((100 * n) / d)}%`);
const cell = (v: number | null) => (v === null ? '*' : String(v));

function metricTrend(doc: Doc, t: MetricTable): void {
  line(doc, t.definition.title, { bold: true });
  line(doc, `Numerator: ${t.definition.numerator}`, { muted: true, size: 8 });
  line(doc, `Denominator: ${t.definition.denominator}`, { muted: true, size: 8 });
  line(doc, `Period: ${t.definition.period} Exclusions: ${t.definition.exclusions}`, {
    muted: true,
    size: 8,
  });
  line(
    doc,
    `Month by month (total): ${t.months.map((m, i) => `${m} ${cell(t.monthTotals[i] ?? null)}`).join(', ')}`,
  );
  line(
    doc,
    `Over the period: ${t.categories.map((c, j) => `${c} ${cell(t.categoryTotals[j] ?? null)}`).join(', ')}; total ${cell(t.total)}`,
  );
  doc.moveDown(0.4);
}

function exampleSection(doc: Doc, title: string, e: AnonymisedExample | null): void {
  heading(doc, title);
  if (!e) {
    line(doc, 'No example in the period.');
    return;
  }
  line(doc, `${e.template}, sent by ${e.route === 'ACCORD' ? 'Accord' : e.route}.`);
  line(
    doc,
    `${e.fieldsSent} fields sent; ${e.fieldsWithheld} withheld by the decision function; ${e.missingFields} required fields missing.`,
  );
  line(doc, `Sections: ${e.sections.join('; ') || 'none'}.`);
  line(doc, `${e.acknowledgement}.`);
  line(
    doc,
    e.escalations.length > 0 ? `Escalations: ${e.escalations.join('; ')}.` : 'No escalation was needed.',
  );
  line(
    doc,
    'Names, identifiers, dates and the content of fields are left out so that no one can be recognised.',
    {
      muted: true,
      size: 8,
    },
  );
}

function body(doc: Doc, p: EvidencePack): void {
  doc.font('Helvetica-Bold').fontSize(18).fillColor(INK).text('Information governance evidence pack', MARGIN);
  line(
    doc,
    `${p.scope}, ${p.from} to ${p.to}. Produced ${p.producedAt.slice(0, 16).replace('T', ' ')} UTC from the records in Accord.`,
    {
      muted: true,
    },
  );

  heading(doc, AGREEMENTS);
  if (p.agreements.length === 0) line(doc, 'No agreements recorded.');
  for (const a of p.agreements) {
    line(doc, `${a.reference} ${a.title}: ${a.status}, review ${a.reviewDate ?? 'not set'}`, { bold: true });
    line(
      doc,
      a.signOffs.length > 0
        ? `Signed off: ${a.signOffs.map((s) => `${s.organisation} (${s.role}, ${s.signedOn})`).join('; ')}`
        : 'Not signed off.',
      { muted: true },
    );
  }

  heading(doc, DPIAS);
  if (p.dpias.length === 0) line(doc, 'No DPIAs recorded.');
  for (const d of p.dpias) {
    const inPlace = d.mitigations.filter((m) => m.inPlace).length;
    line(
      doc,
      `${d.title} (${d.organisation}): ${d.signedOff ? 'signed off' : 'not signed off'}, review ${d.reviewDate}; ${inPlace} of ${d.mitigations.length} mitigations in place now`,
      {
        bold: true,
      },
    );
    for (const m of d.mitigations)
      line(doc, `${m.inPlace ? 'In place' : 'NOT in place'}: ${m.measure} (${m.control}). ${m.detail}`, {
        size: 8.5,
      });
  }

  heading(doc, TRAINING);
  for (const t of p.training)
    line(
      doc,
      `${t.organisation}: IG training current for ${t.trainingCurrent} of ${t.activeStaff} active staff (${pct(t.trainingCurrent, t.activeStaff)}); agreement guidance acknowledged by ${t.guidanceAcknowledged} of ${t.guidanceDue} (${pct(t.guidanceAcknowledged, t.guidanceDue)}).`,
    );
  if (p.training.length === 0) line(doc, 'No active staff.');

  heading(doc, ACCESS_REVIEWS);
  if (p.accessReviews.length === 0) line(doc, 'No access reviews in the period.');
  for (const r of p.accessReviews)
    line(
      doc,
      `${r.period} ${r.organisation}: ${r.completed} of ${r.reviews} reviews completed (${r.completedOnTime} by their due date).`,
    );

  heading(doc, VERIFICATION);
  const v = p.verification;
  const run = v.lastRun;
  line(
    doc,
    run === null
      ? `${NO_VERIFICATION_RUN}. Run \`accord audit verify\` on the server to recompute the whole log and record the result; the next pack states it.`
      : run.ok
        ? `Last full verification, ${run.at}: verified; all ${run.entriesChecked} entries recomputed into the tree of size ${run.treeSize}${run.rootHash ? ` (root ${run.rootHash})` : ''} and every signed tree head checked; 0 problems.`
        : `Last full verification, ${run.at}: FAILED over the tree of size ${run.treeSize}; ${run.problems} problem found. Run \`accord audit verify\` for the detail.`,
    { bold: true },
  );
  if (v.latestHead)
    line(
      doc,
      `Latest signed tree head: size ${v.latestHead.treeSize}, root ${v.latestHead.rootHash}, signed ${v.latestHead.signedAt} with key ${v.latestHead.keyId}; signature ${v.latestHead.signature}.`,
      { size: 8 },
    );
  else line(doc, 'No tree head has been signed yet.');
  line(
    doc,
    'How anyone can check it: keep this tree head; fetch the public keys from GET /api/v1/audit/public-keys and any later head from GET /api/v1/audit/heads; ask for a consistency proof between the two (GET /api/v1/audit/proofs/consistency) and check it and the Ed25519 signatures with any RFC 9162 implementation, or run `accord audit verify` to recompute the whole log.',
    { size: 8.5 },
  );
  for (const k of v.publicKeys)
    line(doc, `Key ${k.keyId}: ${k.publicKeyPem.replace(/\n/g, ' ')}`, { muted: true, size: 7 });

  heading(doc, SHARING_AUDITS);
  if (p.sharingAudits.length === 0) line(doc, NO_SHARING_AUDITS);
  for (const a of p.sharingAudits)
    line(
      doc,
      `${a.month} ${a.organisationName}: ${a.checked} sharing events checked, ${a.exceptions} with a finding, ${a.actionsClosed} of ${a.correctiveActions} corrective actions closed; sample drawn ${a.drawnByHand ? 'by hand by an IG lead' : 'by the monthly job'}.`,
    );

  heading(doc, DATA_QUALITY);
  if (p.dataQuality.length === 0) line(doc, 'No data-quality audits recorded in the period.');
  for (const a of p.dataQuality) {
    line(
      doc,
      `${a.month}: ${a.sampled} of ${a.population} open episodes sampled (seed ${a.seed}); ${a.findings} findings; earlier findings re-audited ${a.reaudited}, verified corrected ${a.verified}, still present ${a.stillPresent}; ${a.open} corrective actions open.`,
      { bold: true },
    );
    const checks = DQ_CHECKS.filter((c) => a.byCheck[c] > 0);
    if (checks.length > 0)
      line(doc, checks.map((c) => `${DQ_CHECK_LABELS[c]}: ${a.byCheck[c]}`).join('; '), { size: 8.5 });
  }

  heading(doc, INCIDENTS);
  const counts = p.incidentCounts;
  if (counts) {
    line(
      doc,
      'Incidents counted by kind and month; each organisation’s own pack holds the root cause and learning.',
    );
    const kind = (k: string) => k.replace(/_/g, ' ').toLowerCase();
    counts.months.forEach((m, i) => {
      line(
        doc,
        `${m}: ${counts.kinds.map((k, j) => `${kind(k)} ${cell(counts.cells[i]?.[j] ?? null)}`).join(', ')}; total ${cell(counts.monthTotals[i] ?? null)}`,
        { size: 8.5 },
      );
    });
    line(
      doc,
      `Over the period: ${counts.kinds.map((k, j) => `${kind(k)} ${cell(counts.kindTotals[j] ?? null)}`).join(', ')}; total ${cell(counts.total)}`,
    );
    line(doc, p.suppression, { muted: true, size: 8 });
  } else if (p.incidents.length === 0) line(doc, 'No IG incidents in the period.');
  for (const i of p.incidents) {
    line(
      doc,
      `${i.month} ${i.organisation}: ${i.kind.replace(/_/g, ' ').toLowerCase()}, grade ${i.grade}, ${i.status}${i.icoNotifiable ? `; reportable to the ICO, ${i.icoNotifiedInTime ? 'notified within 72 hours' : 'not notified within 72 hours'}` : ''}.`,
      { bold: true },
    );
    if (i.rootCause || i.learning)
      line(doc, `Root cause: ${sentence(i.rootCause)} Learning: ${sentence(i.learning)}`, { size: 8.5 });
  }

  heading(doc, METRICS);
  line(doc, p.suppression, { muted: true, size: 8 });
  doc.moveDown(0.3);
  for (const t of p.metrics) metricTrend(doc, t);

  exampleSection(doc, ESCALATION, p.escalationExample);
  exampleSection(doc, HANDOVER, p.handoverExample);
}

/** Renders the pack; `compress: false` leaves the text streams readable (tests read them). */
export function renderEvidencePackPdf(
  pack: EvidencePack,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    compress: options.compress ?? true,
    info: { Title: 'Information governance evidence pack', Author: 'Accord' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  body(doc, pack);
  doc.end();
  return done;
}
