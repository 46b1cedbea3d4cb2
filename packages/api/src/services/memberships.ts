import { randomBytes } from 'node:crypto';
import type { Database, Drizzle } from '@ronghe/db/client';
import { uniqueViolation } from '@ronghe/db/errors';
import { writeAudit } from '@ronghe/db/queries/audit';
import {
  deleteMember,
  insertInvitation,
  insertMember,
  isMemberByIdentifier,
  lockAndCountRecentInvitations,
  lockInvitationById,
  lockInvitationByToken,
  lockMembers,
  membershipOf,
  setActiveOrganization,
  setInvitationStatus,
  setMemberRole,
} from '@ronghe/db/queries/memberships';
import { getOrganization } from '@ronghe/db/queries/organizations';
import { isMobile, maskIdentifier, type Identifier } from '@ronghe/domain/account';
import { DomainError } from '@ronghe/domain/errors';
import type { Language } from '@ronghe/domain/messages';
import { messageText } from '@ronghe/domain/notifications';
import { nameForMessage, type MemberRole } from '@ronghe/domain/organization';
import { requireRole, managers, owners, type Caller } from './authz.ts';
import type { Notifier } from './notifier.ts';

export const INVITATION_DAYS = 14;

/** Invitations an organisation may send in 24 hours unless RONGHE_INVITATIONS_PER_DAY says otherwise (apps/api/src/env.ts). */
export const DEFAULT_INVITATIONS_PER_DAY = 50;
const LIMIT_WINDOW_HOURS = 24;
/** the language of outgoing messages while users have no language of their own */
const RECIPIENT_LANGUAGE: Language = 'zh-CN';

/**
 * The text of an invitation in the recipient's language (message-texts/notifications.ts: invitation.*). Every
 * user-written part (the organisation's and the inviter's names) goes through nameForMessage and is quoted by the
 * text (「」 / “”): cut short, with nothing a mail or SMS client would turn into a link or a number to call. The only
 * link is Ronghe's own.
 */
export function invitationMessage(
  input: { inviterName: string; organizationName: string; role: MemberRole; link: string },
  lang: Language = 'zh-CN',
) {
  const params = {
    org: nameForMessage(input.organizationName),
    inviter: nameForMessage(input.inviterName, 20),
    role: [`memberRole.${input.role}` as const],
    link: input.link,
    days: INVITATION_DAYS,
  };
  return { subject: messageText('invitation.subject', params, lang), body: messageText('invitation.body', params, lang) };
}

/**
 * Invites someone by email or mobile. Owners may invite any role; managers invite members and managers. Only a
 * verified organisation invites (its name was checked by the commission), and at most `dailyLimit` times in 24 hours:
 * the count is taken under a lock on the organisation row, so it holds across server processes and concurrent calls.
 */
export async function invite(
  db: Database,
  notifier: Notifier,
  caller: Caller & { name: string },
  input: { organizationId: string; identifier: Identifier; role: MemberRole; baseUrl: string; dailyLimit?: number },
) {
  const dailyLimit = input.dailyLimit ?? DEFAULT_INVITATIONS_PER_DAY;
  const myRole = await requireRole(db, caller, input.organizationId, managers);
  if (input.role === 'owner' && myRole !== 'owner') throw new DomainError('FORBIDDEN', 'forbidden');
  const org = await getOrganization(db, input.organizationId);
  if (!org) throw new DomainError('NOT_FOUND', 'notFound');
  if (org.status !== 'verified') throw new DomainError('FORBIDDEN', 'invitation.notVerified');
  if (await isMemberByIdentifier(db, input.organizationId, input.identifier.value))
    throw new DomainError('CONFLICT', 'invitation.alreadyMember', { field: 'identifier' });
  const token = randomBytes(24).toString('base64url');
  try {
    const invitation = await db.orm.transaction(async (tx: Drizzle) => {
      const sent = await lockAndCountRecentInvitations(tx, input.organizationId, LIMIT_WINDOW_HOURS);
      if (sent >= dailyLimit) throw new DomainError('RATE_LIMITED', 'invitation.dailyLimit', { params: { limit: dailyLimit } });
      const row = await insertInvitation(tx, {
        organizationId: input.organizationId,
        identifier: input.identifier.value,
        role: input.role,
        token,
        invitedByUserId: caller.userId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
      });
      await writeAudit(tx, {
        actorUserId: caller.userId,
        action: 'member.invite',
        entity: 'invitation',
        entityId: row.id,
        after: { identifier: maskIdentifier(row.identifier), role: row.role },
        organizationId: input.organizationId,
      });
      return row;
    });
    const link = `${input.baseUrl}/invitations/${token}`;
    await notifier.send({
      to: input.identifier.value,
      channel: input.identifier.kind === 'email' ? 'email' : 'sms',
      purpose: 'invitation',
      // the recipient may have no account yet, and accounts keep no language: Chinese, the platform's own
      ...invitationMessage({ inviterName: caller.name, organizationName: org.name, role: input.role, link }, RECIPIENT_LANGUAGE),
    });
    return { id: invitation.id, token, link, expiresAt: invitation.expiresAt };
  } catch (error) {
    if (uniqueViolation(error) === 'invitation_pending_key')
      throw new DomainError('CONFLICT', 'invitation.pendingExists', { field: 'identifier' });
    throw error;
  }
}

