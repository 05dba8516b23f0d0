/** Minimum-dataset templates: read by anyone signed in, edited by IG leads and service managers. */
import type { TemplateDto, TemplateKey, TemplateUpdateInput } from '../../../contracts/exchange.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import type { Template } from './exchange.ts';
import { requireRole, TEMPLATE_EDITOR_ROLES } from './exchange-access.ts';
import { appendTemplateVersion, findCurrentTemplate, findCurrentTemplates } from './templates.repository.ts';

/** A template as the wire shows it. */
export function presentTemplate(t: Template): TemplateDto {
  return {
    key: t.key as TemplateKey,
    version: t.version,
    name: t.name,
    slaMinutes: t.slaMinutes,
    fields: [...t.fields],
    updatedAt: t.createdAt,
    updatedBy: t.createdBy,
  };
}

/** The current version of every template. */
export async function listTemplates(ctx: ServiceContext): Promise<TemplateDto[]> {
  return (await findCurrentTemplates(ctx.database.db)).map(presentTemplate);
}

/** The current version of one template. */
export async function getTemplate(ctx: ServiceContext, key: TemplateKey): Promise<TemplateDto> {
  const t = await findCurrentTemplate(ctx.database.db, key);
  if (!t) throw new NotFoundError('Template');
  return presentTemplate(t);
}

/** Publishes a new version of a template; 409 when someone else published since `input.version`. */
export async function updateTemplate(
  ctx: ServiceContext,
  key: TemplateKey,
  input: TemplateUpdateInput,
): Promise<TemplateDto> {
  requireRole(ctx, TEMPLATE_EDITOR_ROLES, 'Only IG leads and service managers edit templates.');
  const stale = () =>
    new ConflictError('This template has changed since you opened it.', [
      { field: 'body.version', message: 'is not the current version' },
    ]);
  await ctx.database.db.transaction().execute(async (tx) => {
    const current = await findCurrentTemplate(tx, key);
    if (!current) throw new NotFoundError('Template');
    if (current.version !== input.version) throw stale();
    if (!(await appendTemplateVersion(tx, current, input, ctx.principal.staffId, ctx.now.toISOString())))
      throw stale();
    await auditChange(
      ctx,
      tx,
      'handover_template.update',
      { type: 'handover_template', id: key },
      {
        details: { version: current.version + 1, fields: input.fields.length, slaMinutes: input.slaMinutes },
      },
    );
  });
  return getTemplate(ctx, key);
}
