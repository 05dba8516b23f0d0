/**
 * Partnership-wide settings changed by agreement instead of by the partnership governance lead: an
 * IG lead proposes, the IG leads of every organisation party to an agreement in force approve (one
 * approval per organisation, the proposer's included), and the last approval applies the change in
 * its own transaction. Each step passes the authority and is audited.
 */

import type { AnomalySettingsUpdate } from '../../../contracts/assurance.ts';
import type { SettingsProposal, SettingsProposalInput } from '../../../contracts/authority.ts';
import type { EscalationRules } from '../../../contracts/signals.ts';
import type { Db, Tx } from '../../db/database.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { saveAnomalySettings } from '../assurance/anomaly-settings.service.ts';
import { saveRules } from '../signals/escalation-rules.service.ts';
import type { SettingsProposalRow } from './access.tables.ts';
import { changeActorOf, changeWithAuthority } from './authority.service.ts';
import type { ChangeActor } from './authority.ts';
import { decideChange } from './authority-decide.ts';
import { previewPolicy, savePolicyVersion, type TierPolicyInput } from './policy.service.ts';
import { settingsParties } from './settings-parties.ts';
import {
  approvalsOf,
  findOpenProposals,
  findProposal,
  insertProposal,
  type ProposalApproval,
  updateProposal,
} from './settings-proposal.repository.ts';

type Setting = SettingsProposalInput['setting'];

function payloadOf(input: SettingsProposalInput): TierPolicyInput | AnomalySettingsUpdate | EscalationRules {
  if (input.setting === 'escalation_rules') return input.escalationRules;
  return input.setting === 'access_policy' ? input.accessPolicy : input.anomalySettings;
}

async function present(
  db: Db,
  now: Date,
  actor: ChangeActor,
  parties: readonly string[],
  row: SettingsProposalRow,
): Promise<SettingsProposal> {
  const approvedBy = approvalsOf(row);
  const approvedOrgs = approvedBy.map((a) => a.organisationId);
  const open = row.status === 'open';
  return {
    id: row.id,
    setting: row.setting as Setting,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at,
    status: row.status as SettingsProposal['status'],
    approvedBy,
    waitingFor: open ? parties.filter((p) => !approvedOrgs.includes(p)) : [],
    preview:
      open && row.setting === 'access_policy'
        ? await previewPolicy(db, now, JSON.parse(row.payload) as TierPolicyInput)
        : null,
    can: {
      approve:
        decideChange({ kind: 'settings.approve', actor, parties, approvedBy: approvedOrgs, open }).effect ===
        'permit',
    },
  };
}

/** Applies the proposal once every party has approved; true when it did. */
async function applyWhenAgreed(
  ctx: ServiceContext,
  tx: Tx,
  row: SettingsProposalRow,
  approvals: readonly ProposalApproval[],
  parties: readonly string[],
): Promise<boolean> {
  const agreed = parties.every((p) => approvals.some((a) => a.organisationId === p));
  if (!(await updateProposal(tx, row, approvals, agreed ? 'applied' : 'open', ctx.now.toISOString())))
    throw new ConflictError('The proposal was changed by someone else meanwhile. Reload it and try again.');
  if (!agreed) return false;
  const via = { proposalId: row.id };
  if (row.setting === 'access_policy')
    await savePolicyVersion(ctx, tx, JSON.parse(row.payload) as TierPolicyInput, via);
  else if (row.setting === 'escalation_rules')
    await saveRules(ctx, tx, JSON.parse(row.payload) as EscalationRules, via);
  else await saveAnomalySettings(ctx, tx, JSON.parse(row.payload) as AnomalySettingsUpdate, via);
  await auditChange(
    ctx,
    tx,
    'settings.proposal.apply',
    { type: 'settings_proposal', id: row.id },
    {
      details: { setting: row.setting },
    },
  );
  return true;
}

/** An IG lead of a party proposes a change; their own organisation's approval is given by proposing. */
export async function proposeSettings(
  ctx: ServiceContext,
  input: SettingsProposalInput,
): Promise<SettingsProposal> {
  const id = crypto.randomUUID();
  const at = ctx.now.toISOString();
  await changeWithAuthority(ctx, async (tx, authorize) => {
    const parties = await settingsParties(tx, ctx.now);
    const actor = await changeActorOf(ctx, tx);
    authorize(
      { kind: 'settings.propose', actor, parties, approvedBy: [], open: true },
      { action: 'settings.proposal.create', target: { type: 'settings_proposal', id } },
    );
    const row: SettingsProposalRow = {
      id,
      setting: input.setting,
      payload: JSON.stringify(payloadOf(input)),
      proposed_by: ctx.principal.staffId,
      proposed_at: at,
      status: 'open',
      approvals: '[]',
      closed_at: null,
    };
    await insertProposal(tx, row);
    await auditChange(
      ctx,
      tx,
      'settings.proposal.create',
      { type: 'settings_proposal', id },
      {
        details: { setting: input.setting },
      },
    );
    const mine = { organisationId: actor.organisationId, staffId: actor.staffId, at };
    await applyWhenAgreed(ctx, tx, row, [mine], parties);
  });
  return getProposal(ctx, id);
}

/** An IG lead of a party that has not yet approved approves; the last approval applies the change. */
export async function approveProposal(ctx: ServiceContext, id: string): Promise<SettingsProposal> {
  await changeWithAuthority(ctx, async (tx, authorize) => {
    const row = await findProposal(tx, id);
    if (!row) throw new NotFoundError('Proposal');
    const parties = await settingsParties(tx, ctx.now);
    const actor = await changeActorOf(ctx, tx);
    const approvals = approvalsOf(row);
    authorize(
      {
        kind: 'settings.approve',
        actor,
        parties,
        approvedBy: approvals.map((a) => a.organisationId),
        open: row.status === 'open',
      },
      { action: 'settings.proposal.approve', target: { type: 'settings_proposal', id } },
    );
    await auditChange(
      ctx,
      tx,
      'settings.proposal.approve',
      { type: 'settings_proposal', id },
      {
        details: { setting: row.setting },
      },
    );
    const mine = { organisationId: actor.organisationId, staffId: actor.staffId, at: ctx.now.toISOString() };
    await applyWhenAgreed(ctx, tx, row, [...approvals, mine], parties);
  });
  return getProposal(ctx, id);
}

/** One proposal. */
export async function getProposal(ctx: ServiceContext, id: string): Promise<SettingsProposal> {
  if (!ctx.principal.roles.includes('ig_lead')) throw new ForbiddenError();
  const { db } = ctx.database;
  const row = await findProposal(db, id);
  if (!row) throw new NotFoundError('Proposal');
  const [actor, parties] = await Promise.all([changeActorOf(ctx, db), settingsParties(db, ctx.now)]);
  return present(db, ctx.now, actor, parties, row);
}

/** Open proposals, for IG leads. */
export async function listProposals(ctx: ServiceContext): Promise<{ items: SettingsProposal[] }> {
  if (!ctx.principal.roles.includes('ig_lead')) throw new ForbiddenError();
  const { db } = ctx.database;
  const [rows, actor, parties] = await Promise.all([
    findOpenProposals(db),
    changeActorOf(ctx, db),
    settingsParties(db, ctx.now),
  ]);
  return { items: await Promise.all(rows.map((r) => present(db, ctx.now, actor, parties, r))) };
}