export async function revokeInvitation(db: Database, caller: Caller, invitationId: string) {
  return db.orm.transaction(async (tx: Drizzle) => {
    const inv = await lockInvitationById(tx, invitationId);
    if (!inv) throw new DomainError('NOT_FOUND', 'notFound');
    await requireRole(tx, caller, inv.organizationId, managers);
    if (inv.status !== 'pending') throw new DomainError('CONFLICT', 'invitation.invalid');
    await setInvitationStatus(tx, inv.id, 'revoked');
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'member.revokeInvitation',
      entity: 'invitation',
      entityId: inv.id,
      before: { status: 'pending' },
      after: { status: 'revoked' },
      organizationId: inv.organizationId,
    });
  });
}

/** Accepts an invitation addressed to one of the caller's identifiers; one membership even when clicked twice. */
export async function respondToInvitation(
  db: Database,
  caller: Caller & { email: string; phoneNumber: string | null; emailVerified: boolean; phoneNumberVerified: boolean },
  token: string,
  accept: boolean,
) {
  return db.orm.transaction(async (tx: Drizzle) => {
    const inv = await lockInvitationByToken(tx, token);
    if (!inv || inv.status !== 'pending' || inv.expiresAt.getTime() < Date.now()) throw new DomainError('NOT_FOUND', 'invitation.invalid');
    const mine = inv.identifier === caller.email || (isMobile(inv.identifier) && inv.identifier === caller.phoneNumber);
    if (!mine) throw new DomainError('FORBIDDEN', 'invitation.notForYou', { params: { to: maskIdentifier(inv.identifier) } });
    // only the verified holder answers: an account that merely typed the address at sign-up cannot (issue 20)
    const verified = inv.identifier === caller.email ? caller.emailVerified : caller.phoneNumberVerified;
    if (!verified) throw new DomainError('FORBIDDEN', 'invitation.verifyFirst', { params: { to: maskIdentifier(inv.identifier) } });
    if (!accept) {
      await setInvitationStatus(tx, inv.id, 'revoked');
      return { organizationId: inv.organizationId, accepted: false };
    }
    const existing = await membershipOf(tx, inv.organizationId, caller.userId);
    if (!existing) await insertMember(tx, inv.organizationId, caller.userId, inv.role);
    await setInvitationStatus(tx, inv.id, 'accepted', caller.userId);
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'member.join',
      entity: 'organization_member',
      entityId: `${inv.organizationId}:${caller.userId}`,
      after: { role: existing?.role ?? inv.role },
      organizationId: inv.organizationId,
    });
    return { organizationId: inv.organizationId, accepted: true };
  });
}

/** Changes a member's role (owners only); an organisation always keeps an owner. */
export async function changeRole(db: Database, caller: Caller, input: { organizationId: string; userId: string; role: MemberRole }) {
  return db.orm.transaction(async (tx: Drizzle) => {
    await requireRole(tx, caller, input.organizationId, owners);
    const members = await lockMembers(tx, input.organizationId);
    const target = members.find((m) => m.userId === input.userId);
    if (!target) throw new DomainError('NOT_FOUND', 'member.notFound');
    const ownersLeft = members.filter((m) => m.role === 'owner' && m.userId !== input.userId).length;
    if (target.role === 'owner' && input.role !== 'owner' && ownersLeft === 0) throw new DomainError('CONFLICT', 'member.lastOwner');
    await setMemberRole(tx, input.organizationId, input.userId, input.role);
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'member.role',
      entity: 'organization_member',
      entityId: `${input.organizationId}:${input.userId}`,
      before: { role: target.role },
      after: { role: input.role },
      organizationId: input.organizationId,
    });
  });
}

/** Removes a member (owners), or leaves (anyone, for themselves); the last owner cannot go. */
export async function removeMember(db: Database, caller: Caller, input: { organizationId: string; userId: string }) {
  return db.orm.transaction(async (tx: Drizzle) => {
    if (input.userId !== caller.userId) await requireRole(tx, caller, input.organizationId, owners);
    const members = await lockMembers(tx, input.organizationId);
    const target = members.find((m) => m.userId === input.userId);
    if (!target) throw new DomainError('NOT_FOUND', 'member.notFound');
    if (target.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1)
      throw new DomainError('CONFLICT', 'member.lastOwner');
    await deleteMember(tx, input.organizationId, input.userId);
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: input.userId === caller.userId ? 'member.leave' : 'member.remove',
      entity: 'organization_member',
      entityId: `${input.organizationId}:${input.userId}`,
      before: { role: target.role },
      organizationId: input.organizationId,
    });
  });
}

export async function switchOrganization(db: Database, caller: Caller & { sessionId: string }, organizationId: string | null) {
  if (organizationId) {
    const membership = await membershipOf(db, organizationId, caller.userId);
    if (!membership) throw new DomainError('FORBIDDEN', 'organization.notMember');
  }
  await setActiveOrganization(db, caller.sessionId, organizationId);
}
