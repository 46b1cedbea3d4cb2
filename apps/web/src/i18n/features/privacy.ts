// The privacy notice (个人信息保护政策). Its version is PRIVACY_NOTICE_VERSION in packages/domain/src/privacy.ts: a
// change here that people must agree to again goes with a new version there.
export const zhCN = {
  title: '个人信息保护政策',
  version: '版本：{{version}}',
  intro:
    '融合平台（以下简称“平台”）服务于京津冀职业教育产教融合。我们依照《中华人民共和国个人信息保护法》处理您的个人信息，只收集开展服务所必需的信息。',
  sections: [
    {
      heading: '我们收集哪些信息',
      body: '注册与登录：姓名、邮箱或手机号、密码（仅保存不可逆的散列值）。使用中：您所在单位及角色、您发布或提交的内容（需求、基地、学生批次的人数与专业等），以及为保障账户安全记录的登录设备类型、IP 地址和时间。',
    },
    {
      heading: '为什么使用',
      body: '用于核实身份（验证码）、让您代表单位开展合作、向您发送邀请和审核结果等通知、防范盗号与滥用，以及向教育主管部门提供不含个人身份的汇总统计。',
    },
    {
      heading: '谁能看到',
      body: '其他用户只能看到单位公开的信息；单位联系人的手机号对单位以外的人只显示部分号码。教育主管部门在其职责范围内查看单位及合作数据。我们不出售个人信息，也不向第三方提供，法律法规另有规定的除外。',
    },
    {
      heading: '保存多久',
      body: '账户存续期间保存；注销后，姓名、邮箱和手机号即被删除，操作日志以匿名编号保留以备审计。实习协议扫描件和学生名单在实习结束后一年删除。',
    },
    {
      heading: '您的权利',
      body: '您可以在“我的账户”中查看和更正个人信息，下载平台保存的您的全部数据，退出任何设备上的登录，以及注销账户。您可以撤回同意，但撤回后将无法继续使用需要这些信息的服务。',
    },
  ],
  agreeLabel: '我已阅读并同意',
  linkText: '《个人信息保护政策》',
  required: '请阅读并同意《个人信息保护政策》',
  updatedTitle: '个人信息保护政策已更新',
  updatedBody: '继续使用平台前，请阅读并同意新版本（{{version}}）。',
  read: '阅读政策',
  agree: '同意并继续',
  decline: '不同意并退出登录',
};

export const en: typeof zhCN = {
  title: 'Privacy notice',
  version: 'Version {{version}}',
  intro:
    'Ronghe serves vocational education and industry in Beijing, Tianjin and Hebei. We handle your personal ' +
    'information under the Personal Information Protection Law of the PRC and collect only what the service needs.',
  sections: [
    {
      heading: 'What we collect',
      body:
        'To sign up and in: your name, email or mobile number and password (only an irreversible hash of it). As you ' +
        'use Ronghe: your organisations and roles, what you post or submit (needs, training bases, cohort sizes and ' +
        'majors), and, to keep your account safe, the kind of device, IP address and time of each sign-in.',
    },
    {
      heading: 'Why',
      body:
        'To confirm who you are (codes), let you act for your organisation, send you invitations, decisions and other ' +
        'notices, stop account theft and abuse, and give the education authorities statistics that identify nobody.',
    },
    {
      heading: 'Who sees it',
      body:
        'Other users see only what organisations publish; contacts’ mobile numbers are partly hidden from people ' +
        'outside their organisation. Education authorities see organisations and cooperation within their remit. We ' +
        'sell no personal information and give none to third parties unless the law requires it.',
    },
    {
      heading: 'How long',
      body:
        'While your account exists. When you delete it, your name, email and mobile number are erased; the audit log ' +
        'keeps your actions under a pseudonym. Internship agreement scans and student rosters are deleted one year ' +
        'after the internship ends.',
    },
    {
      heading: 'Your rights',
      body:
        'Under “My account” you can see and correct your information, download everything Ronghe holds about you, sign ' +
        'out any device and delete your account. You may withdraw consent, but then cannot use the services that need ' +
        'this information.',
    },
  ],
  agreeLabel: 'I have read and agree to the',
  linkText: 'privacy notice',
  required: 'Read and agree to the privacy notice',
  updatedTitle: 'The privacy notice has changed',
  updatedBody: 'Before you go on, read and agree to the new version ({{version}}).',
  read: 'Read it',
  agree: 'Agree and continue',
  decline: 'Disagree and sign out',
};
