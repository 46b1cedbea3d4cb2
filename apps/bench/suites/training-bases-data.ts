import { sql } from 'drizzle-orm';
import type { Database } from '@ronghe/db/client';
import { facetTokens, searchTextOf } from '@ronghe/db/queries/training-base-search';
import { refreshSupply } from '@ronghe/db/queries/training-base-supply';
import { mapRegionCenter, mapRegionCodes } from '@ronghe/domain/reference/geo';
import { regionPath, regions, type Region } from '@ronghe/domain/reference/regions';
import { starterMajors } from '@ronghe/domain/reference/majors';
import { mapRegionOf, type Equipment, type OpenTerms, type TrainingBaseKind, type TrainingBaseStatus } from '@ronghe/domain/training-base';
import { seeded, type Random } from '../lib/random.ts';

// The training-bases suite's data set (training-bases.ts): organisations across the 43 map regions and their bases,
// with names, descriptions and equipment that real keywords find, generated in JS from a fixed seed and inserted in
// batches, search documents computed as the server computes them.

export const BATCH = 2_500;
/** Batches in flight on PostgreSQL (each its own statement): ronghe_bigrams() dominates the seed and runs on one core per backend. */
export const SEED_CONNECTIONS = 4;
const ms = (value: number) => Math.round(value);

// ---- realistic parts -------------------------------------------------------------------------

type Theme = {
  name: string;
  weight: number;
  majors: string[];
  industries: string[];
  work: string;
  equipment: Array<[name: string, model: string]>;
};

