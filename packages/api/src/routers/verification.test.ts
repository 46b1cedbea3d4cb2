import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  callerFor,
  createTestEnv,
  errorOf,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

// Issue 20, identifiers that are verified: a code sent at sign-up (and on request) proves the address or number is
// the user's; until then no organisation can be registered or joined, and no invitation to it seen or answered.

let env: TestEnv;
let admin: TestUser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'jw-verification@example.gov.cn' }));
});
afterAll(async () => {
  await env.close();
});

/** The newest code sent to `to` (the test env keeps what the notifier was given). */
function codeSentTo(to: string): string {
  const message = env.outbox.filter((m) => m.to === to && m.purpose === 'verification').at(-1);
  const code = /\b(\d{6})\b/.exec(message?.body ?? '')?.[1];
  if (!code) throw new Error(`no code was sent to ${to}`);
  return code;
}

/** A different 6-digit code than `code`. */
const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

const school = { kind: 'school', name: '验证测试职业学院', regionCode: '110108', schoolLevel: 'gaozhi' } as const;

describe('verifying an email or a mobile number', () => {
  it('sends a code at sign-up; until it is entered the account cannot register an organisation', async () => {
    const user = await signUpUser(env, { identifier: 'new-teacher@example.com', verified: false });
    const code = codeSentTo('new-teacher@example.com');
    const sent = env.outbox.filter((m) => m.to === 'new-teacher@example.com').at(-1);
    expect(sent).toMatchObject({ channel: 'email', subject: `融合平台验证码：${code}` });
    expect(sent?.body).toContain('10 分钟内有效');
    expect(await user.caller.account.me()).toMatchObject({ emailVerified: false });
    expect(keyOf(await errorOf(user.caller.organizations.create({ ...school, name: '验证测试职业学院甲' })))).toBe('account.unverified');

    const wrong = await errorOf(user.caller.account.verifyCode({ channel: 'email', code: otherThan(code) }));
    expect([wrong.code, keyOf(wrong)]).toEqual(['BAD_REQUEST', 'verification.wrong']);
    expect(await user.caller.account.verifyCode({ channel: 'email', code })).toEqual({ verified: true });
    const verified = await callerFor(env, user.headers);
    expect(await verified.account.me()).toMatchObject({ emailVerified: true });
    await verified.organizations.create({ ...school, name: '验证测试职业学院乙' });
    // a code works once
    expect(keyOf(await errorOf(verified.account.sendCode({ channel: 'email' })))).toBe('verification.alreadyVerified');
  });

  it('tries at most 5 of 12 codes sent at once; then even the right one needs a new code', async () => {
    const user = await signUpUser(env, { identifier: 'guesser@example.com', verified: false });
    const code = codeSentTo('guesser@example.com');
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        errorOf(user.caller.account.verifyCode({ channel: 'email', code: otherThan(String(Number(code) + i)) })),
      ),
    );
    const keys = guesses.map(keyOf);
    expect(keys.filter((k) => k === 'verification.wrong').length).toBeLessThanOrEqual(4);
    expect(keys.filter((k) => k === 'verification.expired').length).toBeGreaterThanOrEqual(7);
    expect(keyOf(await errorOf(user.caller.account.verifyCode({ channel: 'email', code })))).toBe('verification.expired');
    expect((await user.caller.account.me())?.emailVerified).toBe(false);
  });

  it('sends a new code only after a minute, and a mobile account gets its code by text message', async () => {
    const user = await signUpUser(env, { identifier: '13912345678', verified: false });
    const code = codeSentTo('13912345678');
    expect(env.outbox.filter((m) => m.to === '13912345678').at(-1)).toMatchObject({ channel: 'sms' });
    const again = await errorOf(user.caller.account.sendCode({ channel: 'sms' }));
    expect([again.code, keyOf(again)]).toEqual(['TOO_MANY_REQUESTS', 'verification.wait']);
    expect(keyOf(await errorOf(user.caller.account.sendCode({ channel: 'email' })))).toBe('verification.noIdentifier');
    expect((await errorOf(user.caller.account.verifyCode({ channel: 'sms', code: '12345' }))).code).toBe('BAD_REQUEST');
    await user.caller.account.verifyCode({ channel: 'sms', code });
    expect(await (await callerFor(env, user.headers)).account.me()).toMatchObject({ phoneNumberVerified: true, emailVerified: false });
  });
});

