import type { z } from 'zod';
import { isMessageKey, translate, type Language } from '@ronghe/domain/messages';

export type FieldError = { path: string; message: string };

const typeNames: Record<string, { 'zh-CN': string; en: string }> = {
  string: { 'zh-CN': '文本', en: 'text' },
  number: { 'zh-CN': '数字', en: 'a number' },
  int: { 'zh-CN': '整数', en: 'a whole number' },
  boolean: { 'zh-CN': '是或否', en: 'true or false' },
  array: { 'zh-CN': '列表', en: 'a list' },
  object: { 'zh-CN': '对象', en: 'an object' },
  date: { 'zh-CN': '日期', en: 'a date' },
};

const nameOf = (t: unknown, lang: Language) => (typeof t === 'string' && typeNames[t] ? typeNames[t][lang] : String(t));

/** One zod issue in the caller's language. Our own schemas put message keys from domain/messages in `message`. */
export function describeIssue(issue: z.core.$ZodIssue, lang: Language): string {
  if (isMessageKey(issue.message)) return translate(issue.message, lang);
  const zh = lang === 'zh-CN';
  switch (issue.code) {
    case 'invalid_type':
      return zh ? `必填，应为${nameOf(issue.expected, lang)}` : `Required: expected ${nameOf(issue.expected, lang)}`;
    case 'too_small': {
      const n = String(issue.minimum);
      if (issue.origin === 'string') return zh ? `至少 ${n} 个字符` : `At least ${n} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return zh ? `至少 ${n} 项` : `At least ${n} items`;
      return zh ? `不能小于 ${n}` : `Must be at least ${n}`;
    }
    case 'too_big': {
      const n = String(issue.maximum);
      if (issue.origin === 'string') return zh ? `最多 ${n} 个字符` : `At most ${n} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return zh ? `最多 ${n} 项` : `At most ${n} items`;
      return zh ? `不能大于 ${n}` : `Must be at most ${n}`;
    }
    case 'invalid_format':
      return zh ? '格式不正确' : 'Invalid format';
    case 'invalid_value':
      return zh ? `应为以下之一：${issue.values.map(String).join('、')}` : `Must be one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return zh ? `不认识的字段：${issue.keys.join('、')}` : `Unknown fields: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return zh ? `应为 ${String(issue.divisor)} 的倍数` : `Must be a multiple of ${String(issue.divisor)}`;
    default:
      return zh ? '输入不正确' : 'Invalid input';
  }
}

export function fieldErrors(error: z.ZodError, lang: Language): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: describeIssue(issue, lang) }));
}
