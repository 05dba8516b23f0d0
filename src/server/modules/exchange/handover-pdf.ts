/**
 * A handover as a printable A4 PDF: the recipient's copy, one heading per field, withheld fields
 * saying so and why. Helvetica is built into every PDF reader, so no font file ships with Accord.
 */
import PDFDocument from 'pdfkit';
import type { HandoverDocumentInput } from './handover-fhir.ts';

const MARGIN = 50;
const INK = '#212b32';
const MUTED = '#4c6272';

const ukTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** Renders the handover document. */
export function renderHandoverPdf(
  input: HandoverDocumentInput,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 56, left: MARGIN, right: MARGIN },
    compress: options.compress ?? true,
    info: { Title: input.templateName, Author: 'Accord', Subject: 'Handover' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const line = (text: string, font: string, size: number, color = INK) => {
    doc.font(font).fontSize(size).fillColor(color).text(text, MARGIN, doc.y, { width, lineGap: 1.5 });
  };
  line(input.templateName, 'Helvetica-Bold', 20);
  doc.moveDown(0.3);
  const p = input.person;
  line(`${p.givenName} ${p.familyName}   NHS number ${p.nhsNumber}   Born ${p.dateOfBirth}`, 'Helvetica', 11);
  line(
    `From ${input.sender.name} to ${input.recipient.name}, sent ${ukTime.format(new Date(input.sentAt))}`,
    'Helvetica',
    10,
    MUTED,
  );
  for (const f of input.fields) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
    doc.moveDown(0.8);
    line(f.label, 'Helvetica-Bold', 12);
    doc.moveDown(0.2);
    if (f.withheld) {
      line(
        `Withheld (${f.withheld.categoryLabel}). ${f.withheld.reasons.map((r) => r.message).join(' ')}`,
        'Helvetica-Oblique',
        10,
        MUTED,
      );
    } else line(f.value ?? 'Not recorded.', 'Helvetica', 10, f.value ? INK : MUTED);
  }
  doc.end();
  return done;
}
