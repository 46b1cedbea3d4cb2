import { Readable } from 'node:stream';
import type { Worksheet } from 'exceljs';
import { newWorkbook, writeSheet } from './spreadsheet.ts';
import type { Database, Drizzle } from '@ronghe/db/client';
import { uniqueViolation } from '@ronghe/db/errors';
import { writeAudit } from '@ronghe/db/queries/audit';
import { existingKeys } from '@ronghe/db/queries/organization-import';
import { insertOrganization, type NewOrganization } from '@ronghe/db/queries/organizations';
import { unknownMajorCodes } from '@ronghe/db/queries/reference';
import { translate, type Language, type MessageKey } from '@ronghe/domain/messages';
import {
  organizationInputSchema,
  type OrganizationInput,
  type OrganizationKind,
  type PartnerType,
  type SchoolLevel,
} from '@ronghe/domain/organization';
import { usccCheckChar } from '@ronghe/domain/uscc';
import { describeIssue } from '../errors/zod-messages.ts';
import type { Caller } from './authz.ts';
import { organizationRow } from './organizations.ts';

// Bulk import of organisations by platform admins, from .xlsx or .csv (UTF-8 or GBK). All or nothing:
// any row error writes nothing and yields a downloadable report. Row numbers are spreadsheet rows
// (header = row 1); row 0 means the file as a whole. Headers match by Chinese name or English key;
// unknown columns (序号, 备注…) are ignored. The columns:
//   类型 kind              企业/学校/合作方 or enterprise/school/partner          all, required
//   单位名称 name          2–100 characters                                      all, required
//   行政区划代码 regionCode a 京津冀 district/county (or Hebei prefecture)         all, required
//   地址 address, 联系人 contactName, 联系电话 contactPhone (mobile), 简介 description   all, optional
//   统一社会信用代码 uscc   18 characters with a valid check character         enterprise required, partner optional
//   学校标识码 schoolCode   10 digits                                          school, optional
//   办学层次 schoolLevel    中职/高职专科/职业本科/应用型本科/技工院校/普通高中/中小学 or codes   school, required
//   专业代码 majorCodes     6-digit codes separated by 、 , ; or spaces        school, optional
//   行业代码 industryCode   GB/T 4754 division (2 digits)                      enterprise, required
//   职工人数 staffCount     positive whole number                               enterprise, required
//   龙头企业 isLeadingEnterprise 是/否                                         enterprise, optional
//   合作方类型 partnerType  行业协会/园区/科研院所/政府部门/其他 or codes        partner, required
// A cell filled in a column that does not apply to the row's kind is an error, not silently dropped.

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;
/** errors listed in the response; the downloadable report has all of them */
const MAX_LISTED_ERRORS = 500;

