import { z } from 'zod';
import { mobileSchema } from './account.ts';
import { getRegion } from './reference/regions.ts';
import { industryDivisionSchema } from './reference/industries.ts';
import { schoolCodeSchema } from './school-code.ts';
import { usccSchema } from './uscc.ts';

import {
  organizationKinds,
  partnerTypes,
  schoolLevels,
  vouchedFields,
  type OrganizationKind,
  type OrganizationStatus,
  type SchoolLevel,
} from './constants/organization.ts';
export { organizationKinds, organizationStatuses, partnerTypes, schoolLevels, vouchedFields } from './constants/organization.ts';
export type { OrganizationKind, OrganizationStatus, PartnerType, SchoolLevel, VouchedField } from './constants/organization.ts';

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
  majorCodes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\d{6}$/, { message: 'major.unknown' }),
    )
    .max(200)
    .default([]),
});

export const partnerInputSchema = z.object({
  kind: z.literal('partner'),
  ...common,
  partnerType: z.enum(partnerTypes),
  uscc: z.union([z.literal(''), usccSchema]).default(''),
});

export const organizationInputSchema = z.discriminatedUnion('kind', [enterpriseInputSchema, schoolInputSchema, partnerInputSchema]);
export type OrganizationInput = z.infer<typeof organizationInputSchema>;

// What verification vouches for. On a verified (or suspended) organisation these change only through a change
// request a platform admin approves; until then every rule keeps reading the old values.

export type VouchedValues = {
  name?: string;
  regionCode?: string;
  uscc?: string | null;
  schoolCode?: string | null;
  schoolLevel?: SchoolLevel | null;
  staffCount?: number | null;
};

/** The statuses whose vouched values are held: the commission has verified them. */
export const vouchedStatuses = ['verified', 'suspended'] as const satisfies readonly OrganizationStatus[];
export const isVouched = (status: OrganizationStatus): boolean => (vouchedStatuses as readonly OrganizationStatus[]).includes(status);

export const changeRequestStatuses = ['pending', 'approved', 'rejected'] as const;
export type ChangeRequestStatus = (typeof changeRequestStatuses)[number];

/** `organizations.update`: every field optional; which ones a kind has is checked by splitOrganizationUpdate. */
export const organizationUpdateSchema = z.object({
  name: z.string().trim().min(2).max(100).optional(),
  regionCode: regionForOrganization.optional(),
  uscc: z.union([z.literal(''), usccSchema]).optional(),
  schoolCode: z.union([z.literal(''), schoolCodeSchema]).optional(),
  schoolLevel: z.enum(schoolLevels).optional(),
  staffCount: z.number().int().min(1).max(10_000_000).optional(),
  address: z.string().trim().max(200).optional(),
  description: z.string().trim().max(2000).optional(),
  contactName: z.string().trim().max(50).optional(),
  contactPhone: z.union([z.literal(''), mobileSchema]).optional(),
});
export type OrganizationUpdate = z.infer<typeof organizationUpdateSchema>;

const fieldKinds: Record<'uscc' | 'schoolCode' | 'schoolLevel' | 'staffCount', readonly OrganizationKind[]> = {
  uscc: ['enterprise', 'partner'],
  schoolCode: ['school'],
  schoolLevel: ['school'],
  staffCount: ['enterprise'],
};

export type OrganizationUpdateProblem = { key: 'organization.fieldNotForKind' | 'uscc.length'; field: string };
export type OrganizationUpdatePlan = {
  /** fields written at once (the profile, and vouched fields of an organisation not yet verified) */
  direct: Pick<OrganizationUpdate, 'address' | 'description' | 'contactName' | 'contactPhone'> & VouchedValues;
  /** vouched fields that change only when an admin approves: null when there are none */
  requested: VouchedValues | null;
};

/**
 * Splits an update of an organisation of `kind` in `status` with the current vouched values `current` into what is
 * written now and what becomes a change request. Unchanged vouched values are dropped; a field the kind does not have
 * is a problem (as is an enterprise without a USCC).
 */
export function splitOrganizationUpdate(
  kind: OrganizationKind,
  status: OrganizationStatus,
  current: Required<VouchedValues>,
  data: OrganizationUpdate,
): OrganizationUpdatePlan | OrganizationUpdateProblem {
  for (const [field, kinds] of Object.entries(fieldKinds)) {
    if (data[field as keyof typeof fieldKinds] !== undefined && !kinds.includes(kind))
      return { key: 'organization.fieldNotForKind', field };
  }
  if (kind === 'enterprise' && data.uscc === '') return { key: 'uscc.length', field: 'uscc' };
  const { name, regionCode, uscc, schoolCode, schoolLevel, staffCount, ...profile } = data;
  const asked: VouchedValues = {
    name,
    regionCode,
    uscc: uscc === undefined ? undefined : uscc || null,
    schoolCode: schoolCode === undefined ? undefined : schoolCode || null,
    schoolLevel,
    staffCount,
  };
  const changed: VouchedValues = {};
  for (const field of vouchedFields) {
    const value = asked[field];
    if (value !== undefined && value !== current[field]) Object.assign(changed, { [field]: value });
  }
  const hasChanges = Object.keys(changed).length > 0;
  if (isVouched(status)) return { direct: profile, requested: hasChanges ? changed : null };
  return { direct: { ...profile, ...changed }, requested: null };
}

// Names in outgoing messages (emails, text messages). A name is the registrant's free text: without these rules a
// pending organisation named "中国银行账户安全中心 请登录 www… 解冻" would have Ronghe deliver its phishing text.

/** How many characters of a name an outgoing message carries; longer names end in "…". */
export const MESSAGE_NAME_MAX = 30;

const dotLike = /[.。．｡・]/g;
// a scheme, a www, or ASCII text around a dot or @ (example.com, a.b.cn, x@y): anything a mail or SMS client links
const linkish =
  /(?:[a-z][a-z0-9+.-]*:\/\/[\x21-\x7e]*)|(?:\bwww[\x21-\x7e]*)|(?:[a-z0-9_%+-]+(?:\s*[.@]\s*[a-z0-9_%+-]+)+)|(?:\b(?:https?|ftp|mailto)\b:?)/gi;
// five or more digits, possibly spaced or hyphenated (95566, 400-820-8820, +86 138 0000 0000): a number to call
const phoneish = /\+?\d(?:[\s\-()]*\d){4,}/g;

/**
 * A user-written name made safe for an outgoing message: Unicode-normalised (full-width letters become ASCII first),
 * invisible and control characters removed, URLs, domain-like text, addresses and runs of five or more digits
 * removed, remaining dots and quotes neutralised, whitespace collapsed, then cut to `max` characters with "…".
 * The caller puts it in 「」. Never empty: a name with nothing left becomes `fallback`.
 */
export function nameForMessage(name: string, max = MESSAGE_NAME_MAX, fallback = '（未命名）'): string {
  const cleaned = name
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu, ' ')
    .replace(/(?<=[a-z0-9])[。｡・](?=[a-z0-9])/gi, '.')
    .replace(linkish, ' ')
    .replace(phoneish, ' ')
    .replace(dotLike, '·')
    .replace(/[「」『』<>"'`\\/@:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '') return fallback;
  const chars = [...cleaned];
  return chars.length <= max
    ? cleaned
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
