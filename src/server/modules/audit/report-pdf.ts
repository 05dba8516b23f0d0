/**
 * A person's access report as an A4 PDF, to hand over for a subject access request. Helvetica is
 * built into every PDF reader, so no font file ships with Accord; it covers Western European text.
 */
import PDFDocument from 'pdfkit';
import type { AccessReport } from '../../../contracts/audit-export.ts';

type Doc = typeof PDFDocument;

interface Column<T> {
  header: string;
  width: number;
  cell: (row: T) => string;
}

const MARGIN = 50;
const PAD = 4;
const BODY = 8.5;
const INK = '#212b32';
const MUTED = '#4c6272';
const RULE = '#d8dde0';
const BAND = '#f0f4f5';

const ukTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const ukDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const when = (iso: string): string => ukTime.format(new Date(iso));
const logRef = (leaf: number | null): string => (leaf === null ? 'pending' : `#${leaf}`);
const nhsNumber = (n: string): string =>
  n.length === 10 ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : n;

function period(report: AccessReport): string {
  const { from, to } = report.period;
  const start = from ? ukDate.format(new Date(from)) : 'the start of your record in Accord';
  const end = to ? ukDate.format(new Date(to)) : ukDate.format(new Date(report.generatedAt));
  return `From ${start} to ${end}`;
}

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(INK).text(text, MARGIN);
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string, options: { size?: number; color?: string } = {}): void {
  doc
    .font('Helvetica')
    .fontSize(options.size ?? 10)
    .fillColor(options.color ?? INK)
    .text(text, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN, lineGap: 1.5 });
  doc.moveDown(0.4);
}

function rowHeight<T>(doc: Doc, columns: readonly Column<T>[], cells: readonly string[]): number {
  let height = 0;
  columns.forEach((c, i) => {
    height = Math.max(height, doc.heightOfString(cells[i] ?? '', { width: c.width - 2 * PAD }));
  });
  return height + 2 * PAD;
}

function drawRow<T>(
  doc: Doc,
  columns: readonly Column<T>[],
  cells: readonly string[],
  header: boolean,
): void {
  doc.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(BODY);
  const height = rowHeight(doc, columns, cells);
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    if (!header)
      drawRow(
        doc,
        columns,
        columns.map((c) => c.header),
        true,
      );
    doc.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(BODY);
  }
  const top = doc.y;
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  if (header) doc.rect(MARGIN, top, width, height).fill(BAND);
  let x = MARGIN;
  columns.forEach((c, i) => {
    doc.fillColor(INK).text(cells[i] ?? '', x + PAD, top + PAD, { width: c.width - 2 * PAD });
    x += c.width;
  });
  doc
    .moveTo(MARGIN, top + height)
    .lineTo(MARGIN + width, top + height)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc.x = MARGIN;
  doc.y = top + height;
}

/** Draws a table whose header repeats on every page it runs onto. */
function table<T>(doc: Doc, columns: readonly Column<T>[], rows: readonly T[], empty: string): void {
  if (rows.length === 0) {
    paragraph(doc, empty, { color: MUTED });
    return;
  }
  drawRow(
    doc,
    columns,
    columns.map((c) => c.header),
    true,
  );
  for (const row of rows)
    drawRow(
      doc,
      columns,
      columns.map((c) => c.cell(row)),
      false,
    );
  doc.moveDown(0.5);
}

const who = (s: { role: string; organisation: string }): string => `${s.role}, ${s.organisation}`;

function accessesTable(doc: Doc, report: AccessReport): void {
  table(
    doc,
    [
      { header: 'When', width: 62, cell: (a) => when(a.at) },
      { header: 'Who (role and organisation)', width: 105, cell: (a) => who(a.staff) },
      {
        header: 'What they did',
        width: 140,
        cell: (a) =>
          a.categories.length > 0 ? `${a.description}: ${a.categories.join(', ')}` : a.description,
      },
      {
        header: 'Why, and on what basis',
        width: 140,
        cell: (a) => [a.purpose, a.basis.summary].filter(Boolean).join('. '),
      },
      { header: 'Log ref.', width: 48, cell: (a) => logRef(a.leafIndex) },
    ],
    report.accesses,
    'Nobody accessed your record in this period.',
  );
}

function disclosuresTable(doc: Doc, report: AccessReport): void {
  table(
    doc,
    [
      { header: 'When', width: 62, cell: (d) => when(d.at) },
      { header: 'Shared by', width: 82, cell: (d) => d.from },
      { header: 'Shared with', width: 100, cell: (d) => `${d.to} (${d.staff.role})` },
      {
        header: 'What and why',
        width: 92,
        cell: (d) => [d.categories.join(', '), d.purpose].filter(Boolean).join('. '),
      },
      { header: 'On what basis', width: 119, cell: (d) => d.basis.summary },
      { header: 'Log ref.', width: 40, cell: (d) => logRef(d.leafIndex) },
    ],
    report.disclosures,
    'No information was shared between organisations in this period.',
  );
}

