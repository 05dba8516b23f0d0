import { z } from 'zod';
import { policyPreviewSchema, tierPolicySchema } from './access.ts';
import { anomalySettingsUpdateSchema } from './assurance.ts';
import { idSchema } from './common.ts';
import { STAFF_ROLES } from './enums.ts';
import { escalationRulesSchema } from './signals.ts';

/** A role asked for an account that waits for a second person, with what the caller may do with it. */
export const roleGrantSchema = z.object({
  id: idSchema,
  staffId: idSchema,
  staffName: z.string(),
  organisationId: idSchema,
  role: z.enum(STAFF_ROLES),
  requestedBy: idSchema,
  requestedByName: z.string(),
  requestedAt: z.string(),
  status: z.enum(['pending', 'approved', 'withdrawn']),
  can: z.object({ approve: z.boolean() }),
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;
export const roleGrantListSchema = z.object({ items: z.array(roleGrantSchema) });

/** A proposed change of a partnership-wide setting, as submitted by an IG lead. */
export const settingsProposalInputSchema = z.discriminatedUnion('setting', [
  z.strictObject({ setting: z.literal('access_policy'), accessPolicy: tierPolicySchema }),
  z.strictObject({ setting: z.literal('anomaly_settings'), anomalySettings: anomalySettingsUpdateSchema }),
  z.strictObject({ setting: z.literal('escalation_rules'), escalationRules: escalationRulesSchema }),
]);
export type SettingsProposalInput = z.infer<typeof settingsProposalInputSchema>;

/** A proposal with who approved it, who it still waits for, its replayed effect and what the caller may do. */
export const settingsProposalSchema = z.object({
  id: idSchema,
  setting: z.enum(['access_policy', 'anomaly_settings', 'escalation_rules']),
  proposedBy: idSchema,
  proposedAt: z.string(),
  status: z.enum(['open', 'applied', 'withdrawn']),
  approvedBy: z.array(z.object({ organisationId: idSchema, staffId: idSchema, at: z.string() })),
  waitingFor: z.array(idSchema),
  preview: policyPreviewSchema.nullable(),
  can: z.object({ approve: z.boolean() }),
});
export type SettingsProposal = z.infer<typeof settingsProposalSchema>;
export const settingsProposalListSchema = z.object({ items: z.array(settingsProposalSchema) });

/** Asks why a change was refused, by the request id its refusal carried. */
export const explainChangeInputSchema = z.strictObject({ requestId: z.string().trim().min(1).max(100) });

/** A refused change explained from its audit entry: what was refused, when, and every reason. */
export const changeExplanationSchema = z.object({
  refusals: z.array(
    z.object({
      action: z.string(),
      recordedAt: z.string(),
      target: z.object({ type: z.string(), id: z.string() }).nullable(),
      reasons: z.array(z.object({ code: z.string(), message: z.string() })),
    }),
  ),
});
export type ChangeExplanation = z.infer<typeof changeExplanationSchema>;
