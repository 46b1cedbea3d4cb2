import type { Language } from '../messages.ts';

// The texts of notifications (the bell) and of outgoing messages, in both languages. Services store a key and its
// params; the text is made in the reader's language when it is read or sent (domain notifications.ts). Names that
// users wrote arrive as params and are quoted by the text (「」 / “”), never trusted to carry their own quotes.
export const notificationMessages = {
  'notify.organization.claimClosed': {
    'zh-CN': '「{org}」的登记已关闭：已有另一单位以同一{code}通过认证，本登记已关闭。如有异议，请联系教委。',
    en:
      'The registration of “{org}” is closed: another organisation with the same {code} has been verified. If you disagree, contact the education ' +
      'commission.',
  },
  'organization.code.uscc': { 'zh-CN': '统一社会信用代码', en: 'unified social credit code' },
  'organization.code.schoolCode': { 'zh-CN': '学校标识码', en: 'school identifier' },
  'notify.organization.changeApproved': { 'zh-CN': '「{org}」的信息变更已通过审核', en: 'The change to “{org}” was approved' },
  'notify.organization.changeRejected': {
    'zh-CN': '「{org}」的信息变更未通过审核：{reason}',
    en: 'The change to “{org}” was not approved: {reason}',
  },
  'notify.need.applied': {
    'zh-CN': '「{need}」收到{org}的申请：{students}人',
    en: '“{need}” has an application from {org}: {students} students',
  },
  'notify.need.declined': { 'zh-CN': '「{need}」未接收您的申请：{reason}', en: '“{need}” did not take your application: {reason}' },
  'notify.need.accepted': {
    'zh-CN': '「{need}」接收了您申请的{students}人中的{accepted}人',
    en: '“{need}” took {accepted} of the {students} students you applied with',
  },
  'notify.need.updated': { 'zh-CN': '您申请的「{need}」修改了：{fields}', en: '“{need}”, which you applied for, has changed: {fields}' },
  'notify.need.endorsed': { 'zh-CN': '「{consortium}」推荐了您的需求「{need}」', en: '“{consortium}” endorsed your need “{need}”' },
  'notify.need.invited': {
    'zh-CN': '{org}邀请贵校{students}名学生参加「{need}」，请于{date}前答复',
    en: '{org} invites {students} of your students to “{need}”; please answer by {date}',
  },
  'notify.need.invitationDeclined': {
    'zh-CN': '学校谢绝了「{need}」的邀请：{reason}',
    en: 'The school declined the invitation to “{need}”: {reason}',
  },
  'notify.need.invitationAccepted': {
    'zh-CN': '学校接受了「{need}」邀请的{students}个名额中的{accepted}个',
    en: 'The school took {accepted} of the {students} places offered for “{need}”',
  },
  'notify.placement.agreementRecorded': {
    'zh-CN': '学校已登记三方协议（编号{reference}），请确认',
    en: 'The school recorded the placement agreement (no. {reference}); please confirm it',
  },
  'notify.placement.agreementConfirmed': {
    'zh-CN': '企业已确认三方协议（编号{reference}）',
    en: 'The enterprise confirmed the placement agreement (no. {reference})',
  },
  'notify.project.completed': {
    'zh-CN': '合作项目「{project}」已完成全部里程碑',
    en: 'The project “{project}” has completed all its milestones',
  },
  'notify.consortium.invited': { 'zh-CN': '「{consortium}」邀请贵单位加入', en: '“{consortium}” invites your organisation to join' },
  'notify.consortium.applied': { 'zh-CN': '有单位申请加入「{consortium}」', en: 'An organisation applied to join “{consortium}”' },
  'notify.consortium.applicationAccepted': { 'zh-CN': '已加入「{consortium}」', en: 'You have joined “{consortium}”' },
  'notify.consortium.applicationRejected': {
    'zh-CN': '加入「{consortium}」的申请未通过',
    en: 'The application to join “{consortium}” was not accepted',
  },
  'notify.consortium.invitationAccepted': { 'zh-CN': '新成员加入了「{consortium}」', en: 'A new member joined “{consortium}”' },
  'notify.consortium.invitationDeclined': {
    'zh-CN': '有单位谢绝了「{consortium}」的邀请',
    en: 'An organisation declined the invitation to “{consortium}”',
  },
  'notify.consortium.approve': { 'zh-CN': '「{consortium}」：已获批准', en: '“{consortium}”: approved' },
  'notify.consortium.return': { 'zh-CN': '「{consortium}」：被退回修改', en: '“{consortium}”: returned for changes' },
  'notify.consortium.suspend': { 'zh-CN': '「{consortium}」：已被暂停', en: '“{consortium}”: suspended' },
  'notify.consortium.reinstate': { 'zh-CN': '「{consortium}」：已恢复运行', en: '“{consortium}”: reinstated' },
  'notify.consortium.dissolve': { 'zh-CN': '「{consortium}」：已解散', en: '“{consortium}”: dissolved' },
  'notify.round.invited': {
    'zh-CN': '受邀参加双选「{round}」，请在开放填报前答复',
    en: 'You are invited to the two-way selection “{round}”; please answer before it opens',
  },
  'notify.round.open': {
    'zh-CN': '双选「{round}」已开放填报，截止{date}',
    en: 'The two-way selection “{round}” is open for preferences until {date}',
  },
  'notify.round.published': { 'zh-CN': '双选「{round}」结果已公布', en: 'The results of the two-way selection “{round}” are published' },
  'notify.booking.requested': {
    'zh-CN': '「{base}」收到预约申请：{stations}个工位，{from} 至 {to}',
    en: '“{base}” has a booking request: {stations} stations, {from} to {to}',
  },
  'notify.booking.approved': { 'zh-CN': '「{base}」已批准您的预约：{from} 至 {to}', en: '“{base}” approved your booking: {from} to {to}' },
  'notify.booking.declined': { 'zh-CN': '「{base}」未能接受您的预约：{reason}', en: '“{base}” could not take your booking: {reason}' },
  'notify.booking.proposed': { 'zh-CN': '「{base}」建议改为 {from} 至 {to}', en: '“{base}” proposes {from} to {to} instead' },
  'notify.booking.accepted': {
    'zh-CN': '「{base}」的改期建议已被接受：{from} 至 {to}',
    en: 'The new dates proposed for “{base}” were accepted: {from} to {to}',
  },
  'notify.booking.cancelled': {
    'zh-CN': '「{base}」{from} 至 {to} 的预约已取消：{reason}',
    en: 'The booking of “{base}” from {from} to {to} was cancelled: {reason}',
  },
  'notify.task.assigned': {
    'zh-CN': '贵单位牵头建设任务「{task}」，完成时限{deadline}，请按期报送进展',
    en: 'Your organisation leads the task “{task}”, due {deadline}; please report progress on time',
  },
  'notify.task.overdue': {
    'zh-CN': '建设任务「{task}」已超过完成时限（{deadline}），请尽快报送进展',
    en: 'The task “{task}” is past its deadline ({deadline}); please report progress soon',
  },
  'notify.task.dueSoon': {
    'zh-CN': '建设任务「{task}」将于{deadline}到期，请及时报送进展与佐证',
    en: 'The task “{task}” is due on {deadline}; please report progress and evidence in time',
  },
  'needField.title': { 'zh-CN': '标题', en: 'title' },
  'needField.description': { 'zh-CN': '说明', en: 'description' },
  'needField.deadline': { 'zh-CN': '截止日期', en: 'deadline' },
  'needField.majorCodes': { 'zh-CN': '专业', en: 'majors' },
  'needField.headcount': { 'zh-CN': '名额', en: 'places' },
  'needField.intake': { 'zh-CN': '招生人数', en: 'intake' },
  'needField.positions': { 'zh-CN': '岗位数', en: 'positions' },
  'needField.monthlyPay': { 'zh-CN': '月薪', en: 'monthly pay' },
  'needField.dailyHours': { 'zh-CN': '每日工时', en: 'daily hours' },
  'needField.accommodation': { 'zh-CN': '住宿', en: 'accommodation' },
  'needField.budget': { 'zh-CN': '预算', en: 'budget' },
  'needField.plannedStations': { 'zh-CN': '工位数', en: 'stations' },
  'needField.probationWage': { 'zh-CN': '试用期工资', en: 'probation wage' },
  'needField.postStaffCount': { 'zh-CN': '岗位人数', en: 'staff in the post' },
  'needField.problem': { 'zh-CN': '技术难题', en: 'technical problem' },
  // outgoing messages (email and text message), sent in the recipient's language
  'invitation.subject': { 'zh-CN': '融合平台：「{inviter}」邀请您加入「{org}」', en: 'Ronghe: “{inviter}” invites you to join “{org}”' },
  'invitation.body': {
    'zh-CN':
      '融合平台通知：用户「{inviter}」邀请您以{role}身份加入单位「{org}」。登录融合平台后在“我的账户”中接受，或打开链接：{link}（{days}天内有效）。如不认识该单位，请忽略本消息。',
    en:
      'Ronghe: “{inviter}” invites you to join “{org}” as {role}. Sign in to Ronghe and accept under “My account”, or open {link} (valid for {days} ' +
      'days). If you do not know this organisation, ignore this message.',
  },
  'codeMessage.subject': { 'zh-CN': '融合平台验证码：{code}', en: 'Ronghe verification code: {code}' },
  'codeMessage.body': {
    'zh-CN': '您的融合平台验证码是 {code}，{minutes} 分钟内有效。如非本人操作，请忽略本消息，切勿将验证码告诉他人。',
    en: 'Your Ronghe verification code is {code}, valid for {minutes} minutes. If you did not ask for it, ignore this message and tell nobody the code.',
  },
  'resetMessage.subject': { 'zh-CN': '融合平台：重置密码', en: 'Ronghe: reset your password' },
  'resetMessage.linkBody': {
    'zh-CN':
      '有人（希望是您）请求重置融合平台账户的密码。打开链接设置新密码：{link}（{minutes} 分钟内有效，只能使用一次）。' +
      '如非本人操作，请忽略本消息，您的密码不会改变。',
    en:
      'Someone (we hope you) asked to reset the password of your Ronghe account. Open {link} to choose a new one (valid for {minutes} minutes, ' +
      'once). If it was not you, ignore this message: your password stays as it is.',
  },
  'resetMessage.codeBody': {
    'zh-CN': '您的融合平台密码重置验证码是 {code}，{minutes} 分钟内有效。如非本人操作，请忽略本消息，切勿将验证码告诉他人。',
    en: 'Your Ronghe password reset code is {code}, valid for {minutes} minutes. If you did not ask for it, ignore this message and tell nobody the code.',
  },
  'notify.account.passwordReset': {
    'zh-CN': '您的密码已于 {time} 重置，所有设备均已退出登录。如非本人操作，请立即再次重置密码并联系管理员。',
    en: 'Your password was reset at {time} and every device was signed out. If it was not you, reset it again at once and tell an administrator.',
  },
  'notify.account.newDevice': {
    'zh-CN': '您的账户于 {time} 在新设备上登录（{device}，IP {ip}）。如非本人操作，请立即修改密码，并在“我的账户 → 登录设备”中退出该设备。',
    en:
      'Your account was signed in from a new device at {time} ({device}, IP {ip}). If it was not you, change your password at once and sign that ' +
      'device out under “My account → Devices”.',
  },
  'accountNotice.subject': { 'zh-CN': '融合平台账户安全提醒', en: 'Ronghe account security notice' },
  'signUpAttempt.subject': { 'zh-CN': '融合平台：有人尝试用您的地址注册', en: 'Ronghe: someone tried to sign up with your address' },
  'signUpAttempt.body': {
    'zh-CN':
      '有人（可能是您）尝试用 {identifier} 注册融合平台账户，而它已属于您的账户，因此没有新建账户。如忘记密码，请在登录页选择“忘记密码？”。' +
      '如非本人操作，请忽略本消息。',
    en:
      'Someone (perhaps you) tried to sign up to Ronghe with {identifier}, which already belongs to your account, so no new account was made. If you ' +
      'forgot your password, choose “Forgot your password?” on the sign-in page. If it was not you, ignore this message.',
  },
  'noticeMessage.subject': { 'zh-CN': '融合平台通知', en: 'Ronghe notice' },
  'noticeMessage.body': {
    'zh-CN': '融合平台通知：{text}。详情请登录融合平台查看。如不想再收到此类消息，可在“我的账户 → 通知方式”中修改。',
    en: 'Ronghe: {text}. Sign in to Ronghe for the details. To stop these messages, change “My account → Notices”.',
  },
  'memberRole.owner': { 'zh-CN': '所有者', en: 'an owner' },
  'memberRole.manager': { 'zh-CN': '管理员', en: 'a manager' },
  'memberRole.member': { 'zh-CN': '成员', en: 'a member' },
} as const satisfies Record<string, Record<Language, string>>;
