import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import type { PersonDetail } from '../../../contracts/people.ts';
import { flash } from '../../components/flash-banner.tsx';
import { formatTime, inMinutes, minutesUntil, useNow } from '../../lib/time.ts';
import { useEndBreakGlass } from './access-api.ts';

type Grant = NonNullable<PersonDetail['breakGlass']>;

/**
 * The live emergency-access banner on a person's pages: when access ends, what it opens, and a way to
 * end it now. When the time runs out the record is asked for again, and the server withholds it.
 */
export function BreakGlassBanner({ personId, grant }: { personId: string; grant: Grant }) {
  const now = useNow(15_000);
  const client = useQueryClient();
  const navigate = useNavigate();
  const end = useEndBreakGlass();
  const minutes = minutesUntil(grant.expiresAt, now);
  useEffect(() => {
    if (minutes === 0) void client.invalidateQueries({ queryKey: ['people', 'person', personId] });
  }, [minutes, client, personId]);

  const endNow = () =>
    end.mutate(grant.grantId, {
      onSuccess: () =>
        navigate('/emergency-access', flash('Emergency access ended. The record is closed to you again.')),
    });

  return (
    <section
      className="nhsuk-notification-banner accord-emergency"
      aria-labelledby="emergency-title"
      data-testid="break-glass-banner"
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id="emergency-title">
          Emergency access
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">
          {minutes > 0
            ? `Emergency access — expires at ${formatTime(grant.expiresAt)} (${inMinutes(minutes)})`
            : 'Emergency access has expired'}
        </p>
        <p>
          You can see this person’s crisis summary only
          {grant.categories.length > 0
            ? `: ${grant.categories.map((c) => DATA_CATEGORY_LABELS[c].toLowerCase()).join(', ')}`
            : ''}
          . Everything you open is recorded, and the information governance lead reviews every emergency
          access.
        </p>
        {end.isError ? (
          <p className="nhsuk-error-message" role="alert">
            Emergency access could not be ended: {end.error.message}
          </p>
        ) : null}
        <button
          className="nhsuk-button nhsuk-button--warning accord-emergency__end"
          type="button"
          onClick={endNow}
        >
          {end.isPending ? 'Ending…' : 'End emergency access'}
        </button>
      </div>
    </section>
  );
}
