import type { HandoverDto, TemplateKey } from '../../../contracts/exchange.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import {
  agreementInForce,
  findPersonByNhsNumber,
  type PersonAccessQuestion,
  partnershipPolicy,
  writePerson,
} from '../access/index.ts';
import { findHeaders } from '../people/index.ts';
import { loadSharingFacts } from '../people/sharing-facts.ts';
import type { HandoverFieldRow, HandoverRow } from './exchange.tables.ts';
import { missingRequired, unknownFields } from './exchange.ts';
import { HANDOVER_ROLES, requireRole } from './exchange-access.ts';
import { presentField } from './handover.presenter.ts';
import {
  DocumentError,
  type FhirJson,
  type HandoverDocumentInput,
  handoverBundle,
  parseHandoverBundle,
} from './handover-fhir.ts';
import { renderHandoverPdf } from './handover-pdf.ts';
import { forReader, getHandover, openHandover } from './handover-read.service.ts';
import { findHandoverFields, insertHandover } from './handovers.repository.ts';
import { findOrganisation, findOrganisationNames } from './recipients.repository.ts';
import { findCurrentTemplate } from './templates.repository.ts';

/** Gathers the recipient's copy of a handover the caller is party to, and records the export. */
async function exportInput(
  ctx: ServiceContext,
  id: string,
  format: 'fhir' | 'pdf',
): Promise<HandoverDocumentInput> {
  const db = ctx.database.db;
  // A party to the handover names its subject by a header read, under their standing to see people.
  const { h, list } = await openHandover(ctx, id, 'handover.export');
  const [stored, [person], names, template, policy] = await Promise.all([
    findHandoverFields(list, id),
    findHeaders(list, [h.person_id]),
    findOrganisationNames(db, [h.sender_org_id, h.recipient_org_id]),
    findCurrentTemplate(db, h.template_key),
    partnershipPolicy(db),
  ]);
  // What leaves in the export is at most what this reader may see of the copy.
  const fields = forReader(ctx, h, stored, policy.tiers);
  if (!person) throw new NotFoundError('Handover');
  const disclosed: string[] = [...new Set(fields.filter((f) => f.disclosed === 1).map((f) => f.category))];
  await ctx.audit.append(
    [
      {
        action: 'handover.export',
        outcome: 'permit',
        actor: auditActor(ctx),
        personId: h.person_id,
        categories: disclosed,
        purpose: h.purpose,
        ownerOrganisationId: h.sender_org_id,
        recipientOrganisationId: h.recipient_org_id,
        target: { type: 'handover', id },
        details: { format, route: h.route },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return {
    handoverId: h.id,
    template: h.template_key as TemplateKey,
    templateName: template?.name ?? h.template_key,
    sentAt: h.sent_at,
    person: {
      id: person.id,
      nhsNumber: person.nhsNumber,
      givenName: person.givenName,
      familyName: person.familyName,
      dateOfBirth: person.dateOfBirth,
    },
    sender: { id: h.sender_org_id, name: names.get(h.sender_org_id) ?? 'Unknown organisation' },
    recipient: { id: h.recipient_org_id, name: names.get(h.recipient_org_id) ?? 'Unknown organisation' },
    fields: fields.map(presentField),
  };
}

/** The handover as a FHIR R4 document Bundle (recipient's copy only). */
export async function exportHandoverFhir(ctx: ServiceContext, id: string): Promise<FhirJson> {
  return handoverBundle(await exportInput(ctx, id, 'fhir'), ctx.now.toISOString());
}

/** The handover as a PDF (recipient's copy only). */
export async function exportHandoverPdf(ctx: ServiceContext, id: string): Promise<Buffer> {
  return renderHandoverPdf(await exportInput(ctx, id, 'pdf'));
}

/**
 * The categories of the document that no agreement in force covers from the sender to the
 * importer for direct care; every category when there is no such agreement at all.
 */
function uncoveredCategories(
  q: PersonAccessQuestion,
  sender: string,
  importer: string,
  categories: readonly string[],
  today: string,
): { anyAgreement: boolean; uncovered: string[] } {
  const grants = q.facts.agreements
    .filter((a) => agreementInForce(a, today))
    .flatMap((a) => a.grants)
    .filter(
      (g) =>
        g.fromOrganisationId === sender && g.toOrganisationId === importer && g.purpose === 'DIRECT_CARE',
    );
  const covered = new Set(grants.flatMap((g) => g.categories as readonly string[]));
  return { anyAgreement: grants.length > 0, uncovered: categories.filter((c) => !covered.has(c)) };
}

/**
 * Records a handover received as a FHIR document from a partner without Accord: an incoming
 * handover at the caller's own organisation, led by the caller, awaiting acknowledgement. The
 * document names its sender, so the sender is checked: a partner organisation other than the
 * caller's, with an agreement in force sharing every category the document holds with the
 * caller's organisation for direct care. Anything else is refused naming the part of the document.
 */
export async function importHandoverFhir(ctx: ServiceContext, bundle: unknown): Promise<HandoverDto> {
  requireRole(ctx, HANDOVER_ROLES, 'Your role does not receive handovers.');
  const db = ctx.database.db;
  let doc: ReturnType<typeof parseHandoverBundle>;
  try {
    doc = parseHandoverBundle(bundle);
  } catch (error) {
    if (error instanceof DocumentError)
      throw new ValidationError([{ field: error.path, message: error.message }]);
    throw error;
  }
  const template = await findCurrentTemplate(db, doc.template);
  if (!template)
    throw new ValidationError([
      { field: 'body.entry.0.resource.category', message: 'is not a known template' },
    ]);
  const unknown = unknownFields(template, doc.fields);
  if (unknown.length > 0)
    throw new ValidationError(
      unknown.map((k) => ({ field: `body.section.${k}`, message: 'is not a field of the template' })),
    );
  const importer = ctx.principal.organisationId;
  if (!(await findOrganisation(db, doc.senderOrganisationId)))
    throw new ValidationError([
      { field: 'body.entry.0.resource.author', message: 'is not an organisation in this partnership' },
    ]);
  if (doc.senderOrganisationId === importer)
    throw new ValidationError([
      {
        field: 'body.entry.0.resource.author',
        message: 'is your own organisation: import documents received from partners',
      },
    ]);
  const notKnown = new ValidationError([
    { field: 'body.entry.0.resource.subject', message: 'is not a person known to you' },
  ]);
  const personId = await findPersonByNhsNumber(ctx, doc.nhsNumber);
  if (!personId) throw notKnown;
  const id = crypto.randomUUID();
  const now = ctx.now.toISOString();
  const missing = missingRequired(template, doc.fields);
  const row: HandoverRow = {
    id,
    person_id: personId,
    template_key: template.key,
    template_version: template.version,
    sender_staff_id: ctx.principal.staffId,
    sender_org_id: doc.senderOrganisationId,
    recipient_org_id: importer,
    recipient_staff_id: ctx.principal.staffId,
    recipient_team_id: null,
    lead_staff_id: ctx.principal.staffId,
    purpose: 'DIRECT_CARE',
    route: 'MANUAL_TRANSFER',
    status: 'sent',
    information_missing: missing.length > 0 ? 1 : 0,
    missing_fields: JSON.stringify(missing),
    sent_at: now,
    due_at: new Date(ctx.now.getTime() + template.slaMinutes * 60_000).toISOString(),
    sla_minutes: template.slaMinutes,
    acknowledged_at: null,
    acknowledged_by: null,
    acknowledgement_note: null,
    escalation_tier: 0,
    source: 'import',
  };
  const fields = template.fields.map(
    (f, position): HandoverFieldRow => ({
      handover_id: id,
      position,
      key: f.key,
      label: f.label,
      category: f.category,
      value: doc.fields[f.key] ?? null,
      disclosed: 1,
      withheld_reasons: '[]',
      owner_org_id: doc.senderOrganisationId,
      source_entry_id: null,
    }),
  );
  const held = fields.filter((f) => f.value !== null);
  await writePerson(
    ctx,
    personId,
    { purpose: 'DIRECT_CARE', extraFacts: loadSharingFacts },
    async (write) => {
      const { anyAgreement, uncovered } = uncoveredCategories(
        write.question,
        doc.senderOrganisationId,
        importer,
        [...new Set(held.map((f) => f.category))],
        todayOf(ctx),
      );
      if (!anyAgreement)
        throw new ValidationError([
          {
            field: 'body.entry.0.resource.author',
            message: 'has no data sharing agreement in force with your organisation for direct care',
          },
        ]);
      if (uncovered.length > 0)
        throw new ValidationError(
          held
            .filter((f) => uncovered.includes(f.category))
            .map((f) => ({
              field: `body.section.${f.key}`,
              message: 'is in a category the agreement with the sender does not cover',
            })),
        );
      await insertHandover(write, row, fields);
      await auditChange(
        ctx,
        write.tx,
        'handover.import',
        { type: 'handover', id },
        {
          personId,
          ownerOrganisationId: doc.senderOrganisationId,
          recipientOrganisationId: importer,
          categories: [...new Set(held.map((f) => f.category))],
          details: { template: template.key, documentDate: doc.sentAt },
        },
      );
    },
  ).catch((error: unknown) => {
    throw error instanceof NotFoundError ? notKnown : error;
  });
  return getHandover(ctx, id, { audit: false });
}
