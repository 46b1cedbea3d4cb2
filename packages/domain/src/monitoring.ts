import { z } from 'zod';
import { consortiumKinds } from './consortium.ts';
import { needKinds } from './need.ts';
import { daysBetween } from './training-base.ts';
import { targets } from './reference/targets.ts';

// Monitoring the plan (定项目、定时限、定成效): indicators with targets, their actual values (computed
// from platform data or reported by admins with evidence), a daily snapshot of every value, and the
// red / amber / green rule. See docs/decisions/009-monitoring.md.

import {
  clusterDesignations,
  indicatorMetrics,
  indicatorScopes,
  PLAN_END,
  PLAN_START,
  schoolDesignations,
  type IndicatorMetric,
} from './constants/monitoring.ts';
export {
  clusterDesignations,
  indicatorMetrics,
  indicatorScopes,
  PLAN_END,
  PLAN_START,
  schoolDesignations,
} from './constants/monitoring.ts';
export type { ClusterDesignation, IndicatorMetric, IndicatorScope, SchoolDesignation } from './constants/monitoring.ts';

/** How an indicator's actual value is obtained. */
export const indicatorSources = ['computed', 'reported'] as const;
export type IndicatorSource = (typeof indicatorSources)[number];

export const metricParamsSchema = z.object({
  consortiumKind: z.enum(consortiumKinds).optional(),
  schoolDesignation: z.enum(schoolDesignations).optional(),
  clusterDesignation: z.enum(clusterDesignations).optional(),
  projectKind: z.enum(needKinds).optional(),
});
export type MetricParams = z.infer<typeof metricParamsSchema>;

export type Milestones = Partial<Record<'2025' | '2026', number>>;

export type PlanIndicator = {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  target: number;
  /** the plan's wording of the number: "约20", "1–2" */
  targetNote: string;
  definition: string;
  wording: string;
  source: IndicatorSource;
  metric: IndicatorMetric | null;
  params: MetricParams;
};

type HowCounted = { definition: string; wording: string; metric?: IndicatorMetric; params?: MetricParams };

/** How each of the plan's targets is measured: what it counts, the plan's words, and the metric when the platform holds the data. */
const howCounted: Record<string, HowCounted> = {
  T01: {
    definition: '运行中的市域产教联合体数（平台审批通过且未暂停、未解散）',
    wording: '建设市域产教联合体约20个',
    metric: 'consortia_active',
    params: { consortiumKind: 'city_union' },
  },
  T02: {
    definition: '运行中的行业产教融合共同体数',
    wording: '建设行业产教融合共同体约50个',
    metric: 'consortia_active',
    params: { consortiumKind: 'industry_community' },
  },
  T03: {
    definition: '已发布的开放性区域产教融合实践中心与共性技术服务平台数',
    wording: '校企共建100个开放性区域产教融合实践中心和共性技术服务平台',
    metric: 'practice_centres_open',
  },
  T04: {
    definition: '标注为“新设职业本科”的已认证学校数',
    wording: '推动新设置职业本科学校约2所',
    metric: 'schools_designated',
    params: { schoolDesignation: 'new_zhiye_benke' },
  },
  T05: {
    definition: '标注为“新型高职”的已认证学校数',
    wording: '建设新型高职约4所',
    metric: 'schools_designated',
    params: { schoolDesignation: 'new_gaozhi' },
  },
  T06: {
    definition: '标注为国家“双高计划”建设单位的已认证学校数',
    wording: '7所学校进入国家“双高计划”',
    metric: 'schools_designated',
    params: { schoolDesignation: 'shuanggao_national' },
  },
  T07: {
    definition: '认定为国家级高水平专业群的专业群数',
    wording: '10个专业群进入国家高水平专业群',
    metric: 'clusters_designated',
    params: { clusterDesignation: 'national' },
  },
  T08: {
    definition: '标注为北京市“双高计划”建设单位的已认证学校数',
    wording: '建设北京市“双高”学校约15所',
    metric: 'schools_designated',
    params: { schoolDesignation: 'shuanggao_beijing' },
  },
  T09: {
    definition: '认定为北京市级高水平专业群的专业群数',
    wording: '建设北京市高水平专业群约50个',
    metric: 'clusters_designated',
    params: { clusterDesignation: 'beijing' },
  },
  T10: {
    definition: '校企合作项目中已完成的课程共建项目数',
    wording: '校企共建精品课程300门',
    metric: 'projects_completed',
    params: { projectKind: 'curriculum' },
  },
  T11: {
    definition: '校企合作项目中已完成的教材共建项目数',
    wording: '校企共建新形态教材600种',
    metric: 'projects_completed',
    params: { projectKind: 'textbook' },
  },
  T12: { definition: '认定的职业院校教师教学创新团队数（由主管部门填报）', wording: '建设教师创新团队100个' },
  T13: { definition: '在境外设立并运行的“丝路学堂”分校数（由主管部门填报）', wording: '建设“丝路学堂”海外分校5个' },
  T14: { definition: '在境外设立的“丝路工匠”职业技能培训基地数（由主管部门填报）', wording: '建设“丝路工匠”海外职业技能培训基地10个' },
  T15: { definition: '合作举办的海外职业大学数（由主管部门填报）', wording: '合作举办海外职业大学1—2所' },
  T16: {
    definition: '被境外采用的职业教育标准、课程、教材等资源数（由主管部门填报）',
    wording: '开发具有国际影响力的职业教育标准和资源50项',
  },
};