type Bilingual = Record<Language, string>;
const columns = [
  { key: 'kind', zh: '类型', hint: { 'zh-CN': '必填：企业 / 学校 / 合作方', en: 'Required: enterprise / school / partner' } },
  { key: 'name', zh: '单位名称', hint: { 'zh-CN': '必填，2–100 字', en: 'Required, 2–100 characters' } },
  {
    key: 'regionCode',
    zh: '行政区划代码',
    hint: {
      'zh-CN': '必填：京津冀区县代码（河北可填地级市），如 110105',
      en: 'Required: a 京津冀 district or county code (or a Hebei prefecture), e.g. 110105',
    },
  },
  { key: 'address', zh: '地址', hint: { 'zh-CN': '选填，最多 200 字', en: 'Optional, at most 200 characters' } },
  {
    key: 'uscc',
    zh: '统一社会信用代码',
    hint: { 'zh-CN': '企业必填，合作方选填：18 位', en: 'Enterprises: required; partners: optional. 18 characters' },
  },
  { key: 'schoolCode', zh: '学校标识码', hint: { 'zh-CN': '学校选填：10 位数字', en: 'Schools, optional: 10 digits' } },
  {
    key: 'schoolLevel',
    zh: '办学层次',
    hint: {
      'zh-CN': '学校必填：中职 / 高职专科 / 职业本科 / 应用型本科 / 技工院校 / 普通高中 / 中小学',
      en: 'Schools, required: zhongzhi / gaozhi / zhiye_benke / yingyong_benke / jigong / gaozhong / zhongxiaoxue',
    },
  },
  {
    key: 'majorCodes',
    zh: '专业代码',
    hint: {
      'zh-CN': '学校选填：6 位专业代码，用 、 , ; 或空格分隔',
      en: 'Schools, optional: 6-digit major codes separated by 、 , ; or spaces',
    },
  },
  {
    key: 'industryCode',
    zh: '行业代码',
    hint: {
      'zh-CN': '企业必填：国民经济行业分类大类（2 位），如 34',
      en: 'Enterprises, required: a GB/T 4754 division (2 digits), e.g. 34',
    },
  },
  { key: 'staffCount', zh: '职工人数', hint: { 'zh-CN': '企业必填：正整数', en: 'Enterprises, required: a positive whole number' } },
  {
    key: 'isLeadingEnterprise',
    zh: '龙头企业',
    hint: { 'zh-CN': '企业选填：是 / 否（默认否）', en: 'Enterprises, optional: yes / no (default no)' },
  },
  {
    key: 'partnerType',
    zh: '合作方类型',
    hint: {
      'zh-CN': '合作方必填：行业协会 / 园区 / 科研院所 / 政府部门 / 其他',
      en: 'Partners, required: association / park / institute / government / other',
    },
  },
  { key: 'contactName', zh: '联系人', hint: { 'zh-CN': '选填，最多 50 字', en: 'Optional, at most 50 characters' } },
  { key: 'contactPhone', zh: '联系电话', hint: { 'zh-CN': '选填：11 位手机号', en: 'Optional: an 11-digit mobile number' } },
  { key: 'description', zh: '简介', hint: { 'zh-CN': '选填，最多 2000 字', en: 'Optional, at most 2000 characters' } },
] as const satisfies ReadonlyArray<{ key: string; zh: string; hint: Bilingual }>;
type Key = (typeof columns)[number]['key'];
type Cells = Partial<Record<Key, string>>;

const commonKeys: readonly Key[] = ['kind', 'name', 'regionCode', 'address', 'contactName', 'contactPhone', 'description'];
const kindKeys: Record<OrganizationKind, readonly Key[]> = {
  enterprise: ['uscc', 'industryCode', 'staffCount', 'isLeadingEnterprise'],
  school: ['schoolCode', 'schoolLevel', 'majorCodes'],
  partner: ['partnerType', 'uscc'],
};
const requiredHeaders: readonly Key[] = ['kind', 'name', 'regionCode'];

// Chinese labels of coded values; the English side is the code itself.
const kindZh: Record<OrganizationKind, string> = { enterprise: '企业', school: '学校', partner: '合作方' };
const levelZh: Record<SchoolLevel, string> = {
  zhongzhi: '中职',
  gaozhi: '高职专科',
  zhiye_benke: '职业本科',
  yingyong_benke: '应用型本科',
  jigong: '技工院校',
  gaozhong: '普通高中',
  zhongxiaoxue: '中小学',
};
const partnerZh: Record<PartnerType, string> = {
  association: '行业协会',
  park: '园区',
  institute: '科研院所',
  government: '政府部门',
  other: '其他',
};
const yesNoZh = { yes: '是', no: '否' } as const;

const importMessages = {
  file: { 'zh-CN': '文件', en: 'File' },
  tooLarge: { 'zh-CN': '文件超过 5 MB，请拆分后分批导入', en: 'The file is larger than 5 MB; split it and import the parts' },
  tooManyRows: { 'zh-CN': '每次最多导入 {max} 行，文件中有 {count} 行', en: 'At most {max} rows per import; the file has {count}' },
  unreadable: {
    'zh-CN': '无法读取文件，请上传 .xlsx 或 .csv 文件（.xls 请先另存为 .xlsx）',
    en: 'The file cannot be read; upload an .xlsx or .csv file (save .xls files as .xlsx first)',
  },
  empty: { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  missingColumn: { 'zh-CN': '缺少此列', en: 'This column is missing' },
  duplicateColumn: { 'zh-CN': '此列出现了不止一次', en: 'This column appears more than once' },
  required: { 'zh-CN': '必填', en: 'Required' },
  oneOf: { 'zh-CN': '应为以下之一：{values}', en: 'Must be one of: {values}' },
  wholeNumber: { 'zh-CN': '应为正整数', en: 'Must be a positive whole number' },
  notApplicable: { 'zh-CN': '类型为“{kind}”的单位不填此列，请留空', en: 'Leave this empty for a {kind}' },
  duplicateInFile: { 'zh-CN': '与第 {row} 行重复', en: 'Same as row {row}' },
  unknownMajors: { 'zh-CN': '{message}：{codes}', en: '{message}: {codes}' },
} as const satisfies Record<string, Bilingual>;

function msg(key: keyof typeof importMessages, lang: Language, params: Record<string, string | number> = {}): string {
  return importMessages[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m));
}

