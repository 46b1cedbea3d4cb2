// Organisations' fixed lists, with no validator: the web imports these at run time, and the zod
// schemas in ../organization.ts are built from them, so there is one copy.

export const organizationKinds = ['school', 'enterprise', 'partner'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const schoolLevels = ['zhongzhi', 'gaozhi', 'zhiye_benke', 'yingyong_benke', 'jigong', 'gaozhong', 'zhongxiaoxue'] as const;
export type SchoolLevel = (typeof schoolLevels)[number];

export const partnerTypes = ['association', 'park', 'institute', 'government', 'other'] as const;
export type PartnerType = (typeof partnerTypes)[number];

export const organizationStatuses = ['pending', 'verified', 'rejected', 'suspended'] as const;
export type OrganizationStatus = (typeof organizationStatuses)[number];

/** The values an admin vouched for when verifying: changing one sends the organisation back for review. */
export const vouchedFields = ['name', 'regionCode', 'uscc', 'schoolCode', 'schoolLevel', 'staffCount'] as const;
export type VouchedField = (typeof vouchedFields)[number];