/** Training fields: a major (starter list or a plausible 2021 catalogue code), its industries, what is trained there, and its equipment. */
const THEMES: Theme[] = [
  {
    name: '数控技术',
    weight: 1.4,
    majors: ['460103', '660103', '460104'],
    industries: ['34', '35'],
    work: '数控编程与加工、零件检测、数控设备装调与维修',
    equipment: [
      ['数控车床', 'CK6150'],
      ['数控铣床', 'XK714D'],
      ['立式加工中心', 'VMC850'],
      ['五轴数控加工中心', 'DMU 50'],
      ['数控系统装调实训台', 'FANUC 0i-F'],
      ['三坐标测量机', 'Global S 0505'],
    ],
  },
  {
    name: '工业机器人技术',
    weight: 1.3,
    majors: ['460305', '460301'],
    industries: ['34', '38'],
    work: '工业机器人编程、离线仿真、系统集成与运维',
    equipment: [
      ['工业机器人工作站', 'ABB IRB 1200'],
      ['六轴工业机器人', 'FANUC LR Mate 200iD'],
      ['协作机器人', 'UR5e'],
      ['机器视觉实训平台', 'MV-CA013'],
      ['PLC控制实训台', 'S7-1200'],
    ],
  },
  {
    name: '焊接技术与自动化',
    weight: 1.1,
    majors: ['460110'],
    industries: ['33', '34'],
    work: '手工电弧焊、气体保护焊、焊接机器人编程与焊缝检测',
    equipment: [
      ['焊接机器人工作站', 'KUKA KR 16'],
      ['手工电弧焊实训位', 'ZX7-400'],
      ['CO2气体保护焊机', 'NBC-350'],
      ['氩弧焊机', 'WSM-400'],
      ['虚拟焊接实训系统', 'VRTEX 360'],
    ],
  },
  {
    name: '机电一体化技术',
    weight: 1,
    majors: ['460301', '460306'],
    industries: ['34', '38'],
    work: '机电设备安装调试、自动化产线运维、电气控制',
    equipment: [
      ['机电一体化实训平台', 'YL-335B'],
      ['数控车床', 'CK6140'],
      ['变频调速实训台', 'MM440'],
      ['液压与气动实训台', 'THPYC-1'],
    ],
  },
  {
    name: '新能源汽车技术',
    weight: 1,
    majors: ['460702', '500211'],
    industries: ['36', '38'],
    work: '新能源汽车整车检测、动力电池与电驱系统维修',
    equipment: [
      ['新能源汽车整车实训台', '秦EV'],
      ['动力电池拆装实训台', 'BT-500'],
      ['电机驱动系统实训台', 'EM-200'],
      ['汽车故障诊断仪', 'X-431 PAD'],
    ],
  },
  {
    name: '集成电路技术',
    weight: 0.6,
    majors: ['510401'],
    industries: ['39'],
    work: '芯片测试、封装工艺与电子产品装调',
    equipment: [
      ['芯片测试机', 'ST-2000'],
      ['芯片封装实训线', 'FZ-100'],
      ['数字示波器', 'MDO34'],
      ['探针台', 'EP-6'],
    ],
  },
  {
    name: '人工智能技术应用',
    weight: 0.8,
    majors: ['510209', '510205', '510201'],
    industries: ['65', '64'],
    work: '数据标注、模型训练与部署、大数据处理',
    equipment: [
      ['GPU训练服务器', 'NF5468M6'],
      ['服务器集群', '2288H V5'],
      ['边缘计算实训箱', 'Atlas 200'],
      ['大数据实训平台', 'Hadoop 3.3'],
    ],
  },
  {
    name: '护理',
    weight: 1.3,
    majors: ['520201', '720201'],
    industries: ['84'],
    work: '基础护理、急救护理、母婴与老年护理',
    equipment: [
      ['高级综合模拟人', 'SimMan 3G'],
      ['心肺复苏模拟人', 'Resusci Anne QCPR'],
      ['多功能护理床', 'ICU-3'],
      ['静脉输液手臂模型', 'KAR-H150'],
      ['护理实训管理系统', 'NS-100'],
    ],
  },
  {
    name: '老年保健与管理',
    weight: 0.9,
    majors: ['520802', '590302'],
    industries: ['85', '84'],
    work: '老年照护、康复保健与适老化评估',
    equipment: [
      ['智慧养老照护实训床', 'ZH-300'],
      ['老年人体验服', 'RY-01'],
      ['上肢康复机器人', 'A2'],
      ['适老化居家环境实训系统', 'SL-10'],
    ],
  },
  {
    name: '智慧健康养老服务与管理',
    weight: 0.8,
    majors: ['590302', '520802'],
    industries: ['85'],
    work: '智慧养老平台运营、照护服务与健康管理',
    equipment: [
      ['智慧养老服务平台', 'ZY-2.0'],
      ['智能健康监测终端', 'HM-8'],
      ['智慧养老照护实训床', 'ZH-300'],
    ],
  },
  {
    name: '婴幼儿托育服务与管理',
    weight: 0.5,
    majors: ['590303'],
    industries: ['80', '83'],
    work: '婴幼儿照护、早期发展指导与托育机构管理',
    equipment: [
      ['婴儿护理模型', 'BIX-H130'],
      ['感统训练器材', 'GT-20'],
      ['托育情景实训室', 'TY-01'],
    ],
  },
  {
    name: '电子商务',
    weight: 1.2,
    majors: ['530701', '530703', '530702'],
    industries: ['52', '64'],
    work: '网店运营、直播电商、跨境电商与商品摄影',
    equipment: [
      ['直播实训间', 'FX30'],
      ['电商运营实训系统', 'ITMC V3.0'],
      ['产品摄影棚', 'TS-200'],
      ['跨境电商实训平台', 'KJ-5'],
    ],
  },
  {
    name: '现代物流管理',
    weight: 0.9,
    majors: ['530802'],
    industries: ['59', '58'],
    work: '智慧仓储、配送调度与供应链管理',
    equipment: [
      ['智能仓储分拣系统', 'AGV-200'],
      ['自动化立体仓库', 'ASRS-5'],
      ['电动叉车', 'E20'],
      ['物流仿真实训软件', 'LOGIS 5.0'],
    ],
  },
  {
    name: '建筑工程技术',
    weight: 0.8,
    majors: ['440301', '440501'],
    industries: ['47', '48'],
    work: 'BIM建模、施工测量、钢筋与模板工艺',
    equipment: [
      ['BIM实训软件', 'Revit 2024'],
      ['全站仪', 'GTS-102N'],
      ['钢筋工实训工位', 'GJ-01'],
      ['建筑施工仿真平台', 'JZ-3D'],
    ],
  },
  {
    name: '药品生产技术',
    weight: 0.5,
    majors: ['490208'],
    industries: ['27'],
    work: 'GMP生产操作、制剂工艺与质量检验',
    equipment: [
      ['压片机', 'ZP-35D'],
      ['高效包衣机', 'BGB-10'],
      ['GMP模拟车间', 'GMP-100'],
      ['高效液相色谱仪', 'LC-20AT'],
    ],
  },
  {
    name: '烹饪工艺与营养',
    weight: 0.6,
    majors: ['540202'],
    industries: ['62'],
    work: '中式烹调、西餐制作与营养配餐',
    equipment: [
      ['中式烹调灶', 'ZC-2'],
      ['西餐操作台', 'XC-1200'],
      ['万能蒸烤箱', 'iCombi Pro'],
    ],
  },
  {
    name: '城市轨道交通运营管理',
    weight: 0.5,
    majors: ['500606'],
    industries: ['53'],
    work: '行车组织、客运服务与综合监控',
    equipment: [
      ['城轨列车驾驶模拟器', 'CRH-SIM'],
      ['综合监控实训系统', 'ISCS-2'],
      ['自动售检票实训系统', 'AFC-3'],
    ],
  },
  {
    name: '无人机应用技术',
    weight: 0.5,
    majors: ['460609'],
    industries: ['37'],
    work: '无人机组装调试、航拍测绘与植保作业',
    equipment: [
      ['多旋翼无人机', 'M300 RTK'],
      ['无人机飞行模拟器', 'RF9'],
      ['无人机组装调试台', 'UAV-T1'],
    ],
  },
  {
    name: '现代农业技术',
    weight: 0.5,
    majors: ['410101'],
    industries: ['01', '05'],
    work: '设施栽培、智慧农业与农产品检测',
    equipment: [
      ['智能温室', 'ZW-600'],
      ['水肥一体化系统', 'SF-20'],
      ['农产品快速检测仪', 'NY-3'],
    ],
  },
  {
    name: '大数据与会计',
    weight: 0.6,
    majors: ['530302'],
    industries: ['72', '66'],
    work: '财务共享、智能财税与审计实务',
    equipment: [
      ['财务共享实训平台', 'U8 V15'],
      ['智能财税实训系统', 'ZC-3.0'],
    ],
  },
  {
    name: '数字媒体技术',
    weight: 0.5,
    majors: ['510204'],
    industries: ['87', '64'],
    work: '影视后期、三维动画与虚拟现实内容制作',
    equipment: [
      ['非线性编辑工作站', 'Z4 G5'],
      ['动作捕捉系统', 'Vicon Vero'],
      ['虚拟演播室', 'VS-4K'],
    ],
  },
  {
    name: '应用化工技术',
    weight: 0.4,
    majors: ['470201'],
    industries: ['26'],
    work: '化工单元操作、仿真工厂与安全生产',
    equipment: [
      ['化工单元操作实训装置', 'HG-6'],
      ['化工仿真工厂', 'DCS-3'],
    ],
  },
];

