import { useState } from 'react';
import { Radios } from '../../components/choice-group.tsx';
import { FormGroup, HintAndError } from '../../components/field-parts.tsx';
import { useStaffList } from '../directory/directory-api.ts';

/**
 * Finds an active staff member by name and lets the user pick one. Search runs on a button press,
 * not on every key. The search box carries the field's id, so the error summary can focus it.
 */
export function StaffPicker({
  value,
  onChange,
  error,
  id = 'member-staffId',
  choiceLabel = 'Staff member',
  organisationId,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
  /** The search box's id, which the error summary links to. */
  id?: string;
  choiceLabel?: string;
  /** Only staff of this organisation (care teams are changed within one's own organisation). */
  organisationId?: string | undefined;
}) {
  const [term, setTerm] = useState('');
  const [q, setQ] = useState('');
  const staff = useStaffList({ q, organisationId, pageSize: 20 }, q !== '');
  const active = (staff.data?.items ?? []).filter((s) => s.active);
  const find = () => setQ(term.trim());
  return (
    <div className="accord-picker">
      <FormGroup error={error}>
        <label className="nhsuk-label" htmlFor={id}>
          Find a staff member by name
        </label>
        <HintAndError id={id} error={error} />
        <div className="accord-search__row">
          <input
            className={`nhsuk-input nhsuk-input--width-20${error ? ' nhsuk-input--error' : ''}`}
            id={id}
            type="search"
            value={term}
            onChange={(e) => setTerm(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                find();
              }
            }}
            aria-describedby={error ? `${id}-error` : undefined}
            autoComplete="off"
          />
          <button
            className="nhsuk-button nhsuk-button--secondary accord-search__button"
            type="button"
            onClick={find}
          >
            Find
          </button>
        </div>
      </FormGroup>
      {q && staff.isFetching ? <p role="status">Searching…</p> : null}
      {q && staff.data && !staff.isFetching && active.length === 0 ? (
        <p role="status">No active staff match “{q}”.</p>
      ) : null}
      {active.length > 0 ? (
        <Radios
          id={`${id}-choice`}
          label={choiceLabel}
          small
          value={value}
          onChange={onChange}
          options={active.map((s) => ({
            value: s.id,
            label: `${s.displayName}, ${s.jobTitle} (${s.organisationName})`,
          }))}
        />
      ) : null}
    </div>
  );
}
