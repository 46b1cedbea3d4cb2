import { describe, expect, it } from 'vitest';
import { identifierSchema, maskEmail, maskMobile, maskPersonName, passwordSchema } from './account.ts';

describe('identifiers', () => {
  it.each([
    ['13812341234', { kind: 'mobile', value: '13812341234' }],
    ['+86 138-1234-1234', { kind: 'mobile', value: '13812341234' }],
    [' Li.Wei@Example.COM ', { kind: 'email', value: 'li.wei@example.com' }],
  ])('reads %j', (raw, expected) => {
    expect(identifierSchema.parse(raw)).toEqual(expected);
  });
  it.each(['12812341234', '1381234123', 'li.wei@', '', 'hello'])('rejects %j', (raw) => {
    expect(identifierSchema.safeParse(raw).error?.issues[0]?.message).toBe('identifier.invalid');
  });
});

describe('passwords', () => {
  it.each(['short1', 'onlyletters', '1234567890', 'x'.repeat(129) + '1'])('rejects the weak %j', (p) => {
    expect(passwordSchema.safeParse(p).error?.issues[0]?.message).toBe('password.weak');
  });
  it('accepts letters and digits, 8 or more', () => {
    expect(passwordSchema.safeParse('ronghe2027').success).toBe(true);
  });
});

describe('masking', () => {
  it('masks mobile numbers, names and emails', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskPersonName('张三丰')).toBe('张**');
    expect(maskPersonName('李')).toBe('李*');
    expect(maskEmail('liwei@example.com')).toBe('l***@example.com');
  });
});
