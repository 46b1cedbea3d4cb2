import { and, eq, sql } from 'drizzle-orm';
import { mapRegionCenter } from '@ronghe/domain/reference/geo';
import { mapRegionOf, type Equipment, type OpenTerms, type TrainingBaseKind } from '@ronghe/domain/training-base';
import type { Database, Drizzle } from '../client.ts';
import { appMeta, organizations } from '../schema/index.ts';
import { insertBaseRevision, insertTrainingBase } from '../queries/training-bases.ts';
import { refreshSupply } from '../queries/training-base-supply.ts';

// DEMO DATA: training bases of the demo organisations, invented and named (演示), at their owner's
// district (or Hebei prefecture) centre with a small offset. Loaded once per database.

type DemoBase = {
  owner: string;
  kind: TrainingBaseKind;
  name: string;
  description: string;
  majors: string[];
  industries: string[];
  stations: number;
  open: OpenTerms | null;
  equipment: Equipment[];
  offset: [number, number];
};

const demoBases: DemoBase[] = [
  {
    owner: '北京科技职业大学',
    kind: 'open_practice_centre',
    name: '北京科技职业大学智能制造开放性实践中心（演示）',
    description: '面向京津冀院校和企业开放的数控加工、工业机器人与智能产线实训中心，承接实训教学、教师实践和技能竞赛集训。',
    majors: ['460103', '460305', '460301'],
    industries: ['34'],
    stations: 40,
    open: 'cost_sharing',
    equipment: [
      { name: '五轴数控加工中心', model: 'DMU 50', count: 4 },
      { name: '工业机器人工作站', model: 'ABB IRB 1200', count: 8 },
      { name: '数控车床', model: 'CK6150', count: 12 },
    ],
    offset: [0.01, 0.005],
  },
  {
    owner: '北京科技职业大学',
    kind: 'campus',
    name: '北京科技职业大学护理实训基地（演示）',
    description: '模拟病房、急救与老年护理实训室，服务护理和老年保健专业教学。',
    majors: ['520201', '520802'],
    industries: ['84'],
    stations: 24,
    open: null,
    equipment: [{ name: '高级综合模拟人', model: 'SimMan 3G', count: 2 }],
    offset: [-0.012, 0.008],
  },
  {
    owner: '亦庄智造数控装备有限公司（演示）',
    kind: 'enterprise_practice',
    name: '亦庄智造数控装备企业实践基地（演示）',
    description: '企业真实产线上的数控装调与维修实践岗位，接收学生实习和教师企业实践。',
    majors: ['460103', '660103'],
    industries: ['34'],
    stations: 20,
    open: 'free',
    equipment: [{ name: '数控系统装调实训台', model: 'FANUC 0i-F', count: 10 }],
    offset: [0.015, -0.01],
  },
  {
    owner: '天津港智能物流有限公司（演示）',
    kind: 'common_tech_platform',
    name: '天津港智慧物流共性技术服务平台（演示）',
    description: '自动化码头与智慧仓储技术服务平台，面向院校开放物流管理与电子商务实训。',
    majors: ['530802', '530701'],
    industries: ['59'],
    stations: 30,
    open: 'fee',
    equipment: [{ name: '智能仓储分拣系统', model: 'AGV-200', count: 6 }],
    offset: [0.02, 0.01],
  },
  {
    owner: '石家庄医药健康集团有限公司（演示）',
    kind: 'high_skill_base',
    name: '石家庄医药健康高技能人才培训基地（演示）',
    description: '医药生产与健康养老服务高技能人才培训，开放护理与智慧健康养老实训。',
    majors: ['520201', '590302'],
    industries: ['27'],
    stations: 36,
    open: 'cost_sharing',
    equipment: [{ name: '智慧养老照护实训床', model: 'ZH-300', count: 12 }],
    offset: [0.01, 0.01],
  },
  {
    owner: '唐山机器人应用有限公司（演示）',
    kind: 'worldskills_base',
    name: '唐山工业机器人世赛集训基地（演示）',
    description: '世界技能大赛移动机器人、焊接项目集训场地，赛季外向院校开放焊接与机器人实训。',
    majors: ['460305'],
    industries: ['34'],
    stations: 16,
    open: 'free',
    equipment: [
      { name: '焊接机器人工作站', model: 'KUKA KR 16', count: 4 },
      { name: '手工电弧焊实训位', model: 'ZX7-400', count: 12 },
    ],
    offset: [-0.01, 0.01],
  },
];

const DEMO_KEY = 'demo_bases_seeded_at';

/** Publishes the demo bases once (skipped where an owner is missing). */
export async function seedDemoBases(database: Database): Promise<number> {
  return database.orm.transaction(async (tx: Drizzle) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7201123583)`);
    if ((await tx.select().from(appMeta).where(eq(appMeta.key, DEMO_KEY))).length > 0) return 0;
    let n = 0;
    const regionsTouched: string[] = [];
    for (const d of demoBases) {
      const [owner] = await tx
        .select({ id: organizations.id, regionCode: organizations.regionCode })
        .from(organizations)
        .where(and(eq(organizations.name, d.owner), eq(organizations.isDemo, true)));
      const mapRegionCode = owner ? mapRegionOf(owner.regionCode) : undefined;
      const centre = mapRegionCode ? mapRegionCenter(mapRegionCode) : undefined;
      if (!owner || !mapRegionCode || !centre) continue;
      const b = await insertTrainingBase(tx, {
        ownerOrganizationId: owner.id,
        kind: d.kind,
        name: d.name,
        description: d.description,
        majorCodes: d.majors,
        industryCodes: d.industries,
        regionCode: owner.regionCode,
        mapRegionCode,
        address: '（演示地址）',
        lng: centre[0] + d.offset[0],
        lat: centre[1] + d.offset[1],
        stations: d.stations,
        dailyCapacity: d.stations * 2,
        equipment: d.equipment,
        openingHours: '周一至周五 8:30–17:30',
        openToPartners: d.open !== null,
        openTerms: d.open,
        termsNote: d.open === 'fee' ? '按工位日收费，详询联系人' : '',
        contactName: '基地管理员',
        contactPhone: '13800000000',
        contactEmail: '',
        status: 'published',
        publishedAt: new Date(),
      });
      await insertBaseRevision(tx, {
        baseId: b.id,
        version: 1,
        actorUserId: null,
        action: 'create',
        changedFields: [],
        snapshot: { demo: true, name: b.name },
      });
      regionsTouched.push(mapRegionCode);
      n += 1;
    }
    await refreshSupply(tx, regionsTouched);
    await tx
      .insert(appMeta)
      .values({ key: DEMO_KEY, value: new Date().toISOString() })
      .onConflictDoUpdate({ target: appMeta.key, set: { value: new Date().toISOString() } });
    return n;
  });
}
