/**
 * Assertions shared by the decision tests.
 */
import assert from 'node:assert/strict';
import type { Decision } from './access.ts';
import type { ReasonCode } from './reasons.ts';

/** The reason codes of a decision, in order. */
export function codesOf(decision: Decision): ReasonCode[] {
  return decision.reasons.map((r) => r.code);
}

/** Asserts a permit carrying every given reason code. */
export function assertPermit(decision: Decision, ...codes: ReasonCode[]): void {
  assert.equal(decision.effect, 'permit', `expected permit, got deny: ${codesOf(decision).join(', ')}`);
  for (const code of codes)
    assert.ok(codesOf(decision).includes(code), `missing ${code} in ${codesOf(decision)}`);
}

/** Asserts a deny carrying every given reason code and no permit codes or obligations. */
export function assertDeny(decision: Decision, ...codes: ReasonCode[]): void {
  assert.equal(decision.effect, 'deny', 'expected deny, got permit');
  assert.ok(decision.reasons.length > 0, 'a denial must say why');
  for (const code of codes)
    assert.ok(codesOf(decision).includes(code), `missing ${code} in ${codesOf(decision)}`);
  assert.ok(
    codesOf(decision).every((c) => !c.startsWith('PERMIT_')),
    'a denial carries no permit reasons',
  );
  assert.deepEqual(decision.obligations, []);
  assert.deepEqual(decision.basis, {});
}
