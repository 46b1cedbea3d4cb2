export const zhCN = {
  verified: '已验证',
  unverified: '未验证',
  ask: '验证后才能登记或加入单位、接受邀请。',
  code: '验证码',
  codePlaceholder: '6位数字',
  submit: '验证',
  resend: '重新获取',
  resendIn: '{{seconds}} 秒后可重新获取',
  done: '验证成功',
  sent: '验证码已发送至 {{to}}',
};

export const en: typeof zhCN = {
  verified: 'Verified',
  unverified: 'Not verified',
  ask: 'Verify to register or join an organisation and accept invitations.',
  code: 'Code',
  codePlaceholder: '6 digits',
  submit: 'Verify',
  resend: 'Send again',
  resendIn: 'Send again in {{seconds}} s',
  done: 'Verified',
  sent: 'A code was sent to {{to}}',
};
