import { z } from 'zod';
import type { NeedKind } from './need.ts';

// What an accepted match becomes: an internship becomes a placement (实习安排) that may only start once its
// tripartite agreement (三方协议) is recorded by the school and confirmed by the enterprise; every other kind of
// need becomes a cooperation project (合作项目) with milestones, which the monitoring counts (courses T10, textbooks T11).
// Invitations are offers the other way round: the enterprise holds places for a cohort until the school answers,
// and an offer left unanswered past its expiry gives the places back.

import type { AgreementStatus, PlacementPhase } from './constants/cooperation.ts';
export { agreementStatuses, placementPhases, projectStatuses } from './constants/cooperation.ts';
export type { AgreementStatus, PlacementPhase, ProjectStatus } from './constants/cooperation.ts';

export const placementStatuses = ['planned', 'cancelled'] as const;
export type PlacementStatus = (typeof placementStatuses)[number];

export function placementPhase(
  p: { status: PlacementStatus; agreementStatus: AgreementStatus; periodFrom: string; periodTo: string },
  today: string,
): PlacementPhase {
  if (p.status === 'cancelled') return 'cancelled';
  if (p.periodTo < today) return p.agreementStatus === 'confirmed' ? 'finished' : 'blocked';
  const confirmed = p.agreementStatus === 'confirmed';
  if (p.periodFrom <= today) return confirmed ? 'running' : 'blocked';
  return confirmed ? 'ready' : 'awaiting_agreement';
}

export const agreementInput = z.object({
  /** the agreement's number as printed on it (协议编号) */
  reference: z.string().trim().min(2).max(60),
  /** the day all three parties signed */
  signedOn: z.iso.date(),
});

/** The milestones a new project starts with, by the kind of need it answers; the two sides may add more. */
export const defaultMilestones: Record<Exclude<NeedKind, 'internship'>, readonly string[]> = {
  order_class: ['签订订单培养协议', '共同制定人才培养方案', '订单班开班', '学生进入企业岗位'],
  curriculum: ['确定课程标准', '共同开发教学资源', '首轮开课'],
  textbook: ['确定编写大纲', '完成初稿', '审定出版'],
  teacher_practice: ['确定实践岗位与计划', '教师到岗实践', '提交实践报告'],
  technical_problem: ['明确技术需求与指标', '形成解决方案', '成果验收'],
  base_building: ['签订共建协议', '完成建设方案', '基地投入使用'],
};

export const milestoneInput = z.object({
  title: z.string().trim().min(2).max(100),
  dueOn: z.iso.date().nullable().default(null),
});

/** Days an invitation (an enterprise's offer of places to a cohort) waits for the school's answer. */
export const invitationDays = { default: 7, min: 1, max: 30 } as const;

export const invitationInput = z.object({
  students: z.number().int().min(1, { message: 'base.capacityPositive' }).max(10_000),
  expiresInDays: z.number().int().min(invitationDays.min).max(invitationDays.max).default(invitationDays.default),
  message: z.string().trim().max(1000).default(''),
});
