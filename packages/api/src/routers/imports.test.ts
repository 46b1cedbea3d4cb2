import ExcelJS from 'exceljs';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as ImportQueries from '@ronghe/db/queries/organization-import';
import { auditLog, organizationMajors, organizations } from '@ronghe/db/schema';
import { expectedTestEngine } from '@ronghe/db/testing';
import type { Language } from '@ronghe/domain/messages';
import { usccCheckChar } from '@ronghe/domain/uscc';
import { createContextInner } from '../context.ts';
import { createTestEnv, errorOf, makeAdmin, signUpUser, type TestEnv, type TestUser } from '../test-support.ts';
import { createCallerFactory } from '../trpc.ts';
import { importsRouter } from './imports.ts';

// Lets one test play a registration that lands between the import's checks and its inserts.
const race = vi.hoisted(() => ({ skipExistingCheck: false }));
vi.mock('@ronghe/db/queries/organization-import', async (importOriginal) => {
  const actual = await importOriginal<typeof ImportQueries>();
  return {
    ...actual,
    existingKeys: (...args: Parameters<typeof actual.existingKeys>) =>
      race.skipExistingCheck ? Promise.resolve({ usccs: [], schoolCodes: [], nameRegions: [] }) : actual.existingKeys(...args),
  };
});

let env: TestEnv;
let admin: TestUser;
beforeAll(async () => {
  env = await createTestEnv({ demo: true });
  admin = await makeAdmin(env, await signUpUser(env, { name: '市教委管理员' }));
});
afterAll(async () => {
  await env.close();
});

const importsAs = (user: TestUser, lang: Language = 'zh-CN') =>
  createCallerFactory(importsRouter)(createContextInner({ db: env.db, session: user.session, lang }));

const HEADER = [
  '类型',
  '单位名称',
  '行政区划代码',
  '地址',
  '统一社会信用代码',
  '学校标识码',
  '办学层次',
  '专业代码',
  '行业代码',
  '职工人数',
  '龙头企业',
  '合作方类型',
  '联系人',
  '联系电话',
  '简介',
];
type Cell = string | number;
type Row = Partial<Record<(typeof HEADER)[number], Cell>>;

const uscc = (serial: number) => {
  const body = `91110105${String(100_000_000 + serial)}`;
  return body + (usccCheckChar(body) ?? '');
};
const enterprise = (name: string, serial: number, extra: Row = {}): Row => ({
  类型: '企业',
  单位名称: name,
  行政区划代码: '110105',
  统一社会信用代码: uscc(serial),
  行业代码: '34',
  职工人数: 300,
  ...extra,
});
const school = (name: string, code: string, extra: Row = {}): Row => ({
  类型: '学校',
  单位名称: name,
  行政区划代码: '110108',
  学校标识码: code,
  办学层次: '高职专科',
  ...extra,
});
const partner = (name: string, extra: Row = {}): Row => ({
  类型: '合作方',
  单位名称: name,
  行政区划代码: '120101',
  合作方类型: '行业协会',
  ...extra,
});

async function xlsxOf(rows: Row[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('单位');
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(HEADER.map((h) => row[h] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

const csvOf = (rows: Row[]) =>
  [HEADER, ...rows.map((r) => HEADER.map((h) => String(r[h] ?? '')))]
    .map((cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\r\n');

/** GBK bytes for a text, from Node's GBK decoder run backwards over every two-byte code. */
function gbkEncode(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, [number, number]>();
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) table.set(decoder.decode(Uint8Array.of(a, b)), [a, b]);
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(bytes);
}

async function organizationCount() {
  const [row] = await env.db.orm.select({ n: count() }).from(organizations);
  return row?.n ?? 0;
}

async function readSheet(base64: string, sheetIndex = 0) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(Buffer.from(base64, 'base64')).buffer);
  const sheet = workbook.worksheets[sheetIndex];
  if (!sheet) throw new Error('no sheet');
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).text)));
  return { sheet, rows };
}

