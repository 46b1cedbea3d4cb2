import { z } from 'zod';
import { majorCodeSchema } from './training-base.ts';
import { getRegion } from './reference/regions.ts';
import type { MessageKey } from './messages.ts';

// 合作需求: what an enterprise (or a consortium on its behalf) asks schools for, one kind per need.
// Kind-specific fields are a discriminated union; the internship rules are checked here, in one place.

import type { NeedKind } from './constants/need.ts';
export { applicationStatuses, needKindNames, needKinds, needStatuses } from './constants/need.ts';
export type { ApplicationStatus, NeedKind, NeedStatus } from './constants/need.ts';

/** who made the first move: the school applied, the enterprise invited a cohort, or an allocation round placed it */
export const applicationDirections = ['apply', 'invite', 'round'] as const;
export type ApplicationDirection = (typeof applicationDirections)[number];

const isoDate = z.iso.date();

const districtCode = z
  .string()
  .trim()
  .superRefine((code, ctx) => {
    const region = getRegion(code);
    if (!region) ctx.addIssue({ code: 'custom', message: 'region.unknown' });
    else if (region.level === 'province') ctx.addIssue({ code: 'custom', message: 'organization.regionTooCoarse' });
  });

const common = {
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().max(5000).default(''),
  regionCode: districtCode,
  /** the last day to apply; a published need past it expires */
  deadline: isoDate,
};

const positive = z.number().int().min(1, { message: 'base.capacityPositive' });

export const internshipFields = z.object({
  kind: z.literal('internship'),
  ...common,
  /** 岗位 */
  post: z.string().trim().min(2).max(100),
  majorCodes: z.array(majorCodeSchema).min(1).max(10),
  headcount: positive.max(10_000),
  periodFrom: isoDate,
  periodTo: isoDate,
  dailyHours: z.number().min(1).max(8),
  /** 月薪 (yuan) */
  monthlyPay: z.number().int().min(0).max(1_000_000),
  /** the same post's probation wage (yuan a month): pay must be at least 80 % of it */
  probationWage: positive.max(1_000_000),
  accommodation: z.boolean().default(false),
  /** people working in this post at the enterprise: interns at most 20 % of them */
  postStaffCount: positive.max(1_000_000),
});

export const needInputSchema = z.discriminatedUnion('kind', [
  internshipFields,
  z.object({
    kind: z.literal('order_class'),
    ...common,
    majorCodes: z.array(majorCodeSchema).min(1).max(10),
    intake: positive.max(1000),
    years: z.number().int().min(1).max(5),
  }),
  z.object({
    kind: z.literal('curriculum'),
    ...common,
    majorCodes: z.array(majorCodeSchema).max(10).default([]),
    courseName: z.string().trim().min(2).max(100),
  }),
  z.object({
    kind: z.literal('textbook'),
    ...common,
    majorCodes: z.array(majorCodeSchema).max(10).default([]),
    bookTitle: z.string().trim().min(2).max(100),
  }),
  z.object({
    kind: z.literal('teacher_practice'),
    ...common,
    majorCodes: z.array(majorCodeSchema).max(10).default([]),
    positions: positive.max(1000),
    periodFrom: isoDate,
    periodTo: isoDate,
  }),
  z.object({
    kind: z.literal('technical_problem'),
    ...common,
    majorCodes: z.array(majorCodeSchema).max(10).default([]),
    problem: z.string().trim().min(2).max(5000),
    budget: z.number().int().min(0).max(100_000_000).nullable().default(null),
  }),
  z.object({
    kind: z.literal('base_building'),
    ...common,
    majorCodes: z.array(majorCodeSchema).max(10).default([]),
    plannedStations: positive.max(100_000),
  }),
]);
export type NeedInput = z.infer<typeof needInputSchema>;
export type InternshipNeed = z.infer<typeof internshipFields>;

/** The rules of 职业学校学生实习管理规定 (2021) that matching must respect. */
export const internshipRules = {
  /** pay at least this share of the post's probation wage */
  minPayShare: 0.8,
  /** interns at most this share of the people in one post */
  maxPostShare: 0.2,
  /** interns at one enterprise at most this share of its staff */
  maxEnterpriseShare: 0.1,
} as const;

/** Each rule is also a message key (messages.ts), so a refusal names it in the caller's language. */
export type InternshipRule = Extract<
  MessageKey,
  'internship.pay' | 'internship.postShare' | 'internship.enterpriseShare' | 'internship.period'
