import { z } from 'zod';

export const organizationKinds = ['school', 'enterprise', 'partner'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const schoolLevels = ['zhongzhi', 'gaozhi', 'zhiye_benke', 'yingyong_benke', 'jigong', 'gaozhong', 'zhongxiaoxue'] as const;
export type SchoolLevel = (typeof schoolLevels)[number];

export const partnerTypes = ['association', 'park', 'institute', 'government', 'other'] as const;
export type PartnerType = (typeof partnerTypes)[number];

export const organizationStatuses = ['pending', 'verified', 'rejected', 'suspended'] as const;
export type OrganizationStatus = (typeof organizationStatuses)[number];

export const organizationKindSchema = z.enum(organizationKinds);
