import { describe, expect, it } from 'vitest';
import { MESSAGE_NAME_MAX, nameForMessage, splitOrganizationUpdate } from './organization.ts';

// Text a mail or SMS client could turn into a link, or a number to call.
const linkable = /https?|www|[a-z0-9-]+\s*[.@]\s*[a-z0-9-]{2,}|\d{5,}/i;

describe('names in outgoing messages', () => {
  it.each([
    ['a URL', '中国银行 https://boc.example/login 解冻', '中国银行 解冻'],
    ['www and a domain', '请登录 www.boc-secure.cn 解冻', '请登录 解冻'],
    ['full-width letters', '请登录ｗｗｗ．ｂｏｃ．ｃｏｍ解冻', '请登录 解冻'],
    ['a domain with a Chinese full stop', '访问 boc。com', '访问'],
    ['a hotline', '致电95566解冻', '致电 解冻'],
    ['a spaced mobile number with +86', '请拨打 +86 138 0000 0000', '请拨打'],
    ['an email address', '联系 help@boc.example', '联系'],
    ['quotes that would close 「」 early', '「假」邀请', '假 邀请'],
    ['bidi and zero-width characters', 'a\u202Eb\u200Bc', 'a b c'],
  ])('removes %s', (_label, name, expected) => {
    expect(nameForMessage(name)).toBe(expected);
  });

  it('keeps ordinary names, short numbers included, and neutralises a remaining dot', () => {
    expect(nameForMessage('京东方科技集团股份有限公司')).toBe('京东方科技集团股份有限公司');
    expect(nameForMessage('北京798艺术区管理中心')).toBe('北京798艺术区管理中心');
    expect(nameForMessage('中国银行.中国')).toBe('中国银行·中国');
  });

  it('cuts a long name to 30 characters ending in …, and never returns nothing', () => {
    const cut = nameForMessage('中国银行账户安全中心请登录后在二十四小时内完成身份核验否则账户将被永久冻结资金无法取出');
    expect([...cut]).toHaveLength(MESSAGE_NAME_MAX);
    expect(cut.endsWith('…')).toBe(true);
    expect(nameForMessage('www.evil.com')).toBe('（未命名）');
  });

  it('leaves nothing link-able whatever the name', () => {
    for (const name of [
      'http://x.y',
      'WWW.EVIL.COM',
      'evil . com',
      'e v i l.com',
      'x@y.z',
      '400-820-8820',
      '９５５６６',
      'ftp:evil',
      'a.b.c.d',
    ]) {
      expect(nameForMessage(name)).not.toMatch(linkable);
    }
  });
});

describe('updating a verified organisation', () => {
  const current = {
    name: '京测有限公司',
    regionCode: '110108',
    uscc: '91110108700000001X',
    schoolCode: null,
    schoolLevel: null,
    staffCount: 500,
  };

  it('sends vouched-for changes of a verified organisation to a change request, the profile straight through', () => {
    expect(
      splitOrganizationUpdate('enterprise', 'verified', current, { staffCount: 10_000_000, description: '新简介', name: '京测有限公司' }),
    ).toEqual({
      direct: { description: '新简介' },
      requested: { staffCount: 10_000_000 },
    });
    expect(splitOrganizationUpdate('enterprise', 'suspended', current, { regionCode: '120116' })).toEqual({
      direct: {},
      requested: { regionCode: '120116' },
    });
  });

  it('lets a pending organisation change everything directly', () => {
    expect(splitOrganizationUpdate('enterprise', 'pending', current, { staffCount: 600, uscc: '91110108700000002X' })).toEqual({
      direct: { staffCount: 600, uscc: '91110108700000002X' },
      requested: null,
    });
  });

  it('refuses a field the kind does not have, and an enterprise without a USCC', () => {
    expect(splitOrganizationUpdate('partner', 'verified', { ...current, staffCount: null }, { staffCount: 5 })).toEqual({
      key: 'organization.fieldNotForKind',
      field: 'staffCount',
    });
    expect(splitOrganizationUpdate('enterprise', 'verified', current, { schoolLevel: 'gaozhi' })).toEqual({
      key: 'organization.fieldNotForKind',
      field: 'schoolLevel',
    });
    expect(splitOrganizationUpdate('enterprise', 'pending', current, { uscc: '' })).toEqual({ key: 'uscc.length', field: 'uscc' });
  });
});
