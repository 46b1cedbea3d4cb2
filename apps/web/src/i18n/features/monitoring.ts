// 监测: the plan's indicators against their targets (the commission's dashboard).

export const zhCN = {
  navDashboard: '指标监测',
  navTasks: '建设任务',
  navSupplyDemand: '供需地图',
  navMatrix: '百校百业',
};

export const en: typeof zhCN = {
  navDashboard: 'Indicators',
  navTasks: 'Plan tasks',
  navSupplyDemand: 'Supply & demand',
  navMatrix: 'Schools × industries',
};
