import { useLocation } from 'react-router';

/** Navigation state that carries a one-off success message to the next page. */
export interface FlashState {
  flash?: string;
}

/** Builds the navigation state for a success message. */
export function flash(message: string): { state: FlashState } {
  return { state: { flash: message } };
}

/** The NHS.UK success notification banner, for a message handed over by the previous page. */
export function FlashBanner() {
  const location = useLocation();
  const message = (location.state as FlashState | null)?.flash;
  if (!message) return null;
  return (
    <div
      className="nhsuk-notification-banner nhsuk-notification-banner--success"
      role="alert"
      aria-labelledby="flash-title"
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id="flash-title">
          Success
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{message}</p>
      </div>
    </div>
  );
}
