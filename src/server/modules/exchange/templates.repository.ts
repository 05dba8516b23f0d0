import type { TemplateField } from '../../../contracts/exchange.ts';
import type { Db } from '../../db/database.ts';
import type { HandoverTemplateRow } from './exchange.tables.ts';
import type { Template } from './exchange.ts';

function toTemplate(row: HandoverTemplateRow): Template {
  return {
    key: row.key,
    version: row.version,
    name: row.name,
    slaMinutes: row.sla_minutes,
    fields: JSON.parse(row.fields) as TemplateField[],
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** The current version of every template, by key. */
export async function findCurrentTemplates(db: Db): Promise<Template[]> {
  const rows = await db
    .selectFrom('handover_templates')
    .selectAll()
    .where('current', '=', 1)
    .orderBy('key')
    .execute();
  return rows.map(toTemplate);
}

/** The current version of one template; undefined when the key is unknown. */
export async function findCurrentTemplate(db: Db, key: string): Promise<Template | undefined> {
  const row = await db
    .selectFrom('handover_templates')
    .selectAll()
    .where('key', '=', key)
    .where('current', '=', 1)
    .executeTakeFirst();
  return row ? toTemplate(row) : undefined;
}

/** One version of a template. */
export async function findTemplateVersion(
  db: Db,
  key: string,
  version: number,
): Promise<Template | undefined> {
  const row = await db
    .selectFrom('handover_templates')
    .selectAll()
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? toTemplate(row) : undefined;
}

/**
 * Appends a version, retiring the one it was edited from. The retirement is conditional on that
 * version still being current, so two editors starting from the same version cannot both win.
 */
export async function appendTemplateVersion(
  tx: Db,
  from: Template,
  next: { name: string; slaMinutes: number; fields: readonly TemplateField[] },
  by: string,
  at: string,
): Promise<boolean> {
  const retired = await tx
    .updateTable('handover_templates')
    .set({ current: 0 })
    .where('key', '=', from.key)
    .where('version', '=', from.version)
    .where('current', '=', 1)
    .executeTakeFirst();
  if (Number(retired.numUpdatedRows) !== 1) return false;
  await tx
    .insertInto('handover_templates')
    .values({
      key: from.key,
      version: from.version + 1,
      name: next.name,
      sla_minutes: next.slaMinutes,
      fields: JSON.stringify(next.fields),
      created_at: at,
      created_by: by,
      current: 1,
    })
    .execute();
  return true;
}
