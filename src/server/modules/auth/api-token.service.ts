import type { Database } from '../../db/database.ts';
import { ConflictError, ValidationError } from '../../http/errors.ts';
import { AuditWriter } from '../audit/audit-writer.ts';
import { insertApiToken, insertSystemAccount, isSystemAccount } from './auth.repository.ts';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from './auth.ts';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './tokens.ts';

/**
 * Creates an API token for a system account; returns the secret once, stores only its hash. Tokens
 * are for integrations: a person signs in, so their account is refused. Every token expires, after
 * TOKEN_DEFAULT_DAYS unless `days` asks for a life of 1 to TOKEN_MAX_DAYS days.
 */
export async function createApiToken(
  database: Database,
  input: { staffId: string; name: string; days?: number },
  now: Date,
  audit: AuditWriter = new AuditWriter(database),
): Promise<{ id: string; token: string; expiresAt: string }> {
  const days = input.days ?? TOKEN_DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS)
    throw new ValidationError([
      { field: 'days', message: `must be a whole number from 1 to ${TOKEN_MAX_DAYS}` },
    ]);
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  const id = crypto.randomUUID();
  const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString();
  await database.db.transaction().execute(async (tx) => {
    if (!(await isSystemAccount(tx, input.staffId)))
      throw new ConflictError('API tokens are for system accounts only, not for people.');
    await insertApiToken(tx, {
      id,
      staffId: input.staffId,
      name: input.name,
      tokenHash: hashSecret(token),
      now: now.toISOString(),
      expiresAt,
    });
    await audit.appendInTransaction(
      tx,
      [
        {
          action: 'api_token.create',
          outcome: 'success',
          target: { type: 'api_token', id },
          details: { staffId: input.staffId, days },
        },
      ],
      now,
      null,
    );
  });
  return { id, token, expiresAt };
}

/**
 * Marks an account as a system account (an integration, which may hold API tokens). The account must
 * have no password: a system account never signs in as a person does.
 */
export async function markSystemAccount(
  database: Database,
  staff: { id: string; hasPassword: boolean },
  now: Date,
  audit: AuditWriter = new AuditWriter(database),
): Promise<void> {
  if (staff.hasPassword) throw new ConflictError('A system account has no password; this account has one.');
  await database.db.transaction().execute(async (tx) => {
    await insertSystemAccount(tx, staff.id, now.toISOString());
    await audit.appendInTransaction(
      tx,
      [{ action: 'staff.mark_system', outcome: 'success', target: { type: 'staff', id: staff.id } }],
      now,
      null,
    );
  });
}
