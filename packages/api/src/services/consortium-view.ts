import type { Database } from '@ronghe/db/client';
import {
  getConsortium,
  listConsortia,
  listConsortiaOfOrganization,
  listConsortiumEvents,
  listConsortiumItems,
  listConsortiumMembers,
  type ConsortiumFilter,
} from '@ronghe/db/queries/consortia';
import { listMembershipsOfUser } from '@ronghe/db/queries/memberships';
import type { ConsortiumStatus } from '@ronghe/domain/consortium';
import { anyMember, requireRole, type Caller } from './authz.ts';
import { NotFound } from './consortia.ts';

// What a consortium's page shows to whom (issue 18): the members and history are public once it is
// approved; applications, invitations and their messages are not.

/** Consortia whose page anyone may read; drafts and proposals only their organisations' members and admins. */
const visibleToEveryone = new Set(['active', 'suspended', 'dissolved']);
/** History entries about applications and invitations: private like the requests themselves. */
const requestEvents = new Set(['invited', 'applied', 'application_declined', 'invitation_declined']);
const requestStatuses = ['applied', 'invited', 'declined'] as const;
type RequestStatus = (typeof requestStatuses)[number];
const isRequest = (status: string): status is RequestStatus => requestStatuses.some((s) => s === status);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * A consortium's page as `caller` may see it. Everyone: the active members (no messages) and the
 * public history. An organisation's members also see its own applications and invitations, with the
 * message; the managers of an active lead, and admins, see every pending application and invitation
 * to the consortium and the history of them.
 */
export async function getConsortiumDetail(db: Database, caller: Caller | null, id: string) {
  const c = await getConsortium(db, id);
  if (!c) throw new NotFound();
  const [rows, mine] = await Promise.all([listConsortiumMembers(db, c.id), caller ? listMembershipsOfUser(db, caller.userId) : []]);
  const own = new Set(mine.map((m) => m.organizationId));
  const managed = new Set(mine.filter((m) => m.role === 'owner' || m.role === 'manager').map((m) => m.organizationId));
  const admin = caller?.isPlatformAdmin === true;
  if (!visibleToEveryone.has(c.status) && !admin && !rows.some((r) => own.has(r.organizationId))) throw new NotFound();
  const seesRequests = admin || rows.some((r) => r.status === 'active' && r.role === 'lead' && managed.has(r.organizationId));

  const members = rows
    .filter((r) => r.status === 'active')
    .map((r) => ({
      organizationId: r.organizationId,
      name: r.name,
      kind: r.kind,
      regionCode: r.regionCode,
      regionName: r.regionName,
      regionParentCode: r.regionParentCode,
      provinceCode: r.provinceCode,
      role: r.role,
      councilPosition: r.councilPosition,
      joinedAt: r.joinedAt,
    }));
  const requests = rows.flatMap((r) => {
    const status = r.status;
    if (!isRequest(status)) return [];
    const visible = own.has(r.organizationId) || (seesRequests && status !== 'declined');
    if (!visible) return [];
    return [
      {
        organizationId: r.organizationId,
        name: r.name,
        kind: r.kind,
        regionName: r.regionName,
        provinceCode: r.provinceCode,
        role: r.role,
        councilPosition: r.councilPosition,
        status,
        message: r.message,
      },
    ];
  });
  const events = (await listConsortiumEvents(db, c.id))
    .filter((e) => !requestEvents.has(e.type) || seesRequests || (e.organizationId !== null && own.has(e.organizationId)))
    .map((e) => {
      const d = e.detail !== null && typeof e.detail === 'object' ? (e.detail as Record<string, unknown>) : {};
      return {
        id: e.id,
        at: e.at,
        type: e.type,
        organizationName: e.organizationName,
        detail: { role: text(d.role), title: text(d.title), reason: text(d.reason) },
      };
    });
  return {
    id: c.id,
    kind: c.kind,
    level: c.level,
    name: c.name,
    status: c.status,
    statusReason: c.statusReason,
    industryCode: c.industryCode,
    industryName: c.industryName,
    gaojingjian: c.gaojingjian,
    anchorRegionName: c.anchorRegionName,
    anchorProvinceCode: c.anchorProvinceCode,
    foundedOn: c.foundedOn,
    charter: c.charter,
    goals: c.goals,
    proposerName: c.proposerName,
    approvedAt: c.approvedAt,
    members,
    requests,
    events,
    items: await listConsortiumItems(db, c.id),
  };
}

export type DirectoryQuery = Omit<ConsortiumFilter, 'statuses' | 'offset' | 'limit'> & { status?: ConsortiumStatus };

/** The directory's filter as `caller` may use it: active consortia for everyone; platform admins may ask for another status. */
export function directoryFilter(caller: Caller | null, { status, ...query }: DirectoryQuery): Omit<ConsortiumFilter, 'offset' | 'limit'> {
  return { ...query, q: query.q || undefined, statuses: caller?.isPlatformAdmin && status ? [status] : ['active'] };
}

/** Anyone: a page of the directory. */
export function consortiumDirectory(db: Database, caller: Caller | null, input: DirectoryQuery & { page: number; pageSize: number }) {
  const { page, pageSize, ...query } = input;
  return listConsortia(db, { ...directoryFilter(caller, query), offset: (page - 1) * pageSize, limit: pageSize });
}

/** Members of the organisation: the consortia it belongs to, has applied to or is invited to. */
export async function consortiaOfOrganization(db: Database, caller: Caller, organizationId: string) {
  await requireRole(db, caller, organizationId, anyMember);
  return listConsortiaOfOrganization(db, organizationId);
}
