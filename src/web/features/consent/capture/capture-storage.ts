import { type CaptureDraft, newDraft, STEPS, type Step, stepProblems } from './capture-draft.ts';

/**
 * The draft survives a reload or Back in this tab only (session storage, gone when the tab closes)
 * and is removed once consent is saved or abandoned.
 */
const keyOf = (personId: string) => `accord.consent-capture.${personId}`;

/** A step named in the URL, or null for one that does not exist. */
export function stepOf(value: string | undefined): Step | null {
  return STEPS.find((s) => s === value) ?? null;
}

/** The draft kept for this person in this tab, or a new one. */
export function loadDraft(personId: string, today: string): CaptureDraft {
  const fresh = newDraft(today);
  try {
    const raw = window.sessionStorage.getItem(keyOf(personId));
    if (!raw) return fresh;
    const stored: unknown = JSON.parse(raw);
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return fresh;
    // Only the fields a draft has, each keeping the type of the fresh draft's.
    const merged: Record<string, unknown> = { ...fresh };
    for (const [key, value] of Object.entries(stored)) {
      const expected = (fresh as unknown as Record<string, unknown>)[key];
      if (
        expected !== undefined &&
        typeof value === typeof expected &&
        Array.isArray(value) === Array.isArray(expected)
      )
        merged[key] = value;
    }
    return merged as unknown as CaptureDraft;
  } catch {
    return fresh;
  }
}

/** Keeps the draft for this tab. */
export function saveDraft(personId: string, draft: CaptureDraft): void {
  try {
    window.sessionStorage.setItem(keyOf(personId), JSON.stringify(draft));
  } catch {
    // Storage may be full or off: the conversation still works, it just does not survive a reload.
  }
}

/** Forgets the draft (saved, or left). */
export function clearDraft(personId: string): void {
  try {
    window.sessionStorage.removeItem(keyOf(personId));
  } catch {
    // Nothing kept, nothing to clear.
  }
}

/** The first step before `step` that still has a problem: a later step cannot be reached past it. */
export function firstUnfinished(step: Step, draft: CaptureDraft, today: string): Step | null {
  for (const s of STEPS.slice(0, STEPS.indexOf(step))) if (stepProblems(s, draft, today).length > 0) return s;
  return null;
}