type KindSpec = { kind: TrainingBaseKind; weight: number; words: string[]; owners: Array<'school' | 'enterprise' | 'partner'> };
const KINDS: KindSpec[] = [
  { kind: 'campus', weight: 30, words: ['实训基地', '实训中心', '生产性实训基地'], owners: ['school'] },
  { kind: 'enterprise_practice', weight: 24, words: ['企业实践基地', '校外实训基地', '实习实训基地'], owners: ['enterprise'] },
  {
    kind: 'open_practice_centre',
    weight: 10,
    words: ['开放性区域产教融合实践中心', '产教融合实践中心', '实践中心'],
    owners: ['school', 'partner'],
  },
  { kind: 'common_tech_platform', weight: 6, words: ['共性技术服务平台', '技术技能创新服务平台'], owners: ['enterprise', 'partner'] },
  { kind: 'industry_college', weight: 10, words: ['产业学院', '现代产业学院'], owners: ['school', 'enterprise'] },
  { kind: 'craftsman_college', weight: 4, words: ['工匠学院'], owners: ['enterprise'] },
  { kind: 'high_skill_base', weight: 8, words: ['高技能人才培训基地'], owners: ['enterprise', 'partner'] },
  { kind: 'worldskills_base', weight: 3, words: ['世赛集训基地'], owners: ['school', 'enterprise'] },
  { kind: 'enlightenment_base', weight: 5, words: ['职业启蒙和劳动教育基地', '职业体验中心'], owners: ['school', 'partner'] },
];

