import type { Database, Drizzle } from '@ronghe/db/client';
import { uniqueViolation } from '@ronghe/db/errors';
import { writeAudit } from '@ronghe/db/queries/audit';
import { insertMember, membershipOf } from '@ronghe/db/queries/memberships';
import { getOrganization, insertOrganization, lockOrganization, setOrganizationStatus, unknownMajorCodes, updateOrganizationProfile, type NewOrganization } from '@ronghe/db/queries/organizations';
import { maskMobile, maskPersonName } from '@ronghe/domain/account';
import { DomainError } from '@ronghe/domain/errors';
import type { OrganizationInput, OrganizationStatus } from '@ronghe/domain/organization';
import type { Caller } from './authz.ts';

const constraintErrors: Record<string, { key: 'organization.usccTaken' | 'organization.schoolCodeTaken' | 'organization.duplicate'; field: string }> = {
  organization_uscc_key: { key: 'organization.usccTaken', field: 'uscc' },
  organization_school_code_key: { key: 'organization.schoolCodeTaken', field: 'schoolCode' },
  organization_name_region_key: { key: 'organization.duplicate', field: 'name' },
};

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
export async function createOrganization(db: Database, caller: Caller, input: OrganizationInput) {
  const majorCodes = input.kind === 'school' ? [...new Set(input.majorCodes)] : [];
  const unknown = await unknownMajorCodes(db, majorCodes);
  if (unknown.length > 0) throw new DomainError('INVALID', 'major.unknown', { field: 'majorCodes', params: { codes: unknown.join(',') } });
  try {
    return await db.orm.transaction(async (tx: Drizzle) => {
      const org = await insertOrganization(
        tx,
        organizationRow(input, caller.userId, 'pending'),
        majorCodes,
      );
      await insertMember(tx, org.id, caller.userId, 'owner');
      await writeAudit(tx, { actorUserId: caller.userId, action: 'organization.create', entity: 'organization', entityId: org.id, after: { name: org.name, kind: org.kind, status: org.status }, organizationId: org.id });
      return { id: org.id, status: org.status };
    });
  } catch (error) {
    const constraint = uniqueViolation(error);
    const mapped = constraint ? constraintErrors[constraint] : undefined;
    if (mapped) throw new DomainError('CONFLICT', mapped.key, { field: mapped.field });
    throw error;
  }
}

/** One organisation: the public part for anyone signed in; contacts unmasked and the status reason for its members and admins. */
export async function getOrganizationView(db: Database, caller: Caller, id: string) {
  const org = await getOrganization(db, id);
  if (!org) throw new DomainError('NOT_FOUND', 'notFound');
  const membership = await membershipOf(db, id, caller.userId);
  const insider = membership !== null || caller.isPlatformAdmin;
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
    createdAt: org.createdAt,
  };
}

export async function updateOrganization(db: Database, caller: Caller, id: string, data: { address?: string; description?: string; contactName?: string; contactPhone?: string; staffCount?: number }) {
  return db.orm.transaction(async (tx: Drizzle) => {
    const before = await lockOrganization(tx, id);
    if (!before) throw new DomainError('NOT_FOUND', 'notFound');
    const after = await updateOrganizationProfile(tx, id, before.kind === 'enterprise' ? data : { ...data, staffCount: undefined });
    await writeAudit(tx, { actorUserId: caller.userId, action: 'organization.update', entity: 'organization', entityId: id, before: pick(before, data), after: after && pick(after, data), organizationId: id });
    return { id };
  });
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

export async function decideOrganization(db: Database, caller: Caller, id: string, decision: keyof typeof transitions, reason: string | null) {
  const rule = transitions[decision];
  return db.orm.transaction(async (tx: Drizzle) => {
    const before = await lockOrganization(tx, id);
    if (!before) throw new DomainError('NOT_FOUND', 'notFound');
    if (!rule.from.includes(before.status)) throw new DomainError('CONFLICT', 'organization.wrongStatus', { params: { status: `status.${before.status}` } });
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
    return { id, status: rule.to };
  });
}
