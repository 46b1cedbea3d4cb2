import { maskEmail, maskPersonName } from './account.ts';

// Contacts written into free text (a cohort's note naming its teachers, a message) are masked for
// people outside the organisation, as its contact fields are: 138****5678, 010-****5678, 张*, a***@x.cn.
// The rule (docs/security.md, "Private data"):
// - mobile numbers with or without +86 / 0086 / 86, spaces or dashes: 138****5678 (the prefix stays);
// - landlines with an area code, written 010-62345678, 0311 8765 4321, (022)23456789, +86 10 6234 5678,
//   and numbers of 7–12 digits after 电话 / 座机 / 传真 / Tel / Fax: every digit but the last four hidden;
// - email addresses: a***@example.com;
// - names: the organisation's known contact names wherever they appear; a 2–4 character name after
//   联系人 / 负责人 / 对接人 / 带队老师 …; a full name before a title (张三老师, 王小明经理). A surname alone
//   (张老师, 王经理) stays: it is what a masked name shows anyway (张**).
// Numbers without those shapes stay: years, dates, amounts, counts, USCC and school codes, student numbers.

const sep = String.raw`[\s-]?`;
/** 010, 02x and the four-digit codes 03xx–09xx */
const area = String.raw`0(?:10|2\d|[3-9]\d{2})`;
/** a local number: seven or eight digits, not starting with 0 or 1, maybe split before the last four */
const local = String.raw`[2-9]\d{2,3}${sep}\d{4}`;

const mobile = new RegExp(String.raw`(?<![\d+])((?:(?:\+|00)86|\(\+?86\)|86)[\s-]?)?(1[3-9]\d${sep}\d{4}${sep}\d{4})(?!\d)`, 'g');
const internationalLandline = new RegExp(
  String.raw`(?<![\d+])((?:\+|00)86${sep}(?:\(0\))?${sep}(?:10|2\d|[3-9]\d{2})${sep})(${local})(?!\d)`,
  'g',
);
const landline = new RegExp(String.raw`(?<![\dA-Za-z])((?:[(（]\s*${area}\s*[)）]|${area})\s?-?\s?)(${local})(?!\d)`, 'g');
const labelledNumber = /((?:电话|座机|固话|手机|传真|联系方式|tel|phone|fax)\s*[:：]?\s*)(\d[\d\s-]{5,14}\d)(?!\d)/gi;
const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** Common surnames: a name before a title is recognised by its first character. */
const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤';
const titles = [
  '老师',
  '教师',
  '教授',
  '经理',
  '主任',
  '总监',
  '校长',
  '院长',
  '处长',
  '科长',
  '部长',
  '书记',
  '先生',
  '女士',
  '师傅',
  '工程师',
].join('|');
/** Given-name characters that instead make a word with the title (高级经理, 周末老师): not masked. */
const notGiven = '级端层新职管效末';
const titledName = new RegExp(String.raw`([${surnames}][^${notGiven}\P{Script=Han}][\u4e00-\u9fa5]?)(${titles})`, 'gu');

const nameLabels = ['联系人', '负责人', '对接人', '联络人', '经办人', '带队老师', '带队教师', '指导老师', '指导教师', '班主任'].join('|');
// after the label: not a word that names the contact's details, nor a surname with a title (李老师: kept, see above)
const labelledName = new RegExp(
  String.raw`((?:${nameLabels})\s*(?:[:：]|为|是)?\s*)(?!电话|手机|邮箱|方式|信息|[\u4e00-\u9fa5](?:${titles}))([\u4e00-\u9fa5·]{2,4}?)(?=$|[^\u4e00-\u9fa5·]|${titles})`,
  'g',
);

/** Every digit but the last four of `digits` (separators dropped) as *. */
const hideDigits = (written: string) => {
  const digits = written.replace(/\D/g, '');
  return '*'.repeat(Math.max(0, digits.length - 4)) + digits.slice(-4);
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Phone numbers, email addresses and names in free text, masked for people outside the organisation; `names` are its known contacts. */
export function maskContactsInText(text: string, names: readonly (string | null | undefined)[] = []): string {
  let out = text
    .replace(mobile, (_m, prefix: string | undefined, number: string) => {
      const digits = number.replace(/\D/g, '');
      return `${prefix ?? ''}${digits.slice(0, 3)}****${digits.slice(-4)}`;
    })
    .replace(internationalLandline, (_m, prefix: string, number: string) => prefix + hideDigits(number))
    .replace(landline, (_m, prefix: string, number: string) => prefix + hideDigits(number))
    .replace(labelledNumber, (m, label: string, number: string) => {
      const n = number.replace(/\D/g, '').length;
      return n >= 7 && n <= 12 ? label + hideDigits(number) : m;
    })
    .replace(email, (m) => maskEmail(m));
  for (const name of new Set(names.map((n) => n?.trim() ?? '').filter((n) => [...n].length >= 2))) {
    out = out.replace(new RegExp(escapeRegExp(name), /^[\x20-\x7e]+$/.test(name) ? 'gi' : 'g'), maskPersonName(name));
  }
  return out
    .replace(labelledName, (_m, label: string, name: string) => label + maskPersonName(name))
    .replace(titledName, (_m, name: string, title: string) => maskPersonName(name) + title);
}
