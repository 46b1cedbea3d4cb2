import { asc, desc, eq } from 'drizzle-orm';
import type { Database } from '../client.ts';
import {
  auditLog,
  knownDevices,
  notifications,
  organizationMembers,
  organizations,
  outboundMessages,
  sessions,
  storedFiles,
  users,
} from '../schema/index.ts';

/**
 * Everything Ronghe holds about one person, for "my data" (PIPL art. 45): the account, its sessions and browsers,
 * memberships, notifications, messages sent to it (not their text: codes and links are spent), files it uploaded
 * (names and sizes) and what the audit log recorded it doing.
 */
export async function personalDataOf(db: Database, userId: string) {
  const [account] = await db.orm
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      emailVerified: users.emailVerified,
      phoneNumber: users.phoneNumber,
      phoneNumberVerified: users.phoneNumberVerified,
      privacyVersion: users.privacyVersion,
      privacyAcceptedAt: users.privacyAcceptedAt,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  const [sessionRows, devices, memberships, notices, messages, files, actions] = await Promise.all([
    db.orm
      .select({
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.updatedAt,
        ipAddress: sessions.ipAddress,
        userAgent: sessions.userAgent,
      })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(desc(sessions.createdAt)),
    db.orm.select({ firstSeenAt: knownDevices.firstSeenAt }).from(knownDevices).where(eq(knownDevices.userId, userId)),
    db.orm
      .select({ organization: organizations.name, role: organizationMembers.role, since: organizationMembers.createdAt })
      .from(organizationMembers)
      .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
      .where(eq(organizationMembers.userId, userId))
      .orderBy(asc(organizationMembers.createdAt)),
    db.orm
      .select({ title: notifications.title, link: notifications.link, createdAt: notifications.createdAt, readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt)),
    db.orm
      .select({
        channel: outboundMessages.channel,
        recipient: outboundMessages.recipient,
        purpose: outboundMessages.purpose,
        subject: outboundMessages.subject,
        status: outboundMessages.status,
        createdAt: outboundMessages.createdAt,
      })
      .from(outboundMessages)
      .where(eq(outboundMessages.userId, userId))
      .orderBy(desc(outboundMessages.createdAt)),
    db.orm
      .select({
        fileName: storedFiles.fileName,
        purpose: storedFiles.purpose,
        byteSize: storedFiles.byteSize,
        createdAt: storedFiles.createdAt,
      })
      .from(storedFiles)
      .where(eq(storedFiles.uploadedBy, userId))
      .orderBy(desc(storedFiles.createdAt)),
    db.orm
      .select({ action: auditLog.action, entity: auditLog.entity, entityId: auditLog.entityId, at: auditLog.at })
      .from(auditLog)
      .where(eq(auditLog.actorUserId, userId))
      .orderBy(desc(auditLog.at))
      .limit(5000),
  ]);
  return { account: account ?? null, sessions: sessionRows, devices, memberships, notifications: notices, messages, files, actions };
}
