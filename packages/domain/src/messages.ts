// Messages that the server sends to users, in both languages. Zod schemas use these keys as
// their `message`, and the API translates them for the caller (Accept-Language).
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const messages = {
  'uscc.length': { 'zh-CN': '统一社会信用代码应为18位', en: 'The unified social credit code must have 18 characters' },
  'uscc.charset': { 'zh-CN': '统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）', en: 'The unified social credit code contains a character that is not allowed (I, O, S, V, Z are never used)' },
  'uscc.checksum': { 'zh-CN': '统一社会信用代码校验位不正确', en: 'The check character of the unified social credit code is wrong' },
  'schoolCode.format': { 'zh-CN': '学校标识码应为10位数字', en: 'The school identifier must be 10 digits' },
  'region.unknown': { 'zh-CN': '行政区划不在京津冀范围内', en: 'The region is not a Beijing–Tianjin–Hebei division' },
  'major.unknown': { 'zh-CN': '专业代码不在专业目录中', en: 'The major code is not in the major catalogue' },
  'industry.unknown': { 'zh-CN': '行业代码不在国民经济行业分类中', en: 'The industry code is not a GB/T 4754 division' },
  'input.invalid': { 'zh-CN': '输入有误，请检查标记的字段', en: 'Some fields are invalid; please check the marked fields' },
  'notFound': { 'zh-CN': '未找到该记录', en: 'Not found' },
  'forbidden': { 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
  'unauthorized': { 'zh-CN': '请先登录', en: 'Please sign in first' },
  'internal': { 'zh-CN': '服务器内部错误，请稍后再试', en: 'Internal server error; please try again later' },
} as const satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

export function translate(key: MessageKey, lang: Language, params: Record<string, string | number> = {}): string {
  return messages[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m));
}

/** Picks our language from an Accept-Language header; Chinese unless English is preferred. */
export function languageFromHeader(header: string | null | undefined): Language {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