export type ImportError = { row: number; column: string; message: string };
export type ImportResult = { ok: boolean; rows: number; created: number; errors: ImportError[]; reportBase64: string | null };
type ValidRow = { row: number; input: OrganizationInput };

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
const choices = <T extends string>(zh: Record<T, string>, lang: Language) =>
  (Object.keys(zh) as T[]).map((code) => (lang === 'en' ? code : zh[code])).join(lang === 'en' ? ', ' : '、');

/** A code from its code or Chinese label, any case and spacing. */
function choose<T extends string>(zh: Record<T, string>, raw: string): T | undefined {
  const wanted = norm(raw);
  return (Object.keys(zh) as T[]).find((code) => code.toLowerCase() === wanted || zh[code] === wanted);
}

/** UTF-8 unless the bytes are not valid UTF-8; then GBK, which Excel in Chinese Windows writes. */
function decodeText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gbk').decode(data);
  }
}

async function readWorksheet(data: Buffer, filename: string): Promise<Worksheet | null> {
  const workbook = await newWorkbook();
  try {
    if (data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
      // exceljs types its Buffer as an ArrayBuffer; JSZip reads either.
      await workbook.xlsx.load(Uint8Array.from(data).buffer);
      return workbook.worksheets[0] ?? null;
    }
    if (!/\.(csv|txt)$/i.test(filename)) return null;
    // map: keep every field a string, so 00123 and mobile numbers are not turned into numbers
    return await workbook.csv.read(Readable.from([decodeText(data)]), { map: (v: unknown) => v });
  } catch {
    return null;
  }
}

