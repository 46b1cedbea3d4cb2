import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, indicators, notifications, planTasks } from '@ronghe/db/schema';
import type { DomainError } from '@ronghe/domain/errors';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { remindDueTasks, taskSummary, tasksForIndicators } from '../services/plan-tasks.ts';
import {
  createTestEnv,
  errorOf,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

// 建设任务进度表: admins set tasks linked to plan indicators; overdue and at-risk tasks are flagged; the
// owner's managers report dated progress (outsiders may not); closed tasks take no updates; owners are
// reminded before deadlines, once a week at most.

let env: TestEnv;
let admin: TestUser;
let owner: TestUser & { organizationId: string };
let outsider: TestUser & { organizationId: string };
const ids: Record<string, string> = {};
const today = todayInChina();

beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'tasks-admin@example.gov.cn', name: '市教委督导员' }));
  owner = await verifiedOrganization(env, admin, 'school', '110108');
  outsider = await verifiedOrganization(env, admin, 'enterprise', '120116');
  for (const row of await env.db.orm.select({ id: indicators.id, code: indicators.code }).from(indicators)) ids[row.code] = row.id;
});
afterAll(async () => {
  await env.close();
});

let n = 0;
const taskInput = (overrides: Record<string, unknown> = {}) => ({
  title: `建设市域产教联合体任务${++n}`,
  description: '',
  ownerOrganizationId: owner.organizationId,
  responsibleName: '李明',
  startsOn: addDays(today, -60),
  deadline: addDays(today, 120),
  expectedOutcome: '建成并运行一个市域产教联合体',
  indicatorIds: [ids.T01 ?? '', ids.T13 ?? ''],
  ...overrides,
});

