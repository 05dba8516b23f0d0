import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { formatNhsNumber, isValidNhsNumber, withCheckDigit } from './nhs-number.ts';

it('accepts NHS numbers whose modulus-11 check digit is right', () => {
  assert.equal(isValidNhsNumber('9434765919'), true);
  assert.equal(isValidNhsNumber('943 476 5919'), true);
  assert.equal(isValidNhsNumber('9434765918'), false);
  assert.equal(isValidNhsNumber('943476591'), false);
  assert.equal(isValidNhsNumber('94347659190'), false);
  assert.equal(isValidNhsNumber('abcdefghij'), false);
});

it('never issues a stem whose check digit would be 10', () => {
  // 1000000010: weights give remainder 1, so the check digit would be 10.
  assert.equal(withCheckDigit('100000001'), null);
});

it('withCheckDigit makes valid numbers and changing any digit breaks them', () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^\d{9}$/),
      fc.integer({ min: 0, max: 9 }),
      fc.integer({ min: 1, max: 9 }),
      (stem, position, delta) => {
        const nhs = withCheckDigit(stem);
        if (nhs === null) return;
        assert.equal(isValidNhsNumber(nhs), true);
        const digits = [...nhs];
        digits[position] = String((Number(digits[position]) + delta) % 10);
        assert.equal(isValidNhsNumber(digits.join('')), false, 'a single-digit error is always caught');
      },
    ),
  );
});

it('formats as 3 3 4', () => {
  assert.equal(formatNhsNumber('9434765919'), '943 476 5919');
});
