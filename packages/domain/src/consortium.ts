import { z } from 'zod';
import { industryDivisionSchema } from './reference/industries.ts';
import { regionCodeSchema } from './reference/regions.ts';
import type { OrganizationKind, PartnerType } from './organization.ts';

// 产教融合共同体: 市域产教联合体 (city_union, "一园一体") and 行业产教融合共同体 (industry_community, "一产一体").

import { consortiumKinds, consortiumLevels } from './constants/consortium.ts';
export { consortiumKinds, consortiumLevels } from './constants/consortium.ts';
export type { ConsortiumKind, ConsortiumLevel } from './constants/consortium.ts';

export const consortiumStatuses = ['draft', 'submitted', 'returned', 'active', 'suspended', 'dissolved'] as const;
export type ConsortiumStatus = (typeof consortiumStatuses)[number];

/** 牵头单位 / 理事单位 / 成员单位 */
export const consortiumRoles = ['lead', 'council', 'member'] as const;
export type ConsortiumRole = (typeof consortiumRoles)[number];

/** 理事长 / 副理事长 / 秘书长 / 理事 */
export const councilPositions = ['chair', 'vice_chair', 'secretary_general', 'director'] as const;
export type CouncilPosition = (typeof councilPositions)[number];

export const consortiumMembershipStatuses = ['applied', 'invited', 'active', 'declined', 'left'] as const;
export type ConsortiumMembershipStatus = (typeof consortiumMembershipStatuses)[number];

/** The lists the ministry asks a union to keep. */
export const consortiumItemKinds = ['product', 'technology_need', 'talent_need'] as const;
export type ConsortiumItemKind = (typeof consortiumItemKinds)[number];

export const consortiumInputSchema = z.object({
  kind: z.enum(consortiumKinds),
  level: z.enum(consortiumLevels),
  name: z.string().trim().min(2).max(100),
  /** the industry it serves (GB/T 4754 division); required for an industry community */
  industryCode: industryDivisionSchema.optional(),
  /** the 高精尖 industry it serves, by name */
  gaojingjian: z.string().trim().max(50).optional(),
  /** the park or district it is anchored on */
  anchorRegionCode: regionCodeSchema,
  foundedOn: z.iso.date().optional(),
  charter: z.string().trim().max(20_000).default(''),
  goals: z.string().trim().max(5_000).default(''),
});
export type ConsortiumInput = z.infer<typeof consortiumInputSchema>;

export type LeadOrganization = { kind: OrganizationKind; partnerType: PartnerType | null };

/**
 * What a consortium still lacks before it can be submitted: an industry community is led by at
 * least one enterprise and one school; a city union by at least a school and an enterprise (a park
 * or government partner may lead beside them). Returns the missing kinds of lead, empty when complete.
 */
export function missingLeads(leads: readonly LeadOrganization[]): Array<'enterprise' | 'school'> {
  const missing: Array<'enterprise' | 'school'> = [];
  if (!leads.some((l) => l.kind === 'enterprise')) missing.push('enterprise');
  if (!leads.some((l) => l.kind === 'school')) missing.push('school');
  return missing;
}

/** Which status may follow which, and who moves it. */
export const consortiumTransitions = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'active' },
  return: { from: ['submitted'], to: 'returned' },
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
  dissolve: { from: ['active', 'suspended'], to: 'dissolved' },
} as const satisfies Record<string, { from: readonly ConsortiumStatus[]; to: ConsortiumStatus }>;
export type ConsortiumTransition = keyof typeof consortiumTransitions;

export function canTransition(transition: ConsortiumTransition, from: ConsortiumStatus): boolean {
  return (consortiumTransitions[transition].from as readonly ConsortiumStatus[]).includes(from);
}
