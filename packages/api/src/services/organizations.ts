import { requireVerifiedIdentity } from './verification.ts';
import type { Database, Drizzle } from '@ronghe/db/client';
import { uniqueViolation } from '@ronghe/db/errors';
import { writeAudit } from '@ronghe/db/queries/audit';
import { insertMember, membershipOf } from '@ronghe/db/queries/memberships';
import { insertNotifications, managersOf } from '@ronghe/db/queries/notifications';
import { pendingChangeOf, upsertPendingChange } from '@ronghe/db/queries/organization-changes';
import {
  getOrganization,
  insertOrganization,
  listClaimsOfCodes,
  listOrganizationsByStatus,
  lockClaims,
  lockOrganization,
  setOrganizationStatus,
  updateOrganizationProfile,
  vouchedHolderOf,
  vouchedValuesOf,
  type NewOrganization,
} from '@ronghe/db/queries/organizations';
import { unknownMajorCodes } from '@ronghe/db/queries/reference';
import { isMobileAccountEmail, maskMobile, maskPersonName } from '@ronghe/domain/account';
import { DomainError } from '@ronghe/domain/errors';
import {
  isVouched,
  splitOrganizationUpdate,
  type OrganizationInput,
  type OrganizationStatus,
  type OrganizationUpdate,
  type VouchedValues,
} from '@ronghe/domain/organization';
import { managers, requireRole, type Caller } from './authz.ts';

type TakenKey = 'organization.usccTaken' | 'organization.schoolCodeTaken' | 'organization.duplicate';
const takenErrors: Record<'uscc' | 'schoolCode' | 'name', TakenKey> = {
  uscc: 'organization.usccTaken',
  schoolCode: 'organization.schoolCodeTaken',
  name: 'organization.duplicate',
};

// The unique indexes hold among organisations the commission vouched for (migration 0018); a pending double submission
// by one user hits organization_pending_claim_key.
const constraintErrors: Record<string, { key: TakenKey; field: string }> = {
  organization_uscc_verified_key: { key: 'organization.usccTaken', field: 'uscc' },
  organization_school_code_verified_key: { key: 'organization.schoolCodeTaken', field: 'schoolCode' },
  organization_name_region_verified_key: { key: 'organization.duplicate', field: 'name' },
  organization_pending_claim_key: { key: 'organization.duplicate', field: 'name' },
};

/** A unique violation of one of the organisation's keys as a CONFLICT naming the field; any other error unchanged. */
export function organizationConflict(error: unknown): unknown {
  const constraint = uniqueViolation(error);
  const mapped = constraint ? constraintErrors[constraint] : undefined;
  return mapped ? new DomainError('CONFLICT', mapped.key, { field: mapped.field }) : error;
}

/** Refuses values an organisation the commission vouched for already holds (a code, or a name in a region). */
async function refuseTaken(
  db: Database | Drizzle,
  values: { uscc?: string | null; schoolCode?: string | null; name?: string; regionCode?: string },
  exceptId: string | null,
) {
  const holder = await vouchedHolderOf(db, values, exceptId);
  if (holder) throw new DomainError('CONFLICT', takenErrors[holder.field], { field: holder.field });
}

/** The organisation row for a validated registration; kind-specific columns are null for other kinds. */
export function organizationRow(input: OrganizationInput, createdByUserId: string, status: OrganizationStatus): NewOrganization {
  return {
    kind: input.kind,
    name: input.name,
    regionCode: input.regionCode,
    address: input.address,
    description: input.description,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    status,
    statusChangedAt: status === 'pending' ? null : new Date(),
    createdByUserId,
    uscc: input.kind === 'school' ? null : input.uscc || null,
    schoolCode: input.kind === 'school' ? input.schoolCode || null : null,
    schoolLevel: input.kind === 'school' ? input.schoolLevel : null,
    partnerType: input.kind === 'partner' ? input.partnerType : null,
    industryCode: input.kind === 'enterprise' ? input.industryCode : null,
    staffCount: input.kind === 'enterprise' ? input.staffCount : null,
    isLeadingEnterprise: input.kind === 'enterprise' ? input.isLeadingEnterprise : false,
  };
}

/** Registers an organisation (pending) with the caller as owner, in one transaction. */
export async function createOrganization(
  db: Database,
  caller: Caller & { emailVerified: boolean; phoneNumberVerified: boolean },
  input: OrganizationInput,
) {
  requireVerifiedIdentity(caller);
  const majorCodes = input.kind === 'school' ? [...new Set(input.majorCodes)] : [];
  const unknown = await unknownMajorCodes(db, majorCodes);
  if (unknown.length > 0) throw new DomainError('INVALID', 'major.unknown', { field: 'majorCodes', params: { codes: unknown.join(',') } });
  // a code a verified organisation holds cannot be claimed again; one that is only pending (or rejected) can
  const row = organizationRow(input, caller.userId, 'pending');
  await refuseTaken(db, row, null);
  try {
    return await db.orm.transaction(async (tx: Drizzle) => {
      const org = await insertOrganization(tx, row, majorCodes);
      await insertMember(tx, org.id, caller.userId, 'owner');
      await writeAudit(tx, {
        actorUserId: caller.userId,
        action: 'organization.create',
        entity: 'organization',
        entityId: org.id,
        after: { name: org.name, kind: org.kind, status: org.status },
        organizationId: org.id,
      });
      return { id: org.id, status: org.status };
    });
  } catch (error) {
    throw organizationConflict(error);
  }
}

