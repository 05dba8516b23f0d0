import { useState } from 'react';
import { Radios } from '../../components/choice-group.tsx';
import { useStaffList } from '../directory/directory-api.ts';
import { useStaffMember } from './audit-api.ts';

/**
 * Filters the log by a staff member found by name (leavers included: they matter most in an audit).
 * The search runs on a button press; the chosen person's id goes into the URL, their name on screen.
 */
export function StaffFilter({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const [term, setTerm] = useState('');
  const [q, setQ] = useState('');
  const staff = useStaffList({ q, pageSize: 20 }, q !== '');
  const chosen = useStaffMember(value || null);
  const found = staff.data?.items ?? [];
  const find = () => setQ(term.trim());
  return (
    <div className="accord-picker accord-filter__wide">
      {value ? (
        <p className="nhsuk-body-s" data-testid="staff-filter-chosen">
          Staff member: <strong>{chosen.data?.displayName ?? 'the chosen staff member'}</strong>{' '}
          <button className="accord-link-button" type="button" onClick={() => onChange('')}>
            Remove<span className="nhsuk-u-visually-hidden"> the staff member filter</span>
          </button>
        </p>
      ) : null}
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="audit-staff-search">
          Find a staff member by name
        </label>
        <div className="accord-search__row">
          <input
            className="nhsuk-input nhsuk-input--width-20"
            id="audit-staff-search"
            type="search"
            value={term}
            onChange={(e) => setTerm(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                find();
              }
            }}
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
      </div>
      {q && staff.isFetching ? <p role="status">Searching…</p> : null}
      {q && staff.data && !staff.isFetching && found.length === 0 ? (
        <p role="status">No staff match “{q}”.</p>
      ) : null}
      {found.length > 0 ? (
        <Radios
          id="audit-actorId"
          label="Staff member"
          small
          value={value}
          onChange={onChange}
          options={found.map((s) => ({
            value: s.id,
            label: `${s.displayName}, ${s.jobTitle} (${s.organisationName})${s.active ? '' : ', account closed'}`,
          }))}
        />
      ) : null}
    </div>
  );
}