describe('plan tasks', () => {
  it('lets an admin create a task with linked indicators, audited, and notifies the owner', async () => {
    const { id } = await admin.caller.planTasks.create(taskInput({ title: '组建京津冀产教融合共同体' }));
    const task = await admin.caller.planTasks.get({ id });
    expect(task).toMatchObject({
      title: '组建京津冀产教融合共同体',
      ownerOrganizationId: owner.organizationId,
      responsibleName: '李明',
      status: 'not_started',
      progress: 0,
      flag: 'on_track',
      updates: [],
    });
    expect(task.indicatorCodes).toEqual(['T01', 'T13']);
    expect(task.ownerName).toMatch(/^测试职业学院/);
    const audit = await env.db.orm
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'plan_task'), eq(auditLog.entityId, id)));
    expect(audit.map((a) => a.action)).toEqual(['task.create']);
    const assigned = await env.db.orm
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, owner.session.userId), eq(notifications.type, 'task.assigned')));
    expect(assigned.some((a) => a.link === `/admin/tasks?task=${id}`)).toBe(true);

    await admin.caller.planTasks.update({
      id,
      data: taskInput({ title: '组建京津冀产教融合共同体', responsibleName: '王芳', indicatorIds: [ids.T02 ?? ''] }),
    });
    const edited = await admin.caller.planTasks.get({ id });
    expect([edited.responsibleName, edited.indicatorCodes]).toEqual(['王芳', ['T02']]);
    const rows = await tasksForIndicators(env.db, [ids.T02 ?? '']);
    expect(rows.map((r) => r.id)).toContain(id);
  });

  it('names the field of bad input, and refuses unknown owners and indicators', async () => {
    const noTitle = await errorOf(admin.caller.planTasks.create(taskInput({ title: ' ' })));
    expect(noTitle.code).toBe('BAD_REQUEST');
    expect(noTitle.message).toContain('title');
    expect(noTitle.message).toContain('task.titleRequired');
    const backwards = await errorOf(
      admin.caller.planTasks.create(taskInput({ startsOn: addDays(today, 10), deadline: addDays(today, 5) })),
    );
    expect(backwards.message).toContain('deadline');
    expect(backwards.message).toContain('task.deadlineBeforeStart');
    const unknownOwner = await errorOf(
      admin.caller.planTasks.create(taskInput({ ownerOrganizationId: '00000000-0000-4000-8000-000000000000' })),
    );
    expect([keyOf(unknownOwner), (unknownOwner.cause as DomainError).field]).toEqual(['task.ownerUnknown', 'ownerOrganizationId']);
    const unknownIndicator = await errorOf(
      admin.caller.planTasks.create(taskInput({ indicatorIds: ['00000000-0000-4000-8000-000000000000'] })),
    );
    expect(keyOf(unknownIndicator)).toBe('task.indicatorUnknown');
    const badProgress = await errorOf(
      owner.caller.planTasks.addUpdate({
        taskId: '00000000-0000-4000-8000-000000000000',
        note: '进展',
        evidenceUrl: '',
        progress: 120,
        status: 'in_progress',
      }),
    );
    expect(badProgress.message).toContain('progress');
    expect(badProgress.message).toContain('task.progressRange');
  });

  it('flags overdue and at-risk tasks, and filters by flag, status and owner', async () => {
    const { id: overdue } = await admin.caller.planTasks.create(taskInput({ startsOn: addDays(today, -90), deadline: addDays(today, -1) }));
    // two thirds of the time gone, nothing done, the deadline in ten days
    const { id: atRisk } = await admin.caller.planTasks.create(taskInput({ startsOn: addDays(today, -20), deadline: addDays(today, 10) }));
    const { id: onTrack } = await admin.caller.planTasks.create(taskInput({ startsOn: addDays(today, -5), deadline: addDays(today, 300) }));
    const all = await admin.caller.planTasks.list();
    const flagOf = (id: string) => all.find((r) => r.id === id)?.flag;
    expect([flagOf(overdue), flagOf(atRisk), flagOf(onTrack)]).toEqual(['overdue', 'at_risk', 'on_track']);
    expect((await admin.caller.planTasks.list({ flag: 'overdue' })).map((r) => r.id)).toEqual([overdue]);
    expect((await admin.caller.planTasks.list({ flag: 'at_risk' })).map((r) => r.id)).toEqual([atRisk]);
    expect(await admin.caller.planTasks.list({ ownerOrganizationId: outsider.organizationId })).toEqual([]);
    expect((await admin.caller.planTasks.list({ status: 'not_started' })).length).toBe(all.length);
  });

  it('lets a manager of the owner post a dated update; an outsider is refused', async () => {
    const { id } = await admin.caller.planTasks.create(taskInput());
    const posted = await owner.caller.planTasks.addUpdate({
      taskId: id,
      note: '已完成联合体章程起草',
      evidenceUrl: 'https://jw.beijing.gov.cn/example',
      progress: 40,
      status: 'in_progress',
    });
    expect(posted).toMatchObject({ taskId: id, progress: 40, status: 'in_progress' });
    await owner.caller.planTasks.addUpdate({ taskId: id, note: '召开第一次理事会', evidenceUrl: '', progress: 60, status: 'in_progress' });
    const task = await owner.caller.planTasks.get({ id });
    expect([task.progress, task.status, task.canUpdate]).toEqual([60, 'in_progress', true]);
    expect(task.updates.map((u) => [u.note, u.on, u.progress])).toEqual([
      ['召开第一次理事会', today, 60],
      ['已完成联合体章程起草', today, 40],
    ]);
    expect(task.updates[1]?.evidenceUrl).toBe('https://jw.beijing.gov.cn/example');
    expect(task.lastUpdate?.note).toBe('召开第一次理事会');
    expect((await owner.caller.planTasks.mine()).map((r) => r.id)).toContain(id);
    expect(await outsider.caller.planTasks.mine()).toEqual([]);

    expect(
      (
        await errorOf(
          outsider.caller.planTasks.addUpdate({ taskId: id, note: '冒名报送', evidenceUrl: '', progress: 90, status: 'in_progress' }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect((await errorOf(outsider.caller.planTasks.get({ id }))).code).toBe('FORBIDDEN');
    expect((await errorOf(outsider.caller.planTasks.list())).code).toBe('FORBIDDEN');
    expect((await errorOf(owner.caller.planTasks.create(taskInput()))).code).toBe('FORBIDDEN');
    expect((await admin.caller.planTasks.get({ id })).progress).toBe(60);
  });

  it('lets a plain member of the owner read the task but not report on it', async () => {
    const { id } = await admin.caller.planTasks.create(taskInput());
    const inv = await owner.caller.organizations.invite({
      organizationId: owner.organizationId,
      identifier: 'tasks-member@example.com',
      role: 'member',
    });
    const member = await signUpUser(env, { identifier: 'tasks-member@example.com' });
    await member.caller.invitations.accept({ token: inv.token });
    const task = await member.caller.planTasks.get({ id });
    expect(task.canUpdate).toBe(false);
    expect(
      (
        await errorOf(
          member.caller.planTasks.addUpdate({ taskId: id, note: '成员报送', evidenceUrl: '', progress: 10, status: 'in_progress' }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(await member.caller.planTasks.mine()).toEqual([]);
  });

  it('completes a task with an update and then refuses further updates', async () => {
    const { id } = await admin.caller.planTasks.create(taskInput());
    const done = await owner.caller.planTasks.addUpdate({
      taskId: id,
      note: '联合体通过验收',
      evidenceUrl: '',
      progress: 90,
      status: 'done',
    });
    expect([done.progress, done.status]).toEqual([100, 'done']);
    const task = await admin.caller.planTasks.get({ id });
    expect([task.completedOn, task.flag, task.canUpdate]).toEqual([today, 'done', true]);
    const refused = await errorOf(
      admin.caller.planTasks.addUpdate({ taskId: id, note: '补充材料', evidenceUrl: '', progress: 100, status: 'in_progress' }),
    );
    expect([refused.code, keyOf(refused)]).toEqual(['CONFLICT', 'task.closed']);

    const { id: cancelled } = await admin.caller.planTasks.create(taskInput());
    await admin.caller.planTasks.addUpdate({ taskId: cancelled, note: '任务调整取消', evidenceUrl: '', progress: 0, status: 'cancelled' });
    expect(
      keyOf(
        await errorOf(
          owner.caller.planTasks.addUpdate({ taskId: cancelled, note: '继续推进', evidenceUrl: '', progress: 10, status: 'in_progress' }),
        ),
      ),
    ).toBe('task.closed');
  });

  it('reminds the owner of tasks due soon once, and not again the same week', async () => {
    const reminder = await verifiedOrganization(env, admin, 'partner', '130102');
    const base = { ownerOrganizationId: reminder.organizationId, startsOn: addDays(today, -30) };
    const { id: soon } = await admin.caller.planTasks.create(
      taskInput({ ...base, title: '建设开放型区域产教融合实践中心', deadline: addDays(today, 7) }),
    );
    const { id: late } = await admin.caller.planTasks.create(
      taskInput({ ...base, title: '编制双高建设方案', deadline: addDays(today, -2) }),
    );
    const { id: far } = await admin.caller.planTasks.create(taskInput({ ...base, deadline: addDays(today, 60) }));
    const { id: finished } = await admin.caller.planTasks.create(taskInput({ ...base, deadline: addDays(today, 3) }));
    await reminder.caller.planTasks.addUpdate({ taskId: finished, note: '已完成', evidenceUrl: '', progress: 100, status: 'done' });

    const dueOf = async () =>
      (
        await env.db.orm
          .select()
          .from(notifications)
          .where(and(eq(notifications.userId, reminder.session.userId), eq(notifications.type, 'task.due')))
      )
        .map((r) => r.link)
        .sort();
    const now = new Date();
    expect(await remindDueTasks(env.db, today, now)).toBeGreaterThanOrEqual(2);
    expect(await dueOf()).toEqual([`/admin/tasks?task=${soon}`, `/admin/tasks?task=${late}`].sort());
    const remindedAt = async (id: string) =>
      (await env.db.orm.select({ at: planTasks.remindedAt }).from(planTasks).where(eq(planTasks.id, id)))[0]?.at ?? null;
    expect(await remindedAt(far)).toBeNull();
    expect(await remindedAt(finished)).toBeNull();

    expect(await remindDueTasks(env.db, today, now)).toBe(0);
    expect(await remindDueTasks(env.db, addDays(today, 3), new Date(now.getTime() + 3 * 86_400_000))).toBe(0);
    expect(await dueOf()).toHaveLength(2);
    // a week on, still open: reminded again
    expect(await remindDueTasks(env.db, addDays(today, 8), new Date(now.getTime() + 8 * 86_400_000))).toBeGreaterThanOrEqual(2);
    expect(await dueOf()).toHaveLength(4);
  });

  it('sums up tasks for a report: done on time, late, open', async () => {
    const from = addDays(today, -400);
    const before = await taskSummary(env.db, { from, to: today });
    const { id: onTime } = await admin.caller.planTasks.create(taskInput({ startsOn: addDays(today, -10), deadline: addDays(today, 10) }));
    await admin.caller.planTasks.addUpdate({ taskId: onTime, note: '按期完成', evidenceUrl: '', progress: 100, status: 'done' });
    await admin.caller.planTasks.create(taskInput({ startsOn: addDays(today, -30), deadline: addDays(today, -3) }));
    await admin.caller.planTasks.create(taskInput({ startsOn: addDays(today, -3), deadline: addDays(today, 30) }));
    const after = await taskSummary(env.db, { from, to: today });
    expect([after.done - before.done, after.late - before.late, after.open - before.open]).toEqual([1, 1, 1]);
    expect(after.rows.length - before.rows.length).toBe(3);
  });
});
