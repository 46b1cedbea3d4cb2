import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@ronghe/db/client';
import { createTestDb } from '@ronghe/db/testing';
import { createContextInner } from '../context.ts';
import { createCaller } from '../root.ts';

let db: Database;
beforeAll(async () => {
  db = await createTestDb({ demo: true });
});
afterAll(async () => {
  await db.close();
});

describe('reference router (anonymous)', () => {
  const anon = () => createCaller(createContextInner({ db }));

  it('lists the 京津冀 regions', async () => {
    const regions = await anon().reference.regions();
    expect(regions).toHaveLength(236);
    expect(regions.find((r) => r.code === '120116')?.name).toBe('滨海新区');
  });

  it('lists the 19 专业大类 and the starter majors', async () => {
    const { categories, majors } = await anon().reference.majors();
    expect(categories).toHaveLength(19);
    expect(majors.find((m) => m.code === '460103')).toMatchObject({ name: '数控技术', starter: true, categorySeq: 6 });
  });

  it('lists GB/T 4754 and 高精尖 industries', async () => {
    const { gbt4754, gaojingjian } = await anon().reference.industries();
    expect(gbt4754).toHaveLength(117);
    expect(gaojingjian.map((g) => g.name)).toContain('集成电路');
  });

  it('lists the plan targets', async () => {
    const targets = await anon().reference.targets();
    expect(targets).toHaveLength(16);
    expect(targets[0]).toMatchObject({ code: 'T01', nameZh: '市域产教联合体', target2027: 20 });
  });
});

describe('organizations directory', () => {
  const anon = () => createCaller(createContextInner({ db }));
  const signedIn = () =>
    createCaller(
      createContextInner({
        db,
        session: {
          sessionId: 's',
          userId: 'u',
          name: 'n',
          email: 'e@example.com',
          phoneNumber: null,
          emailVerified: true,
          phoneNumberVerified: false,
          isPlatformAdmin: false,
          activeOrganizationId: null,
          privacyVersion: null,
        },
      }),
    );

  it('pages through the directory with a keyset cursor', async () => {
    const first = await signedIn().organizations.list({ kind: 'school', limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.next).not.toBeNull();
    const second = await signedIn().organizations.list({ kind: 'school', limit: 10, cursor: first.next });
    expect(new Set([...first.items, ...second.items].map((o) => o.id)).size).toBe(20);
  });

  it('filters by a region at any level: province, Hebei prefecture, district', async () => {
    const hebei = await signedIn().organizations.list({ regionCode: '130000', limit: 100 });
    expect(hebei.items.length).toBeGreaterThan(5);
    expect(hebei.items.every((o) => o.provinceCode === '13')).toBe(true);
    const shijiazhuang = await signedIn().organizations.list({ regionCode: '130100', limit: 100 });
    expect(shijiazhuang.items.every((o) => o.regionCode.startsWith('1301'))).toBe(true);
    const chaoyang = await signedIn().organizations.list({ regionCode: '110105', kind: 'enterprise', limit: 100 });
    expect(chaoyang.items.map((o) => o.name)).toContain('朝阳智慧养老服务有限公司（演示）');
  });

  it('is for signed-in users; counts are public', async () => {
    await expect(anon().organizations.list({ limit: 5 })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('counts organisations by kind and province', async () => {
    const stats = await anon().organizations.stats();
    expect(stats.filter((s) => s.kind === 'enterprise').reduce((n, s) => n + s.count, 0)).toBe(12);
  });
});
