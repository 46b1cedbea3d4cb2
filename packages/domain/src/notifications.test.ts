import { describe, expect, it } from 'vitest';
import { notificationMessages } from './message-texts/notifications.ts';
import { isMessageKey, languages } from './messages.ts';
import { messageText, notificationText } from './notifications.ts';
import { nameForMessage } from './organization.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('notification messages', () => {
  it('every key has a text in both languages with the same params, and is a message key', () => {
    for (const [key, texts] of Object.entries(notificationMessages)) {
      expect(isMessageKey(key), key).toBe(true);
      for (const lang of languages) expect(texts[lang].trim().length, `${key} ${lang}`).toBeGreaterThan(0);
      expect(placeholders(texts.en), key).toEqual(placeholders(texts['zh-CN']));
    }
  });

  it('renders a stored notification in the reader’s language, quoting names and translating lists of keys', () => {
    const row = {
      messageKey: 'notify.need.updated',
      messageParams: { need: '数控实习', fields: ['needField.monthlyPay', 'needField.deadline'] },
      title: '',
    };
    expect(notificationText(row, 'zh-CN')).toBe('您申请的「数控实习」修改了：月薪、截止日期');
    expect(notificationText(row, 'en')).toBe('“数控实习”, which you applied for, has changed: monthly pay, deadline');
    const counts = { messageKey: 'notify.need.accepted', messageParams: { need: '岗位实习', students: 5, accepted: 3 }, title: '' };
    expect(notificationText(counts, 'zh-CN')).toBe('「岗位实习」接收了您申请的5人中的3人');
    expect(notificationText(counts, 'en')).toBe('“岗位实习” took 3 of the 5 students you applied with');
  });

  it('keeps a user’s text as written, even when it spells a message key', () => {
    expect(messageText('notify.consortium.invited', { consortium: 'notFound' }, 'en')).toBe('“notFound” invites your organisation to join');
    expect(messageText('notify.consortium.invited', { consortium: '{x}' }, 'zh-CN')).toBe('「{x}」邀请贵单位加入');
  });

  it('shows rows written before message keys with their stored title', () => {
    expect(notificationText({ messageKey: null, messageParams: null, title: '「某共同体」邀请贵单位加入' }, 'en')).toBe(
      '「某共同体」邀请贵单位加入',
    );
    expect(notificationText({ messageKey: 'no.such.key', messageParams: {}, title: '旧通知' }, 'en')).toBe('旧通知');
  });

  it('writes an invitation in either language with the names cut short by nameForMessage', () => {
    const params = {
      org: nameForMessage('北京 www.evil.example 公司'),
      inviter: '张三',
      role: ['memberRole.manager'],
      link: 'https://ronghe.example/i/x',
      days: 14,
    };
    expect(messageText('invitation.subject', params, 'zh-CN')).toBe(`融合平台：「张三」邀请您加入「${params.org}」`);
    expect(messageText('invitation.body', params, 'en')).toContain('as a manager');
    expect(messageText('invitation.body', params, 'zh-CN')).toContain('以管理员身份');
  });
});