/**
 * One organisation: the public part for anyone signed in; contacts unmasked, the status reason and an open change
 * request for its members and admins. An organisation not verified (pending, rejected, suspended) exists only for its
 * members and admins: others get NOT_FOUND, as for an id that does not exist.
 */
export async function getOrganizationView(db: Database, caller: Caller, id: string) {
  const org = await getOrganization(db, id);
  if (!org) throw new DomainError('NOT_FOUND', 'notFound');
  const membership = await membershipOf(db, id, caller.userId);
  const insider = membership !== null || caller.isPlatformAdmin;
  if (org.status !== 'verified' && !insider) throw new DomainError('NOT_FOUND', 'notFound');
  const change = insider ? await pendingChangeOf(db, id) : null;
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    status: org.status,
    regionCode: org.regionCode,
    regionName: org.regionName,
    provinceCode: org.provinceCode,
    address: org.address,
    description: org.description,
    uscc: org.uscc,
    schoolCode: org.schoolCode,
    schoolLevel: org.schoolLevel,
    partnerType: org.partnerType,
    industryCode: org.industryCode,
    industryName: org.industryName,
    staffCount: org.staffCount,
    isLeadingEnterprise: org.isLeadingEnterprise,
    isDemo: org.isDemo,
    majors: org.majors,
    contactName: insider ? org.contactName : maskPersonName(org.contactName),
    contactPhone: insider ? org.contactPhone : org.contactPhone && maskMobile(org.contactPhone),
    myRole: membership?.role ?? null,
    statusReason: insider ? org.statusReason : null,
    pendingChange: change && { id: change.id, before: change.before, after: change.after, createdAt: change.createdAt },
    createdAt: org.createdAt,
  };
}

/**
 * Updates an organisation. The profile (address, description, contacts) changes at once; what verification vouched
 * for (name, region, codes, level, staff count) changes at once only before verification: on a verified organisation
 * it becomes a change request for a platform admin, and the organisation keeps its old values until approval.
 */
export async function updateOrganization(db: Database, caller: Caller, id: string, data: OrganizationUpdate) {
  await requireRole(db, caller, id, managers);
  try {
    return await db.orm.transaction(async (tx: Drizzle) => {
      const before = await lockOrganization(tx, id);
      if (!before) throw new DomainError('NOT_FOUND', 'notFound');
      const plan = splitOrganizationUpdate(before.kind, before.status, vouchedValuesOf(before), data);
      if ('key' in plan) throw new DomainError('INVALID', plan.key, { field: plan.field });
      const direct = definedOnly(plan.direct);
      if (Object.keys(direct).length > 0) {
        await refuseTaken(tx, keysChanging(before, direct), id);
        const after = await updateOrganizationProfile(tx, id, direct);
        await writeAudit(tx, {
          actorUserId: caller.userId,
          action: 'organization.update',
          entity: 'organization',
          entityId: id,
          before: pick(before, direct),
          after: after && pick(after, direct),
          organizationId: id,
        });
      }
      let changeRequestId: string | null = null;
      if (plan.requested) {
        await refuseTaken(tx, keysChanging(before, plan.requested), id);
        const request = await upsertPendingChange(tx, {
          organizationId: id,
          before: pick(before, plan.requested) as VouchedValues,
          after: plan.requested,
          requestedByUserId: caller.userId,
        });
        changeRequestId = request.id;
        await writeAudit(tx, {
          actorUserId: caller.userId,
          action: 'organization.requestChange',
          entity: 'organization_change_request',
          entityId: request.id,
          before: request.before,
          after: request.after,
          organizationId: id,
        });
      }
      return { id, changeRequestId };
    });
  } catch (error) {
    throw organizationConflict(error);
  }
}

/** The unique values an update would give the organisation: a code that changes, and the name and region when either does. */
function keysChanging(current: { name: string; regionCode: string }, changes: VouchedValues) {
  const nameOrRegion = changes.name !== undefined || changes.regionCode !== undefined;
  return {
    uscc: changes.uscc,
    schoolCode: changes.schoolCode,
    ...(nameOrRegion ? { name: changes.name ?? current.name, regionCode: changes.regionCode ?? current.regionCode } : {}),
  };
}

function definedOnly<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function pick(row: Record<string, unknown>, keysOf: Record<string, unknown>) {
  return Object.fromEntries(Object.keys(keysOf).map((k) => [k, row[k]]));
}

// Admin decisions. Which status may follow which:
const transitions: Record<'verify' | 'reject' | 'suspend', { from: OrganizationStatus[]; to: OrganizationStatus }> = {
  verify: { from: ['pending', 'rejected', 'suspended'], to: 'verified' },
  reject: { from: ['pending'], to: 'rejected' },
  suspend: { from: ['verified'], to: 'suspended' },
};

