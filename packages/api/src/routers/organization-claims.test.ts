import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueViolation } from '@ronghe/db/errors';
import { usccCheckChar } from '@ronghe/domain/uscc';
import {
  createTestEnv,
  enterpriseInput,
  errorOf,
  fieldOf,
  keyOf,
  makeAdmin,
  signUpUser,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

// Issue 18, "Registrations that squat on a real company's identity": a stranger registered a real company's
// 统一社会信用代码; the admin rejected it; the real company could never register. A code is now unique among
// verified (and suspended) organisations only; competing claims wait side by side in the admin's queue.

let env: TestEnv;
let admin: TestUser;
let secondAdmin: TestUser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'jw-claims@example.gov.cn' }));
  secondAdmin = await makeAdmin(env, await signUpUser(env, { identifier: 'jw-claims-2@example.gov.cn' }));
});
afterAll(async () => {
  await env.close();
});

let serial = 0;
/** A fresh valid USCC, so each test claims its own code. */
const freshUscc = () => {
  serial += 1;
  const body = `9111010558${String(1_000_000 + serial * 37 + Math.floor(Math.random() * 30)).padStart(7, '0')}`;
  return body + (usccCheckChar(body) ?? '');
};
const statusOf = async (id: string) => {
  const [row] = await env.db.rows<{ status: string; status_reason: string | null }>(
    sql`select status, status_reason from organization where id = ${id}`,
  );
  return row;
};

