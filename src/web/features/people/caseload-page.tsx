import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { pageParam, searchHref } from '../../lib/search-params.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { CaseloadTable } from './caseload-table.tsx';
import { CASELOAD_PAGE_SIZE, type CaseloadFilters, useCaseload } from './people-api.ts';

const SHOW_OPTIONS = [
  { value: '', label: 'Everyone' },
  { value: 'named', label: 'People you are named on' },
  { value: 'team', label: 'Your team’s other people' },
];
const CONSENT_OPTIONS = [
  { value: '', label: 'Any' },
  { value: 'given', label: 'Consent given' },
  { value: 'refused', label: 'Consent refused' },
  { value: 'withdrawn', label: 'Consent withdrawn' },
  { value: 'none', label: 'No consent recorded' },
];
const REVIEW_OPTIONS = [
  { value: '', label: 'Any' },
  { value: 'due', label: 'Review due now' },
  { value: 'soon', label: 'Review due within 30 days' },
];

function filtersOf(params: URLSearchParams): CaseloadFilters {
  return {
    q: params.get('q') ?? '',
    show: params.get('show') ?? '',
    consent: params.get('consent') ?? '',
    review: params.get('review') ?? '',
  };
}

function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={props.id}>
        {props.label}
      </label>
      <select
        className="nhsuk-select"
        id={props.id}
        name={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The people the caller is actively involved with: those they are named on first, then their
 * team's, each with consent at a glance; searchable and filtered by involvement, consent and review.
 */
export function CaseloadPage() {
  const [params] = useSearchParams();
  const filters = filtersOf(params);
  const page = pageParam(params);
  const caseload = useCaseload(filters, page);
  const navigate = useNavigate();
  const [draft, setDraft] = useState(filters);
  const filtered = Boolean(filters.q || filters.show || filters.consent || filters.review);
  usePageTitle(filters.q ? `Caseload search: ${filters.q}` : 'Your caseload');

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(searchHref({ ...draft, q: draft.q.trim() }));
  };
  const set = (key: keyof CaseloadFilters) => (value: string) => setDraft({ ...draft, [key]: value });
  const named = caseload.data?.items.filter((p) => p.namedOnCareTeam) ?? [];
  const team = caseload.data?.items.filter((p) => !p.namedOnCareTeam) ?? [];

  return (
    <>
      <h1>Your caseload</h1>
      <p>People whose care you are part of now: those you are named on first, then your team’s.</p>
      <search>
        <form
          className="accord-search"
          onSubmit={apply}
          noValidate
          aria-label="Search and filter your caseload"
        >
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="caseload-q">
              Search by name or NHS number
            </label>
            <input
              className="nhsuk-input nhsuk-input--width-20"
              id="caseload-q"
              name="q"
              type="search"
              value={draft.q}
              onChange={(e) => set('q')(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <div className="accord-filter">
            <FilterSelect
              id="caseload-show"
              label="Show"
              value={draft.show}
              options={SHOW_OPTIONS}
              onChange={set('show')}
            />
            <FilterSelect
              id="caseload-consent"
              label="Consent"
              value={draft.consent}
              options={CONSENT_OPTIONS}
              onChange={set('consent')}
            />
            <FilterSelect
              id="caseload-review"
              label="Consent review"
              value={draft.review}
              options={REVIEW_OPTIONS}
              onChange={set('review')}
            />
          </div>
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Search
          </button>
        </form>
      </search>
      {caseload.isPending ? <Loading what="Loading your caseload" /> : null}
      {caseload.isError ? <QueryError error={caseload.error} /> : null}
      {caseload.data ? (
        <>
          {named.length > 0 ? (
            <>
              <h2>People you are named on</h2>
              <CaseloadTable items={named} caption="People you are named on" named />
            </>
          ) : null}
          {team.length > 0 ? (
            <>
              <h2>Your team’s people</h2>
              <CaseloadTable items={team} caption="Your team’s people" named={false} />
            </>
          ) : null}
          {caseload.data.items.length === 0 ? (
            <p>
              {filtered
                ? 'No one on your caseload matches your search.'
                : 'There is no one on your caseload.'}
            </p>
          ) : null}
          <Pagination
            page={page}
            pageSize={CASELOAD_PAGE_SIZE}
            total={caseload.data.total}
            totalExact={caseload.data.totalExact}
            hasMore={caseload.data.hasMore}
            noun="people"
            hrefFor={(p) => searchHref({ ...filters, page: p })}
          />
        </>
      ) : null}
    </>
  );
}
