import { isMobileAccountEmail } from '@ronghe/domain/account';
import type { Database } from '@ronghe/db/client';
import { listMembers, listOpenInvitationsOfOrganization } from '@ronghe/db/queries/memberships';
import { listOrganizations, type OrganizationFilter } from '@ronghe/db/queries/organizations';
import type { OrganizationStatus } from '@ronghe/domain/organization';
import { anyMember, managers, requireRole, type Caller } from './authz.ts';

// Who may read which lists of organisations and of their people.

type DirectoryInput = Omit<OrganizationFilter, 'statuses' | 'after' | 'limit'> & {
  status?: OrganizationStatus;
  cursor?: { name: string; id: string } | null;
  limit: number;
};

/** The directory: verified organisations for everyone; platform admins may ask for another status. Keyset pages by name. */
export async function organizationDirectory(db: Database, caller: Caller, input: DirectoryInput) {
  const { status, cursor, ...filter } = input;
  const statuses: OrganizationStatus[] = caller.isPlatformAdmin && status ? [status] : ['verified'];
  const rows = await listOrganizations(db, {
    ...filter,
    statuses,
    q: filter.q || undefined,
    after: cursor ?? undefined,
    limit: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, next: rows.length > input.limit && last ? { name: last.name, id: last.id } : null };
}

/** Any member: the organisation's people. Addresses made up for mobile-only accounts are not shown. */
export async function membersOf(db: Database, caller: Caller, organizationId: string) {
  await requireRole(db, caller, organizationId, anyMember);
  const rows = await listMembers(db, organizationId);
  return rows.map((m) => ({ ...m, email: isMobileAccountEmail(m.email) ? null : m.email }));
}

/** Owners and managers: the invitations not yet answered. */
export async function openInvitationsOf(db: Database, caller: Caller, organizationId: string) {
  await requireRole(db, caller, organizationId, managers);
  return listOpenInvitationsOfOrganization(db, organizationId);
}
