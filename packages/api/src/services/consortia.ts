import type { Database, Drizzle } from '@ronghe/db/client';
import { uniqueViolation } from '@ronghe/db/errors';
import { writeAudit } from '@ronghe/db/queries/audit';
import {
  insertConsortium,
  insertConsortiumEvent,
  insertMembershipOnce,
  lockActiveLeads,
  lockConsortium,
  lockMembership,
  refreshMemberStats,
  updateConsortiumRow,
  updateMembership,
} from '@ronghe/db/queries/consortia';
import { insertNotifications, managersOf } from '@ronghe/db/queries/notifications';
import { getOrganization } from '@ronghe/db/queries/organizations';
import {
  canTransition,
  missingLeads,
  type ConsortiumInput,
  type ConsortiumRole,
  type ConsortiumTransition,
  type CouncilPosition,
} from '@ronghe/domain/consortium';
import { DomainError } from '@ronghe/domain/errors';
import type { NotificationMessage } from '@ronghe/domain/notifications';
import { managers, requireRole, requireVerifiedManager, type Caller } from './authz.ts';

// 产教融合共同体: proposal, membership and review. Every write is one transaction that also records
// the dated history (consortium_event) and notifies the organisations concerned.

type Tx = Drizzle;

const link = (id: string) => `/consortia/${id}`;

export class NotFound extends DomainError {
  constructor() {
    super('NOT_FOUND', 'notFound');
  }
}

async function lockOpenConsortium(tx: Tx, id: string) {
  const c = await lockConsortium(tx, id);
  if (!c) throw new DomainError('NOT_FOUND', 'notFound');
  return c;
}

/** The caller must manage `organizationId`, and it must be an active lead of the consortium. */
async function requireLead(tx: Tx, caller: Caller, consortiumId: string, organizationId: string) {
  await requireRole(tx, caller, organizationId, managers);
  const m = await lockMembership(tx, consortiumId, organizationId);
  if (!m || m.status !== 'active' || m.role !== 'lead') throw new DomainError('FORBIDDEN', 'consortium.notLead');
}

async function notifyOrganizations(tx: Tx, organizationIds: string[], n: { type: string; link: string } & NotificationMessage) {
  await insertNotifications(tx, await managersOf(tx, organizationIds), n);
}

async function leadIds(tx: Tx, consortiumId: string) {
  return (await lockActiveLeads(tx, consortiumId)).map((l) => l.organizationId);
}

export async function propose(db: Database, caller: Caller, input: ConsortiumInput & { organizationId: string }) {
  if (input.kind === 'industry_community' && !input.industryCode)
    throw new DomainError('INVALID', 'consortium.industryRequired', { field: 'industryCode' });
  await requireVerifiedManager(db, caller, input.organizationId);
  try {
    return await db.orm.transaction(async (tx: Tx) => {
      const c = await insertConsortium(tx, {
        kind: input.kind,
        level: input.level,
        name: input.name,
        industryCode: input.industryCode ?? null,
        gaojingjian: input.gaojingjian ?? null,
        anchorRegionCode: input.anchorRegionCode,
        foundedOn: input.foundedOn ?? null,
        charter: input.charter,
        goals: input.goals,
        status: 'draft',
        proposedByOrganizationId: input.organizationId,
      });
      await insertMembershipOnce(tx, {
        consortiumId: c.id,
        organizationId: input.organizationId,
        role: 'lead',
        status: 'active',
        joinedAt: new Date(),
      });
      await refreshMemberStats(tx, c.id);
      await insertConsortiumEvent(tx, {
        consortiumId: c.id,
        type: 'created',
        actorUserId: caller.userId,
        organizationId: input.organizationId,
        detail: { name: c.name, kind: c.kind },
      });
      return { id: c.id, status: c.status };
    });
  } catch (error) {
    if (uniqueViolation(error) === 'consortium_name_key') throw new DomainError('CONFLICT', 'consortium.nameTaken', { field: 'name' });
    throw error;
  }
}

export async function update(
  db: Database,
  caller: Caller,
  input: { id: string; organizationId: string; data: Partial<Pick<ConsortiumInput, 'charter' | 'goals' | 'foundedOn' | 'gaojingjian'>> },
) {
  return db.orm.transaction(async (tx: Tx) => {
    const c = await lockOpenConsortium(tx, input.id);
    await requireLead(tx, caller, c.id, input.organizationId);
    if (c.status === 'dissolved') throw new DomainError('CONFLICT', 'consortium.wrongStatus', { params: { status: 'cstatus.dissolved' } });
    await updateConsortiumRow(tx, c.id, input.data);
    await insertConsortiumEvent(tx, {
      consortiumId: c.id,
      type: 'updated',
      actorUserId: caller.userId,
      organizationId: input.organizationId,
      detail: { fields: Object.keys(input.data) },
    });
    return { id: c.id };
  });
}

