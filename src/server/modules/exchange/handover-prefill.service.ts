/**
 * Prefilling a handover from the person's record: each template field takes the newest entry the
 * sender may see in the field's category, with the entry and its owning organisation, so that the
 * send decides that owner's sharing with the recipient. The sender edits the values freely.
 */
import type { Prefill, PrefillField, TemplateKey } from '../../../contracts/exchange.ts';
import { ValidationError } from '../../http/errors.ts';
import type { ServiceContext } from '../../service-context.ts';
import { openPerson } from '../access/index.ts';
import { findEntries } from '../people/index.ts';
import { presentSections, viewAuditEvents } from '../people/record-access.ts';
import { loadSharingFacts } from '../people/sharing-facts.ts';
import { HANDOVER_ROLES, requireRole } from './exchange-access.ts';
import { findCurrentTemplate } from './templates.repository.ts';

/** The values the record holds for a template's fields, as the sender may see them; the read is audited. */
export async function prefillHandover(
  ctx: ServiceContext,
  personId: string,
  templateKey: TemplateKey,
): Promise<Prefill> {
  requireRole(ctx, HANDOVER_ROLES, 'Your role does not send handovers.');
  const template = await findCurrentTemplate(ctx.database.db, templateKey);
  if (!template) throw new ValidationError([{ field: 'query.template', message: 'is not a known template' }]);
  const read = await openPerson(ctx, personId, { extraFacts: loadSharingFacts });
  const categories = new Set<string>(template.fields.map((f) => f.category));
  const { sections, decisions } = presentSections(read.question, await findEntries(read));
  const fields = template.fields.flatMap((f): PrefillField[] => {
    // Entries come newest first: the newest visible one in the category is the current picture.
    const entry = sections.find((s) => s.category === f.category)?.entries[0];
    if (!entry) return [];
    return [
      {
        key: f.key,
        value: entry.body,
        source: {
          entryId: entry.id,
          organisationId: entry.organisationId,
          organisationName: entry.organisationName,
          title: entry.title,
          recordedAt: entry.recordedAt,
        },
      },
    ];
  });
  // Only the categories the template names were read; each owner's is recorded with its basis.
  const events = viewAuditEvents(
    read.question,
    decisions.filter((d) => categories.has(d.category)),
  ).map((e) => ({ ...e, details: { ...(e.details ?? {}), handoverPrefill: template.key } }));
  await ctx.audit.append(events, ctx.now, ctx.requestId);
  return { fields };
}