function sheetRows(sheet: Worksheet): Array<{ row: number; cells: string[] }> {
  const rows: Array<{ row: number; cells: string[] }> = [];
  sheet.eachRow((r, row) => {
    const cells: string[] = [];
    r.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text.trim();
    });
    rows.push({ row, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}

const headerKeys = new Map<string, Key>(columns.flatMap((c) => [[norm(c.zh), c.key] as const, [c.key.toLowerCase(), c.key] as const]));

/** Column index → key; "单位名称*" and "单位名称（必填）" match too. */
function mapHeader(cells: string[], lang: Language) {
  const keys: Array<Key | undefined> = [];
  const labels: Cells = {};
  const errors: ImportError[] = [];
  cells.forEach((text, i) => {
    const key = headerKeys.get(
      norm(text)
        .replace(/[*＊]/g, '')
        .replace(/[（(][^）)]*[）)]$/, ''),
    );
    if (!key) return;
    if (labels[key] !== undefined) errors.push({ row: 1, column: text, message: msg('duplicateColumn', lang) });
    labels[key] = text;
    keys[i] = key;
  });
  const label = (key: Key) => labels[key] ?? (lang === 'en' ? key : (columns.find((c) => c.key === key)?.zh ?? key));
  for (const key of requiredHeaders)
    if (labels[key] === undefined) errors.push({ row: 1, column: label(key), message: msg('missingColumn', lang) });
  /** where a column is in the file, to list a row's errors left to right */
  const position = (column: string) => {
    const i = cells.indexOf(column);
    return i < 0 ? cells.length : i;
  };
  return { keys, label, position, errors };
}

const isKey = (s: unknown): s is Key => typeof s === 'string' && columns.some((c) => c.key === s);

function validateRow(
  row: number,
  cells: Cells,
  label: (k: Key) => string,
  lang: Language,
): { input?: OrganizationInput; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const fail = (key: Key, message: string) => {
    if (!errors.some((e) => e.column === label(key) && e.message === message)) errors.push({ row, column: label(key), message });
  };
  const raw = (key: Key) => cells[key] ?? '';
  const kind = choose(kindZh, raw('kind'));
  if (!kind) {
    fail('kind', raw('kind') ? msg('oneOf', lang, { values: choices(kindZh, lang) }) : msg('required', lang));
    return { errors };
  }
  const applies = new Set([...commonKeys, ...kindKeys[kind]]);
  for (const { key } of columns)
    if (!applies.has(key) && raw(key)) fail(key, msg('notApplicable', lang, { kind: lang === 'en' ? kind : kindZh[kind] }));

  // Values we could not convert are reported here; zod's "required" for them would only repeat it.
  const unconverted = new Set<Key>();
  const input: Record<string, unknown> = { kind };
  const convert = (key: Key, value: unknown, error: string) => {
    if (value !== undefined) input[key] = value;
    else {
      unconverted.add(key);
      fail(key, error);
    }
  };
  for (const key of applies) {
    const value = raw(key);
    if (key === 'kind' || value === '') continue;
    if (key === 'schoolLevel') convert(key, choose(levelZh, value), msg('oneOf', lang, { values: choices(levelZh, lang) }));
    else if (key === 'partnerType') convert(key, choose(partnerZh, value), msg('oneOf', lang, { values: choices(partnerZh, lang) }));
    else if (key === 'isLeadingEnterprise') {
      const yes = /^(是|yes|y|true|1)$/i.test(value) ? true : /^(否|no|n|false|0)$/i.test(value) ? false : undefined;
      convert(key, yes, msg('oneOf', lang, { values: choices(yesNoZh, lang) }));
    } else if (key === 'staffCount') {
      const digits = value.replace(/[,，\s]/g, '');
      convert(key, /^\d+$/.test(digits) ? Number(digits) : undefined, msg('wholeNumber', lang));
    } else if (key === 'majorCodes') input[key] = value.split(/[、,，;；\s]+/).filter(Boolean);
    else input[key] = value;
  }
  const parsed = organizationInputSchema.safeParse(input);
  if (parsed.success) return errors.length > 0 ? { errors } : { input: parsed.data, errors };
  for (const issue of parsed.error.issues) {
    const key = isKey(issue.path[0]) ? issue.path[0] : 'kind';
    if (unconverted.has(key)) continue;
    const empty = raw(key) === '' && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
    fail(key, empty ? msg('required', lang) : describeIssue(issue, lang));
  }
  return { errors };
}

/** Rows that repeat a USCC, school code or name+region of an earlier row. */
function duplicatesInFile(valid: ValidRow[], label: (k: Key) => string, lang: Language): ImportError[] {
  const seen = new Map<string, number>();
  const errors: ImportError[] = [];
  const check = (row: number, key: Key, value: string) => {
    const first = seen.get(`${key}\u0000${value}`);
    if (first === undefined) seen.set(`${key}\u0000${value}`, row);
    else errors.push({ row, column: label(key), message: msg('duplicateInFile', lang, { row: first }) });
  };
  for (const { row, input } of valid) {
    if (input.kind !== 'school' && input.uscc) check(row, 'uscc', input.uscc);
    if (input.kind === 'school' && input.schoolCode) check(row, 'schoolCode', input.schoolCode);
    check(row, 'name', `${input.name}\u0000${input.regionCode}`);
  }
  return errors;
}

/** Unknown major codes and keys already registered. */
async function conflictsInDatabase(db: Database, valid: ValidRow[], label: (k: Key) => string, lang: Language): Promise<ImportError[]> {
  const majors = valid.flatMap((v) => (v.input.kind === 'school' ? v.input.majorCodes : []));
  const unknown = new Set(await unknownMajorCodes(db, [...new Set(majors)]));
  const taken = await existingKeys(db, {
    usccs: valid.flatMap((v) => (v.input.kind !== 'school' && v.input.uscc ? [v.input.uscc] : [])),
    schoolCodes: valid.flatMap((v) => (v.input.kind === 'school' && v.input.schoolCode ? [v.input.schoolCode] : [])),
    nameRegions: valid.map((v) => ({ name: v.input.name, regionCode: v.input.regionCode })),
  });
  const usccs = new Set(taken.usccs);
  const schoolCodes = new Set(taken.schoolCodes);
  const nameRegions = new Set(taken.nameRegions.map((k) => `${k.name}\u0000${k.regionCode}`));
  const errors: ImportError[] = [];
  for (const { row, input } of valid) {
    const at = (key: Key, messageKey: MessageKey) => errors.push({ row, column: label(key), message: translate(messageKey, lang) });
    if (input.kind !== 'school' && input.uscc && usccs.has(input.uscc)) at('uscc', 'organization.usccTaken');
    if (input.kind === 'school' && input.schoolCode && schoolCodes.has(input.schoolCode)) at('schoolCode', 'organization.schoolCodeTaken');
    if (nameRegions.has(`${input.name}\u0000${input.regionCode}`)) at('name', 'organization.duplicate');
    const bad = input.kind === 'school' ? [...new Set(input.majorCodes.filter((c) => unknown.has(c)))] : [];
    if (bad.length > 0)
      errors.push({
        row,
        column: label('majorCodes'),
        message: msg('unknownMajors', lang, { message: translate('major.unknown', lang), codes: bad.join(lang === 'en' ? ', ' : '、') }),
      });
  }
  return errors;
}

// An admin's import is the admin's verification: imported organisations start 'verified', not
// 'pending' like self-registrations, and each carries an 'organization.import' audit record.
function rowValues(input: OrganizationInput, caller: Caller): NewOrganization {
  return organizationRow(input, caller.userId, 'verified');
}

const constraintColumns: Record<string, { key: Key; message: MessageKey }> = {
  organization_uscc_verified_key: { key: 'uscc', message: 'organization.usccTaken' },
  organization_school_code_verified_key: { key: 'schoolCode', message: 'organization.schoolCodeTaken' },
  organization_name_region_verified_key: { key: 'name', message: 'organization.duplicate' },
};

/** Validates every row; when all pass (and not a dry run) inserts them all in one transaction. */
export async function importOrganizations(
  db: Database,
  caller: Caller,
  opts: { filename: string; data: Buffer; dryRun: boolean; lang: Language },
): Promise<ImportResult> {
  const { lang } = opts;
  const failed = async (rows: number, errors: ImportError[], position: (column: string) => number = () => 0): Promise<ImportResult> => {
    const sorted = [...errors].sort((a, b) => a.row - b.row || position(a.column) - position(b.column));
    return {
      ok: false,
      rows,
      created: 0,
      errors: sorted.slice(0, MAX_LISTED_ERRORS),
      reportBase64: (await buildErrorReport(sorted, lang)).toString('base64'),
    };
  };
  const fileError = (message: string) => failed(0, [{ row: 0, column: msg('file', lang), message }]);

  if (opts.data.length > MAX_IMPORT_BYTES) return fileError(msg('tooLarge', lang));
  const sheet = await readWorksheet(opts.data, opts.filename);
  if (!sheet) return fileError(msg('unreadable', lang));
  const all = sheetRows(sheet);
  const header = mapHeader(all.find((r) => r.row === 1)?.cells ?? [], lang);
  const data = all.filter((r) => r.row > 1 && r.cells.some((c) => c !== ''));
  if (header.errors.length > 0) return failed(data.length, header.errors);
  if (data.length === 0) return fileError(msg('empty', lang));
  if (data.length > MAX_IMPORT_ROWS) return fileError(msg('tooManyRows', lang, { max: MAX_IMPORT_ROWS, count: data.length }));

  const errors: ImportError[] = [];
  const valid: ValidRow[] = [];
  for (const { row, cells } of data) {
    const named: Cells = {};
    cells.forEach((text, i) => {
      const key = header.keys[i];
      if (key) named[key] = text;
    });
    const result = validateRow(row, named, header.label, lang);
    errors.push(...result.errors);
    if (result.input) valid.push({ row, input: result.input });
  }
  errors.push(...duplicatesInFile(valid, header.label, lang), ...(await conflictsInDatabase(db, valid, header.label, lang)));
  if (errors.length > 0) return failed(data.length, errors, header.position);
  if (opts.dryRun) return { ok: true, rows: data.length, created: 0, errors: [], reportBase64: null };

  const progress: { current?: ValidRow } = {};
  try {
    await db.orm.transaction(async (tx: Drizzle) => {
      for (const item of valid) {
        progress.current = item;
        const org = await insertOrganization(
          tx,
          rowValues(item.input, caller),
          item.input.kind === 'school' ? [...new Set(item.input.majorCodes)] : [],
        );
        await writeAudit(tx, {
          actorUserId: caller.userId,
          action: 'organization.import',
          entity: 'organization',
          entityId: org.id,
          after: { name: org.name, kind: org.kind, status: org.status, file: opts.filename, row: item.row },
          organizationId: org.id,
        });
      }
    });
  } catch (error) {
    // Someone registered the same organisation between our check and the insert: all rolled back.
    const constraint = uniqueViolation(error);
    const mapped = constraint ? constraintColumns[constraint] : undefined;
    if (!mapped || !progress.current) throw error;
    return failed(data.length, [{ row: progress.current.row, column: header.label(mapped.key), message: translate(mapped.message, lang) }]);
  }
  return { ok: true, rows: data.length, created: valid.length, errors: [], reportBase64: null };
}

/** The error report: 行号 / 列 / 原因, bold header, first row frozen. */
export async function buildErrorReport(errors: ImportError[], lang: Language): Promise<Buffer> {
  const en = lang === 'en';
  return writeSheet(
    en ? 'Errors' : '错误',
    [
      { header: en ? 'Row' : '行号', key: 'row', width: 8 },
      { header: en ? 'Column' : '列', key: 'column', width: 22 },
      { header: en ? 'Reason' : '原因', key: 'message', width: 70 },
    ],
    errors.map((e) => ({ row: e.row === 0 ? '' : e.row, column: e.column, message: e.message })),
  );
}

/** The import template: header row, an enterprise and a school as examples, and a sheet explaining each column. */
export async function buildTemplate(lang: Language): Promise<Buffer> {
  const en = lang === 'en';
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(en ? 'Organizations' : '单位', { views: [{ state: 'frozen', ySplit: 1 }] });
  // Text format on every column, so Excel keeps leading zeros and long codes as typed.
  sheet.columns = columns.map((c) => ({
    header: en ? c.key : c.zh,
    key: c.key,
    width: Math.max(12, c.zh.length * 3),
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  const body = '91110105MA01ABC2D';
  const examples: Cells[] = [
    {
      kind: en ? 'enterprise' : kindZh.enterprise,
      name: '示例智能装备有限公司',
      regionCode: '110105',
      address: '北京市朝阳区示例路1号',
      uscc: body + (usccCheckChar(body) ?? ''),
      industryCode: '34',
      staffCount: '200',
      isLeadingEnterprise: en ? 'no' : yesNoZh.no,
      contactName: '张三',
      contactPhone: '13800000000',
      description: en ? 'Example row: delete it before importing' : '示例行，导入前请删除',
    },
    {
      kind: en ? 'school' : kindZh.school,
      name: '示例职业技术学院',
      regionCode: '110108',
      schoolCode: '4111090001',
      schoolLevel: en ? 'gaozhi' : levelZh.gaozhi,
      majorCodes: '460103、520201',
      contactName: '李四',
      contactPhone: '13900000000',
      description: en ? 'Example row: delete it before importing' : '示例行，导入前请删除',
    },
  ];
  for (const example of examples) sheet.addRow(example);
  const help = workbook.addWorksheet(en ? 'Instructions' : '填写说明');
  help.columns = [
    { header: en ? 'Column' : '列名', key: 'header', width: 20 },
    { header: en ? 'Also accepted' : '也可用', key: 'alias', width: 20 },
    { header: en ? 'What to fill in' : '填写要求', key: 'hint', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow({ header: en ? c.key : c.zh, alias: en ? c.zh : c.key, hint: c.hint[lang] });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