const codeLabels = {
  uscc: '统一社会信用代码（unified social credit code）',
  schoolCode: '学校标识码（school identifier）',
} as const;

/**
 * An admin's decision. Verifying a claim to a USCC or school code first locks every claim to that code (in id order,
 * so two admins verifying competing claims at once queue instead of deadlocking), refuses when another organisation
 * already holds the code, and closes the competing pending claims with a reason, audited, their managers notified.
 * The unique indexes on vouched-for organisations stay the last word: a violation becomes a CONFLICT.
 */
export async function decideOrganization(
  db: Database,
  caller: Caller,
  id: string,
  decision: keyof typeof transitions,
  reason: string | null,
) {
  const rule = transitions[decision];
  const found = await getOrganization(db, id);
  if (!found) throw new DomainError('NOT_FOUND', 'notFound');
  try {
    return await db.orm.transaction(async (tx: Drizzle) => {
      const claims = decision === 'verify' ? await lockClaims(tx, found) : [];
      const before = await lockOrganization(tx, id);
      if (!before) throw new DomainError('NOT_FOUND', 'notFound');
      const sameCode = (o: { uscc: string | null; schoolCode: string | null }): 'uscc' | 'schoolCode' | null =>
        before.uscc && o.uscc === before.uscc ? 'uscc' : before.schoolCode && o.schoolCode === before.schoolCode ? 'schoolCode' : null;
      const others = claims.filter((c) => c.id !== id && sameCode(c) !== null);
      const holder = others.find((c) => isVouched(c.status));
      if (holder) {
        const field = sameCode(holder) ?? 'uscc';
        throw new DomainError('CONFLICT', takenErrors[field], { field });
      }
      if (!rule.from.includes(before.status))
        throw new DomainError('CONFLICT', 'organization.wrongStatus', { params: { status: `status.${before.status}` } });
      const after = await setOrganizationStatus(tx, id, rule.to, reason);
      await writeAudit(tx, {
        actorUserId: caller.userId,
        action: `organization.${decision}`,
        entity: 'organization',
        entityId: id,
        before: { status: before.status, statusReason: before.statusReason },
        after: { status: after?.status, statusReason: after?.statusReason },
        organizationId: id,
      });
      for (const other of others.filter((c) => c.status === 'pending')) {
        const label = codeLabels[sameCode(other) ?? 'uscc'];
        const closing = `已有另一单位以同一${label}通过认证，本登记已关闭。如有异议，请联系教委。`;
        await setOrganizationStatus(tx, other.id, 'rejected', closing);
        await writeAudit(tx, {
          actorUserId: caller.userId,
          action: 'organization.reject',
          entity: 'organization',
          entityId: other.id,
          before: { status: other.status, statusReason: other.statusReason },
          after: { status: 'rejected', statusReason: closing, closedByVerificationOf: id },
          organizationId: other.id,
        });
        await insertNotifications(tx, await managersOf(tx, [other.id]), {
          type: 'organization.claimClosed',
          key: 'notify.organization.claimClosed',
          params: { org: other.name, code: [`organization.code.${sameCode(other) ?? 'uscc'}`] },
          link: `/orgs/${other.id}`,
        });
      }
      return { id, status: rule.to };
    });
  } catch (error) {
    throw organizationConflict(error);
  }
}

type Registrant = { registeredByName: string | null; registeredByEmail: string | null; registeredByPhone: string | null };
const registrant = (r: Registrant) =>
  r.registeredByName === null
    ? null
    : {
        name: r.registeredByName,
        identifier: r.registeredByEmail && !isMobileAccountEmail(r.registeredByEmail) ? r.registeredByEmail : (r.registeredByPhone ?? ''),
      };

/**
 * The admin's verification queue. Each registration comes with who registered it and when, what it wrote (address,
 * description, contact), and every other registration claiming the same USCC or school code, so competing claims are
 * compared side by side before one is verified.
 */
export async function verificationQueue(db: Database, status: OrganizationStatus, limit: number) {
  const rows = await listOrganizationsByStatus(db, status, limit);
  const claims = await listClaimsOfCodes(db, {
    usccs: [...new Set(rows.flatMap((r) => (r.uscc ? [r.uscc] : [])))],
    schoolCodes: [...new Set(rows.flatMap((r) => (r.schoolCode ? [r.schoolCode] : [])))],
  });
  return rows.map(({ registeredByName, registeredByEmail, registeredByPhone, ...r }) => ({
    ...r,
    registeredBy: registrant({ registeredByName, registeredByEmail, registeredByPhone }),
    competing: claims
      .filter((c) => c.id !== r.id && ((r.uscc && c.uscc === r.uscc) || (r.schoolCode && c.schoolCode === r.schoolCode)))
      .map(({ registeredByName: n, registeredByEmail: e, registeredByPhone: p, uscc: _u, schoolCode: _s, ...c }) => ({
        ...c,
        registeredBy: registrant({ registeredByName: n, registeredByEmail: e, registeredByPhone: p }),
      })),
  }));
}
