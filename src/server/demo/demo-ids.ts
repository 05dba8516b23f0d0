import { createHash } from 'node:crypto';

// The demo's own namespace, so its name-based ids never coincide with another system's.
const DEMO_NAMESPACE = Buffer.from('6f1c2b8e4d3a4f7e9b0a5c1d2e3f4a5b', 'hex');

/**
 * A stable UUID (RFC 9562 version 5) for a named demo object such as `staff:cc.amara`, so the
 * fixed partnership has the same ids on every load and generated rows can refer to them.
 */
export function demoId(name: string): string {
  const bytes = createHash('sha1').update(DEMO_NAMESPACE).update(name).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The demo id of an organisation by its key. */
export function organisationId(key: string): string {
  return demoId(`organisation:${key}`);
}

/** The demo id of a team by its key. */
export function teamId(key: string): string {
  return demoId(`team:${key}`);
}

/** The demo id of a staff account by its username. */
export function staffId(username: string): string {
  return demoId(`staff:${username}`);
}
