import { z } from 'zod';
import data from './data/major-categories.json' with { type: 'json' };

export const majorLevels = ['zhongzhi', 'gaozhi', 'benke'] as const;
export type MajorLevel = (typeof majorLevels)[number];

export const majorCategorySchema = z.object({
  seq: z.number().int().min(1).max(19),
  name: z.string().min(1),
  codes: z.object({ zhongzhi: z.string().regex(/^\d{2}$/), gaozhi: z.string().regex(/^\d{2}$/), benke: z.string().regex(/^\d{2}$/) }),
});
export type MajorCategory = z.infer<typeof majorCategorySchema>;

export const majorCategoriesSource: string = data.source;
export const majorCategories: readonly MajorCategory[] = z.array(majorCategorySchema).parse(data.rows);

export const majorSchema = z.object({
  code: z.string().regex(/^\d{6}$/),
  name: z.string().min(1),
  level: z.enum(majorLevels),
  /** 专业类: the first four digits */
  classCode: z.string().regex(/^\d{4}$/),
  className: z.string().min(1),
  /** true for the small starter set shipped with Ronghe; the official catalogue is imported by an admin */
  starter: z.boolean(),
});
export type Major = z.infer<typeof majorSchema>;

// STARTER SET, not the official catalogue (1,349+ majors): a handful of 职业教育专业目录(2021)
// majors for Beijing's priority industries, so demo data and tests have something to match on.
const starter: Array<[code: string, name: string, level: MajorLevel, className: string]> = [
  ['460103', '数控技术', 'gaozhi', '机械设计制造类'],
  ['460301', '机电一体化技术', 'gaozhi', '自动化类'],
  ['460305', '工业机器人技术', 'gaozhi', '自动化类'],
  ['460702', '新能源汽车技术', 'gaozhi', '汽车制造类'],
  ['510201', '计算机应用技术', 'gaozhi', '计算机类'],
  ['510205', '大数据技术', 'gaozhi', '计算机类'],
  ['510209', '人工智能技术应用', 'gaozhi', '计算机类'],
  ['510401', '集成电路技术', 'gaozhi', '集成电路类'],
  ['520201', '护理', 'gaozhi', '护理类'],
  ['520802', '老年保健与管理', 'gaozhi', '健康管理与促进类'],
  ['530701', '电子商务', 'gaozhi', '电子商务类'],
  ['530802', '现代物流管理', 'gaozhi', '物流类'],
  ['590302', '智慧健康养老服务与管理', 'gaozhi', '公共服务类'],
  ['590303', '婴幼儿托育服务与管理', 'gaozhi', '公共服务类'],
  ['660103', '数控技术应用', 'zhongzhi', '机械设计制造类'],
  ['720201', '护理', 'zhongzhi', '护理类'],
];

export const starterMajors: readonly Major[] = z
  .array(majorSchema)
  .parse(starter.map(([code, name, level, className]) => ({ code, name, level, classCode: code.slice(0, 4), className, starter: true })));

/** The 专业大类 a six-digit major code belongs to, by its first two digits and level. */
export function majorCategoryOf(code: string): MajorCategory | undefined {
  const prefix = code.slice(0, 2);
  return majorCategories.find((c) => c.codes.zhongzhi === prefix || c.codes.gaozhi === prefix || c.codes.benke === prefix);
}

/** The 专业大类 (catalogue sequence 1–19) of these majors, without repeats: what needs and bases are filtered by. */
export function categoriesOf(majorCodes: readonly string[]): number[] {
  return [...new Set(majorCodes.map((c) => majorCategoryOf(c)?.seq).filter((s): s is number => s !== undefined))];
}
