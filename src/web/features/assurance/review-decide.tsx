import { useEffect, useRef, useState } from 'react';
import type { AccessReviewDetail, AccessReviewItem } from '../../../contracts/assurance.ts';
import { Tag } from '../../components/tag.tsx';
import { REVIEW_DECISION_LABELS } from '../../lib/governance-labels.ts';
import { formatTime, useNow } from '../../lib/time.ts';
import { useDecideReviewItem, useUndoRevocation } from './assurance-api.ts';
import { itemWords, revokeConsequence } from './review-item-words.ts';

/** Says what just happened, for everyone and for screen readers (a polite status). */
export type Announce = (message: string) => void;

function RevokeConfirm({
  item,
  onRevoke,
  onCancel,
  pending,
}: {
  item: AccessReviewItem;
  onRevoke: () => void;
  onCancel: () => void;
  pending: boolean;
}) {
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => question.current?.focus(), []);
  const words = itemWords(item);
  const id = `revoke-${item.id}`;
  return (
    <fieldset
      className="nhsuk-fieldset accord-revoke-confirm"
      aria-labelledby={`${id}-question`}
      aria-describedby={`${id}-what`}
    >
      <p className="nhsuk-body nhsuk-u-font-weight-bold" ref={question} tabIndex={-1} id={`${id}-question`}>
        Revoke {words}?
      </p>
      <p className="nhsuk-body-s" id={`${id}-what`}>
        {revokeConsequence(item)} You can undo it for 10 minutes.
      </p>
      <div className="accord-decide">
        <button
          className="nhsuk-button nhsuk-button--warning nhsuk-button--small"
          type="button"
          disabled={pending}
          onClick={onRevoke}
        >
          Yes, revoke<span className="nhsuk-u-visually-hidden"> {words}</span>
        </button>
        <button
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          type="button"
          onClick={onCancel}
        >
          Cancel<span className="nhsuk-u-visually-hidden"> revoking {words}</span>
        </button>
      </div>
    </fieldset>
  );
}

/** Confirm, or revoke after a confirmation; a revocation can be undone while its window lasts. */
export function Decide({
  review,
  item,
  announce,
}: {
  review: AccessReviewDetail;
  item: AccessReviewItem;
  announce: Announce;
}) {
  const decide = useDecideReviewItem(review.id);
  const undo = useUndoRevocation(review.id);
  const [confirming, setConfirming] = useState(false);
  const now = useNow();
  const pending = decide.isPending || undo.isPending;
  const words = itemWords(item);
  const error = decide.error ?? undo.error;
  const errorLine = error ? (
    <p className="nhsuk-error-message" role="alert">
      <span className="nhsuk-u-visually-hidden">Error: </span>
      {error.message}
    </p>
  ) : null;
  if (item.decision)
    return (
      <div className="accord-decide">
        <Tag colour={item.decision === 'CONFIRMED' ? 'green' : 'grey'}>
          {REVIEW_DECISION_LABELS[item.decision]}
        </Tag>
        {item.undoUntil && now.toISOString() <= item.undoUntil ? (
          <button
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            type="button"
            disabled={pending}
            onClick={() =>
              undo.mutate(item.id, {
                onSuccess: () => announce(`Revocation undone: ${words} is back as it was.`),
              })
            }
          >
            Undo<span className="nhsuk-u-visually-hidden"> revoking {words}</span>
            <span className="accord-block nhsuk-body-s">until {formatTime(item.undoUntil)}</span>
          </button>
        ) : null}
        {errorLine}
      </div>
    );
  if (!review.can.decide) return <span className="accord-muted">Waiting for the manager</span>;
  if (confirming)
    return (
      <>
        <RevokeConfirm
          item={item}
          pending={pending}
          onCancel={() => setConfirming(false)}
          onRevoke={() =>
            decide.mutate(
              { itemId: item.id, decision: 'REVOKED' },
              {
                onSuccess: () => {
                  setConfirming(false);
                  announce(`Revoked ${words}. You can undo this for 10 minutes.`);
                },
              },
            )
          }
        />
        {errorLine}
      </>
    );
  return (
    <div className="accord-decide">
      <button
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
        type="button"
        disabled={pending}
        onClick={() =>
          decide.mutate(
            { itemId: item.id, decision: 'CONFIRMED' },
            { onSuccess: () => announce(`Confirmed ${words}.`) },
          )
        }
      >
        Confirm<span className="nhsuk-u-visually-hidden"> {words}</span>
      </button>
      <button
        className="nhsuk-button nhsuk-button--warning nhsuk-button--small"
        type="button"
        disabled={pending}
        onClick={() => setConfirming(true)}
      >
        Revoke<span className="nhsuk-u-visually-hidden"> {words}</span>
      </button>
      {errorLine}
    </div>
  );
}