/** A lead invites a verified organisation to join with a role (a co-lead before submission, council or member). */
export async function invite(
  db: Database,
  caller: Caller,
  input: {
    consortiumId: string;
    actingOrganizationId: string;
    organizationId: string;
    role: ConsortiumRole;
    councilPosition?: CouncilPosition | null;
  },
) {
  const target = await getOrganization(db, input.organizationId);
  if (!target) throw new DomainError('NOT_FOUND', 'notFound', { field: 'organizationId' });
  if (target.status !== 'verified') throw new DomainError('INVALID', 'organization.notVerified', { field: 'organizationId' });
  return db.orm.transaction(async (tx: Tx) => {
    const c = await lockOpenConsortium(tx, input.consortiumId);
    await requireLead(tx, caller, c.id, input.actingOrganizationId);
    if (c.status === 'suspended' || c.status === 'dissolved')
      throw new DomainError('CONFLICT', 'consortium.wrongStatus', { params: { status: `cstatus.${c.status}` } });
    const values = {
      role: input.role,
      councilPosition: input.role === 'council' ? (input.councilPosition ?? 'director') : null,
      status: 'invited' as const,
    };
    const created = await insertMembershipOnce(tx, { consortiumId: c.id, organizationId: input.organizationId, ...values });
    if (!created) {
      const existing = await lockMembership(tx, c.id, input.organizationId);
      if (!existing || (existing.status !== 'declined' && existing.status !== 'left'))
        throw new DomainError('CONFLICT', 'consortium.alreadyMember', { field: 'organizationId' });
      await updateMembership(tx, existing.id, values);
    }
    await insertConsortiumEvent(tx, {
      consortiumId: c.id,
      type: 'invited',
      actorUserId: caller.userId,
      organizationId: input.organizationId,
      detail: { role: input.role },
    });
    await notifyOrganizations(tx, [input.organizationId], {
      type: 'consortium.invited',
      key: 'notify.consortium.invited',
      params: { consortium: c.name },
      link: link(c.id),
    });
  });
}

/** A verified organisation applies to join an active consortium; concurrent or repeated applications make one. */
export async function applyFor(db: Database, caller: Caller, input: { consortiumId: string; organizationId: string; message: string }) {
  await requireVerifiedManager(db, caller, input.organizationId);
  return db.orm.transaction(async (tx: Tx) => {
    const c = await lockOpenConsortium(tx, input.consortiumId);
    if (c.status !== 'active') throw new DomainError('CONFLICT', 'consortium.notOpen');
    const created = await insertMembershipOnce(tx, {
      consortiumId: c.id,
      organizationId: input.organizationId,
      role: 'member',
      status: 'applied',
      message: input.message,
    });
    if (!created) {
      const existing = await lockMembership(tx, c.id, input.organizationId);
      if (!existing || (existing.status !== 'declined' && existing.status !== 'left'))
        throw new DomainError('CONFLICT', 'consortium.alreadyMember');
      await updateMembership(tx, existing.id, { role: 'member', councilPosition: null, status: 'applied', message: input.message });
    }
    await insertConsortiumEvent(tx, {
      consortiumId: c.id,
      type: 'applied',
      actorUserId: caller.userId,
      organizationId: input.organizationId,
    });
    await notifyOrganizations(tx, await leadIds(tx, c.id), {
      type: 'consortium.applied',
      key: 'notify.consortium.applied',
      params: { consortium: c.name },
      link: link(c.id),
    });
  });
}

/** A lead accepts or declines an application. */
export async function decide(
  db: Database,
  caller: Caller,
  input: { consortiumId: string; actingOrganizationId: string; organizationId: string; accept: boolean },
) {
  return db.orm.transaction(async (tx: Tx) => {
    const c = await lockOpenConsortium(tx, input.consortiumId);
    await requireLead(tx, caller, c.id, input.actingOrganizationId);
    const m = await lockMembership(tx, c.id, input.organizationId);
    if (!m || m.status !== 'applied') throw new DomainError('CONFLICT', 'consortium.noApplication');
    await updateMembership(tx, m.id, input.accept ? { status: 'active', joinedAt: new Date() } : { status: 'declined' });
    if (input.accept) await refreshMemberStats(tx, c.id);
    await insertConsortiumEvent(tx, {
      consortiumId: c.id,
      type: input.accept ? 'joined' : 'application_declined',
      actorUserId: caller.userId,
      organizationId: input.organizationId,
    });
    await notifyOrganizations(tx, [input.organizationId], {
      type: 'consortium.application',
      key: input.accept ? 'notify.consortium.applicationAccepted' : 'notify.consortium.applicationRejected',
      params: { consortium: c.name },
      link: link(c.id),
    });
  });
}

