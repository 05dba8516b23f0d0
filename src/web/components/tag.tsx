import type { ReactNode } from 'react';

/** NHS.UK tag colours this app uses; the words always carry the meaning, colour only supports it. */
export type TagColour = 'blue' | 'grey' | 'green' | 'red' | 'orange' | 'yellow' | 'white' | 'purple';

/** An NHS.UK tag. */
export function Tag({ colour, children }: { colour?: TagColour; children: ReactNode }) {
  return <strong className={`nhsuk-tag${colour ? ` nhsuk-tag--${colour}` : ''}`}>{children}</strong>;
}