describe('an invitation belongs to whoever holds the address', () => {
  it('someone who signs up first with an invited address neither sees nor answers the invitation', async () => {
    const owner = await verifiedOrganization(env, admin, 'enterprise');
    const invitation = await owner.caller.organizations.invite({
      organizationId: owner.organizationId,
      identifier: 'colleague@victim.example.com',
      role: 'owner',
    });
    // the attacker knows the address, not its mailbox
    const attacker = await signUpUser(env, { identifier: 'colleague@victim.example.com', verified: false });
    expect((await attacker.caller.account.me())?.invitations).toEqual([]);
    for (const answer of [attacker.caller.invitations.accept, attacker.caller.invitations.decline]) {
      const refused = await errorOf(answer({ token: invitation.token }));
      expect([refused.code, keyOf(refused)]).toEqual(['FORBIDDEN', 'invitation.verifyFirst']);
    }
    const members = await owner.caller.organizations.members({ organizationId: owner.organizationId });
    expect(members.map((m) => m.userId)).not.toContain(attacker.session.userId);

    // the holder of the mailbox reads the code, verifies, and then the invitation is theirs
    await attacker.caller.account.verifyCode({ channel: 'email', code: codeSentTo('colleague@victim.example.com') });
    const holder = await callerFor(env, attacker.headers);
    expect((await holder.account.me())?.invitations.map((i) => i.token)).toEqual([invitation.token]);
    expect(await holder.invitations.accept({ token: invitation.token })).toMatchObject({ accepted: true });
  });
});

describe('a second identifier', () => {
  it('adds a mobile number to an email account once the code texted to it comes back; then it signs in too', async () => {
    const user = await signUpUser(env, { identifier: 'two-ways@example.com' });
    expect(await user.caller.account.addIdentifier({ identifier: '13600136001' })).toEqual({
      sentTo: '136****6001',
      resendAfterS: 60,
      validMinutes: 10,
    });
    expect((await user.caller.account.me())?.phoneNumber).toBeNull();
    await user.caller.account.verifyCode({ channel: 'sms', code: codeSentTo('13600136001') });
    expect(await (await callerFor(env, user.headers)).account.me()).toMatchObject({
      email: 'two-ways@example.com',
      phoneNumber: '13600136001',
      phoneNumberVerified: true,
    });
    await anonymous(env, { ip: '10.7.0.1' }).account.signIn({ identifier: '13600136001', password: 'ronghe2027pass' });
    // one of each: a second mobile number is refused
    const again = await errorOf((await callerFor(env, user.headers)).account.addIdentifier({ identifier: '13600136002' }));
    expect([again.code, keyOf(again)]).toEqual(['CONFLICT', 'verification.haveOne']);
  });

  it('answers a number another account holds as a free one, and sends it nothing', async () => {
    await signUpUser(env, { identifier: '13600136003' });
    const user = await signUpUser(env, { identifier: 'wants-a-number@example.com' });
    const before = env.outbox.filter((m) => m.to === '13600136003').length;
    expect(await user.caller.account.addIdentifier({ identifier: '13600136003' })).toEqual({
      sentTo: '136****6003',
      resendAfterS: 60,
      validMinutes: 10,
    });
    expect(env.outbox.filter((m) => m.to === '13600136003')).toHaveLength(before);
    expect((await user.caller.account.me())?.phoneNumber).toBeNull();
  });
});