describe('imports.organizations', () => {
  it('runs on the expected engine', () => {
    expect(env.db.engine).toBe(expectedTestEngine());
  });

  it('imports a valid xlsx: an enterprise, a school with majors and a partner, verified, with audit records', async () => {
    const base64 = await xlsxOf([
      enterprise('京测精密机械有限公司', 1, { 龙头企业: '是', 联系人: '王工', 联系电话: 13812345678 }),
      school('京测职业技术学院', '4199990001', { 专业代码: '460103、520201' }),
      partner('京津测试产业促进会', { 统一社会信用代码: '' }),
    ]);
    const result = await importsAs(admin).organizations({ filename: '单位.xlsx', base64 });
    expect(result).toEqual({ ok: true, rows: 3, created: 3, errors: [], reportBase64: null });

    const names = ['京测精密机械有限公司', '京测职业技术学院', '京津测试产业促进会'];
    const rows = await env.db.orm.select().from(organizations).where(inArray(organizations.name, names)).orderBy(asc(organizations.name));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === 'verified' && r.createdByUserId === admin.session.userId)).toBe(true);
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('京测精密机械有限公司')).toMatchObject({
      kind: 'enterprise',
      uscc: uscc(1),
      staffCount: 300,
      isLeadingEnterprise: true,
      contactPhone: '13812345678',
    });
    expect(byName.get('京津测试产业促进会')).toMatchObject({
      kind: 'partner',
      partnerType: 'association',
      uscc: null,
      regionCode: '120101',
    });
    const schoolRow = byName.get('京测职业技术学院');
    expect(schoolRow).toMatchObject({ kind: 'school', schoolCode: '4199990001', schoolLevel: 'gaozhi' });
    const majors = await env.db.orm
      .select({ code: organizationMajors.majorCode })
      .from(organizationMajors)
      .where(eq(organizationMajors.organizationId, schoolRow?.id ?? ''));
    expect(majors.map((m) => m.code).sort()).toEqual(['460103', '520201']);
    const audit = await env.db.orm
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'organization.import'),
          inArray(
            auditLog.entityId,
            rows.map((r) => r.id),
          ),
        ),
      );
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.actorUserId === admin.session.userId)).toBe(true);
  });

  it('writes nothing when one row fails, and reports row, column and reason in Chinese, also as an xlsx', async () => {
    const before = await organizationCount();
    const base64 = await xlsxOf([
      enterprise('坏批次良好企业有限公司', 2),
      enterprise('坏批次校验位有限公司', 3, { 统一社会信用代码: '91110000710926094Q' }),
      school('坏批次职业学院', '4199990002', { 专业代码: '460103 999999' }),
      partner('坏批次上海协会', { 行政区划代码: '310101' }),
      enterprise('', 4),
      school('坏批次良好学院', '4199990003', { 学校标识码: '', 职工人数: 20 }),
    ]);
    const result = await importsAs(admin).organizations({ filename: 'bad.xlsx', base64 });
    expect(result).toMatchObject({ ok: false, rows: 6, created: 0 });
    expect(result.errors).toEqual([
      { row: 3, column: '统一社会信用代码', message: '统一社会信用代码校验位不正确' },
      { row: 4, column: '专业代码', message: '专业代码不在专业目录中：999999' },
      { row: 5, column: '行政区划代码', message: '行政区划不在京津冀范围内' },
      { row: 6, column: '单位名称', message: '必填' },
      { row: 7, column: '职工人数', message: '类型为“学校”的单位不填此列，请留空' },
    ]);
    expect(await organizationCount()).toBe(before);
    expect(await env.db.orm.select().from(organizations).where(eq(organizations.name, '坏批次良好企业有限公司'))).toEqual([]);

    const { sheet, rows } = await readSheet(result.reportBase64 ?? '');
    expect(rows[0]).toEqual(['行号', '列', '原因']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rows.slice(1)).toEqual(result.errors.map((e) => [String(e.row), e.column, e.message]));
  });

  it('answers in English for an English caller', async () => {
    const base64 = await xlsxOf([enterprise('英文报错测试有限公司', 5, { 统一社会信用代码: '91110000710926094Q', 职工人数: 'many' })]);
    const result = await importsAs(admin, 'en').organizations({ filename: 'en.xlsx', base64 });
    expect(result.errors).toEqual([
      { row: 2, column: '统一社会信用代码', message: 'The check character of the unified social credit code is wrong' },
      { row: 2, column: '职工人数', message: 'Must be a positive whole number' },
    ]);
  });

  it('imports a UTF-8 CSV (with BOM), keeping leading zeros and mobile numbers as text', async () => {
    const text = `\uFEFF${csvOf([school('零前缀测试学校', '0199990004', { 联系电话: '13912345678', 专业代码: '460103;520201', 简介: '含逗号, 和"引号"' })])}`;
    const result = await importsAs(admin).organizations({ filename: 'schools.csv', base64: Buffer.from(text, 'utf8').toString('base64') });
    expect(result).toMatchObject({ ok: true, rows: 1, created: 1 });
    const [row] = await env.db.orm.select().from(organizations).where(eq(organizations.name, '零前缀测试学校'));
    expect(row).toMatchObject({ schoolCode: '0199990004', contactPhone: '13912345678', description: '含逗号, 和"引号"' });
  });

  it('decodes a GBK CSV, as Excel on Chinese Windows saves it', async () => {
    expect([...gbkEncode('单位名称')]).toEqual([0xb5, 0xa5, 0xce, 0xbb, 0xc3, 0xfb, 0xb3, 0xc6]);
    const bytes = gbkEncode(csvOf([partner('冀测园区管理中心', { 合作方类型: '园区', 行政区划代码: '130100', 联系人: '赵敏' })]));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const result = await importsAs(admin).organizations({ filename: 'gbk.csv', base64: bytes.toString('base64') });
    expect(result).toMatchObject({ ok: true, created: 1 });
    const [row] = await env.db.orm.select().from(organizations).where(eq(organizations.name, '冀测园区管理中心'));
    expect(row).toMatchObject({ partnerType: 'park', regionCode: '130100', contactName: '赵敏' });
  });

  it('refuses a USCC repeated in the file and one already registered', async () => {
    const [demo] = await env.db.orm
      .select()
      .from(organizations)
      .where(and(eq(organizations.kind, 'enterprise'), eq(organizations.isDemo, true)))
      .limit(1);
    if (!demo?.uscc) throw new Error('demo data has no enterprise');
    const [demoSchool] = await env.db.orm.select().from(organizations).where(eq(organizations.kind, 'school')).limit(1);
    const before = await organizationCount();
    const base64 = await xlsxOf([
      enterprise('重复测试甲有限公司', 6),
      enterprise('重复测试乙有限公司', 6),
      enterprise('重复测试丙有限公司', 7, { 统一社会信用代码: demo.uscc.toLowerCase() }),
      school(demoSchool?.name ?? '', '4199990005', { 行政区划代码: demoSchool?.regionCode ?? '' }),
    ]);
    const result = await importsAs(admin).organizations({ filename: 'dup.xlsx', base64 });
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { row: 3, column: '统一社会信用代码', message: '与第 2 行重复' },
      { row: 4, column: '统一社会信用代码', message: '该统一社会信用代码已有单位注册' },
      { row: 5, column: '单位名称', message: '同一地区已有同名单位' },
    ]);
    expect(await organizationCount()).toBe(before);
  });

  it('rolls everything back when a registration slips in between the checks and the inserts', async () => {
    const [demo] = await env.db.orm.select().from(organizations).where(eq(organizations.kind, 'enterprise')).limit(1);
    const before = await organizationCount();
    const base64 = await xlsxOf([
      enterprise('并发测试甲有限公司', 8),
      enterprise('并发测试乙有限公司', 9, { 统一社会信用代码: demo?.uscc ?? '' }),
    ]);
    race.skipExistingCheck = true;
    try {
      const result = await importsAs(admin).organizations({ filename: 'race.xlsx', base64 });
      expect(result).toMatchObject({
        ok: false,
        created: 0,
        errors: [{ row: 3, column: '统一社会信用代码', message: '该统一社会信用代码已有单位注册' }],
      });
    } finally {
      race.skipExistingCheck = false;
    }
    expect(await organizationCount()).toBe(before);
  });

  it('reports a file it cannot read and a missing column, on the header row', async () => {
    const caller = importsAs(admin);
    const junk = await caller.organizations({
      filename: 'old.xls',
      base64: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]).toString('base64'),
    });
    expect(junk).toMatchObject({ ok: false, rows: 0, errors: [{ row: 0, column: '文件', message: expect.stringContaining('.xlsx') }] });
    const noName = await caller.organizations({
      filename: 'a.csv',
      base64: Buffer.from('类型,行政区划代码\n企业,110105\n').toString('base64'),
    });
    expect(noName.errors).toEqual([{ row: 1, column: '单位名称', message: '缺少此列' }]);
  });

  it('is for platform admins only', async () => {
    const user = await signUpUser(env);
    const base64 = await xlsxOf([enterprise('越权测试有限公司', 10)]);
    expect((await errorOf(importsAs(user).organizations({ filename: 'x.xlsx', base64 }))).code).toBe('FORBIDDEN');
    expect((await errorOf(importsAs(user).template())).code).toBe('FORBIDDEN');
    expect(await env.db.orm.select().from(organizations).where(eq(organizations.name, '越权测试有限公司'))).toEqual([]);
  });
});

describe('imports.template', () => {
  it.each(['zh-CN', 'en'] as const)('downloads (%s) and re-imports cleanly as a dry run', async (lang) => {
    const before = await organizationCount();
    const template = await importsAs(admin, lang).template();
    expect(template.filename).toMatch(/\.xlsx$/);
    const { sheet, rows } = await readSheet(template.base64);
    expect(rows[0]).toEqual(lang === 'en' ? expect.arrayContaining(['kind', 'name', 'uscc', 'majorCodes']) : HEADER);
    expect(rows).toHaveLength(3);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const result = await importsAs(admin, lang).organizations({ filename: template.filename, base64: template.base64, dryRun: true });
    expect(result).toEqual({ ok: true, rows: 2, created: 0, errors: [], reportBase64: null });
    expect(await organizationCount()).toBe(before);
  });
});
