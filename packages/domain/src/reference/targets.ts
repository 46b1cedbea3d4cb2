import { z } from 'zod';

export const targetSchema = z.object({
  code: z.string().regex(/^T\d{2}$/),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  /** the 2027 value the plan asks for (the upper end where it gives a range) */
  target2027: z.number().int().positive(),
  /** how the plan words the number: 约20, 1–2, 100 */
  targetText: z.string(),
  /** computed from platform data once the feature that holds it lands; otherwise reported by admins */
  source: z.enum(['computed', 'reported']),
});
export type Target = z.infer<typeof targetSchema>;

export const targetsSource = 'shared/docs/MISSION.md — 加快构建职普融通、产教融合北京职业教育体系三年行动计划(2025—2027年)';

// The plan's quantified targets for 2027, as listed in MISSION.md.
export const targets: readonly Target[] = z.array(targetSchema).parse([
  { code: 'T01', nameZh: '市域产教联合体', nameEn: 'City-level industry-education unions', unit: '个', target2027: 20, targetText: '约20', source: 'computed' },
  { code: 'T02', nameZh: '行业产教融合共同体', nameEn: 'Industry-education communities', unit: '个', target2027: 50, targetText: '约50', source: 'computed' },
  { code: 'T03', nameZh: '开放性区域产教融合实践中心和共性技术服务平台', nameEn: 'Open practice centres and common technology platforms', unit: '个', target2027: 100, targetText: '100', source: 'computed' },
  { code: 'T04', nameZh: '新增职业本科学校', nameEn: 'New vocational universities', unit: '所', target2027: 2, targetText: '约2', source: 'computed' },
  { code: 'T05', nameZh: '新增新型高职学校', nameEn: 'New-type higher vocational colleges', unit: '所', target2027: 4, targetText: '约4', source: 'computed' },
  { code: 'T06', nameZh: '国家“双高”学校', nameEn: 'National “Double High” schools', unit: '所', target2027: 7, targetText: '7', source: 'computed' },
  { code: 'T07', nameZh: '国家高水平专业群', nameEn: 'National high-level major clusters', unit: '个', target2027: 10, targetText: '10', source: 'computed' },
  { code: 'T08', nameZh: '北京市“双高”学校', nameEn: 'Beijing “Double High” schools', unit: '所', target2027: 15, targetText: '约15', source: 'computed' },
  { code: 'T09', nameZh: '北京市高水平专业群', nameEn: 'Beijing high-level major clusters', unit: '个', target2027: 50, targetText: '约50', source: 'computed' },
  { code: 'T10', nameZh: '精品课程', nameEn: 'Quality courses', unit: '门', target2027: 300, targetText: '300', source: 'computed' },
  { code: 'T11', nameZh: '新形态教材', nameEn: 'New-form textbooks', unit: '种', target2027: 600, targetText: '600', source: 'computed' },
  { code: 'T12', nameZh: '教师创新团队', nameEn: 'Teacher innovation teams', unit: '个', target2027: 100, targetText: '100', source: 'reported' },
  { code: 'T13', nameZh: '丝路学堂海外分校', nameEn: 'Silk Road Academy overseas branches', unit: '个', target2027: 5, targetText: '5', source: 'reported' },
  { code: 'T14', nameZh: '丝路工匠海外职业技能培训基地', nameEn: 'Silk Road Craftsmen overseas skills training bases', unit: '个', target2027: 10, targetText: '10', source: 'reported' },
  { code: 'T15', nameZh: '海外职业大学', nameEn: 'Overseas vocational universities', unit: '所', target2027: 2, targetText: '1–2', source: 'reported' },
  { code: 'T16', nameZh: '具有国际影响力的职业教育标准和资源', nameEn: 'Internationally influential vocational standards and resources', unit: '项', target2027: 50, targetText: '50', source: 'reported' },
]);