describe('claims to a USCC or school code', () => {
  it(
    'a stranger claims a real company’s USCC first; the company still registers; the admin compares both, verifies the company and the squatter’s ' +
      'claim closes with a reason, audited and notified',
    async () => {
      const uscc = freshUscc();
      const squatter = await signUpUser(env, { name: '冒名者' });
      const company = await signUpUser(env, { name: '真实企业经办人' });
      const fake = await squatter.caller.organizations.create(
        enterpriseInput({ name: '京测真实科技有限公司', uscc, description: '我们就是这家公司' }),
      );
      const real = await company.caller.organizations.create(
        enterpriseInput({ name: '京测真实科技有限公司', uscc, regionCode: '110108', description: '营业执照见附件，法定代表人王某' }),
      );
      expect(real.status).toBe('pending');

      const queue = await admin.caller.admin.queue({ status: 'pending' });
      const row = queue.find((q) => q.id === real.id);
      expect(row).toMatchObject({
        uscc,
        description: '营业执照见附件，法定代表人王某',
        registeredBy: { name: '真实企业经办人', identifier: company.session.email },
      });
      expect(row?.competing).toEqual([
        expect.objectContaining({
          id: fake.id,
          status: 'pending',
          description: '我们就是这家公司',
          registeredBy: { name: '冒名者', identifier: squatter.session.email },
        }),
      ]);
      expect(queue.find((q) => q.id === fake.id)?.competing.map((c) => c.id)).toEqual([real.id]);

      await admin.caller.admin.verify({ id: real.id });
      expect(await statusOf(real.id)).toMatchObject({ status: 'verified' });
      const closed = await statusOf(fake.id);
      expect(closed?.status).toBe('rejected');
      expect(closed?.status_reason).toContain('统一社会信用代码');
      const audit = await admin.caller.admin.auditLog({ organizationId: fake.id });
      expect(audit.items[0]).toMatchObject({
        action: 'organization.reject',
        actorUserId: admin.session.userId,
        before: { status: 'pending' },
        after: { status: 'rejected', closedByVerificationOf: real.id },
      });
      const [notice] = await squatter.caller.notifications.list({ limit: 5 });
      expect(notice).toMatchObject({ type: 'organization.claimClosed', link: `/orgs/${fake.id}` });

      // the code is now held: a new claim is refused at once, and the closed one cannot be verified over it
      const again = await errorOf(squatter.caller.organizations.create(enterpriseInput({ name: '京测真实科技（北京）有限公司', uscc })));
      expect([again.code, keyOf(again), fieldOf(again)]).toEqual(['CONFLICT', 'organization.usccTaken', 'uscc']);
      const over = await errorOf(admin.caller.admin.verify({ id: fake.id }));
      expect([over.code, keyOf(over)]).toEqual(['CONFLICT', 'organization.usccTaken']);
    },
  );

  it('a rejected registration releases the code (and the name): the real company registers and is verified afterwards', async () => {
    const uscc = freshUscc();
    const squatter = await signUpUser(env);
    const fake = await squatter.caller.organizations.create(enterpriseInput({ name: '京测释放测试有限公司', uscc }));
    await admin.caller.admin.reject({ id: fake.id, reason: '非该企业员工' });
    const company = await signUpUser(env);
    const real = await company.caller.organizations.create(enterpriseInput({ name: '京测释放测试有限公司', uscc }));
    await admin.caller.admin.verify({ id: real.id });
    expect((await company.caller.organizations.get({ id: real.id })).status).toBe('verified');
  });

  it('a school’s 学校标识码 follows the same rule', async () => {
    const schoolCode = `41110${String(10_000 + Math.floor(Math.random() * 89_999))}`;
    const squatter = await signUpUser(env);
    const school = await signUpUser(env);
    const fake = await squatter.caller.organizations.create({
      kind: 'school',
      name: '京测冒名职业学院',
      regionCode: '110108',
      schoolLevel: 'gaozhi',
      schoolCode,
    });
    const real = await school.caller.organizations.create({
      kind: 'school',
      name: '京测真实职业学院',
      regionCode: '110108',
      schoolLevel: 'gaozhi',
      schoolCode,
    });
    await admin.caller.admin.verify({ id: real.id });
    expect((await statusOf(fake.id))?.status).toBe('rejected');
    expect((await statusOf(fake.id))?.status_reason).toContain('学校标识码');
    expect(
      keyOf(
        await errorOf(
          squatter.caller.organizations.create({
            kind: 'school',
            name: '京测又一职业学院',
            regionCode: '110108',
            schoolLevel: 'gaozhi',
            schoolCode,
          }),
        ),
      ),
    ).toBe('organization.schoolCodeTaken');
  });

  it('two admins verifying two competing claims at once: exactly one wins, the other gets a clear CONFLICT', async () => {
    for (let round = 0; round < 3; round++) {
      const uscc = freshUscc();
      const a = await (await signUpUser(env)).caller.organizations.create(enterpriseInput({ name: `京测竞争甲${round}有限公司`, uscc }));
      const b = await (await signUpUser(env)).caller.organizations.create(enterpriseInput({ name: `京测竞争乙${round}有限公司`, uscc }));
      const results = await Promise.allSettled([admin.caller.admin.verify({ id: a.id }), secondAdmin.caller.admin.verify({ id: b.id })]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [lost] = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code: string; cause: unknown }] : []));
      expect(lost?.code).toBe('CONFLICT');
      expect(['organization.usccTaken', 'organization.wrongStatus']).toContain(keyOf(lost ?? { cause: null }));
      const [held] = await env.db.rows<{ n: number }>(
        sql`select count(*)::int as n from organization where uscc = ${uscc} and status = 'verified'`,
      );
      expect(held?.n).toBe(1);
    }
  });

  it('the database enforces it too: a second verified row with the same code is a unique violation', async () => {
    const uscc = freshUscc();
    const a = await (await signUpUser(env)).caller.organizations.create(enterpriseInput({ name: '京测索引甲有限公司', uscc }));
    const b = await (await signUpUser(env)).caller.organizations.create(enterpriseInput({ name: '京测索引乙有限公司', uscc }));
    await env.db.orm.execute(sql`update organization set status = 'verified' where id = ${a.id}`);
    const error = await env.db.orm.execute(sql`update organization set status = 'verified' where id = ${b.id}`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(uniqueViolation(error)).toBe('organization_uscc_verified_key');
  });
});
