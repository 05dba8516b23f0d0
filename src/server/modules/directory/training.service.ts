import type { Staff, TrainingInput } from '../../../contracts/directory.ts';
import { NotFoundError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { changeActorOf, changeWithAuthority } from '../access/authority.service.ts';
import { findStaffRow, insertTraining } from './staff.repository.ts';
import { getStaff } from './staff.service.ts';

/**
 * Records completed training with its expiry. Training opens access (IG training gates every read),
 * so it is recorded only by the organisation's own administrators or managers, never on one's own account.
 */
export async function addTraining(
  ctx: ServiceContext,
  staffId: string,
  input: TrainingInput,
): Promise<Staff> {
  await changeWithAuthority(ctx, async (tx, authorize) => {
    const row = await findStaffRow(tx, staffId);
    if (!row) throw new NotFoundError('Staff member');
    const target = { type: 'staff', id: staffId };
    authorize(
      {
        kind: 'staff.training',
        actor: await changeActorOf(ctx, tx),
        target: { staffId, organisationId: row.organisation_id },
        training: input.kind,
      },
      { action: 'staff.training.add', target },
    );
    await insertTraining(tx, {
      id: crypto.randomUUID(),
      staff_id: staffId,
      kind: input.kind,
      completed_on: input.completedOn,
      expires_on: input.expiresOn,
      created_at: ctx.now.toISOString(),
    });
    await auditChange(ctx, tx, 'staff.training.add', target, { details: { kind: input.kind } });
  });
  return getStaff(ctx, staffId);
}