>;

/** Most interns one post may take (20 % of its staff, rounded down). */
export const maxInternsForPost = (postStaffCount: number): number => Math.floor(postStaffCount * internshipRules.maxPostShare);

/** Most interns one enterprise may have at once (10 % of its staff, rounded down). */
export const maxInternsForEnterprise = (staffCount: number): number => Math.floor(staffCount * internshipRules.maxEnterpriseShare);

/**
 * The internship rules a need (or an acceptance bringing `interns` people) would break, with the field at
 * fault. `otherInterns` are the enterprise's interns already placed or accepted elsewhere in the period.
 */
export function internshipViolations(
  need: Pick<InternshipNeed, 'monthlyPay' | 'probationWage' | 'postStaffCount' | 'periodFrom' | 'periodTo'>,
  opts: { interns: number; enterpriseStaff: number | null; otherInterns?: number },
): Array<{ rule: InternshipRule; field: string }> {
  const out: Array<{ rule: InternshipRule; field: string }> = [];
  const period = periodViolation(need);
  if (period) out.push(period);
  if (need.monthlyPay < need.probationWage * internshipRules.minPayShare) out.push({ rule: 'internship.pay', field: 'monthlyPay' });
  if (opts.interns > maxInternsForPost(need.postStaffCount)) out.push({ rule: 'internship.postShare', field: 'headcount' });
  if (opts.enterpriseStaff !== null && opts.interns + (opts.otherInterns ?? 0) > maxInternsForEnterprise(opts.enterpriseStaff))
    out.push({ rule: 'internship.enterpriseShare', field: 'headcount' });
  return out;
}

/**
 * Terms a published need may not contain. 职业学校学生实习管理规定 (2021) forbids charging interns (deposits, fees for
 * clothing, training or check-ups), placing them through paid intermediaries, and overtime or night shifts; a
 * need that offers any of these is refused at publishing, naming the field and the term.
 */
export const bannedTerms = [
  '押金',
  '保证金',
  '中介费',
  '介绍费',
  '培训费',
  '服装费',
  '体检费',
  '住宿押金',
  '加班',
  '夜班',
  '通宵',
  '倒班',
  '无薪',
  '不发工资',
] as const;

/** The first banned term in a need's free-text fields, with the field it is in; null when there is none. */
export function bannedContent(need: { title: string; description: string; details: unknown }): { field: string; term: string } | null {
  const details = (need.details ?? {}) as Record<string, unknown>;
  const texts: Array<[string, unknown]> = [
    ['title', need.title],
    ['description', need.description],
    ...['post', 'courseName', 'bookTitle', 'problem'].map((k): [string, unknown] => [k, details[k]]),
  ];
  for (const [field, text] of texts) {
    if (typeof text !== 'string') continue;
    const term = bannedTerms.find((t) => text.includes(t));
    if (term) return { field, term };
  }
  return null;
}

/** The period rule, for every kind with a period (internships, teacher practice): it cannot end before it starts. */
export function periodViolation(n: {
  periodFrom?: string | null;
  periodTo?: string | null;
}): { rule: 'internship.period'; field: 'periodTo' } | null {
  return n.periodFrom && n.periodTo && n.periodTo < n.periodFrom ? { rule: 'internship.period', field: 'periodTo' } : null;
}

/** The terms of a stored internship need that the rules look at (kind-specific ones live in `details`). */
export function internshipTermsOf(n: { details: unknown; periodFrom: string | null; periodTo: string | null }) {
  const d = internshipFields
    .partial()
    .parse({ ...(n.details as Record<string, unknown>), periodFrom: n.periodFrom ?? undefined, periodTo: n.periodTo ?? undefined });
  return {
    monthlyPay: d.monthlyPay ?? 0,
    probationWage: d.probationWage ?? 1,
    postStaffCount: d.postStaffCount ?? 0,
    periodFrom: n.periodFrom ?? '',
    periodTo: n.periodTo ?? '',
  };
}

/** A need's stored values that publishing looks at. */
export type PublishableNeed = {
  kind: NeedKind;
  title: string;
  description: string;
  deadline: string;
  details: unknown;
  headcount: number | null;
  periodFrom: string | null;
  periodTo: string | null;
};

export type PublishViolation = {
  key: Extract<MessageKey, 'booking.pastDate' | 'need.bannedContent' | InternshipRule>;
  field: string;
  params?: Record<string, string | number>;
};

