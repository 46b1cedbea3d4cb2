import type { Messages } from './zh-cn.ts';

export const en: Messages = {
  account: { signIn: 'Sign in', signOut: 'Sign out', myAccount: 'My account', userMenu: 'Account: {{name}}', navOverview: 'Overview' },
  app: {
    name: 'Ronghe',
    fullName: 'Beijing–Tianjin–Hebei Industry–Education Platform',
    tagline: 'Collaboration and monitoring for vocational education in Beijing–Tianjin–Hebei',
    demo: 'Demo',
  },
  nav: {
    home: 'Home',
    enterprises: 'Enterprises',
    schools: 'Schools',
    partners: 'Partners',
    consortia: 'Consortia',
    bases: 'Training bases',
    needs: 'Needs',
    cooperation: 'Cooperation',
    rounds: 'Rounds',
    directory: 'Directory',
    admin: 'Admin',
    menu: 'Menu',
    language: 'Language',
    switchTo: '中文',
  },
  common: {
    loading: 'Loading…',
    loadFailed: 'Could not load',
    retry: 'Retry',
    search: 'Search',
    searchPlaceholder: 'Name keyword, e.g. 数控 or 护理',
    all: 'All',
    more: 'Load more',
    noData: 'No data',
    total: 'Total',
    notFoundTitle: 'Page not found',
    notFoundBody: 'The page you asked for does not exist or has moved.',
    backHome: 'Back to home',
  },
  provinces: { '11': 'Beijing', '12': 'Tianjin', '13': 'Hebei' },
  kinds: { school: 'School', enterprise: 'Enterprise', partner: 'Partner' },
  schoolLevels: {
    zhongzhi: 'Secondary vocational',
    gaozhi: 'Higher vocational (associate)',
    zhiye_benke: 'Vocational university',
    yingyong_benke: 'Applied university',
    jigong: 'Technician college',
    gaozhong: 'General high school',
    zhongxiaoxue: 'Primary / middle school',
  },
  statuses: { pending: 'Pending', verified: 'Verified', rejected: 'Rejected', suspended: 'Suspended' },
  home: {
    title: 'Schools, enterprises and regional partners working on one platform',
    intro:
      "Putting Beijing's 2025–2027 vocational education action plan to work: forming industry–education consortia, opening shared practice centres, " +
      'matching cooperation needs, and monitoring every target by project, deadline and outcome.',
    orgs: 'Organisations on the platform',
    regions: 'Divisions covered',
    targets: 'Quantified targets for 2027',
    targetsHint:
      'The 16 quantified targets of the action plan. Computed indicators go live as consortia, bases and cooperation projects arrive on the platform.',
    code: 'Code',
    target: 'Target',
    target2027: '2027 target',
    source: 'Source',
    computed: 'Computed by the platform',
    reported: 'Reported by admins',
    byProvince: 'By province',
  },
  directory: {
    enterprisesTitle: 'Enterprises',
    enterprisesIntro:
      'Enterprises verify their organisation and post cooperation needs: internships, order classes, course and textbook co-development, teacher ' +
      'practice, technical problems.',
    schoolsTitle: 'Schools',
    schoolsIntro:
      'Vocational schools, colleges and universities lead or join consortia, publish training bases and student cohorts, and answer needs.',
    partnersTitle: 'Partners',
    partnersIntro:
      'Associations, parks, institutes and the schools and firms of Tianjin and Hebei find and book open training bases and join consortia across the region.',
    name: 'Name',
    region: 'Region',
    level: 'Level',
    status: 'Status',
    count: '{{count}} loaded',
  },
  admin: {
    title: 'Admin',
    intro:
      'The education commission verifies organisations, approves consortia, watches every target against live counts and exports the annual report.',
    reference: 'Reference data',
    regionsCount: 'Beijing–Tianjin–Hebei divisions',
    majorCategories: 'Vocational major categories',
    starterMajors: 'Starter majors (not the full catalogue)',
    industries: 'Industry divisions (GB/T 4754)',
    gaojingjian: "Beijing's high-end industries",
  },
};
