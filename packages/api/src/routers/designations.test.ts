import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@ronghe/domain/errors';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import {
  anonymous,
  createTestEnv,
  errorOf,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

// 双高 and 高水平专业群: admins record a school's designations and clusters, anyone reads them, and the
// plan's indicators T04–T09 count them.

let env: TestEnv;
let admin: TestUser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'designations-admin@example.gov.cn', name: '市教委职成处' }));
});
afterAll(async () => {
  await env.close();
});

const valueOf = async (code: string) => {
  const row = (await admin.caller.monitoring.indicators()).find((i) => i.code === code);
  if (!row) throw new Error(`no indicator ${code}`);
  return row.value ?? 0;
};

describe('school designations', () => {
  it('lets an admin designate a school 国家双高, which T06 counts and anyone can read', async () => {
    const school = await verifiedOrganization(env, admin, 'school', '110105');
    const [t06, t08] = [await valueOf('T06'), await valueOf('T08')];
    const set = await admin.caller.designations.setSchool({
      organizationId: school.organizationId,
      designations: ['shuanggao_national', 'new_gaozhi', 'shuanggao_national'],
    });
    // the list's own order, without repeats
    expect(set.designations).toEqual(['new_gaozhi', 'shuanggao_national']);
    expect([await valueOf('T06'), await valueOf('T08')]).toEqual([t06 + 1, t08]);

    const shown = await anonymous(env).designations.ofSchool({ organizationId: school.organizationId });
    expect(shown).toEqual({ organizationId: school.organizationId, designations: ['new_gaozhi', 'shuanggao_national'], clusters: [] });

    // ticking replaces: dropping 国家双高 lowers T06 again
    await admin.caller.designations.setSchool({ organizationId: school.organizationId, designations: ['shuanggao_beijing'] });
    expect([await valueOf('T06'), await valueOf('T08')]).toEqual([t06, t08 + 1]);

    const { items } = await admin.caller.admin.auditLog({ organizationId: school.organizationId, action: 'organization.designate' });
    expect(items[0]).toMatchObject({
      actorName: '市教委职成处',
      before: { designations: ['new_gaozhi', 'shuanggao_national'] },
      after: { designations: ['shuanggao_beijing'] },
    });
  });

  it('adds a national 高水平专业群, which T07 counts; removing it lowers T07', async () => {
    const school = await verifiedOrganization(env, admin, 'school', '110108');
    const [t07, t09] = [await valueOf('T07'), await valueOf('T09')];
    const { id } = await admin.caller.designations.addCluster({
      organizationId: school.organizationId,
      name: '  数控技术专业群 ',
      designation: 'national',
      majorCodes: ['460103', '460103'],
      designatedOn: '2019-12-10',
    });
    await admin.caller.designations.addCluster({
      organizationId: school.organizationId,
      name: '计算机应用技术专业群',
      designation: 'beijing',
    });
    expect([await valueOf('T07'), await valueOf('T09')]).toEqual([t07 + 1, t09 + 1]);

    const { clusters } = await (await signUpUser(env)).caller.designations.ofSchool({ organizationId: school.organizationId });
    expect(clusters).toEqual([
      { id, name: '数控技术专业群', designation: 'national', majors: [{ code: '460103', name: '数控技术' }], designatedOn: '2019-12-10' },
      expect.objectContaining({ name: '计算机应用技术专业群', designation: 'beijing', majors: [], designatedOn: null }),
    ]);

    const again = await errorOf(
      admin.caller.designations.addCluster({ organizationId: school.organizationId, name: '数控技术专业群', designation: 'national' }),
    );
    expect([again.code, keyOf(again)]).toEqual(['CONFLICT', 'designation.clusterTaken']);

    expect(await admin.caller.designations.removeCluster({ clusterId: id })).toEqual({ ok: true });
    expect([await valueOf('T07'), await valueOf('T09')]).toEqual([t07, t09 + 1]);
    expect((await errorOf(admin.caller.designations.removeCluster({ clusterId: id }))).code).toBe('NOT_FOUND');
  });

  it('refuses enterprises and partners: designations are for schools', async () => {
    const enterprise = await verifiedOrganization(env, admin, 'enterprise');
    const set = await errorOf(
      admin.caller.designations.setSchool({ organizationId: enterprise.organizationId, designations: ['shuanggao_national'] }),
    );
    expect([set.code, keyOf(set)]).toEqual(['BAD_REQUEST', 'designation.notSchool']);
    const add = await errorOf(
      admin.caller.designations.addCluster({ organizationId: enterprise.organizationId, name: '智能制造专业群', designation: 'national' }),
    );
    expect(keyOf(add)).toBe('designation.notSchool');
    expect(keyOf(await errorOf(anonymous(env).designations.ofSchool({ organizationId: enterprise.organizationId })))).toBe(
      'designation.notSchool',
    );
    const missing = await errorOf(anonymous(env).designations.ofSchool({ organizationId: '00000000-0000-4000-8000-000000000000' }));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('names the field of bad input', async () => {
    const school = await verifiedOrganization(env, admin, 'school');
    const cases = [
      { input: { name: '群', designation: 'national' as const }, field: 'name', key: 'designation.clusterName' },
      { input: { name: '一'.repeat(61), designation: 'national' as const }, field: 'name', key: 'designation.clusterName' },
      { input: { name: '数控技术专业群', designation: 'provincial' as 'national' }, field: 'designation', key: 'designation.clusterLevel' },
      {
        input: { name: '数控技术专业群', designation: 'national' as const, majorCodes: ['46010'] },
        field: 'majorCodes',
        key: 'major.unknown',
      },
      {
        input: { name: '数控技术专业群', designation: 'national' as const, designatedOn: addDays(todayInChina(), 1) },
        field: 'designatedOn',
        key: 'designation.futureDate',
      },
    ];
    for (const c of cases) {
      const e = await errorOf(admin.caller.designations.addCluster({ organizationId: school.organizationId, ...c.input }));
      expect(e.code).toBe('BAD_REQUEST');
      expect(e.message).toContain(`"${c.field}"`);
      expect(e.message).toContain(c.key);
    }
    // six digits, but not in the catalogue: the service names the field
    const unknown = await errorOf(
      admin.caller.designations.addCluster({
        organizationId: school.organizationId,
        name: '数控技术专业群',
        designation: 'national',
        majorCodes: ['460103', '999999'],
      }),
    );
    expect([keyOf(unknown), unknown.cause instanceof DomainError ? unknown.cause.field : null]).toEqual(['major.unknown', 'majorCodes']);
    const badDesignation = await errorOf(
      admin.caller.designations.setSchool({ organizationId: school.organizationId, designations: ['shuanggao' as 'shuanggao_national'] }),
    );
    expect(badDesignation.message).toContain('designation.unknown');
    expect((await admin.caller.designations.ofSchool({ organizationId: school.organizationId })).clusters).toEqual([]);
  });

  it('is for platform admins only, except reading', async () => {
    const school = await verifiedOrganization(env, admin, 'school');
    const owner = school.caller;
    expect(
      (await errorOf(owner.designations.setSchool({ organizationId: school.organizationId, designations: ['shuanggao_national'] }))).code,
    ).toBe('FORBIDDEN');
    expect(
      (await errorOf(owner.designations.addCluster({ organizationId: school.organizationId, name: '自封专业群', designation: 'national' })))
        .code,
    ).toBe('FORBIDDEN');
    const { id } = await admin.caller.designations.addCluster({
      organizationId: school.organizationId,
      name: '护理专业群',
      designation: 'beijing',
    });
    expect((await errorOf(owner.designations.removeCluster({ clusterId: id }))).code).toBe('FORBIDDEN');
    expect((await errorOf(anonymous(env).designations.setSchool({ organizationId: school.organizationId, designations: [] }))).code).toBe(
      'UNAUTHORIZED',
    );
    expect((await owner.designations.ofSchool({ organizationId: school.organizationId })).designations).toEqual([]);
    expect((await owner.designations.ofSchool({ organizationId: school.organizationId })).clusters).toHaveLength(1);
  });
});
