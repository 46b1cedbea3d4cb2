import type { Database } from '@ronghe/db/client';
import { personalDataOf } from '@ronghe/db/queries/personal-data';
import { isMobileAccountEmail } from '@ronghe/domain/account';
import { deviceLabel } from '@ronghe/domain/device';
import type { Language } from '@ronghe/domain/messages';
import { newWorkbook } from './spreadsheet.ts';

// "My data" (issue 20, PIPL art. 45): everything Ronghe holds about the caller, as JSON or an Excel workbook.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The caller's data, as plain JSON values (dates as ISO strings). */
export async function myData(db: Database, userId: string) {
  const d = await personalDataOf(db, userId);
  const a = d.account;
  return {
    exportedAt: new Date().toISOString(),
    account: a && {
      id: a.id,
      name: a.name,
      email: isMobileAccountEmail(a.email) ? null : a.email,
      emailVerified: a.emailVerified,
      phoneNumber: a.phoneNumber,
      phoneNumberVerified: a.phoneNumberVerified,
      privacyNoticeVersion: a.privacyVersion,
      privacyNoticeAcceptedAt: iso(a.privacyAcceptedAt),
      createdAt: iso(a.createdAt),
      updatedAt: iso(a.updatedAt),
    },
    sessions: d.sessions.map((s) => ({
      device: deviceLabel(s.userAgent),
      userAgent: s.userAgent,
      ipAddress: s.ipAddress,
      signedInAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
    })),
    knownBrowsers: d.devices.map((b) => ({ firstSeenAt: iso(b.firstSeenAt) })),
    memberships: d.memberships.map((m) => ({ organization: m.organization, role: m.role, since: iso(m.since) })),
    notifications: d.notifications.map((n) => ({ text: n.title, link: n.link, createdAt: iso(n.createdAt), readAt: iso(n.readAt) })),
    messagesSentToYou: d.messages.map((m) => ({ ...m, createdAt: iso(m.createdAt) })),
    filesYouUploaded: d.files.map((f) => ({ ...f, createdAt: iso(f.createdAt) })),
    yourActionsInTheAuditLog: d.actions.map((x) => ({ ...x, at: iso(x.at) })),
  };
}

type Data = Awaited<ReturnType<typeof myData>>;

const sheetNames: Record<Language, Record<Exclude<keyof Data, 'exportedAt'>, string>> = {
  'zh-CN': {
    account: '账户',
    sessions: '登录设备',
    knownBrowsers: '用过的浏览器',
    memberships: '所在单位',
    notifications: '通知',
    messagesSentToYou: '发给您的消息',
    filesYouUploaded: '您上传的文件',
    yourActionsInTheAuditLog: '操作日志',
  },
  en: {
    account: 'Account',
    sessions: 'Sessions',
    knownBrowsers: 'Browsers used',
    memberships: 'Organisations',
    notifications: 'Notifications',
    messagesSentToYou: 'Messages to you',
    filesYouUploaded: 'Files you uploaded',
    yourActionsInTheAuditLog: 'Audit log',
  },
};

/** The same data as a workbook: one sheet a section, its fields as columns (the account as field and value). */
export async function myDataWorkbook(data: Data, lang: Language): Promise<Buffer> {
  const workbook = await newWorkbook();
  const names = sheetNames[lang];
  const account = workbook.addWorksheet(names.account);
  account.columns = [
    { header: lang === 'en' ? 'Field' : '字段', key: 'field', width: 28 },
    { header: lang === 'en' ? 'Value' : '值', key: 'value', width: 48 },
  ];
  account.getRow(1).font = { bold: true };
  for (const [field, value] of Object.entries({ ...data.account, exportedAt: data.exportedAt }))
    account.addRow({ field, value: value === null ? '' : String(value) });
  for (const key of Object.keys(names).filter((k) => k !== 'account') as Array<Exclude<keyof Data, 'exportedAt' | 'account'>>) {
    const rows = data[key] as Array<Record<string, unknown>>;
    const sheet = workbook.addWorksheet(names[key], { views: [{ state: 'frozen', ySplit: 1 }] });
    const fields = Object.keys(rows[0] ?? {});
    sheet.columns = fields.map((f) => ({ header: f, key: f, width: 24 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) sheet.addRow(Object.fromEntries(fields.map((f) => [f, row[f] === null ? '' : String(row[f])])));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The caller's data as a file to download: pretty JSON, or the workbook with sheet names in `lang`. */
export async function myDataFile(db: Database, userId: string, format: 'json' | 'xlsx', lang: Language) {
  const data = await myData(db, userId);
  const filename = `ronghe-my-data-${data.exportedAt.slice(0, 10)}.${format}`;
  const bytes = format === 'json' ? Buffer.from(JSON.stringify(data, null, 2)) : await myDataWorkbook(data, lang);
  return { filename, base64: bytes.toString('base64') };
}
