/**
 * A staff member's guide to what they share and when, as a printable A4 PDF: the same words as the
 * page, with the fingerprint they acknowledge. It names organisations and contacts, no person.
 * Helvetica is built into every PDF reader, so no font file ships with Accord.
 */
import PDFDocument from 'pdfkit';
import type { SharingGuide } from '../../../contracts/sharing-guide.ts';

const MARGIN = 50;
const INK = '#212b32';
const MUTED = '#4c6272';

/** Renders the guide. */
export function renderGuidePdf(
  guide: SharingGuide,
  roleLabel: string,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 56, left: MARGIN, right: MARGIN },
    compress: options.compress ?? true,
    info: {
      Title: 'What we share and when',
      Author: 'Accord',
      Subject: `${guide.organisationName}: ${roleLabel}`,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const line = (text: string, font: string, size: number, color = INK) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
    doc.font(font).fontSize(size).fillColor(color).text(text, MARGIN, doc.y, { width, lineGap: 1.5 });
  };
  const heading = (text: string) => {
    doc.moveDown(0.8);
    line(text, 'Helvetica-Bold', 13);
    doc.moveDown(0.2);
  };
  const bullets = (items: readonly string[]) => {
    for (const item of items) line(`• ${item}`, 'Helvetica', 10);
  };
  line('What we share and when', 'Helvetica-Bold', 20);
  doc.moveDown(0.3);
  line(`${guide.organisationName}: ${roleLabel}`, 'Helvetica', 12);
  line(
    `Generated ${guide.generatedOn} from the agreements in force. Reference ${guide.fingerprint.slice(0, 12)}.`,
    'Helvetica',
    9,
    MUTED,
  );
  heading('What your role may see');
  line(guide.mayUse.map((c) => c.label).join(', ') || 'No person-level data.', 'Helvetica', 10);
  bullets(guide.restricted);
  heading('What you share, with whom and when');
  if (guide.partners.length === 0)
    line('No agreement in force lets your role share with a partner organisation.', 'Helvetica', 10);
  for (const p of guide.partners) {
    doc.moveDown(0.3);
    line(p.organisationName, 'Helvetica-Bold', 11);
    for (const l of p.lines) {
      line(
        l.direction === 'send'
          ? `You may share ${l.categoryWords} with ${p.organisationName} for ${l.purposeWords}.`
          : `${p.organisationName} may share ${l.categoryWords} with you for ${l.purposeWords}.`,
        'Helvetica',
        10,
      );
      line(
        `Agreement ${l.agreementReference}: ${l.agreementTitle}. Legal basis: ${l.legalBasis.join('; ')}.`,
        'Helvetica',
        9,
        MUTED,
      );
      line(l.consent, 'Helvetica', 9, MUTED);
    }
  }
  heading('When consent is needed');
  bullets(guide.consentRules);
  heading('What lawful exceptions allow');
  bullets(guide.lawfulExceptions);
  heading('Situations');
  for (const s of guide.scenarios) {
    line(s.label, 'Helvetica-Bold', 11);
    line(
      s.body || 'Your IG lead has not written guidance for this situation yet: ask them.',
      'Helvetica',
      10,
    );
    doc.moveDown(0.3);
  }
  heading('Who to ask');
  bullets(
    guide.contacts.length > 0
      ? guide.contacts.map((c) => `${c.role}: ${c.name}`)
      : ['Ask your service manager who your IG lead is.'],
  );
  doc.end();
  return done;
}
