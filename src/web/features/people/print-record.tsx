import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PersonDetail, PersonPrint } from '../../../contracts/people.ts';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';

/** Records the printout in the audit log, then opens the browser's print dialogue. */
export function usePrintRecord(personId: string) {
  const [stamp, setStamp] = useState<PersonPrint | null>(null);
  const record = useMutation({
    mutationFn: () => api.post<PersonPrint>(`/people/${personId}/print`),
    onSuccess: setStamp,
  });
  // Print once the stamp is on the page, so the printout carries it.
  useEffect(() => {
    if (stamp) window.print();
  }, [stamp]);
  return { stamp, record };
}

/** The print button: nothing is printed unless the server recorded it first. */
export function PrintButton({ print }: { print: ReturnType<typeof usePrintRecord> }) {
  return (
    <div className="accord-no-print">
      <button
        className="nhsuk-button nhsuk-button--secondary"
        type="button"
        disabled={print.record.isPending}
        onClick={() => print.record.mutate()}
      >
        Print this record
      </button>
      {print.record.isError ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error: </span>
          The printout could not be recorded, so it was not printed. {print.record.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** Who printed the page and when, and how to handle the paper: shown only on the printout. */
export function PrintStamp({ person, stamp }: { person: PersonDetail; stamp: PersonPrint | null }) {
  if (!stamp) return null;
  return (
    <div className="accord-print-only accord-print-stamp" data-testid="print-stamp">
      <p className="accord-print-confidential">
        <strong>Confidential.</strong> Personal information about {person.givenName} {person.familyName}. Keep
        it secure, share it only with those who need it for this person’s care, and shred it when no longer
        needed.
      </p>
      <p>
        Printed by {stamp.printedBy} on {formatDateTime(stamp.printedAt)}. Audit reference {stamp.reference}.
      </p>
    </div>
  );
}
