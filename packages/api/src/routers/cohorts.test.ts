import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@ronghe/db/schema';
import type { DomainError } from '@ronghe/domain/errors';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import {
  cohortInput,
  createTestEnv,
  errorOf,
  fieldOf,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

let env: TestEnv;
let admin: TestUser;
let school: TestUser & { organizationId: string };
let enterprise: TestUser & { organizationId: string };
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'cohorts-admin@example.gov.cn' }));
  school = await verifiedOrganization(env, admin, 'school', '110115');
  enterprise = await verifiedOrganization(env, admin, 'enterprise', '110115'); // 500 staff
  await school.caller.organizations.update({ id: school.organizationId, data: { contactName: '王建国', contactPhone: '13812341234' } });
});
afterAll(async () => {
  await env.close();
});

const from = addDays(todayInChina(), 60);
const cohort = (overrides: Record<string, unknown> = {}) =>
  cohortInput({ teachers: 2, note: '带队教师：李老师 139 1234 5678，li.teacher@school.edu.cn', ...overrides });

describe('cohorts.get', () => {
  it('shows the school and admins everything, other verified organisations the open cohort with contacts masked', async () => {
    const { id } = await school.caller.cohorts.create({ organizationId: school.organizationId, ...cohort() });
    const own = await school.caller.cohorts.get({ id });
    expect(own).toMatchObject({ students: 30, taken: 0, teachers: 2, contactName: '王建国', contactPhone: '13812341234', canEdit: true });
    expect(own.note).toContain('139 1234 5678');
    expect((await admin.caller.cohorts.get({ id })).note).toContain('li.teacher@school.edu.cn');

    const seen = await enterprise.caller.cohorts.get({ id });
    expect(seen).toMatchObject({ students: 30, contactName: '王**', contactPhone: '138****1234', canEdit: false });
    expect(seen.note).toBe('带队教师：李老师 139****5678，l***@school.edu.cn');

    const unverified = await signUpUser(env);
    expect((await errorOf(unverified.caller.cohorts.get({ id }))).code).toBe('FORBIDDEN');
    await school.caller.cohorts.close({ id });
    expect((await errorOf(enterprise.caller.cohorts.get({ id }))).code).toBe('NOT_FOUND');
    expect((await school.caller.cohorts.get({ id })).status).toBe('closed');
  });
});

describe('cohorts.get masks contacts written into the note (issue 18)', () => {
  it('hides landlines, +86 numbers, the school contact’s name and labelled names from other organisations', async () => {
    const note =
      '联系人：张三，座机 010-62345678 / (022)23456789，手机 +86 138 1234 5678 或 86-13912345678；王建国负责对接。2027 年 3 月起，30 人';
    const { id } = await school.caller.cohorts.create({ organizationId: school.organizationId, ...cohort({ note }) });
    expect((await school.caller.cohorts.get({ id })).note).toBe(note);
    const seen = (await enterprise.caller.cohorts.get({ id })).note;
    expect(seen).toBe(
      '联系人：张*，座机 010-****5678 / (022)****6789，手机 +86 138****5678 或 86-139****5678；王**负责对接。2027 年 3 月起，30 人',
    );
    for (const leaked of ['张三', '62345678', '23456789', '1234 5678', '13912345678', '王建国']) expect(seen).not.toContain(leaked);
  });
});