const SCHOOL_FIELDS = [
  '工业',
  '科技',
  '信息',
  '交通',
  '医学',
  '城市',
  '财经',
  '建筑',
  '机电',
  '电子',
  '化工',
  '农业',
  '轻工',
  '旅游',
  '商贸',
  '劳动',
  '经济',
  '艺术',
];
const SCHOOL_TYPES = ['职业技术学院', '职业学院', '技师学院', '高级技工学校'];
const COUNTY_SCHOOLS = ['职业技术教育中心', '职业技术学校', '第一职业中学', '第二职业中学', '工业学校', '卫生学校', '财经学校', '交通学校'];
const BRANDS = [
  '华兴',
  '中联',
  '恒信',
  '瑞达',
  '博远',
  '金泰',
  '鼎盛',
  '海川',
  '宏图',
  '凯达',
  '天宇',
  '精诚',
  '新锐',
  '远航',
  '众合',
  '汇通',
  '嘉禾',
  '明阳',
  '兴业',
  '锦程',
  '泰和',
  '永信',
  '德润',
  '昊天',
  '安达',
  '九州',
  '同创',
  '晨光',
];
/** Enterprise trades and the training fields they run bases in. */
const TRADES: Array<[trade: string, themes: string[]]> = [
  ['精工机械', ['数控技术', '焊接技术与自动化', '机电一体化技术']],
  ['数控装备', ['数控技术', '机电一体化技术']],
  ['智能制造', ['工业机器人技术', '数控技术', '机电一体化技术']],
  ['机器人', ['工业机器人技术', '焊接技术与自动化']],
  ['汽车零部件', ['新能源汽车技术', '焊接技术与自动化', '数控技术']],
  ['电子科技', ['集成电路技术', '人工智能技术应用']],
  ['医药', ['药品生产技术', '护理']],
  ['健康养老', ['老年保健与管理', '智慧健康养老服务与管理', '护理', '婴幼儿托育服务与管理']],
  ['智慧物流', ['现代物流管理', '电子商务']],
  ['电子商务', ['电子商务', '数字媒体技术', '现代物流管理']],
  ['建设工程', ['建筑工程技术']],
  ['新能源', ['新能源汽车技术', '应用化工技术']],
  ['信息技术', ['人工智能技术应用', '大数据与会计', '数字媒体技术']],
  ['食品', ['烹饪工艺与营养', '现代农业技术']],
  ['航空科技', ['无人机应用技术']],
  ['轨道交通', ['城市轨道交通运营管理']],
];
const PARTNER_TYPES = ['产教融合促进中心', '职业教育集团', '行业协会', '科技园管理委员会', '技能人才发展研究院'];
const ROADS = ['学院路', '科技路', '建设大街', '工业大道', '创新大道', '中山路', '人民路', '和平路', '开发区南路', '光明街'];
const SCOPES = ['京津冀院校和企业', '区域内中高职院校', '本校及合作院校师生', '社会学员与企业职工'];
const PURPOSES = ['实训教学', '教师企业实践', '技能竞赛集训', '职业技能等级认定', '社会培训', '中小学职业体验'];
const GENERIC_EQUIPMENT: Array<[string, string]> = [
  ['多媒体教学系统', 'C86'],
  ['安全防护实训设施', ''],
  ['虚拟仿真实训软件', 'VR-2.0'],
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const ORG_KINDS: Array<['school' | 'enterprise' | 'partner', number]> = [
  ['school', 45],
  ['enterprise', 45],
  ['partner', 10],
];
const STATUSES: Array<[TrainingBaseStatus, number]> = [
  ['published', 88],
  ['draft', 8],
  ['unpublished', 4],
];
const TERMS: Array<[OpenTerms, number]> = [
  ['free', 30],
  ['cost_sharing', 45],
  ['fee', 25],
];

// ---- the data set ----------------------------------------------------------------------------

type Org = {
  id: string;
  kind: 'school' | 'enterprise' | 'partner';
  name: string;
  short: string;
  regionCode: string;
  mapRegionCode: string;
  themes: Theme[];
};

const byCode = new Map(regions.map((r) => [r.code, r]));
const regionName = (code: string) => byCode.get(code)?.name ?? code;
const cityOf = (r: Region) =>
  r.provinceCode === '11'
    ? '北京'
    : r.provinceCode === '12'
      ? '天津'
      : regionName(r.level === 'county' ? (r.parentCode ?? '') : r.code).replace(/市$/, '');

/** Map regions weighted by how many organisations are there: Hebei prefectures are large, central districts busy. */
function mapRegionWeights(): Array<[string, number]> {
  const busy = new Set(['110105', '110108', '110115', '110114', '110112', '120116', '120111', '130100', '130600', '130200']);
  return mapRegionCodes.map((code) => [code, (code.startsWith('13') ? 3.5 : 1) * (busy.has(code) ? 1.8 : 1)]);
}

/** Where an organisation registers: a Beijing/Tianjin district, or a Hebei county (dev zones less often) or the prefecture itself. */
function orgRegionOf(mapRegionCode: string, r: Random): string {
  if (!mapRegionCode.startsWith('13')) return mapRegionCode;
  const counties = regions.filter((x) => x.parentCode === mapRegionCode).map((x): [string, number] => [x.code, x.statutory ? 1 : 0.3]);
  return r.next() < 0.1 ? mapRegionCode : r.weighted(counties);
}

function makeOrganizations(count: number, r: Random): Org[] {
  const weights = mapRegionWeights();
  const taken = new Set<string>();
  const orgs: Org[] = [];
  for (let i = 0; i < count; i += 1) {
    const mapRegionCode = r.weighted(weights);
    const regionCode = orgRegionOf(mapRegionCode, r);
    const region = byCode.get(regionCode);
    if (!region || mapRegionOf(regionCode) !== mapRegionCode) throw new Error(`region ${regionCode} is not in map region ${mapRegionCode}`);
    const kind = r.weighted(ORG_KINDS);
    const place = regionName(regionCode).replace(/(市|县|区)$/, (m) => (region.level === 'prefecture' ? '' : m));
    let name = '';
    let short = '';
    let trade = r.pick(TRADES);
    for (let attempt = 0; attempt < 20 && (!name || taken.has(`${name}|${regionCode}`)); attempt += 1) {
      if (kind === 'school')
        name = short =
          region.level === 'county' && r.next() < 0.6
            ? `${place}${r.pick(COUNTY_SCHOOLS)}`
            : `${cityOf(region)}${r.pick(SCHOOL_FIELDS)}${r.pick(SCHOOL_TYPES)}`;
      else if (kind === 'enterprise') {
        trade = r.pick(TRADES);
        short = `${cityOf(region)}${r.pick(BRANDS)}${trade[0]}`;
        name = `${short}${r.pick(['有限公司', '股份有限公司', '集团有限公司'])}`;
      } else name = short = `${place}${r.pick(PARTNER_TYPES)}`;
    }
    if (taken.has(`${name}|${regionCode}`)) name = short = `${name}（${i}）`;
    taken.add(`${name}|${regionCode}`);
    const themes = new Set(kind === 'enterprise' ? THEMES.filter((t) => trade[1].includes(t.name)) : []);
    for (let n = kind === 'enterprise' ? 0 : 1 + r.int(kind === 'school' ? 4 : 2); n > 0; n -= 1)
      themes.add(r.weighted(THEMES.map((t): [Theme, number] => [t, t.weight])));
    orgs.push({ id: r.uuid(), kind, name, short, regionCode, mapRegionCode, themes: [...themes] });
  }
  return orgs;
}

type BaseRow = {
  id: string;
  owner_organization_id: string;
  kind: TrainingBaseKind;
  name: string;
  description: string;
  major_codes: string[];
  industry_codes: string[];
  region_code: string;
  map_region_code: string;
  address: string;
  lng: number;
  lat: number;
  stations: number;
  daily_capacity: number;
  equipment: Equipment[];
  opening_hours: string;
  open_to_partners: boolean;
  open_terms: OpenTerms | null;
  terms_note: string;
  contact_name: string;
  contact_phone: string;
  status: TrainingBaseStatus;
  published_at: string | null;
  created_at: string;
  search_text: string;
  facets: string[];
};

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2025, 5, 1);
const starterCodes = starterMajors.map((m) => m.code);