function refusalsTable(doc: Doc, report: AccessReport): void {
  if (report.refused.length > 0)
    paragraph(
      doc,
      'Accord refuses a request when the rules for sharing do not allow it. This includes parts of your ' +
        'record held back from someone who was allowed to see other parts.',
    );
  table(
    doc,
    [
      { header: 'Who asked', width: 150, cell: (r) => who(r.staff) },
      { header: 'Times', width: 40, cell: (r) => String(r.count) },
      {
        header: 'When',
        width: 110,
        cell: (r) => (r.count === 1 ? when(r.firstAt) : `${when(r.firstAt)} to ${when(r.lastAt)}`),
      },
      { header: 'Why it was refused', width: 195, cell: (r) => r.reasons.join('; ') },
    ],
    report.refused,
    'No requests for your record were refused in this period.',
  );
}

function verification(doc: Doc, report: AccessReport): void {
  // The explanation and the head's fields are read together, so the section starts a page if it must.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 240) doc.addPage();
  heading(doc, 'How this report can be checked');
  paragraph(
    doc,
    'Accord keeps its record of who accessed what in a tamper-evident log: every entry is sealed into a ' +
      'chain of cryptographic hashes, and the log regularly signs a summary of itself (a "signed tree head"). ' +
      'The "Log ref." of each row above is the entry\'s position in that log. Anyone holding the signed tree ' +
      'head below can ask Accord to prove that an entry is in the log and that the log has not been rewritten since.',
  );
  const head = report.treeHead;
  if (!head) {
    paragraph(doc, 'No signed tree head had been issued yet when this report was produced.', {
      color: MUTED,
    });
    return;
  }
  const lines = [
    `Entries in the log when signed: ${head.treeSize}`,
    `Signed at: ${when(head.timestamp)} (${head.timestamp})`,
    `Root hash (SHA-256): ${head.rootHash}`,
    `Signing key id: ${head.keyId}`,
    `Signature (Ed25519): ${head.signature}`,
    `This signed tree head covers ${report.coveredByTreeHead} of the ${report.entries} log entries this report was built from.` +
      (report.coveredByTreeHead < report.entries
        ? ' The others were recorded moments before the report was produced and are covered by the next signed head.'
        : ''),
  ];
  for (const line of lines) paragraph(doc, line, { size: 8.5 });
}

function footers(doc: Doc, report: AccessReport): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        `Generated ${when(report.generatedAt)} by Accord  |  Page ${i + 1 - range.start} of ${range.count}`,
        MARGIN,
        doc.page.height - 36,
        { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
}

/** Who to contact: the data protection officer of each organisation named, the answering one first. */
function contacts(doc: Doc, report: AccessReport): void {
  heading(doc, 'Who to contact');
  paragraph(
    doc,
    'If anything in this report worries you, or you think someone accessed your record who should not have, ' +
      'tell your care coordinator or contact a data protection officer:',
  );
  for (const c of report.dataProtectionOfficers) {
    const title = c.jobTitle ? ` (${c.jobTitle})` : '';
    paragraph(
      doc,
      `${c.organisation}: data protection officer${title}, ${c.email ?? 'ask the organisation for them by this title'}`,
    );
  }
  if (report.dataProtectionOfficers.length === 0)
    paragraph(doc, 'Ask any organisation named in this report for its data protection officer.');
}

/** Renders the report; resolves with the PDF bytes. */
export function renderAccessReportPdf(
  report: AccessReport,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 56, left: MARGIN, right: MARGIN },
    bufferPages: true,
    compress: options.compress ?? true,
    info: {
      Title: 'Who has accessed your record',
      Author: 'Accord',
      Subject: 'Access and disclosure report',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text('Who has accessed your record', MARGIN);
  doc.moveDown(0.4);
  paragraph(doc, `${report.person.name}   NHS number ${nhsNumber(report.person.nhsNumber)}`, { size: 11 });
  paragraph(doc, period(report), { size: 10, color: MUTED });
  heading(doc, 'What this report shows');
  paragraph(
    doc,
    'The organisations supporting you share a system called Accord. Every time someone looks at, adds to or ' +
      'shares information in your record, Accord writes it down. This report lists, for the period above: who ' +
      'accessed your record, what information one organisation shared with another, why and on what basis, and ' +
      'any requests to see your record that were refused. Staff are shown by their role and organisation.',
  );
  paragraph(
    doc,
    `In this period: ${report.accesses.length} visits to your record, ${report.disclosures.length} times information was ` +
      `shared between organisations, ${report.refused.reduce((n, r) => n + r.count, 0)} refused requests.`,
  );
  heading(doc, 'Who accessed your record');
  accessesTable(doc, report);
  heading(doc, 'Information shared between organisations');
  disclosuresTable(doc, report);
  heading(doc, 'Requests that were refused');
  refusalsTable(doc, report);
  verification(doc, report);
  contacts(doc, report);
  footers(doc, report);
  doc.end();
  return done;
}
