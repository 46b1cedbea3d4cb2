// Monitoring's fixed lists, with no validator: the web imports these at run time, and the zod schemas
// in ../monitoring.ts are built from them, so there is one copy.

export const PLAN_START = '2025-01-01';
export const PLAN_END = '2027-12-31';

/** Designations a school carries (set by admins): they feed T04–T06 and T08. */
export const schoolDesignations = ['new_zhiye_benke', 'new_gaozhi', 'shuanggao_national', 'shuanggao_beijing'] as const;
export type SchoolDesignation = (typeof schoolDesignations)[number];

/** A 高水平专业群 is designated at national or Beijing level: T07 and T09. */
export const clusterDesignations = ['national', 'beijing'] as const;
export type ClusterDesignation = (typeof clusterDesignations)[number];

/**
 * What the platform can count. Each metric can be taken over the whole platform, over a region
 * (a province or a district: where the organisation or base is) or over one consortium's active members.
 */
export const indicatorMetrics = [
  'consortia_active',
  'practice_centres_open',
  'schools_designated',
  'clusters_designated',
  'projects_completed',
  'placement_students',
] as const;
export type IndicatorMetric = (typeof indicatorMetrics)[number];

export const indicatorScopes = ['platform', 'region', 'consortium'] as const;
export type IndicatorScope = (typeof indicatorScopes)[number];
