import type { Database, Drizzle } from '@ronghe/db/client';
import { membershipOf } from '@ronghe/db/queries/memberships';
import { getOrganization } from '@ronghe/db/queries/organizations';
import { DomainError } from '@ronghe/domain/errors';
import type { MemberRole } from '@ronghe/domain/organization';

export type Caller = { userId: string; isPlatformAdmin: boolean };

/**
 * The caller's role in the organisation, or a FORBIDDEN error when they lack one of `roles`.
 * Ownership is checked here, in the query, never only in the UI.
 */
export async function requireRole(
  db: Database | Drizzle,
  caller: Caller,
  organizationId: string,
  roles: readonly MemberRole[],
): Promise<MemberRole> {
  const membership = await membershipOf(db, organizationId, caller.userId);
  if (!membership) throw new DomainError('FORBIDDEN', 'organization.notMember');
  if (!roles.includes(membership.role)) throw new DomainError('FORBIDDEN', 'forbidden');
  return membership.role;
}

export const anyMember = ['owner', 'manager', 'member'] as const;
export const managers = ['owner', 'manager'] as const;
export const owners = ['owner'] as const;

/** The caller manages `organizationId`, and it is verified: what publishing, applying and booking need. */
export async function requireVerifiedManager(db: Database, caller: Caller, organizationId: string) {
  await requireRole(db, caller, organizationId, managers);
  const org = await getOrganization(db, organizationId);
  if (!org) throw new DomainError('NOT_FOUND', 'notFound');
  if (org.status !== 'verified') throw new DomainError('FORBIDDEN', 'organization.notVerified');
  return org;
}
