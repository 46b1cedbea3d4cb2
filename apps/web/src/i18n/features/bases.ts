import { trainingBaseKindNames } from '@ronghe/domain/constants/training-base';

// 实训基地: labels shared by the training-base pages (search, map, detail, publish, bookings).
// Page-specific messages live in base-search.ts, base-detail.ts and base-publish.ts.

export const zhCN = {
  title: '实训基地与实践中心',
  intro:
    '京津冀的校内外实训基地、开放性区域产教融合实践中心和共性技术服务平台。行动计划提出到 2027 年建成开放性实践中心和共性技术服务平台 100 个。',
  kinds: trainingBaseKindNames['zh-CN'],
  statuses: { draft: '草稿', published: '已发布', unpublished: '已下线' },
  terms: { free: '免费开放', cost_sharing: '成本分担', fee: '收费开放' },
  purposes: { training: '实训教学', teacher_practice: '教师实践', competition: '竞赛集训', enlightenment: '职业启蒙参观' },
  bookingStatuses: { requested: '待审批', approved: '已批准', declined: '已拒绝', proposed: '已建议改期', cancelled: '已取消' },
  stations: '工位',
  stationsCount: '{{count}} 个工位',
  dailyCapacity: '日接待能力（人）',
  openToPartners: '对外开放',
  notOpen: '不对外开放',
  nav: { search: '找基地', map: '基地地图', mine: '我的基地', bookings: '预约管理', new: '发布基地' },
};

export const en: typeof zhCN = {
  title: 'Training bases and practice centres',
  intro:
    'On- and off-campus training bases, open regional practice centres and common technology platforms across Beijing–Tianjin–Hebei. The action plan ' +
    'targets 100 open practice centres and common technology platforms by 2027.',
  kinds: trainingBaseKindNames['en'],
  statuses: { draft: 'Draft', published: 'Published', unpublished: 'Unpublished' },
  terms: { free: 'Free', cost_sharing: 'Cost-sharing', fee: 'Fee' },
  purposes: {
    training: 'Training',
    teacher_practice: 'Teacher practice',
    competition: 'Competition training',
    enlightenment: 'Career-awareness visit',
  },
  bookingStatuses: {
    requested: 'Requested',
    approved: 'Approved',
    declined: 'Declined',
    proposed: 'Other dates proposed',
    cancelled: 'Cancelled',
  },
  stations: 'Stations',
  stationsCount: '{{count}} stations',
  dailyCapacity: 'Visitors per day',
  openToPartners: 'Open to partners',
  notOpen: 'Not open to partners',
  nav: { search: 'Find a base', map: 'Map', mine: 'My bases', bookings: 'Bookings', new: 'Publish a base' },
};