function makeBase(owner: Org, uniqueName: (name: string) => string, r: Random): BaseRow {
  const theme = r.pick(owner.themes);
  const spec = r.weighted(KINDS.filter((k) => k.owners.includes(owner.kind)).map((k): [KindSpec, number] => [k, k.weight]));
  const word = r.pick(spec.words);
  const name = uniqueName(`${owner.short}${theme.name}${word}`);
  const equipment: Equipment[] = r.some(theme.equipment, 2 + r.int(4)).map(([n, model]) => ({ name: n, model, count: 1 + r.int(20) }));
  if (r.next() < 0.3) equipment.push({ name: r.pick(GENERIC_EQUIPMENT)[0], model: r.pick(GENERIC_EQUIPMENT)[1], count: 1 + r.int(4) });
  const stations = 10 + Math.floor(190 * r.next() ** 2);
  const open = r.next() < 0.5;
  const terms = open ? r.weighted(TERMS) : null;
  const purposes = r.some(PURPOSES, 2 + r.int(3)).join('、');
  const description =
    `面向${r.pick(SCOPES)}的${theme.name}${word}，开展${theme.work}等实训，配备${equipment.map((e) => e.name).join('、')}等设备，共${stations}个工位。` +
    `主要承接${purposes}。${open ? `对合作院校和企业开放，${terms === 'free' ? '免费使用' : terms === 'fee' ? '按工位日收费' : '成本分担'}。` : '目前主要服务本单位教学与培训。'}`;
  const majors = new Set(r.some(theme.majors, 1 + r.int(2)));
  if (r.next() < 0.2) majors.add(r.pick(starterCodes));
  const industries = r.some(theme.industries, 1 + r.int(2));
  const status = r.weighted(STATUSES);
  const [cLng, cLat] = mapRegionCenter(owner.mapRegionCode) ?? [116.4, 39.9];
  const spread = owner.mapRegionCode.startsWith('13') ? 0.25 : 0.05;
  const createdAt = NOW - r.int(3 * 365) * DAY_MS;
  const row = {
    id: r.uuid(),
    owner_organization_id: owner.id,
    kind: spec.kind,
    name,
    description,
    major_codes: [...majors],
    industry_codes: industries,
    region_code: owner.regionCode,
    map_region_code: owner.mapRegionCode,
    address: `${regionPath(owner.regionCode)
      .map((x) => x.name)
      .join('')}${r.pick(ROADS)}${1 + r.int(300)}号`,
    lng: cLng + (r.next() - 0.5) * spread,
    lat: cLat + (r.next() - 0.5) * spread,
    stations,
    daily_capacity: stations * (1 + r.int(3)),
    equipment,
    opening_hours: r.pick(['周一至周五 8:30–17:30', '周一至周六 8:00–18:00', '工作日 9:00–17:00，寒暑假预约开放']),
    open_to_partners: open,
    open_terms: terms,
    terms_note: terms === 'fee' ? '按工位日收费，详询联系人' : '',
    contact_name: `${r.pick(SURNAMES)}老师`,
    contact_phone: `13${r.int(10)}${String(r.int(100_000_000)).padStart(8, '0')}`,
    status,
    published_at: status === 'draft' ? null : new Date(createdAt + r.int(30) * DAY_MS).toISOString(),
    created_at: new Date(createdAt).toISOString(),
  };
  // search_text and the facet half of search_tokens exactly as insertTrainingBase computes them
  const searchText = searchTextOf({ name, description, equipment });
  const facets = facetTokens({
    status,
    kind: spec.kind,
    regionCode: row.region_code,
    mapRegionCode: row.map_region_code,
    majorCodes: row.major_codes,
    industryCodes: industries,
    openToPartners: open,
  });
  return { ...row, search_text: searchText, facets };
}

