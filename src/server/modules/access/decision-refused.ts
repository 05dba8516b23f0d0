import { AppError } from '../../http/errors.ts';
import type { Reason } from './access.ts';

/**
 * A write the decision function refused: 403 with the reason codes and their sentences, so the
 * caller learns why without learning anything about the person beyond what they asked.
 */
export class DecisionRefusedError extends AppError {
  constructor(reasons: readonly Reason[]) {
    super(
      'FORBIDDEN',
      403,
      reasons[0]?.message ?? 'You are not allowed to do this.',
      undefined,
      reasons.map((r) => ({ code: r.code, message: r.message })),
    );
  }
}
