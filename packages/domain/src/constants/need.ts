// Needs' and applications' fixed lists, with no validator: the web imports these at run time, and the
// zod schemas in ../need.ts are built from them, so there is one copy.

export const needKinds = [
  'internship',
  'order_class',
  'curriculum',
  'textbook',
  'teacher_practice',
  'technical_problem',
  'base_building',
] as const;
export type NeedKind = (typeof needKinds)[number];

/** What each kind of need is called, in Chinese and in English: the web pages and the annual report. */
export const needKindNames: Record<'zh-CN' | 'en', Record<NeedKind, string>> = {
  'zh-CN': {
    internship: '岗位实习',
    order_class: '订单班',
    curriculum: '课程共建',
    textbook: '教材共建',
    teacher_practice: '教师企业实践',
    technical_problem: '技术攻关',
    base_building: '共建基地',
  },
  en: {
    internship: 'Internship',
    order_class: 'Order class',
    curriculum: 'Joint curriculum',
    textbook: 'Joint textbook',
    teacher_practice: 'Teacher practice in enterprise',
    technical_problem: 'Technical problem solving',
    base_building: 'Joint training base',
  },
};

/** draft → published → closed | filled | expired (past its deadline) */
export const needStatuses = ['draft', 'published', 'closed', 'filled', 'expired'] as const;
export type NeedStatus = (typeof needStatuses)[number];

/**
 * A school's application: applied → accepted (all) | partly_accepted | declined; withdrawn by the school while open.
 * An enterprise's invitation (its places held meanwhile): invited → accepted | partly_accepted | declined by the school, or expired.
 */
export const applicationStatuses = ['applied', 'invited', 'accepted', 'partly_accepted', 'declined', 'withdrawn', 'expired'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
