import type { Database, Drizzle } from '@ronghe/db/client';
import { writeAudit } from '@ronghe/db/queries/audit';
import { insertNotifications, managersOf } from '@ronghe/db/queries/notifications';
import { changeRequestById, decideChangeRequest, lockChangeRequest } from '@ronghe/db/queries/organization-changes';
import { lockOrganization, updateOrganizationProfile, vouchedHolderOf, vouchedValuesOf } from '@ronghe/db/queries/organizations';
import { DomainError } from '@ronghe/domain/errors';
import { vouchedFields, type VouchedValues } from '@ronghe/domain/organization';
import type { Caller } from './authz.ts';
import { organizationConflict } from './organizations.ts';

// A platform admin decides on a change to what verification vouched for (services/organizations.ts updateOrganization
// opens the request). Approving applies the requested values; rejecting leaves the organisation as it is. Both are
// audited with the organisation's values before and after.

const only = (values: VouchedValues, keys: VouchedValues): VouchedValues =>
  Object.fromEntries(vouchedFields.filter((f) => f in keys).map((f) => [f, values[f] ?? null])) as VouchedValues;

/** Locks the organisation, then its open request (the order updateOrganization uses too). */
async function lockOpenRequest(tx: Drizzle, requestId: string) {
  const found = await changeRequestById(tx, requestId);
  if (!found) throw new DomainError('NOT_FOUND', 'notFound');
  const org = await lockOrganization(tx, found.organizationId);
  if (!org) throw new DomainError('NOT_FOUND', 'notFound');
  const request = await lockChangeRequest(tx, requestId);
  if (!request) throw new DomainError('NOT_FOUND', 'notFound');
  if (request.status !== 'pending') throw new DomainError('CONFLICT', 'organization.changeDecided');
  return { org, request };
}

export async function approveChange(db: Database, caller: Caller, requestId: string) {
  try {
    return await db.orm.transaction(async (tx: Drizzle) => {
      const { org, request } = await lockOpenRequest(tx, requestId);
      const before = only(vouchedValuesOf(org), request.after);
      const holder = await vouchedHolderOf(tx, { ...vouchedValuesOf(org), ...request.after }, org.id);
      if (holder)
        throw new DomainError(
          'CONFLICT',
          holder.field === 'uscc'
            ? 'organization.usccTaken'
            : holder.field === 'schoolCode'
              ? 'organization.schoolCodeTaken'
              : 'organization.duplicate',
          { field: holder.field },
        );
      const updated = await updateOrganizationProfile(tx, org.id, request.after);
      await decideChangeRequest(tx, request.id, { status: 'approved', decidedByUserId: caller.userId, reason: null });
      const after = updated ? only(vouchedValuesOf(updated), request.after) : request.after;
      await writeAudit(tx, {
        actorUserId: caller.userId,
        action: 'organization.approveChange',
        entity: 'organization',
        entityId: org.id,
        before,
        after: { ...after, changeRequestId: request.id },
        organizationId: org.id,
      });
      await insertNotifications(tx, await managersOf(tx, [org.id]), {
        type: 'organization.changeApproved',
        key: 'notify.organization.changeApproved',
        params: { org: org.name },
        link: `/orgs/${org.id}`,
      });
      return { id: request.id, status: 'approved' as const };
    });
  } catch (error) {
    throw organizationConflict(error);
  }
}

export async function rejectChange(db: Database, caller: Caller, requestId: string, reason: string) {
  return db.orm.transaction(async (tx: Drizzle) => {
    const { org, request } = await lockOpenRequest(tx, requestId);
    await decideChangeRequest(tx, request.id, { status: 'rejected', decidedByUserId: caller.userId, reason });
    // the organisation is unchanged: before and after are its current values, the refused ones are named
    const current = only(vouchedValuesOf(org), request.after);
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'organization.rejectChange',
      entity: 'organization',
      entityId: org.id,
      before: current,
      after: { ...current, refused: request.after, reason, changeRequestId: request.id },
      organizationId: org.id,
    });
    await insertNotifications(tx, await managersOf(tx, [org.id]), {
      type: 'organization.changeRejected',
      key: 'notify.organization.changeRejected',
      params: { org: org.name, reason },
      link: `/orgs/${org.id}`,
    });
    return { id: request.id, status: 'rejected' as const };
  });
}
