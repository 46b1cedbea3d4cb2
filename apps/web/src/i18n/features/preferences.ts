export const zhCN = {
  title: '通知方式',
  intro: '所有通知都会出现在右上角的铃铛中。您还可以选择让某些通知同时通过邮件或短信发给您（需先验证邮箱或手机号）。',
  categories: {
    invitations: '邀请（需求、双选、共同体）',
    applications: '申请的处理结果',
    bookings: '基地预约',
    rounds: '双选轮次进展与结果',
    tasks: '建设任务提醒',
  },
  channels: { inApp: '仅站内', email: '站内 + 邮件', sms: '站内 + 短信' },
  language: '邮件和短信的语言',
  saved: '已保存',
};

export const en: typeof zhCN = {
  title: 'Notices',
  intro:
    'Every notice appears under the bell at the top. You can also have some sent to you by email or text message (verify the email or mobile number first).',
  categories: {
    invitations: 'Invitations (needs, rounds, consortia)',
    applications: 'Decisions on applications',
    bookings: 'Training base bookings',
    rounds: 'Round progress and results',
    tasks: 'Plan task reminders',
  },
  channels: { inApp: 'In the app only', email: 'App + email', sms: 'App + text message' },
  language: 'Language of emails and texts',
  saved: 'Saved',
};