/** The invited organisation accepts or declines. */
export async function respond(db: Database, caller: Caller, input: { consortiumId: string; organizationId: string; accept: boolean }) {
  await requireRole(db, caller, input.organizationId, managers);
  return db.orm.transaction(async (tx: Tx) => {
    const c = await lockOpenConsortium(tx, input.consortiumId);
    const m = await lockMembership(tx, c.id, input.organizationId);
    if (!m || m.status !== 'invited') throw new DomainError('CONFLICT', 'consortium.noInvitation');
    await updateMembership(tx, m.id, input.accept ? { status: 'active', joinedAt: new Date() } : { status: 'declined' });
    if (input.accept) await refreshMemberStats(tx, c.id);
    await insertConsortiumEvent(tx, {
      consortiumId: c.id,
      type: input.accept ? 'joined' : 'invitation_declined',
      actorUserId: caller.userId,
      organizationId: input.organizationId,
      detail: { role: m.role },
    });
    await notifyOrganizations(tx, await leadIds(tx, c.id), {
      type: 'consortium.invitation',
      key: input.accept ? 'notify.consortium.invitationAccepted' : 'notify.consortium.invitationDeclined',
      params: { consortium: c.name },
      link: link(c.id),
    });
  });
}

/** An organisation leaves; the last lead cannot. */
export async function leave(db: Database, caller: Caller, input: { consortiumId: string; organizationId: string }) {
  await requireRole(db, caller, input.organizationId, managers);
  return db.orm.transaction(async (tx: Tx) => {
    const c = await lockOpenConsortium(tx, input.consortiumId);
    const leads = await lockActiveLeads(tx, c.id);
    const m = await lockMembership(tx, c.id, input.organizationId);
    if (!m || m.status !== 'active') throw new DomainError('CONFLICT', 'consortium.notMember');
    if (m.role === 'lead' && leads.length <= 1) throw new DomainError('CONFLICT', 'consortium.lastLead');
    await updateMembership(tx, m.id, { status: 'left' });
    await refreshMemberStats(tx, c.id);
    await insertConsortiumEvent(tx, {
      consortiumId: c.id,
      type: 'left',
      actorUserId: caller.userId,
      organizationId: input.organizationId,
      detail: { role: m.role },
    });
  });
}

/** Leads submit the proposal for review once an enterprise and a school lead it. */
export async function submit(db: Database, caller: Caller, input: { consortiumId: string; organizationId: string }) {
  return db.orm.transaction(async (tx: Tx) => {
    const c = await lockOpenConsortium(tx, input.consortiumId);
    await requireLead(tx, caller, c.id, input.organizationId);
    if (!canTransition('submit', c.status))
      throw new DomainError('CONFLICT', 'consortium.wrongStatus', { params: { status: `cstatus.${c.status}` } });
    const missing = missingLeads(await lockActiveLeads(tx, c.id));
    if (missing.length > 0)
      throw new DomainError(
        'INVALID',
        missing.length === 2 ? 'consortium.missingLeads.both' : `consortium.missingLeads.${missing[0] ?? 'school'}`,
      );
    await updateConsortiumRow(tx, c.id, { status: 'submitted', statusReason: null });
    await insertConsortiumEvent(tx, {
      consortiumId: c.id,
      type: 'submitted',
      actorUserId: caller.userId,
      organizationId: input.organizationId,
    });
    return { id: c.id, status: 'submitted' as const };
  });
}

/** Admin decisions: approve, return (with reasons), suspend, reinstate, dissolve. */
export async function review(
  db: Database,
  caller: Caller,
  input: { consortiumId: string; decision: Exclude<ConsortiumTransition, 'submit'>; reason: string | null },
) {
  return db.orm.transaction(async (tx: Tx) => {
    const c = await lockOpenConsortium(tx, input.consortiumId);
    if (!canTransition(input.decision, c.status))
      throw new DomainError('CONFLICT', 'consortium.wrongStatus', { params: { status: `cstatus.${c.status}` } });
    const to = { approve: 'active', return: 'returned', suspend: 'suspended', reinstate: 'active', dissolve: 'dissolved' } as const;
    const status = to[input.decision];
    await updateConsortiumRow(tx, c.id, {
      status,
      statusReason: input.reason,
      ...(input.decision === 'approve' ? { approvedAt: new Date() } : {}),
    });
    await insertConsortiumEvent(tx, {
      consortiumId: c.id,
      type: input.decision,
      actorUserId: caller.userId,
      detail: input.reason ? { reason: input.reason } : null,
    });
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: `consortium.${input.decision}`,
      entity: 'consortium',
      entityId: c.id,
      before: { status: c.status },
      after: { status, reason: input.reason },
    });
    await notifyOrganizations(tx, await leadIds(tx, c.id), {
      type: `consortium.${input.decision}`,
      key: `notify.consortium.${input.decision}`,
      params: { consortium: c.name },
      link: link(c.id),
    });
    return { id: c.id, status };
  });
}
