import { z } from 'zod';
import { mobileSchema } from './account.ts';
import { getRegion } from './reference/regions.ts';
import { industryDivisionSchema } from './reference/industries.ts';
import { schoolCodeSchema } from './school-code.ts';
import { usccSchema } from './uscc.ts';

export const organizationKinds = ['school', 'enterprise', 'partner'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const schoolLevels = ['zhongzhi', 'gaozhi', 'zhiye_benke', 'yingyong_benke', 'jigong', 'gaozhong', 'zhongxiaoxue'] as const;
export type SchoolLevel = (typeof schoolLevels)[number];

export const partnerTypes = ['association', 'park', 'institute', 'government', 'other'] as const;
export type PartnerType = (typeof partnerTypes)[number];

export const organizationStatuses = ['pending', 'verified', 'rejected', 'suspended'] as const;
export type OrganizationStatus = (typeof organizationStatuses)[number];

export const organizationKindSchema = z.enum(organizationKinds);

export const memberRoles = ['owner', 'manager', 'member'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const invitationStatuses = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

// What a user fills in to register an organisation. Kind-specific fields by kind.

const regionForOrganization = z
  .string()
  .trim()
  .superRefine((code, ctx) => {
    const region = getRegion(code);
    if (!region) ctx.addIssue({ code: 'custom', message: 'region.unknown' });
    else if (region.level === 'province') ctx.addIssue({ code: 'custom', message: 'organization.regionTooCoarse' });
  });

const common = {
  name: z.string().trim().min(2).max(100),
  regionCode: regionForOrganization,
  address: z.string().trim().max(200).default(''),
  description: z.string().trim().max(2000).default(''),
  contactName: z.string().trim().max(50).default(''),
  contactPhone: z.union([z.literal(''), mobileSchema]).default(''),
};

export const enterpriseInputSchema = z.object({
  kind: z.literal('enterprise'),
  ...common,
  uscc: usccSchema,
  industryCode: industryDivisionSchema,
  staffCount: z.number().int().min(1).max(10_000_000),
  isLeadingEnterprise: z.boolean().default(false),
});

export const schoolInputSchema = z.object({
  kind: z.literal('school'),
  ...common,
  schoolCode: z.union([z.literal(''), schoolCodeSchema]).default(''),
  schoolLevel: z.enum(schoolLevels),
  /** validated against the major catalogue in the database */
  majorCodes: z.array(z.string().trim().regex(/^\d{6}$/, { message: 'major.unknown' })).max(200).default([]),
});

export const partnerInputSchema = z.object({
  kind: z.literal('partner'),
  ...common,
  partnerType: z.enum(partnerTypes),
  uscc: z.union([z.literal(''), usccSchema]).default(''),
});

export const organizationInputSchema = z.discriminatedUnion('kind', [enterpriseInputSchema, schoolInputSchema, partnerInputSchema]);
export type OrganizationInput = z.infer<typeof organizationInputSchema>;
