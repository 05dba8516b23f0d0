import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { searchHref } from '../../lib/search-params.ts';
import { addDays, londonDayStart } from '../../lib/time.ts';
import { useOrganisationOptions } from '../directory/organisation-options.ts';
import type { AuditFilter } from './audit-api.ts';

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
const COMMON_ACTIONS = [
  'record.view',
  'record.access.deny',
  'record.disclose',
  'person.access.deny',
  'break_glass.grant',
  'break_glass.end',
  'entry.create',
  'entry.amend',
  'consent.capture',
  'access.policy.update',
  'auth.sign_in',
];

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

/** The explorer's filter form; applying it puts the filters in the URL, so a filtered view can be shared. */
export function AuditFilters({ initial }: { initial: AuditFilterParams }) {
  const navigate = useNavigate();
  const organisations = useOrganisationOptions();
  const [values, setValues] = useState(initial);
  const set = (key: keyof AuditFilterParams) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(
      searchHref({
        ...values,
        personId: values.personId.trim(),
        actorId: values.actorId.trim(),
        action: values.action.trim(),
      }),
    );
  };
  return (
    <search>
      <form className="accord-filter accord-filter--grid" onSubmit={apply} noValidate>
        <TextInput
          id="audit-personId"
          label="Person id"
          value={values.personId}
          onChange={set('personId')}
          width={20}
          spellCheck={false}
          autoComplete="off"
        />
        <TextInput
          id="audit-actorId"
          label="Staff id"
          value={values.actorId}
          onChange={set('actorId')}
          width={20}
          spellCheck={false}
          autoComplete="off"
        />
        <Select
          id="audit-organisationId"
          label="Organisation"
          value={values.organisationId}
          onChange={set('organisationId')}
          placeholder="All organisations"
          options={organisations.options}
        />
        <TextInput
          id="audit-action"
          label="Action code"
          value={values.action}
          onChange={set('action')}
          width={20}
          list="audit-actions"
          spellCheck={false}
          autoComplete="off"
        />
        <datalist id="audit-actions">
          {COMMON_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
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
