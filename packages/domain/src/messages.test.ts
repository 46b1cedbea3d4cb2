import { describe, expect, it } from 'vitest';
import { languageFromHeader, translate } from './messages.ts';

describe('messages', () => {
  it('fills parameters, translating those that are message keys', () => {
    expect(translate('organization.wrongStatus', 'zh-CN', { status: 'status.verified' })).toBe('单位当前状态为“已认证”，不能执行此操作');
    expect(translate('organization.wrongStatus', 'en', { status: 'status.verified' })).toBe(
      'The organisation is verified; this cannot be done now',
    );
    expect(translate('account.rateLimited', 'zh-CN', { minutes: 15 })).toBe('尝试次数过多，请 15 分钟后再试');
  });

  it('has notification texts in both languages', () => {
    expect(translate('notify.round.published', 'zh-CN', { round: '2027春季双选' })).toBe('双选「2027春季双选」结果已公布');
    expect(translate('notify.round.published', 'en', { round: '2027 spring' })).toBe(
      'The results of the two-way selection “2027 spring” are published',
    );
  });

  it('answers in Chinese unless English comes first', () => {
    expect(languageFromHeader('en-US,en;q=0.9')).toBe('en');
    expect(languageFromHeader('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(languageFromHeader(null)).toBe('zh-CN');
  });
});
