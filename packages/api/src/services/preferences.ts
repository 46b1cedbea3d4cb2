import type { Database } from '@ronghe/db/client';
import { preferencesOf, setPreferences } from '@ronghe/db/queries/preferences';
import { isMobileAccountEmail } from '@ronghe/domain/account';
import { DomainError } from '@ronghe/domain/errors';
import { noticeCategories, type NoticeChannels } from '@ronghe/domain/notifications';
import type { Session } from '../context.ts';

// A person's preferences (issue 20): the language of messages sent to them, and per kind of notice whether it also
// goes by email or text message (the bell always has it). A channel needs a verified address or number.

type Caller = NonNullable<Session>;

/** Which channels the caller can choose: those with a verified address or number. */
const usable = (caller: Caller) => ({
  email: caller.emailVerified && !isMobileAccountEmail(caller.email),
  sms: caller.phoneNumberVerified && caller.phoneNumber !== null,
});

export async function getPreferences(db: Database, caller: Caller) {
  const p = await preferencesOf(db, caller.userId);
  return { language: p.language, noticeChannels: p.noticeChannels, available: usable(caller) };
}

export async function updatePreferences(
  db: Database,
  caller: Caller,
  input: { language?: 'zh-CN' | 'en'; noticeChannels?: NoticeChannels },
) {
  if (input.noticeChannels) {
    const can = usable(caller);
    for (const category of noticeCategories) {
      const channel = input.noticeChannels[category];
      if ((channel === 'email' && !can.email) || (channel === 'sms' && !can.sms))
        throw new DomainError('INVALID', 'preferences.channelUnverified', { field: `noticeChannels.${category}` });
    }
  }
  await setPreferences(db, caller.userId, input);
  return getPreferences(db, caller);
}
