import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { regions } from '@ronghe/domain/reference/regions';
import { usccCheckChar } from '@ronghe/domain/uscc';
import type { SchoolLevel } from '@ronghe/domain/organization';
import type { Database, Drizzle } from '../client.ts';
import { appMeta, organizations } from '../schema/index.ts';
import institutionsFile from './data/institutions.json' with { type: 'json' };

// DEMO DATA. Schools come from the ministry's list of 京津冀 higher-education institutions
// (shared/data/institutions); enterprises and partners are invented and named (演示). Districts
// of Beijing and Tianjin schools are not in that list: they are assigned by a fixed rule, so a
// demo school's district is not its real one. Every row is marked is_demo.

const institutionSchema = z.object({
  schoolCode: z.string().regex(/^\d{10}$/),
  name: z.string(),
  listedName: z.string(),
  province: z.string(),
  city: z.string(),
  supervisor: z.string(),
  level: z.string(),
});
const institutions = z.array(institutionSchema).parse(institutionsFile.rows);

const provinceCodeByName: Record<string, '11' | '12' | '13'> = { 北京市: '11', 天津市: '12', 河北省: '13' };

function stableHash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  return h;
}

function demoRegionFor(province: string, city: string, name: string): string {
  const provinceCode = provinceCodeByName[province];
  if (!provinceCode) throw new Error(`demo institution ${name} is outside 京津冀`);
  if (provinceCode === '13') {
    const prefecture = regions.find((r) => r.level === 'prefecture' && r.name === city);
    if (prefecture) return prefecture.code;
  }
  const districts = regions.filter((r) => r.provinceCode === provinceCode && r.level === 'county' && r.statutory);
  const pick = districts[stableHash(name) % districts.length];
  if (!pick) throw new Error('no districts');
  return pick.code;
}

function schoolLevelOf(level: string): SchoolLevel {
  if (level === '职业本科') return 'zhiye_benke';
  if (level === '专科') return 'gaozhi';
  return 'yingyong_benke';
}

/** A valid 统一社会信用代码 for an invented organisation: prefix + division + body + check character. */
export function demoUscc(prefix: string, regionCode: string, serial: number): string {
  const body = `${prefix}${regionCode}${String(serial).padStart(9, '0')}`;
  const check = usccCheckChar(body);
  if (!check) throw new Error(`bad demo uscc body ${body}`);
  return body + check;
}

type DemoOrg = typeof organizations.$inferInsert;

const demoEnterprises: Array<[name: string, region: string, industry: string, staff: number, leading: boolean]> = [
  ['亦庄智造数控装备有限公司（演示）', '110115', '34', 1200, true],
  ['京北新能源汽车科技有限公司（演示）', '110114', '36', 3400, true],
  ['中关村芯片设计有限公司（演示）', '110108', '39', 860, false],
  ['朝阳智慧养老服务有限公司（演示）', '110105', '85', 420, false],
  ['通州城市副中心物流有限公司（演示）', '110112', '59', 2600, true],
  ['海淀云数据科技有限公司（演示）', '110108', '65', 1500, true],
  ['滨海新区精密制造有限公司（演示）', '120116', '34', 980, false],
  ['天津港智能物流有限公司（演示）', '120116', '59', 5200, true],
  ['雄安数字城市建设有限公司（演示）', '130600', '48', 760, false],
  ['石家庄医药健康集团有限公司（演示）', '130100', '27', 4100, true],
  ['廊坊电子商务产业有限公司（演示）', '131000', '51', 330, false],
  ['唐山机器人应用有限公司（演示）', '130200', '34', 610, false],
];

const demoPartners: Array<[name: string, region: string, type: 'association' | 'park' | 'institute' | 'government']> = [
  ['北京职业教育产教融合促进会（演示）', '110102', 'association'],
  ['北京经济技术开发区产业园管理中心（演示）', '110115', 'park'],
  ['天津智能制造研究院（演示）', '120116', 'institute'],
  ['河北省职业教育集团联合会（演示）', '130100', 'association'],
];

export function demoOrganizations(): DemoOrg[] {
  const schools: DemoOrg[] = institutions
    .filter((i) => i.level === '专科' || i.level === '职业本科' || /职业/.test(i.name))
    .map((i) => ({
      kind: 'school' as const,
      name: i.name,
      regionCode: demoRegionFor(i.province, i.city, i.name),
      schoolCode: i.schoolCode,
      schoolLevel: schoolLevelOf(i.level),
      status: 'verified' as const,
      isDemo: true,
    }));
  const enterprises: DemoOrg[] = demoEnterprises.map(([name, region, industry, staff, leading], n) => ({
    kind: 'enterprise' as const,
    name,
    regionCode: region,
    uscc: demoUscc('91', region, 900_000_000 + n),
    industryCode: industry,
    staffCount: staff,
    isLeadingEnterprise: leading,
    status: 'verified' as const,
    isDemo: true,
  }));
  const partners: DemoOrg[] = demoPartners.map(([name, region, type], n) => ({
    kind: 'partner' as const,
    name,
    regionCode: region,
    uscc: demoUscc(type === 'association' ? '51' : '12', region, 800_000_000 + n),
    partnerType: type,
    status: 'verified' as const,
    isDemo: true,
  }));
  return [...schools, ...enterprises, ...partners];
}

const DEMO_KEY = 'demo_seeded_at';

/**
 * Loads the demo organisations in one transaction. Without `force` it runs only once per database
 * (first start); with `force` (npm run db:seed) it reloads them, updating rows in place.
 */
export async function seedDemo(database: Database, opts: { force?: boolean } = {}): Promise<{ loaded: boolean; organizations: number }> {
  return database.orm.transaction(async (tx: Drizzle) => {
    // Serialise concurrent seeders (several processes starting on one fresh database).
    await tx.execute(sql`select pg_advisory_xact_lock(7201123582)`);
    const done = await tx.select().from(appMeta).where(eq(appMeta.key, DEMO_KEY));
    if (done.length > 0 && !opts.force) return { loaded: false, organizations: 0 };
    const rows = demoOrganizations();
    for (const row of rows) {
      const target = row.kind === 'school' ? organizations.schoolCode : organizations.uscc;
      await tx
        .insert(organizations)
        .values(row)
        // the code is unique among vouched-for organisations only (partial index, migration 0018)
        .onConflictDoUpdate({
          target,
          targetWhere: sql`status in ('verified', 'suspended')`,
          set: { name: row.name, regionCode: row.regionCode, isDemo: true, updatedAt: new Date() },
        });
    }
    const at = new Date().toISOString();
    await tx
      .insert(appMeta)
      .values({ key: DEMO_KEY, value: at })
      .onConflictDoUpdate({ target: appMeta.key, set: { value: at } });
    return { loaded: true, organizations: rows.length };
  });
}
