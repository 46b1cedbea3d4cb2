// Messages that the server sends to users, in both languages. Zod schemas use these keys as
// their `message`, and the API translates them for the caller (Accept-Language).
import { notificationMessages } from './message-texts/notifications.ts';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const messages = {
  'uscc.length': { 'zh-CN': '统一社会信用代码应为18位', en: 'The unified social credit code must have 18 characters' },
  'uscc.charset': {
    'zh-CN': '统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）',
    en: 'The unified social credit code contains a character that is not allowed (I, O, S, V, Z are never used)',
  },
  'uscc.checksum': { 'zh-CN': '统一社会信用代码校验位不正确', en: 'The check character of the unified social credit code is wrong' },
  'schoolCode.format': { 'zh-CN': '学校标识码应为10位数字', en: 'The school identifier must be 10 digits' },
  'region.unknown': { 'zh-CN': '行政区划不在京津冀范围内', en: 'The region is not a Beijing–Tianjin–Hebei division' },
  'major.unknown': { 'zh-CN': '专业代码不在专业目录中', en: 'The major code is not in the major catalogue' },
  'industry.unknown': { 'zh-CN': '行业代码不在国民经济行业分类中', en: 'The industry code is not a GB/T 4754 division' },
  'identifier.invalid': { 'zh-CN': '请输入有效的邮箱或11位手机号', en: 'Enter a valid email or an 11-digit mainland mobile number' },
  'password.weak': {
    'zh-CN': '密码至少8位，且须同时包含字母和数字',
    en: 'The password needs at least 8 characters with both letters and digits',
  },
  'name.required': { 'zh-CN': '请填写姓名', en: 'Enter a name' },
  'mobile.invalid': { 'zh-CN': '请输入11位手机号', en: 'Enter an 11-digit mainland mobile number' },
  'account.invalidCredentials': { 'zh-CN': '账号或密码错误', en: 'Wrong account or password' },
  'account.rateLimited': { 'zh-CN': '尝试次数过多，请 {minutes} 分钟后再试', en: 'Too many attempts; try again in {minutes} minutes' },
  'write.rateLimited': {
    'zh-CN': '操作过于频繁，请 {seconds} 秒后再试',
    en: 'Too many changes in a short time; try again in {seconds} seconds',
  },
  'request.crossSite': {
    'zh-CN': '拒绝来自其他网站的请求，请在本站页面上操作',
    en: 'Requests from other sites are refused; use Ronghe’s own pages',
  },
  'verification.noIdentifier': {
    'zh-CN': '该账号没有这种联系方式可供验证',
    en: 'This account has no address or number of this kind to verify',
  },
  'verification.haveOne': {
    'zh-CN': '账户已有这种联系方式；更换邮箱或手机号请联系管理员',
    en: 'The account has one of these already; to change it, ask an administrator',
  },
  'verification.alreadyVerified': { 'zh-CN': '已验证，无需再次验证', en: 'Already verified' },
  'verification.wait': { 'zh-CN': '验证码已发送，请 {seconds} 秒后再重新获取', en: 'A code was just sent; ask again in {seconds} seconds' },
  'verification.expired': {
    'zh-CN': '验证码已失效或尝试次数过多，请重新获取',
    en: 'The code has expired or was tried too often; ask for a new one',
  },
  'verification.wrong': { 'zh-CN': '验证码不正确，还可尝试 {left} 次', en: 'Wrong code; {left} attempts left' },
  'verification.codeFormat': { 'zh-CN': '请输入6位数字验证码', en: 'Enter the 6-digit code' },
  'account.unverified': {
    'zh-CN': '请先在“我的账户”中验证邮箱或手机号，再登记或加入单位',
    en: 'Verify your email or mobile number under “My account” before registering or joining an organisation',
  },
  'invitation.verifyFirst': {
    'zh-CN': '该邀请发给 {to}：请先在“我的账户”中验证它，再接受邀请',
    en: 'This invitation was sent to {to}: verify it under “My account” first, then accept',
  },
  'outbox.notRetryable': {
    'zh-CN': '该消息不在待发或发送失败状态，无需重发',
    en: 'This message is neither held nor failed, so there is nothing to send again',
  },
  'request.notBatchable': {
    'zh-CN': '账号操作须单独提交，不能与其他请求合并发送',
    en: 'Account actions must be sent on their own, not in a batch with other calls',
  },
  'request.jsonOnly': { 'zh-CN': '请求格式不受支持，须为 application/json', en: 'Unsupported request format; send application/json' },
  'account.taken': { 'zh-CN': '该邮箱或手机号已注册，请直接登录', en: 'This email or mobile number is already registered; please sign in' },
  'reset.invalid': {
    'zh-CN': '重置链接或验证码无效、已使用或已过期，请重新申请',
    en: 'The reset link or code is invalid, used or expired; ask for a new one',
  },
  'reset.wrongCode': { 'zh-CN': '验证码不正确，还可尝试 {left} 次', en: 'Wrong code; {left} attempts left' },
  'session.notFound': { 'zh-CN': '该登录设备已退出或不存在', en: 'That session has ended or does not exist' },
  'session.current': { 'zh-CN': '不能在此退出当前设备，请使用“退出登录”', en: 'Use “Sign out” to end the session you are using' },
  'signUp.codeInvalid': {
    'zh-CN': '验证码不正确或已失效，请核对或重新获取',
    en: 'The code is wrong or has expired; check it or ask for a new one',
  },
  'privacy.required': { 'zh-CN': '请阅读并同意《个人信息保护政策》', en: 'Read and agree to the privacy notice' },
  'privacy.outdated': {
    'zh-CN': '隐私政策已有新版本，请刷新页面后阅读并同意',
    en: 'The privacy notice has a newer version; reload and read it',
  },
  'account.lastOwner': {
    'zh-CN': '您是{orgs}唯一的所有者：请先在单位页面把所有者身份交给其他成员，再注销账户',
    en: 'You are the only owner of {orgs}: make another member an owner on the organisation page first, then delete your account',
  },
  'preferences.channelUnverified': {
    'zh-CN': '请先在“我的账户”中验证该邮箱或手机号，再选择用它接收通知',
    en: 'Verify that email or mobile number under “My account” before choosing it for notices',
  },
  'account.wrongPassword': { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  'organization.usccTaken': {
    'zh-CN': '该统一社会信用代码已有单位注册',
    en: 'An organisation with this unified social credit code is already registered',
  },
  'organization.schoolCodeTaken': {
    'zh-CN': '该学校标识码已有单位注册',
    en: 'An organisation with this school identifier is already registered',
  },
  'organization.duplicate': { 'zh-CN': '同一地区已有同名单位', en: 'An organisation with this name is already registered in this region' },
  'organization.regionTooCoarse': { 'zh-CN': '请选择到区县（或河北的地级市）', en: 'Choose a district or county (or a Hebei prefecture)' },
  'organization.notVerified': {
    'zh-CN': '单位尚未通过认证，暂不能执行此操作',
    en: 'The organisation is not verified yet, so it cannot do this',
  },
  'organization.wrongStatus': {
    'zh-CN': '单位当前状态为“{status}”，不能执行此操作',
    en: 'The organisation is {status}; this cannot be done now',
  },
  'organization.notMember': { 'zh-CN': '您不是该单位的成员', en: 'You are not a member of this organisation' },
  'member.lastOwner': { 'zh-CN': '单位至少需要一名负责人（所有者）', en: 'An organisation needs at least one owner' },
  'member.notFound': { 'zh-CN': '该用户不是本单位成员', en: 'This user is not a member of the organisation' },
  'invitation.invalid': { 'zh-CN': '邀请不存在、已使用或已过期', en: 'The invitation does not exist, was used, or has expired' },
  'invitation.notForYou': {
    'zh-CN': '此邀请发给 {to}，请用该账号登录后接受',
    en: 'This invitation was sent to {to}; sign in with that account to accept it',
  },
  'invitation.alreadyMember': { 'zh-CN': '对方已是本单位成员', en: 'This person is already a member' },
  'invitation.pendingExists': { 'zh-CN': '已向对方发出邀请，尚未处理', en: 'An invitation to this person is already open' },
  'invitation.notVerified': { 'zh-CN': '单位通过认证后才能邀请成员', en: 'Only a verified organisation can invite people' },
  'invitation.dailyLimit': {
    'zh-CN': '本单位24小时内已发出 {limit} 份邀请，已达上限，请明天再试',
    en: 'This organisation has sent {limit} invitations in the last 24 hours, the most allowed; try again tomorrow',
  },
  'organization.fieldNotForKind': { 'zh-CN': '此类单位没有这一项', en: 'This kind of organisation has no such field' },
  'organization.changeDecided': { 'zh-CN': '该变更申请已处理', en: 'This change request has already been decided' },
  'organization.changeNotVouched': {
    'zh-CN': '单位当前状态为“{status}”，变更无需审核',
    en: 'The organisation is {status}; its changes need no approval',
  },
  'status.pending': { 'zh-CN': '待审核', en: 'pending' },
  'status.verified': { 'zh-CN': '已认证', en: 'verified' },
  'status.rejected': { 'zh-CN': '已驳回', en: 'rejected' },
  'status.suspended': { 'zh-CN': '已暂停', en: 'suspended' },
  'consortium.nameTaken': { 'zh-CN': '已有同名的共同体', en: 'A consortium with this name already exists' },
  'consortium.industryRequired': {
    'zh-CN': '行业产教融合共同体须选择所服务的行业',
    en: 'An industry community must name the industry it serves',
  },
  'consortium.missingLeads.enterprise': {
    'zh-CN': '还缺少企业牵头单位，暂不能提交',
    en: 'An enterprise lead is still missing, so it cannot be submitted',
  },
  'consortium.missingLeads.school': {
    'zh-CN': '还缺少学校牵头单位，暂不能提交',
    en: 'A school lead is still missing, so it cannot be submitted',
  },
  'consortium.missingLeads.both': {
    'zh-CN': '还缺少企业和学校牵头单位，暂不能提交',
    en: 'An enterprise lead and a school lead are still missing, so it cannot be submitted',
  },
  'consortium.lastLead': {
    'zh-CN': '这是最后一个牵头单位，不能退出或改为其他角色',
    en: 'This is the last lead; it cannot leave or take another role',
  },
  'consortium.alreadyMember': {
    'zh-CN': '该单位已是成员，或已有待处理的申请或邀请',
    en: 'This organisation is already a member or has an open application or invitation',
  },
  'consortium.notLead': { 'zh-CN': '只有牵头单位可以执行此操作', en: 'Only a lead organisation can do this' },
  'consortium.wrongStatus': {
    'zh-CN': '共同体当前状态为“{status}”，不能执行此操作',
    en: 'The consortium is {status}; this cannot be done now',
  },
  'consortium.notOpen': {
    'zh-CN': '共同体尚未获批或已停止，暂不能申请加入',
    en: 'The consortium is not active, so it cannot be joined now',
  },
  'consortium.noApplication': { 'zh-CN': '没有待处理的加入申请', en: 'There is no open application' },
  'consortium.noInvitation': { 'zh-CN': '没有待处理的邀请', en: 'There is no open invitation' },
  'consortium.notMember': { 'zh-CN': '该单位不是共同体的正式成员', en: 'This organisation is not an active member' },
  'cstatus.draft': { 'zh-CN': '草稿', en: 'draft' },
  'cstatus.submitted': { 'zh-CN': '待审批', en: 'submitted' },
  'cstatus.returned': { 'zh-CN': '已退回', en: 'returned' },
  'cstatus.active': { 'zh-CN': '运行中', en: 'active' },
  'cstatus.suspended': { 'zh-CN': '已暂停', en: 'suspended' },
  'cstatus.dissolved': { 'zh-CN': '已解散', en: 'dissolved' },
  'geo.outsideJjj': { 'zh-CN': '坐标不在京津冀范围内', en: 'The coordinates are outside Beijing–Tianjin–Hebei' },
  'base.capacityPositive': { 'zh-CN': '数量须大于0', en: 'The number must be greater than 0' },
  'base.termsRequired': {
    'zh-CN': '对外开放时请选择开放方式（免费、成本分担或收费）',
    en: 'Choose the terms (free, cost-sharing or fee) when the base is open to partners',
  },
  'base.unknownMajors': { 'zh-CN': '专业代码不在专业目录中：{codes}', en: 'These major codes are not in the catalogue: {codes}' },
  'base.unknownOrganizations': { 'zh-CN': '共建单位不存在或未认证', en: 'A co-building organisation does not exist or is not verified' },
  'base.notConsortiumMember': {
    'zh-CN': '本单位不是所选共同体的正式成员',
    en: 'Your organisation is not an active member of the chosen consortium',
  },
  'base.notPublished': { 'zh-CN': '该基地未发布，暂不能预约', en: 'The base is not published, so it cannot be booked' },
  'base.notOpen': {
    'zh-CN': '该基地暂未对外开放，仅共建单位和所属共同体成员可预约',
    en: 'The base is not open to outside partners; only co-builders and members of its consortia can book it',
  },
  'base.ownBase': { 'zh-CN': '不能预约本单位的基地', en: 'You cannot book your own organisation’s base' },
  'base.wrongStatus': { 'zh-CN': '基地当前状态为“{status}”，不能执行此操作', en: 'The base is {status}; this cannot be done now' },
  'base.stationsBelowBookings': {
    'zh-CN': '以下日期已预约的工位多于新的工位数：{days}',
    en: 'More stations are already booked than the new number on: {days}',
  },
  'booking.pastDate': { 'zh-CN': '开始日期不能早于今天', en: 'The start date cannot be in the past' },
  'booking.endBeforeStart': { 'zh-CN': '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  'booking.tooLong': { 'zh-CN': '一次最多预约92天', en: 'A booking can cover at most 92 days' },
  'booking.tooManyStations': {
    'zh-CN': '该基地共有{stations}个工位，不能预约{requested}个',
    en: 'The base has {stations} stations; {requested} cannot be booked',
  },
  'booking.full': { 'zh-CN': '以下日期剩余工位不足：{days}', en: 'Not enough free stations on: {days}' },
  'booking.wrongStatus': { 'zh-CN': '预约当前状态为“{status}”，不能执行此操作', en: 'The booking is {status}; this cannot be done now' },
  'bstatus.draft': { 'zh-CN': '草稿', en: 'draft' },
  'bstatus.published': { 'zh-CN': '已发布', en: 'published' },
  'bstatus.unpublished': { 'zh-CN': '已下线', en: 'unpublished' },
  'rstatus.requested': { 'zh-CN': '待审批', en: 'requested' },
  'rstatus.approved': { 'zh-CN': '已批准', en: 'approved' },
  'rstatus.declined': { 'zh-CN': '已拒绝', en: 'declined' },
  'rstatus.proposed': { 'zh-CN': '已建议改期', en: 'other dates proposed' },
  'rstatus.cancelled': { 'zh-CN': '已取消', en: 'cancelled' },
  'internship.pay': {
    'zh-CN': '实习报酬不得低于同岗位试用期工资的80%',
    en: 'Internship pay must be at least 80% of the same post’s probation wage',
  },
  'internship.postShare': {
    'zh-CN': '同一岗位的实习生不得超过该岗位人数的20%',
    en: 'Interns may be at most 20% of the people in one post',
  },
  'internship.enterpriseShare': {
    'zh-CN': '同一单位的实习生不得超过其在职职工总数的10%',
    en: 'Interns at one employer may be at most 10% of its staff',
  },
  'internship.period': { 'zh-CN': '实习结束日期不能早于开始日期', en: 'The internship cannot end before it starts' },
  'need.enterpriseOnly': { 'zh-CN': '合作需求由企业发布', en: 'Cooperation needs are posted by enterprises' },
  'cohort.schoolOnly': { 'zh-CN': '学生批次由学校发布', en: 'Student cohorts are published by schools' },
  'need.wrongStatus': { 'zh-CN': '需求当前状态为“{status}”，不能执行此操作', en: 'The need is {status}; this cannot be done now' },
  'nstatus.draft': { 'zh-CN': '草稿', en: 'draft' },
  'nstatus.published': { 'zh-CN': '已发布', en: 'published' },
  'nstatus.closed': { 'zh-CN': '已关闭', en: 'closed' },
  'nstatus.filled': { 'zh-CN': '已满额', en: 'filled' },
  'nstatus.expired': { 'zh-CN': '已过期', en: 'expired' },
  'need.full': {
    'zh-CN': '名额已满：该需求共{headcount}个名额，尚余{left}个',
    en: 'Full: the need has {headcount} places and {left} left',
  },
  'need.notOpen': { 'zh-CN': '该需求未发布或已截止，暂不能申请', en: 'The need is not open for applications' },
  'need.moreThanApplied': {
    'zh-CN': '接收人数不能多于申请人数（{students}人）',
    en: 'You cannot accept more than the {students} students who applied',
  },
  'need.applicationDecided': { 'zh-CN': '该申请已处理', en: 'This application has already been decided' },
  'need.invitationAnswered': { 'zh-CN': '该邀请已答复或已过期', en: 'This invitation has already been answered or has expired' },
  'need.moreThanOffered': {
    'zh-CN': '接受人数不能多于邀请人数（{students}人）',
    en: 'You cannot take more than the {students} places offered',
  },
  'need.cohortTooSmall': {
    'zh-CN': '邀请人数不能多于该批次的可派学生数（{students}人）',
    en: 'You cannot invite more than the {students} students of the cohort',
  },
  'cohort.fewerLeft': {
    'zh-CN': '该批次仅剩{left}名学生未被接收或邀请',
    en: 'Only {left} students of the cohort are not yet accepted or offered',
  },
  'need.invitationKinds': {
    'zh-CN': '只有岗位实习、订单班和教师企业实践需求可以邀请学生批次',
    en: 'Only internship, order-class and teacher-practice needs can invite cohorts',
  },
  'placement.agreementMissing': { 'zh-CN': '请先由学校登记三方协议', en: 'The school must record the tripartite agreement first' },
  'placement.agreementConfirmed': {
    'zh-CN': '三方协议已确认，不能再修改',
    en: 'The agreement has been confirmed and can no longer change',
  },
  'placement.signedInFuture': { 'zh-CN': '签订日期不能晚于今天', en: 'The signing date cannot be in the future' },
  'project.notActive': { 'zh-CN': '该项目已结束', en: 'This project has ended' },
  'project.milestoneDone': { 'zh-CN': '该里程碑已完成', en: 'This milestone is already done' },
  'round.wrongStatus': { 'zh-CN': '双选当前状态为“{status}”，不能执行此操作', en: 'The round is {status}; this cannot be done now' },
  'round.needNotEligible': {
    'zh-CN': '「{title}」不能加入本轮：须为本地区已发布且尚有名额的岗位实习或订单班需求',
    en: '“{title}” cannot join: it must be a published internship or order-class need in the round’s region with places left',
  },
  'round.empty': { 'zh-CN': '请至少加入一个需求和一个学生批次', en: 'Add at least one need and one cohort first' },
  'round.notOpen': { 'zh-CN': '本轮双选未在填报期', en: 'The round is not taking preferences' },
  'round.cohortNotInRound': { 'zh-CN': '该学生批次不在本轮双选中', en: 'This cohort is not in the round' },
  'round.needNotInRound': { 'zh-CN': '志愿中的需求不在本轮双选中', en: 'A need in the list is not in the round' },
  'round.duplicatePreference': { 'zh-CN': '志愿中有重复项', en: 'The list names the same choice twice' },
  'round.resultsBeforeClose': { 'zh-CN': '结果公布日期不能早于填报截止日期', en: 'Results cannot come before preferences close' },
  'round.outsideDates': {
    'zh-CN': '本轮双选的填报时间为{from}至{to}，今天不能提交志愿或排序',
    en: 'Preferences and rankings are taken from {from} to {to}, not today',
  },
  'round.closeDatePassed': {
    'zh-CN': '填报截止日期（{to}）已过，不能再开放填报',
    en: 'The closing date ({to}) has passed; the round can no longer open',
  },
  'round.beforeResultsDate': { 'zh-CN': '结果须在{on}或之后公布', en: 'Results can be published on or after {on}' },
  'round.notAllSubmitted': {
    'zh-CN': '填报截止前关闭须所有参加者都已提交（尚有{missing}个未提交）；平台管理员可填写理由提前关闭',
    en:
      'Before the closing date a round closes only when every participant has submitted ({missing} have not); a platform admin may close it early ' +
      'with a reason',
  },
  'round.reasonRequired': { 'zh-CN': '提前关闭须填写理由（至少10个字）', en: 'Give a reason (at least 10 characters) to close early' },
  'round.noInvitation': { 'zh-CN': '没有待答复的双选邀请', en: 'There is no invitation to answer' },
  'round.notConsortiumMember': {
    'zh-CN': '只有共同体正式成员的需求和学生批次可以参加该共同体组织的双选',
    en: 'Only active members’ needs and cohorts take part in a consortium’s round',
  },
  'round.cohortNotEligible': {
    'zh-CN': '该学生批次不能加入本轮：须为开放中且可去本地区的批次',
    en: 'This cohort cannot join: it must be open and free to go to the round’s region',
  },
  'round.notJoinable': { 'zh-CN': '本单位不能加入这轮双选', en: 'Your organisation cannot join this round' },
  'round.alreadyIn': { 'zh-CN': '已在本轮双选中', en: 'Already in the round' },
  'roundStatus.draft': { 'zh-CN': '筹备中', en: 'draft' },
  'roundStatus.open': { 'zh-CN': '填报中', en: 'open' },
  'roundStatus.closing': { 'zh-CN': '匹配中', en: 'closing' },
  'roundStatus.closed': { 'zh-CN': '已匹配', en: 'closed' },
  'roundStatus.published': { 'zh-CN': '已公布', en: 'published' },
  'need.notConsortiumMember': {
    'zh-CN': '该企业不是这个共同体的正式成员',
    en: 'The enterprise is not an active member of this consortium',
  },
  'need.bannedContent': {
    'zh-CN': '需求内容含有实习管理规定禁止的事项：“{term}”',
    en: 'The need contains something the internship regulations forbid: “{term}”',
  },
  'need.lockedAfterPublish': { 'zh-CN': '需求发布后不能修改此项', en: 'This cannot change once the need is published' },
  'need.belowAccepted': {
    'zh-CN': '名额不能少于已接收或已邀请的{accepted}人',
    en: 'The places cannot be fewer than the {accepted} already accepted or offered',
  },
  'need.notLower': { 'zh-CN': '发布后此项只能提高，不能低于原来的{value}', en: 'Once published this can only go up, not below {value}' },
  'need.notHigher': { 'zh-CN': '发布后此项只能降低，不能高于原来的{value}', en: 'Once published this can only go down, not above {value}' },
  'need.deadlineEarlier': {
    'zh-CN': '发布后截止日期只能延后，不能早于{deadline}',
    en: 'Once published the deadline can only move later, not before {deadline}',
  },
  'need.majorsRemoved': { 'zh-CN': '发布后只能增加专业，不能去掉已有专业', en: 'Once published majors can be added but not removed' },
  'cohort.closed': { 'zh-CN': '该学生批次已关闭', en: 'This cohort is closed' },
  'cohort.belowTaken': {
    'zh-CN': '可派学生数不能少于已接收或已邀请的{taken}人',
    en: 'The students cannot be fewer than the {taken} already accepted or offered',
  },
  'cohort.lockedWhileTaken': {
    'zh-CN': '已有申请或邀请的批次不能修改此项',
    en: 'This cannot change while the cohort has applications or invitations',
  },
  'date.invalid': { 'zh-CN': '请填写有效的日期', en: 'Enter a valid date' },
  'indicator.valueRequired': { 'zh-CN': '请填写数值', en: 'Enter a value' },
  'indicator.valueNegative': { 'zh-CN': '数值不能为负数', en: 'The value cannot be negative' },
  'indicator.evidenceRequired': { 'zh-CN': '请填写佐证材料说明（至少4个字）', en: 'Describe the evidence (at least 4 characters)' },
  'indicator.evidenceUrl': { 'zh-CN': '佐证链接须为 http(s) 网址', en: 'The evidence link must be an http(s) address' },
  'indicator.nameRequired': { 'zh-CN': '请填写指标名称', en: 'Enter the indicator’s name' },
  'indicator.unitRequired': { 'zh-CN': '请填写计量单位', en: 'Enter the unit' },
  'indicator.dueBeforeStart': { 'zh-CN': '完成日期须晚于起始日期', en: 'The due date must come after the start' },
  'indicator.regionRequired': { 'zh-CN': '请选择区县或省市', en: 'Choose a region' },
  'indicator.consortiumRequired': { 'zh-CN': '请选择共同体', en: 'Choose a consortium' },
  'indicator.metricScope': { 'zh-CN': '该统计口径不能按共同体统计', en: 'This measure cannot be taken over a consortium' },
  'indicator.computedNotReported': {
    'zh-CN': '该指标由平台数据自动统计，无需填报',
    en: 'This indicator is counted from platform data; it is not reported',
  },
  'indicator.futureReport': { 'zh-CN': '统计日期不能晚于今天', en: 'The date cannot be in the future' },
  'indicator.planKept': { 'zh-CN': '行动计划的指标不能删除', en: 'The plan’s indicators cannot be removed' },
  'task.titleRequired': { 'zh-CN': '请填写任务名称', en: 'Enter the task’s title' },
  'task.ownerRequired': { 'zh-CN': '请选择牵头单位', en: 'Choose the owner organisation' },
  'task.responsibleRequired': { 'zh-CN': '请填写责任人', en: 'Enter the person responsible' },
  'task.outcomeRequired': { 'zh-CN': '请填写预期成效', en: 'Enter the expected outcome' },
  'task.deadlineBeforeStart': { 'zh-CN': '完成时限不能早于开始日期', en: 'The deadline cannot come before the start' },
  'task.noteRequired': { 'zh-CN': '请填写进展说明', en: 'Describe the progress' },
  'task.progressRange': { 'zh-CN': '完成进度须在 0–100 之间', en: 'Progress must be between 0 and 100' },
  'task.closed': { 'zh-CN': '该任务已完成或已取消', en: 'This task is done or cancelled' },
  // keys: plan tasks
  'task.ownerUnknown': { 'zh-CN': '牵头单位不存在', en: 'The owner organisation does not exist' },
  'task.indicatorUnknown': { 'zh-CN': '关联指标不存在或已停用', en: 'A linked indicator does not exist or is archived' },
  // keys: supply and demand
  // keys: annual report
  'report.yearOutOfRange': { 'zh-CN': '年度报告的年份须在 2025 年至今年之间', en: 'The report year must be between 2025 and this year' },
  // keys: designations
  'designation.notSchool': {
    'zh-CN': '只有学校可以标注建设称号和高水平专业群',
    en: 'Only schools carry these designations and major clusters',
  },
  'designation.unknown': { 'zh-CN': '称号不在可选范围内', en: 'This is not one of the designations' },
  'designation.clusterName': { 'zh-CN': '专业群名称须为2–60个字', en: 'The cluster’s name must have 2–60 characters' },
  'designation.clusterLevel': { 'zh-CN': '请选择专业群级别（国家级或北京市级）', en: 'Choose the cluster’s level (national or Beijing)' },
  'designation.clusterTaken': {
    'zh-CN': '该学校已有同名同级别的专业群',
    en: 'The school already has a cluster with this name at this level',
  },
  'designation.futureDate': { 'zh-CN': '认定日期不能晚于今天', en: 'The designation date cannot be in the future' },
  // keys: files
  'file.required': { 'zh-CN': '请选择要上传的文件', en: 'Choose a file to upload' },
  'file.tooLarge': { 'zh-CN': '文件不能超过 {mb} MB', en: 'The file must be at most {mb} MB' },
  'file.wrongType': { 'zh-CN': '不支持该文件类型，请上传 {types} 文件', en: 'This type of file is not accepted; upload {types}' },
  'file.tooManyPhotos': { 'zh-CN': '每个基地最多 {max} 张照片', en: 'A base can have at most {max} photos' },
  'file.photoNotUsable': {
    'zh-CN': '照片不存在、不是本单位上传的，或已用于其他基地',
    en: 'A photo does not exist, was not uploaded by this organisation, or belongs to another base',
  },
  'file.agreementNotUsable': {
    'zh-CN': '协议文件不存在、不是本校上传的，或已用于其他实习安排',
    en: 'The agreement file does not exist, was not uploaded by this school, or belongs to another placement',
  },
  'file.userQuota': {
    'zh-CN': '您今天上传的文件已达上限（每人每天 {files} 个、{mb} MB），请明天再试',
    en: 'You have reached today’s upload limit ({files} files or {mb} MB a day per person); try again tomorrow',
  },
  'file.organizationQuota': {
    'zh-CN': '本单位今天上传的文件已达上限（每天 {files} 个、{mb} MB），请明天再试',
    en: 'Your organisation has reached today’s upload limit ({files} files or {mb} MB a day); try again tomorrow',
  },
  // keys: notifications and outgoing messages (message-texts/notifications.ts)
  ...notificationMessages,
  'reason.required': { 'zh-CN': '请填写原因', en: 'Give a reason' },
  'input.invalid': { 'zh-CN': '输入有误，请检查标记的字段', en: 'Some fields are invalid; please check the marked fields' },
  notFound: { 'zh-CN': '未找到该记录', en: 'Not found' },
  forbidden: { 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
  unauthorized: { 'zh-CN': '请先登录', en: 'Please sign in first' },
  internal: { 'zh-CN': '服务器内部错误，请稍后再试', en: 'Internal server error; please try again later' },
} as const satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

/** The message in `lang`, with {params} filled in; a param that is itself a message key is translated too. */
export function translate(key: MessageKey, lang: Language, params: Record<string, string | number> = {}): string {
  return messages[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => {
    const value = params[name];
    if (value === undefined) return m;
    return typeof value === 'string' && isMessageKey(value) ? messages[value][lang] : String(value);
  });
}

/** Picks our language from an Accept-Language header; Chinese unless English is preferred. */
export function languageFromHeader(header: string | null | undefined): Language {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
