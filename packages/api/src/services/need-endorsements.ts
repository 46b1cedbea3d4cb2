import type { Database, Drizzle } from '@ronghe/db/client';
import { getConsortium, isActiveMember, listConsortiaOfOrganization, managesConsortiumMember } from '@ronghe/db/queries/consortia';
import { getNeed, lockNeed, updateNeed } from '@ronghe/db/queries/needs';
import { insertNotifications, managersOf } from '@ronghe/db/queries/notifications';
import { writeAudit } from '@ronghe/db/queries/audit';
import { DomainError } from '@ronghe/domain/errors';
import { managers, type Caller } from './authz.ts';
import { membershipOf } from '@ronghe/db/queries/memberships';

// A consortium endorses (推荐) a need of one of its enterprises: the need then carries the consortium, schools see
// it marked, and matching gives the consortium's members the shared-consortium points. The managers of the
// consortium's lead or council organisations decide; the enterprise must be an active member.

type Tx = Drizzle;
const notFound = () => new DomainError('NOT_FOUND', 'notFound');
const deciders = ['lead', 'council'] as const;

/**
 * Consortia the caller may endorse this need for: active, with the need's enterprise an active member, and the caller a manager of a lead or council
 * member.
 */
export async function endorsableConsortia(db: Database, caller: Caller, needId: string) {
  const need = await getNeed(db, needId);
  if (!need) throw notFound();
  const ofEnterprise = (await listConsortiaOfOrganization(db, need.organizationId)).filter(
    (c) => c.status === 'active' && c.membershipStatus === 'active',
  );
  const out: Array<{ id: string; name: string }> = [];
  for (const c of ofEnterprise)
    if (caller.isPlatformAdmin || (await managesConsortiumMember(db, c.id, caller.userId, deciders))) out.push({ id: c.id, name: c.name });
  return out;
}

export async function endorseNeed(db: Database, caller: Caller, input: { needId: string; consortiumId: string }) {
  const consortium = await getConsortium(db, input.consortiumId);
  if (!consortium || consortium.status !== 'active') throw new DomainError('INVALID', 'notFound', { field: 'consortiumId' });
  if (!caller.isPlatformAdmin && !(await managesConsortiumMember(db, consortium.id, caller.userId, deciders)))
    throw new DomainError('FORBIDDEN', 'forbidden');
  return db.orm.transaction(async (tx: Tx) => {
    const n = await lockNeed(tx, input.needId);
    if (!n) throw notFound();
    if (n.status !== 'published' && n.status !== 'draft')
      throw new DomainError('CONFLICT', 'need.wrongStatus', { params: { status: `nstatus.${n.status}` } });
    if (!(await isActiveMember(tx, consortium.id, n.organizationId)))
      throw new DomainError('INVALID', 'need.notConsortiumMember', { field: 'consortiumId' });
    await updateNeed(tx, n.id, { consortiumId: consortium.id });
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'need.endorse',
      entity: 'need',
      entityId: n.id,
      organizationId: n.organizationId,
      after: { consortiumId: consortium.id },
    });
    await insertNotifications(tx, await managersOf(tx, [n.organizationId]), {
      type: 'need.endorsed',
      key: 'notify.need.endorsed',
      params: { consortium: consortium.name, need: n.title },
      link: `/needs/${n.id}`,
    });
    return { id: n.id, consortiumId: consortium.id, consortiumName: consortium.name };
  });
}

/** The same deciders (or the need's own managers) take an endorsement back. */
export async function withdrawEndorsement(db: Database, caller: Caller, input: { needId: string }) {
  return db.orm.transaction(async (tx: Tx) => {
    const n = await lockNeed(tx, input.needId);
    if (!n) throw notFound();
    const ownManager = await membershipOf(tx, n.organizationId, caller.userId).then(
      (m) => !!m && (managers as readonly string[]).includes(m.role),
    );
    const decider = !!n.consortiumId && (await managesConsortiumMember(tx, n.consortiumId, caller.userId, deciders));
    if (!caller.isPlatformAdmin && !ownManager && !decider) throw new DomainError('FORBIDDEN', 'forbidden');
    if (!n.consortiumId) return { id: n.id, consortiumId: null, consortiumName: null };
    await updateNeed(tx, n.id, { consortiumId: null });
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'need.unendorse',
      entity: 'need',
      entityId: n.id,
      organizationId: n.organizationId,
      before: { consortiumId: n.consortiumId },
    });
    return { id: n.id, consortiumId: null, consortiumName: null };
  });
}
