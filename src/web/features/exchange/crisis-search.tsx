import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { CrisisMatch } from '../../../contracts/exchange.ts';
import { DateInput, type DateParts, isoOf } from '../../components/date-input.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { api } from '../../lib/api.ts';
import { ApiError } from '../../lib/api-error.ts';

/**
 * For a duty worker without the NHS number: find the person by name and date of birth (each
 * search is recorded), then pick the match to ask for emergency access with its NHS number.
 */
export function CrisisSearch({ onPick }: { onPick: (nhsNumber: string) => void }) {
  const [familyName, setFamilyName] = useState('');
  const [givenName, setGivenName] = useState('');
  const [birth, setBirth] = useState<DateParts>({ day: '', month: '', year: '' });
  const [error, setError] = useState<{ field: 'familyName' | 'dateOfBirth'; message: string } | null>(null);
  const search = useMutation({
    mutationFn: (q: Record<string, string>) => api.get<{ items: CrisisMatch[] }>('/crisis-line/people', q),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const dateOfBirth = isoOf(birth);
    if (familyName.trim() === '')
      return setError({ field: 'familyName', message: 'Enter their family name' });
    if (!dateOfBirth) return setError({ field: 'dateOfBirth', message: 'Enter a real date of birth' });
    setError(null);
    search.mutate({
      familyName: familyName.trim(),
      dateOfBirth,
      ...(givenName.trim() ? { givenName: givenName.trim() } : {}),
    });
  };
  return (
    <section aria-labelledby="crisis-search">
      <h2 id="crisis-search">Find someone by name and date of birth</h2>
      <p>When the caller cannot give the number. Each search is recorded.</p>
      <form onSubmit={submit} noValidate>
        <TextInput
          id="crisis-familyName"
          label="Family name"
          value={familyName}
          onChange={setFamilyName}
          error={error?.field === 'familyName' ? error.message : undefined}
          autoComplete="off"
        />
        <TextInput
          id="crisis-givenName"
          label="Given name (optional)"
          value={givenName}
          onChange={setGivenName}
          autoComplete="off"
        />
        <DateInput
          id="crisis-dateOfBirth"
          label="Date of birth"
          hint="For example, 15 3 1984"
          value={birth}
          onChange={setBirth}
          error={error?.field === 'dateOfBirth' ? error.message : undefined}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={search.isPending}>
          Search
        </button>
      </form>
      {search.isError ? (
        <p className="nhsuk-error-message" role="alert">
          {search.error instanceof ApiError ? search.error.detail : 'The search failed. Try again.'}
        </p>
      ) : null}
      {search.data ? (
        search.data.items.length === 0 ? (
          <p role="status">Nobody matches. Check the spelling and the date.</p>
        ) : (
          <ul className="nhsuk-list" aria-label="People matching the search">
            {search.data.items.map((m) => (
              <li key={m.nhsNumber}>
                {m.givenName} {m.familyName}, born {m.dateOfBirth}
                {m.postcode ? `, ${m.postcode}` : ''}{' '}
                <button
                  className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2"
                  type="button"
                  onClick={() => onPick(m.nhsNumber)}
                >
                  Use NHS number {m.nhsNumber}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
