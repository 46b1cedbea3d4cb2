import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainError } from '@ronghe/domain/errors';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
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

let env: TestEnv;
let admin: TestUser;
let school: TestUser & { organizationId: string };
let member: TestUser & { organizationId: string };
let outsider: TestUser & { organizationId: string };
let consortiumId = '';
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'endorse-admin@example.gov.cn' }));
  school = await verifiedOrganization(env, admin, 'school', '110115');
  member = await verifiedOrganization(env, admin, 'enterprise', '110115');
  outsider = await verifiedOrganization(env, admin, 'enterprise', '110108');
  // an active consortium led by the school, with the first enterprise as a lead member
  const { id } = await school.caller.consortia.propose({
    organizationId: school.organizationId,
    kind: 'industry_community',
    level: 'municipal',
    name: '亦庄数控产教融合共同体（测试）',
    industryCode: '34',
    anchorRegionCode: '110115',
  });
  await school.caller.consortia.invite({
    consortiumId: id,
    actingOrganizationId: school.organizationId,
    organizationId: member.organizationId,
    role: 'lead',
  });
  await member.caller.consortia.respond({ consortiumId: id, organizationId: member.organizationId, accept: true });
  await school.caller.consortia.submit({ consortiumId: id, organizationId: school.organizationId });
  await admin.caller.consortia.review({ consortiumId: id, decision: 'approve' });
  consortiumId = id;
});
afterAll(async () => {
  await env.close();
});

const need = (title: string) => ({
  kind: 'technical_problem' as const,
  title,
  regionCode: '110115',
  deadline: addDays(todayInChina(), 30),
  problem: '五轴加工精度补偿',
});

describe('consortium endorsements of needs', () => {
  it("the consortium's lead endorses a member's need; schools see it marked; it can be taken back", async () => {
    const { id: needId } = await member.caller.needs.create({ organizationId: member.organizationId, need: need('五轴加工精度技术攻关') });
    await member.caller.needs.publish({ id: needId });
    expect(await school.caller.needs.endorsableConsortia({ needId })).toEqual([
      { id: consortiumId, name: '亦庄数控产教融合共同体（测试）' },
    ]);
    expect(await outsider.caller.needs.endorsableConsortia({ needId })).toEqual([]);
    expect((await errorOf(outsider.caller.needs.endorse({ needId, consortiumId }))).code).toBe('FORBIDDEN');
    expect((await school.caller.needs.endorse({ needId, consortiumId })).consortiumName).toBe('亦庄数控产教融合共同体（测试）');
    expect((await outsider.caller.needs.get({ id: needId })).consortiumName).toBe('亦庄数控产教融合共同体（测试）');
    expect((await errorOf(outsider.caller.needs.withdrawEndorsement({ needId }))).code).toBe('FORBIDDEN');
    expect((await member.caller.needs.withdrawEndorsement({ needId })).consortiumId).toBeNull();
    expect((await outsider.caller.needs.get({ id: needId })).consortiumId).toBeNull();
  });

  it('refuses to endorse the need of an enterprise outside the consortium, naming the field', async () => {
    const { id: needId } = await outsider.caller.needs.create({
      organizationId: outsider.organizationId,
      need: need('非成员企业技术攻关'),
    });
    const e = await errorOf(school.caller.needs.endorse({ needId, consortiumId }));
    expect([keyOf(e), (e.cause as DomainError).field]).toEqual(['need.notConsortiumMember', 'consortiumId']);
  });
});