/** The action plan's sixteen quantified targets for 2027 (reference/targets.ts), with how each is measured. */
export const planIndicators: readonly PlanIndicator[] = targets.map((t) => {
  const how = howCounted[t.code];
  if (!how) throw new Error(`plan target ${t.code} has no definition`);
  return {
    code: t.code,
    name: t.nameZh,
    nameEn: t.nameEn,
    unit: t.unit,
    target: t.target2027,
    targetNote: t.targetText,
    definition: how.definition,
    wording: how.wording,
    source: how.metric ? 'computed' : 'reported',
    metric: how.metric ?? null,
    params: how.params ?? {},
  };
});

/** red / amber / green. */
export const ragStatuses = ['green', 'amber', 'red'] as const;
export type Rag = (typeof ragStatuses)[number];

export type Schedule = { baseline: number; target: number; milestones: Milestones; startsOn: string; dueOn: string };

/**
 * The value the indicator should have reached on `day`: a straight line from the baseline on the start
 * day through each year-end milestone to the target on the due day.
 */
export function expectedValue(s: Schedule, day: string): number {
  const points: Array<[string, number]> = [[s.startsOn, s.baseline]];
  for (const year of ['2025', '2026'] as const) {
    const v = s.milestones[year];
    const at = `${year}-12-31`;
    if (v !== undefined && at > s.startsOn && at < s.dueOn) points.push([at, v]);
  }
  points.push([s.dueOn, s.target]);
  if (day <= s.startsOn) return s.baseline;
  if (day >= s.dueOn) return s.target;
  for (let i = 1; i < points.length; i++) {
    const [d0, v0] = points[i - 1] ?? points[0] ?? [s.startsOn, s.baseline];
    const [d1, v1] = points[i] ?? [s.dueOn, s.target];
    if (day <= d1) {
      const span = daysBetween(d0, d1) - 1;
      const done = daysBetween(d0, day) - 1;
      return span <= 0 ? v1 : v0 + ((v1 - v0) * done) / span;
    }
  }
  return s.target;
}

/** Green at ≥ 90 % of the expected value (or the target reached), amber at ≥ 70 %, red below. */
export const RAG_GREEN = 0.9;
export const RAG_AMBER = 0.7;

export function ragStatus(s: Schedule, actual: number | null, day: string): Rag {
  if (actual === null) return day > s.startsOn ? 'red' : 'amber';
  if (actual >= s.target) return 'green';
  const expected = expectedValue(s, day);
  // progress is measured from the baseline: at the start nothing is expected yet
  const due = expected - s.baseline;
  if (due <= 0) return 'green';
  const ratio = (actual - s.baseline) / due;
  return ratio >= RAG_GREEN ? 'green' : ratio >= RAG_AMBER ? 'amber' : 'red';
}

// ---- inputs ----

const isoDay = z.iso.date({ message: 'date.invalid' });
const number = z.number({ message: 'indicator.valueRequired' }).min(0, { message: 'indicator.valueNegative' }).max(1e9);

export const indicatorReportInput = z.object({
  indicatorId: z.uuid(),
  value: number,
  asOf: isoDay,
  evidenceText: z.string().trim().min(4, { message: 'indicator.evidenceRequired' }).max(2000),
  evidenceUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'indicator.evidenceUrl' }).max(500)]).default(''),
});

/** An admin's own indicator, for a district or a consortium, with the same structure as the plan's. */
export const indicatorInput = z
  .object({
    name: z.string().trim().min(2, { message: 'indicator.nameRequired' }).max(80),
    unit: z.string().trim().min(1, { message: 'indicator.unitRequired' }).max(10),
    definition: z.string().trim().max(500).default(''),
    wording: z.string().trim().max(500).default(''),
    target: number,
    baseline: number.default(0),
    milestones: z.object({ 2025: number.optional(), 2026: number.optional() }).default({}),
    startsOn: isoDay.default(PLAN_START),
    dueOn: isoDay.default(PLAN_END),
    scope: z.enum(indicatorScopes).default('platform'),
    regionCode: z
      .string()
      .regex(/^\d{6}$/, { message: 'region.unknown' })
      .nullable()
      .default(null),
    consortiumId: z.uuid().nullable().default(null),
    metric: z.enum(indicatorMetrics).nullable().default(null),
    params: metricParamsSchema.default({}),
  })
  .superRefine((v, ctx) => {
    if (v.dueOn <= v.startsOn) ctx.addIssue({ code: 'custom', message: 'indicator.dueBeforeStart', path: ['dueOn'] });
    if (v.scope === 'region' && !v.regionCode) ctx.addIssue({ code: 'custom', message: 'indicator.regionRequired', path: ['regionCode'] });
    if (v.scope === 'consortium' && !v.consortiumId)
      ctx.addIssue({ code: 'custom', message: 'indicator.consortiumRequired', path: ['consortiumId'] });
    if (v.metric === 'consortia_active' && v.scope === 'consortium')
      ctx.addIssue({ code: 'custom', message: 'indicator.metricScope', path: ['metric'] });
  });
export type IndicatorInput = z.infer<typeof indicatorInput>;