describe('cohorts.update and close', () => {
  it('keeps major, level and year once applied for, and students not below those accepted, naming the field', async () => {
    const { id } = await school.caller.cohorts.create({ organizationId: school.organizationId, ...cohort() });
    // no applications yet: anything may change
    await school.caller.cohorts.update({ id, data: cohort({ majorCode: '460301', year: 2023 }) });
    expect((await school.caller.cohorts.get({ id })).majorCode).toBe('460301');

    const { id: needId } = await enterprise.caller.needs.create({
      organizationId: enterprise.organizationId,
      need: {
        kind: 'order_class',
        title: '订单班招生',
        regionCode: '110115',
        deadline: addDays(todayInChina(), 30),
        majorCodes: ['460301'],
        intake: 40,
        years: 3,
      },
    });
    await enterprise.caller.needs.publish({ id: needId });
    const a = await school.caller.needs.applyFor({ needId, organizationId: school.organizationId, cohortId: id, students: 12 });
    await enterprise.caller.needs.decide({ id: a.id, accept: 10 });
    expect((await school.caller.cohorts.get({ id })).taken).toBe(10);

    const below = await errorOf(school.caller.cohorts.update({ id, data: cohort({ majorCode: '460301', year: 2023, students: 9 }) }));
    expect([below.code, keyOf(below), fieldOf(below), (below.cause as DomainError).params]).toEqual([
      'BAD_REQUEST',
      'cohort.belowTaken',
      'students',
      { taken: 10 },
    ]);
    const major = await errorOf(school.caller.cohorts.update({ id, data: cohort({ majorCode: '460103', year: 2023 }) }));
    expect([keyOf(major), fieldOf(major)]).toEqual(['cohort.lockedWhileTaken', 'majorCode']);
    expect(
      (await errorOf(school.caller.cohorts.update({ id, data: cohort({ majorCode: '460301', year: 2023, windowTo: addDays(from, -1) }) })))
        .code,
    ).toBe('BAD_REQUEST');

    await school.caller.cohorts.update({
      id,
      data: cohort({ majorCode: '460301', year: 2023, students: 10, windowTo: addDays(from, 200), note: '' }),
    });
    const after = await school.caller.cohorts.get({ id });
    expect([after.students, after.windowTo, after.note]).toEqual([10, addDays(from, 200), '']);

    const history = await env.db.orm
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'cohort'), eq(auditLog.entityId, id)));
    expect(history.map((h) => h.action)).toEqual(['cohort.update', 'cohort.update']);
    expect(history[1]?.before).toMatchObject({ students: 30 });
    expect(history[1]?.after).toMatchObject({ students: 10 });
  });

  it('commits no more students than a cohort has left, and an edit racing acceptances never ends below those taken', async () => {
    const { id } = await school.caller.cohorts.create({ organizationId: school.organizationId, ...cohort({ students: 30 }) });
    const orderClass = async () => {
      const { id: needId } = await enterprise.caller.needs.create({
        organizationId: enterprise.organizationId,
        need: {
          kind: 'order_class',
          title: '订单班招生',
          regionCode: '110115',
          deadline: addDays(todayInChina(), 30),
          majorCodes: ['460103'],
          intake: 40,
          years: 3,
        },
      });
      await enterprise.caller.needs.publish({ id: needId });
      return needId;
    };
    const first = await school.caller.needs.applyFor({
      needId: await orderClass(),
      organizationId: school.organizationId,
      cohortId: id,
      students: 25,
    });
    const second = await school.caller.needs.applyFor({
      needId: await orderClass(),
      organizationId: school.organizationId,
      cohortId: id,
      students: 25,
    });
    await enterprise.caller.needs.decide({ id: first.id, accept: 20 });
    // 20 of 30 taken: the second acceptance may take 10 at most, and says so
    const over = await errorOf(enterprise.caller.needs.decide({ id: second.id, accept: 11 }));
    expect([over.code, keyOf(over), fieldOf(over), (over.cause as DomainError).params]).toEqual([
      'CONFLICT',
      'cohort.fewerLeft',
      'accept',
      { left: 10 },
    ]);
    const invite = await errorOf(
      enterprise.caller.needs.invite({ needId: await orderClass(), cohortId: id, students: 11, expiresInDays: 7, message: '' }),
    );
    expect([keyOf(invite), fieldOf(invite)]).toEqual(['cohort.fewerLeft', 'students']);

    // the school lowers its cohort to 25 while the enterprise accepts 10 more: whichever commits first, the other sees it
    const [edit, accept] = await Promise.allSettled([
      school.caller.cohorts.update({ id, data: cohort({ students: 25 }) }),
      enterprise.caller.needs.decide({ id: second.id, accept: 10 }),
    ]);
    const after = await school.caller.cohorts.get({ id });
    expect(after.taken).toBeLessThanOrEqual(after.students);
    expect([edit.status, accept.status]).toContain('fulfilled');
    if (edit.status === 'rejected') expect(keyOf(edit.reason as { cause: unknown })).toBe('cohort.belowTaken');
    if (accept.status === 'rejected') expect(keyOf(accept.reason as { cause: unknown })).toBe('cohort.fewerLeft');
  });

  it('lets only the school’s managers edit or close, and a closed cohort no longer changes', async () => {
    const { id } = await school.caller.cohorts.create({ organizationId: school.organizationId, ...cohort() });
    expect((await errorOf(enterprise.caller.cohorts.update({ id, data: cohort({ students: 5 }) }))).code).toBe('FORBIDDEN');
    expect((await errorOf(enterprise.caller.cohorts.close({ id }))).code).toBe('FORBIDDEN');
    expect((await errorOf(admin.caller.cohorts.close({ id }))).code).toBe('FORBIDDEN');
    expect((await school.caller.cohorts.close({ id })).status).toBe('closed');
    expect(keyOf(await errorOf(school.caller.cohorts.update({ id, data: cohort({ students: 5 }) })))).toBe('cohort.closed');
    expect((await errorOf(school.caller.cohorts.close({ id }))).code).toBe('CONFLICT');
    expect((await school.caller.cohorts.list({ organizationId: school.organizationId })).find((c) => c.id === id)?.status).toBe('closed');
  });
});
