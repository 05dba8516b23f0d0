import type { CareTeamMember } from '../../../contracts/people.ts';
import { DateInput, type DateParts, isoOf } from '../../components/date-input.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { fieldId } from './form-support.ts';

/** One protective action as typed. */
export interface ActionDraft {
  description: string;
  ownerStaffId: string;
  due: DateParts;
}

export const EMPTY_ACTION: ActionDraft = {
  description: '',
  ownerStaffId: '',
  due: { day: '', month: '', year: '' },
};

/** The actions to send: rows left wholly empty are dropped; the rest go as typed for the server to check. */
export function actionsOf(rows: readonly ActionDraft[]) {
  return rows
    .filter((r) => r.description.trim() || r.ownerStaffId || r.due.day || r.due.month || r.due.year)
    .map((r) => ({ description: r.description, ownerStaffId: r.ownerStaffId, dueDate: isoOf(r.due) ?? '' }));
}

/** Protective action rows with an owner from the person's care team and a due date. */
export function ActionRows({
  prefix,
  path,
  rows,
  onChange,
  careTeam,
  errors,
}: {
  prefix: string;
  path: string;
  rows: readonly ActionDraft[];
  onChange: (rows: ActionDraft[]) => void;
  careTeam: readonly CareTeamMember[];
  errors: Record<string, string>;
}) {
  const owners = careTeam.filter((m) => m.current && m.staffId);
  const set = (i: number, change: Partial<ActionDraft>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <>
      {rows.map((row, i) => {
        const at = `${path}.${i}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until sent
          <fieldset className="nhsuk-fieldset accord-action-row" key={i}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Action {i + 1}</legend>
            <TextInput
              id={fieldId(prefix, `${at}.description`)}
              label="What is to be done"
              value={row.description}
              error={errors[`${at}.description`]}
              onChange={(v) => set(i, { description: v })}
            />
            <Select
              id={fieldId(prefix, `${at}.ownerStaffId`)}
              label="Owner"
              value={row.ownerStaffId}
              error={errors[`${at}.ownerStaffId`]}
              onChange={(v) => set(i, { ownerStaffId: v })}
              placeholder="Choose who owns it"
              options={owners.map((m) => ({
                value: m.staffId ?? '',
                label: `${m.staffName ?? ''}, ${m.organisationName}`,
              }))}
            />
            <DateInput
              id={fieldId(prefix, `${at}.dueDate`)}
              label="Due by"
              value={row.due}
              error={errors[`${at}.dueDate`]}
              onChange={(v) => set(i, { due: v })}
            />
          </fieldset>
        );
      })}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        onClick={() => onChange([...rows, EMPTY_ACTION])}
      >
        Add another action
      </button>
    </>
  );
}