/**
 * Batches of bases, generated when asked for (always in the same order, so the data set is the same whatever the
 * interleaving of inserts). Every organisation owns at least one base; the rest go more often to some (the largest owns ~150).
 */
function baseBatches(orgs: Org[], count: number, r: Random): () => BaseRow[] | null {
  const names = new Map<string, number>();
  /** an owner's second 数控技术实训基地 is its 数控技术实训基地（2） */
  const uniqueName = (name: string) => {
    const n = (names.get(name) ?? 0) + 1;
    names.set(name, n);
    return n === 1 ? name : `${name}（${n}）`;
  };
  let made = 0;
  return () => {
    if (made >= count) return null;
    const rows: BaseRow[] = [];
    for (const end = Math.min(count, made + BATCH); made < end; made += 1) {
      const owner = orgs[made < orgs.length ? made : Math.floor(orgs.length * r.next() ** 1.3)];
      if (!owner) throw new Error('no owner');
      rows.push(makeBase(owner, uniqueName, r));
    }
    return rows;
  };
}

// ---- seeding ---------------------------------------------------------------------------------

const ORG_INSERT = (json: string) => sql`
  insert into organization (id, kind, name, region_code, status, school_level, partner_type, staff_count, status_changed_at)
  select o.id, o.kind, o.name, o.region_code, 'verified', case when o.kind = 'school' then 'gaozhi' end, case when o.kind = 'partner' then 'association' end,
    case when o.kind <> 'partner' then 200 end, now()
  from jsonb_to_recordset(${json}::jsonb) as o(id uuid, kind text, name text, region_code text)`;

