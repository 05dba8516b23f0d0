import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { ACTION_OPTIONS } from '../../lib/audit-actions.ts';
import { searchHref } from '../../lib/search-params.ts';
import { addDays, londonDayStart } from '../../lib/time.ts';
import { useOrganisationOptions } from '../directory/organisation-options.ts';
import type { AuditFilter } from './audit-api.ts';
import { StaffFilter } from './staff-filter.tsx';

/** The explorer's filters as they sit in the URL (dates as YYYY-MM-DD, UK days). */
export interface AuditFilterParams {
  personId: string;
  actorId: string;
  organisationId: string;
  action: string;
  from: string;
  to: string;
}

const KEYS = ['personId', 'actorId', 'organisationId', 'action', 'from', 'to'] as const;

/** Reads the filters from the URL. */
export function filterParamsOf(params: URLSearchParams): AuditFilterParams {
  const out: AuditFilterParams = {
    personId: '',
    actorId: '',
    organisationId: '',
    action: '',
    from: '',
    to: '',
  };
  for (const key of KEYS) out[key] = params.get(key) ?? '';
  return out;
}

/** The filters as the API takes them: `from` starts its UK day, `to` includes its whole UK day. */
export function apiFilterOf(p: AuditFilterParams): AuditFilter {
  return {
    personId: p.personId || undefined,
    actorId: p.actorId || undefined,
    organisationId: p.organisationId || undefined,
    action: p.action || undefined,
    from: p.from ? (londonDayStart(p.from) ?? undefined) : undefined,
    to: p.to ? (londonDayStart(addDays(p.to, 1)) ?? undefined) : undefined,
  };
}

/**
 * The explorer's filter form, by name: a staff member found by name, an organisation and an action
 * in words. The person filter comes from following a person's name in the log. Applying puts the
 * filters in the URL, so a filtered view can be shared.
 */
export function AuditFilters({
  initial,
  personName,
}: {
  initial: AuditFilterParams;
  personName: string | null;
}) {
  const navigate = useNavigate();
  const organisations = useOrganisationOptions();
  const [values, setValues] = useState(initial);
  const set = (key: keyof AuditFilterParams) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(searchHref({ ...values }));
  };
  return (
    <search>
      <form className="accord-filter accord-filter--grid" onSubmit={apply} noValidate>
        {values.personId ? (
          <p className="nhsuk-body-s accord-filter__wide" data-testid="person-filter">
            Entries about <strong>{personName ?? 'the chosen person'}</strong>{' '}
            <button className="accord-link-button" type="button" onClick={() => set('personId')('')}>
              Remove<span className="nhsuk-u-visually-hidden"> the person filter</span>
            </button>
          </p>
        ) : null}
        <StaffFilter value={values.actorId} onChange={set('actorId')} />
        <Select
          id="audit-organisationId"
          label="Organisation"
          value={values.organisationId}
          onChange={set('organisationId')}
          placeholder="All organisations"
          options={organisations.options}
        />
        <Select
          id="audit-action"
          label="What was done"
          value={values.action}
          onChange={set('action')}
          placeholder="Anything"
          options={ACTION_OPTIONS}
        />
        <TextInput
          id="audit-from"
          label="From"
          type="date"
          value={values.from}
          onChange={set('from')}
          width={10}
        />
        <TextInput id="audit-to" label="To" type="date" value={values.to} onChange={set('to')} width={10} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Filter
        </button>
      </form>
    </search>
  );
}
