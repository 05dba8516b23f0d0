/**
 * NHS number check-digit validation (modulus 11): the first nine digits are weighted 10..2,
 * the check digit is 11 minus the remainder mod 11; 11 becomes 0 and 10 is never issued.
 */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/\s+/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

/** Makes a valid NHS number from nine leading digits, or null when that stem cannot take a check digit. */
export function withCheckDigit(stem: string): string | null {
  if (!/^\d{9}$/.test(stem)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(stem[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const digit = check === 11 ? 0 : check;
  return digit === 10 ? null : `${stem}${digit}`;
}

/** Formats an NHS number as it is shown to people: 3 3 4 digits. */
export function formatNhsNumber(value: string): string {
  const d = value.replace(/\s+/g, '');
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}