/** One statement per batch: the search tokens are ronghe_search_tokens(search_text, facets), as tokensSql() writes them. */
const BASE_INSERT = (json: string) => sql`
  insert into training_base (id, owner_organization_id, kind, name, description, major_codes, industry_codes, region_code, map_region_code, address, lng, lat,
    stations, daily_capacity, equipment, opening_hours, open_to_partners, open_terms, terms_note, contact_name, contact_phone, status, published_at,
    created_at, updated_at, search_text, search_tokens)
  select b.id, b.owner_organization_id, b.kind, b.name, b.description, b.major_codes, b.industry_codes, b.region_code, b.map_region_code, b.address,
    b.lng, b.lat,
    b.stations, b.daily_capacity, b.equipment, b.opening_hours, b.open_to_partners, b.open_terms, b.terms_note, b.contact_name, b.contact_phone, b.status,
    b.published_at, b.created_at, b.created_at, b.search_text, ronghe_search_tokens(b.search_text, b.facets)
  from jsonb_to_recordset(${json}::jsonb) as b(id uuid, owner_organization_id uuid, kind text, name text, description text, major_codes text[],
    industry_codes text[],
    region_code text, map_region_code text, address text, lng float8, lat float8, stations int, daily_capacity int, equipment jsonb, opening_hours text,
    open_to_partners boolean, open_terms text, terms_note text, contact_name text, contact_phone text, status text, published_at timestamptz,
    created_at timestamptz, search_text text, facets text[])`;

type SeedFacts = { values: Record<string, number>; steps: Record<string, number> };

