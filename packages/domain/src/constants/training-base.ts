// Training bases' fixed lists and small date helpers, with no validator: the web imports these at run
// time, and the zod schemas in ../training-base.ts are built from them, so there is one copy.

/**
 * 校内实训基地, 校外实训基地/企业实践基地, 开放性区域产教融合实践中心, 共性技术服务平台, 产业学院,
 * 工匠学院, 高技能人才培训基地, 世赛集训基地, 职业启蒙和劳动教育基地
 */
export const trainingBaseKinds = [
  'campus',
  'enterprise_practice',
  'open_practice_centre',
  'common_tech_platform',
  'industry_college',
  'craftsman_college',
  'high_skill_base',
  'worldskills_base',
  'enlightenment_base',
] as const;
export type TrainingBaseKind = (typeof trainingBaseKinds)[number];

/** What each kind is called, in Chinese (the action plan's words) and in English: the web pages and the annual report. */
export const trainingBaseKindNames: Record<'zh-CN' | 'en', Record<TrainingBaseKind, string>> = {
  'zh-CN': {
    campus: '校内实训基地',
    enterprise_practice: '校外实训基地 / 企业实践基地',
    open_practice_centre: '开放性区域产教融合实践中心',
    common_tech_platform: '共性技术服务平台',
    industry_college: '产业学院',
    craftsman_college: '工匠学院',
    high_skill_base: '高技能人才培训基地',
    worldskills_base: '世赛集训基地',
    enlightenment_base: '职业启蒙和劳动教育基地',
  },
  en: {
    campus: 'On-campus training base',
    enterprise_practice: 'Off-campus / enterprise practice base',
    open_practice_centre: 'Open regional practice centre',
    common_tech_platform: 'Common technology platform',
    industry_college: 'Industry college',
    craftsman_college: 'Craftsman college',
    high_skill_base: 'High-skill training base',
    worldskills_base: 'WorldSkills training base',
    enlightenment_base: 'Career-awareness and labour education base',
  },
};

export const trainingBaseStatuses = ['draft', 'published', 'unpublished'] as const;
export type TrainingBaseStatus = (typeof trainingBaseStatuses)[number];

/** Terms for outside partners: free, cost-sharing, fee. */
export const openTerms = ['free', 'cost_sharing', 'fee'] as const;
export type OpenTerms = (typeof openTerms)[number];

export const bookingPurposes = ['training', 'teacher_practice', 'competition', 'enlightenment'] as const;
export type BookingPurpose = (typeof bookingPurposes)[number];

/** requested → approved | declined | proposed (other dates offered) → approved on acceptance; any open one may be cancelled. */
export const bookingStatuses = ['requested', 'approved', 'declined', 'proposed', 'cancelled'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/** 京津冀's bounding box: the form's first check, and the server's cheap test before the outlines. */
export const jjjBounds = { minLng: 113.4, maxLng: 119.9, minLat: 36.0, maxLat: 42.7 } as const;

/** Today in China (Asia/Shanghai) as YYYY-MM-DD: booking dates are local dates. */
// built once: a DateTimeFormat costs ≈0.4 ms to make and is called on most requests
const chinaDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayInChina(now: Date = new Date()): string {
  return chinaDate.format(now);
}