/**
 * What publishing checks, on a need's stored values, the one rule for publishing and for editing a published need:
 * the deadline not past (`today` in China), no banned terms, the period in order, and for internships the rules.
 * The first violation with its field, or null.
 */
export function publishChecks(n: PublishableNeed, staffCount: number | null, today: string): PublishViolation | null {
  if (n.deadline < today) return { key: 'booking.pastDate', field: 'deadline' };
  const banned = bannedContent(n);
  if (banned) return { key: 'need.bannedContent', field: banned.field, params: { term: banned.term } };
  const period = periodViolation(n);
  if (period) return { key: period.rule, field: period.field };
  if (n.kind !== 'internship') return null;
  const first = internshipViolations(internshipTermsOf(n), { interns: n.headcount ?? 0, enterpriseStaff: staffCount })[0];
  return first ? { key: first.rule, field: first.field } : null;
}

/** The field that holds a kind's places (the `headcount` column), when the kind has places. */
export const placesFieldOf = (kind: NeedKind): 'headcount' | 'intake' | 'positions' | null =>
  kind === 'internship' ? 'headcount' : kind === 'order_class' ? 'intake' : kind === 'teacher_practice' ? 'positions' : null;

/** A need's fields by name, as the form has them: the shared columns and the kind-specific details. */
export type NeedFields = Record<string, unknown> & { kind: NeedKind; deadline: string; majorCodes: string[] };

/**
 * Fields schools applied on: once published they stay as they are. The rest may change only in the
 * applicants' favour (pay and budget up, hours down, deadline later, majors added, accommodation kept).
 */
export const lockedWhenPublished = ['kind', 'regionCode', 'post', 'periodFrom', 'periodTo', 'years', 'courseName', 'bookTitle'] as const;
const notLowerWhenPublished = ['monthlyPay', 'budget', 'plannedStations'] as const;
const notHigherWhenPublished = ['dailyHours'] as const;

export type NeedEditViolation = {
  key: Extract<
    MessageKey,
    'need.lockedAfterPublish' | 'need.belowAccepted' | 'need.notLower' | 'need.notHigher' | 'need.deadlineEarlier' | 'need.majorsRemoved'
  >;
  field: string;
  params?: Record<string, string | number>;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The first reason an edit of a need is refused, with the field at fault; null when it may be saved.
 * Any status: the places not below those accepted or offered. Published: the rules above.
 */
export function needEditViolation(
  before: NeedFields,
  after: NeedFields,
  opts: { published: boolean; accepted: number },
): NeedEditViolation | null {
  const places = placesFieldOf(after.kind);
  if (opts.published) {
    for (const f of lockedWhenPublished) if (!same(before[f], after[f])) return { key: 'need.lockedAfterPublish', field: f };
  }
  if (places && opts.accepted > 0 && Number(after[places] ?? 0) < opts.accepted)
    return { key: 'need.belowAccepted', field: places, params: { accepted: opts.accepted } };
  if (!opts.published) return null;
  for (const f of notLowerWhenPublished) {
    const was = before[f];
    if (typeof was === 'number' && !(typeof after[f] === 'number' && (after[f] as number) >= was))
      return { key: 'need.notLower', field: f, params: { value: was } };
  }
  for (const f of notHigherWhenPublished) {
    const was = before[f];
    if (typeof was === 'number' && typeof after[f] === 'number' && (after[f] as number) > was)
      return { key: 'need.notHigher', field: f, params: { value: was } };
  }
  if (before.accommodation === true && after.accommodation !== true) return { key: 'need.lockedAfterPublish', field: 'accommodation' };
  if (after.deadline < before.deadline) return { key: 'need.deadlineEarlier', field: 'deadline', params: { deadline: before.deadline } };
  if (before.majorCodes.some((m) => !after.majorCodes.includes(m))) return { key: 'need.majorsRemoved', field: 'majorCodes' };
  return null;
}

/** The fields an edit changes, each with its old and new value. */
export function changedNeedFields(before: NeedFields, after: NeedFields): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!same(before[key], after[key])) out[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return out;
}

/** Changes applicants are told about: anything but the wording of the title and description. */
export const isMaterialChange = (changed: Record<string, unknown>): boolean =>
  Object.keys(changed).some((k) => k !== 'title' && k !== 'description');
