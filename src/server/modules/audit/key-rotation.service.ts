import type { ServiceContext } from '../../service-context.ts';
import { type KeyRotation, rotateSigningKey } from './trusted-keys.ts';

/** Action of the audit entry that records a rotation of the tree-head signing key. */
export const KEY_ROTATION_ACTION = 'audit.key.rotate';

/**
 * Rotates the tree-head signing key in keyDir (see rotateSigningKey) and records it in the audit log, in a
 * transaction begun before the key is touched: a refused rotation writes no entry. The key files cannot
 * roll back, so should the entry fail once the new key is in place, the error names both key ids.
 * No actor is recorded: the operator acts on the key directory, outside any account.
 */
export async function rotateSigningKeyRecorded(ctx: ServiceContext, keyDir: string): Promise<KeyRotation> {
  let rotation: KeyRotation | undefined;
  try {
    return await ctx.database.db.transaction().execute(async (tx) => {
      const done = rotateSigningKey(keyDir);
      rotation = done;
      await ctx.audit.appendInTransaction(
        tx,
        [
          {
            action: KEY_ROTATION_ACTION,
            outcome: 'success',
            details: { retiredKeyId: done.retiredKeyId, newKeyId: done.newKeyId },
          },
        ],
        ctx.now,
        ctx.requestId,
      );
      return done;
    });
  } catch (error) {
    if (!rotation) throw error;
    throw new Error(
      `the signing key was rotated (retired ${rotation.retiredKeyId}, new ${rotation.newKeyId}) but its audit entry could not be written: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