export async function seedBases(
  db: Database,
  scale: { bases: number; organizations: number },
  log: (m: string) => void,
): Promise<SeedFacts> {
  const steps: Record<string, number> = {};
  const step = async <T>(label: string, task: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await task();
    steps[label] = ms(performance.now() - t);
    log(`  ${label}: ${steps[label]} ms`);
    return result;
  };
  const started = performance.now();
  const r = seeded(20250601);
  const orgs = makeOrganizations(scale.organizations, r);
  await step('organisations', () =>
    db.rows(ORG_INSERT(JSON.stringify(orgs.map((o) => ({ id: o.id, kind: o.kind, name: o.name, region_code: o.regionCode }))))),
  );
  const nextBatch = baseBatches(orgs, scale.bases, r);
  const inFlight = db.engine === 'postgres' ? SEED_CONNECTIONS : 1;
  await step(`bases (generated in JS and inserted in batches of ${BATCH}, ${inFlight} at a time)`, async () => {
    const worker = async () => {
      for (let batch = nextBatch(); batch; batch = nextBatch()) await db.rows(BASE_INSERT(JSON.stringify(batch)));
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  });
  await step('refreshSupply (all regions)', () => db.orm.transaction((tx) => refreshSupply(tx)));
  const seedMs = performance.now() - started;
  // VACUUM as well as ANALYZE, as autovacuum would after a bulk load: it moves the GIN pending list into the index.
  const vacuumMs = await step('vacuum analyze', async () => {
    const t = performance.now();
    for (const table of ['organization', 'training_base', 'training_base_search', 'training_base_supply'])
      await db.rows(sql.raw(`vacuum analyze ${table}`));
    return performance.now() - t;
  });
  const [counts] = await db.rows<Record<string, number>>(sql`select
      (select count(*) from training_base)::int as bases,
      (select count(*) from training_base where status = 'published')::int as published,
      (select count(*) from training_base where status = 'published' and open_to_partners)::int as published_open,
      (select count(distinct owner_organization_id) from training_base)::int as owners,
      (select max(n) from (select count(*)::int as n from training_base group by owner_organization_id) o) as max_bases_of_one_owner,
      (select count(distinct map_region_code) from training_base)::int as map_regions,
      (select count(*) from training_base_supply)::int as supply_rows,
      (select round(avg(char_length(search_text)))::int from training_base) as avg_search_text_chars,
      (select round(avg(cardinality(search_tokens)))::int from training_base) as avg_tokens,
      (select count(*) from (select * from training_base limit 500) b
        where search_tokens <> ronghe_search_tokens(search_text, array(select t from unnest(search_tokens) t where char_length(t) > 2
          and t !~ '^r[okc]:')))::int as token_mismatches_of_500,
      (pg_relation_size('training_base_published_tokens_idx') / 1048576)::int as tokens_index_mb,
      (pg_relation_size('training_base') / 1048576)::int as table_mb,
      (select count(*) from training_base_search)::int as search_rows,
      (select (sum(pg_relation_size(inhrelid)) / 1048576)::int from pg_inherits where inhparent = 'training_base_search'::regclass) as search_table_mb,
      (select (sum(pg_relation_size(inhrelid)) / 1048576)::int from pg_inherits where inhparent = 'training_base_search_tokens_idx'::regclass) as
        search_index_mb`);
  if (!counts || counts.bases !== scale.bases) throw new Error(`seeded ${counts?.bases ?? '?'} bases, wanted ${scale.bases}`);
  if (counts.search_rows !== counts.published)
    throw new Error(`training_base_search holds ${counts.search_rows} rows for ${counts.published} published bases`);
  if (counts.token_mismatches_of_500 !== 0)
    throw new Error(
      `${counts.token_mismatches_of_500} of 500 bases have search_tokens other than ronghe_search_tokens(search_text, facets)`,
    );
  // What one ronghe_bigrams() call costs here: it is most of the seed, and of every base write.
  const t = performance.now();
  await db.rows(
    sql`select sum(cardinality(ronghe_bigrams(search_text)))::int as n from (select search_text from training_base limit 2000) s`,
  );
  counts.ronghe_bigrams_us_per_row = Math.round(((performance.now() - t) * 1000) / 2000);
  return { values: { seedMs: ms(seedMs), vacuumAnalyzeMs: ms(vacuumMs), organizations: orgs.length, ...counts }, steps };
}
