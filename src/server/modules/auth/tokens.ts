import { createHash, randomBytes } from 'node:crypto';

/** A new random secret for a cookie, CSRF token or API token (256 bits, base64url). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a secret: its SHA-256, so a database leak yields no usable tokens. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** API tokens carry a prefix so they are recognisable in secret scanners. */
export const API_TOKEN_PREFIX = 'acc_';
