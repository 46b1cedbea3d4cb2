import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { users, verificationCodes } from '@ronghe/db/schema';
import { PRIVACY_NOTICE_VERSION } from '@ronghe/domain/privacy';
import {
  anonymous,
  callerFor,
  codeSentTo,
  cookieHeader,
  createTestEnv,
  errorOf,
  keyOf,
  signUpUser,
  type TestEnv,
} from '../test-support.ts';

/** A different 6-digit code than `code`. */
const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env.close();
});

describe('accounts', () => {
  it('signs up with an email: nobody is signed in until the code comes back, then an httpOnly session cookie', async () => {
    const started = new Headers();
    const answer = await anonymous(env, { resHeaders: started }).account.signUp({
      identifier: 'Li.Wei@Example.com',
      password: 'ronghe2027a',
      name: '李伟',
      acceptPrivacy: true,
    });
    expect(answer).toEqual({ channel: 'email', sentTo: 'l***@example.com', resendAfterS: 60, validMinutes: 10 });
    expect(started.getSetCookie().filter((c) => c.startsWith('ronghe.session_token='))).toEqual([]);
    const wrong = await errorOf(
      anonymous(env).account.completeSignUp({
        identifier: 'li.wei@example.com',
        password: 'ronghe2027a',
        code: otherThan(codeSentTo(env, 'li.wei@example.com')),
      }),
    );
    expect([wrong.code, keyOf(wrong)]).toEqual(['BAD_REQUEST', 'signUp.codeInvalid']);
    const resHeaders = new Headers();
    await anonymous(env, { resHeaders }).account.completeSignUp({
      identifier: 'Li.Wei@Example.com',
      password: 'ronghe2027a',
      code: codeSentTo(env, 'li.wei@example.com'),
    });
    const cookie = resHeaders.getSetCookie().find((c) => c.startsWith('ronghe.session_token='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await (await callerFor(env, cookieHeader(resHeaders))).account.me();
    expect(me).toMatchObject({ name: '李伟', email: 'li.wei@example.com', emailVerified: true, isPlatformAdmin: false, memberships: [] });
    // the privacy notice agreed to at sign-up is recorded, with its version and time
    const [consent] = await env.db.orm
      .select({ version: users.privacyVersion, at: users.privacyAcceptedAt })
      .from(users)
      .where(eq(users.email, 'li.wei@example.com'));
    expect(consent?.version).toBe(PRIVACY_NOTICE_VERSION);
    expect(me?.privacyNoticeToAccept).toBeNull();
  });

  it('asks again for a new version of the privacy notice, and records the answer', async () => {
    const user = await signUpUser(env, { identifier: 'reader@example.com' });
    await env.db.orm.update(users).set({ privacyVersion: '2020-01-01' }).where(eq(users.id, user.session.userId));
    const caller = await callerFor(env, user.headers);
    expect((await caller.account.me())?.privacyNoticeToAccept).toBe(PRIVACY_NOTICE_VERSION);
    expect(keyOf(await errorOf(caller.account.acceptPrivacy({ version: '2020-01-01' })))).toBe('privacy.outdated');
    await caller.account.acceptPrivacy({ version: PRIVACY_NOTICE_VERSION });
    expect((await (await callerFor(env, user.headers)).account.me())?.privacyNoticeToAccept).toBeNull();
  });

  it('signs up and in with a mainland mobile number', async () => {
    await signUpUser(env, { identifier: '13912345678', name: '赵敏' });
    const resHeaders = new Headers();
    await anonymous(env, { resHeaders }).account.signIn({ identifier: '139-1234-5678', password: 'ronghe2027pass' });
    const me = await (await callerFor(env, cookieHeader(resHeaders))).account.me();
    expect(me).toMatchObject({ name: '赵敏', phoneNumber: '13912345678', email: null });
  });

  it('refuses a weak password and a bad identifier with field errors, writing nothing', async () => {
    const weak = await errorOf(
      anonymous(env).account.signUp({ identifier: 'weak@example.com', password: 'password', name: 'x', acceptPrivacy: true }),
    );
    expect(weak.code).toBe('BAD_REQUEST');
    const bad = await errorOf(
      anonymous(env).account.signUp({ identifier: '12345', password: 'ronghe2027a', name: 'x', acceptPrivacy: true }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    const unconsented = await errorOf(
      anonymous(env).account.signUp({ identifier: 'weak@example.com', password: 'ronghe2027a', name: 'x', acceptPrivacy: false as true }),
    );
    expect(unconsented.code).toBe('BAD_REQUEST');
    expect(unconsented.message).toContain('acceptPrivacy');
    expect(env.outbox.filter((m) => m.to === 'weak@example.com')).toEqual([]);
  });

  it('answers a registered address as a new one, makes nothing, and tells its holder someone tried', async () => {
    const holder = await signUpUser(env, { identifier: 'taken@example.com', name: '原主' });
    const fresh = await anonymous(env, { ip: '10.3.0.1' }).account.signUp({
      identifier: 'fresh@example.com',
      password: 'ronghe2027a',
      name: 'x',
      acceptPrivacy: true,
    });
    const taken = await anonymous(env, { ip: '10.3.0.1' }).account.signUp({
      identifier: 'TAKEN@example.com',
      password: 'ronghe2027a',
      name: 'x',
      acceptPrivacy: true,
    });
    expect(taken).toEqual({ ...fresh, sentTo: 't***@example.com' });
    const told = env.outbox.filter((m) => m.to === 'taken@example.com' && m.purpose === 'sign-up-attempt');
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain('忘记密码');
    // no code reached anyone else: any code fails as a wrong one does, and the holder's account is as it was
    const e = await errorOf(
      anonymous(env).account.completeSignUp({ identifier: 'taken@example.com', password: 'ronghe2027a', code: '123456' }),
    );
    expect([e.code, keyOf(e)]).toEqual(['BAD_REQUEST', 'signUp.codeInvalid']);
    expect(await (await callerFor(env, holder.headers)).account.me()).toMatchObject({ name: '原主' });
    // and again within the minute: paced as a code would be
    const again = await errorOf(
      anonymous(env, { ip: '10.3.0.1' }).account.signUp({
        identifier: 'taken@example.com',
        password: 'ronghe2027a',
        name: 'x',
        acceptPrivacy: true,
      }),
    );
    expect(keyOf(again)).toBe('verification.wait');
  });

  it('hands an address held by an unverified account to whoever brings back its code, signing the squatter out', async () => {
    const squatter = await signUpUser(env, {
      identifier: 'victim@example.com',
      password: 'squat2027pass',
      name: '冒用者',
      verified: false,
    });
    expect(await squatter.caller.account.me()).toMatchObject({ emailVerified: false });
    // a minute later (a new code is sent at most once a minute)
    await env.db.orm
      .update(verificationCodes)
      .set({ createdAt: sql`now() - interval '2 minutes'` })
      .where(eq(verificationCodes.identifier, 'victim@example.com'));
    await anonymous(env, { ip: '10.3.0.2' }).account.signUp({
      identifier: 'victim@example.com',
      password: 'owner2027pass',
      name: '真正的主人',
      acceptPrivacy: true,
    });
    const resHeaders = new Headers();
    await anonymous(env, { resHeaders, ip: '10.3.0.2' }).account.completeSignUp({
      identifier: 'victim@example.com',
      password: 'owner2027pass',
      code: codeSentTo(env, 'victim@example.com'),
    });
    const owner = await callerFor(env, cookieHeader(resHeaders));
    expect(await owner.account.me()).toMatchObject({ name: '真正的主人', email: 'victim@example.com', emailVerified: true });
    expect(await (await callerFor(env, squatter.headers)).account.me()).toBeNull();
    const old = await errorOf(
      anonymous(env, { ip: '10.3.0.3' }).account.signIn({ identifier: 'victim@example.com', password: 'squat2027pass' }),
    );
    expect(keyOf(old)).toBe('account.invalidCredentials');
  });

  it('creates one account when the same sign-up arrives several times at once', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        anonymous(env, { ip: `10.4.0.${i}` }).account.signUp({
          identifier: 'twice@example.com',
          password: 'ronghe2027a',
          name: '重复',
          acceptPrivacy: true,
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    for (const a of attempts) if (a.status === 'rejected') expect((a.reason as TRPCError).code).toBe('TOO_MANY_REQUESTS');
    const rows = await env.db.orm.select({ id: users.id }).from(users).where(eq(users.email, 'twice@example.com'));
    expect(rows).toHaveLength(1);
  });

  it('gives the same error for a wrong password and an unknown account', async () => {
    await signUpUser(env, { identifier: 'known@example.com' });
    const wrong = await errorOf(
      anonymous(env, { ip: '10.1.0.1' }).account.signIn({ identifier: 'known@example.com', password: 'nope12345' }),
    );
    const unknown = await errorOf(
      anonymous(env, { ip: '10.1.0.2' }).account.signIn({ identifier: 'nobody@example.com', password: 'nope12345' }),
    );
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect(unknown.code).toBe('UNAUTHORIZED');
    expect(keyOf(wrong)).toBe('account.invalidCredentials');
    expect(keyOf(unknown)).toBe('account.invalidCredentials');
  });

  it('limits failed sign-ins per account, even from many addresses', async () => {
    await signUpUser(env, { identifier: 'target@example.com', password: 'right2027pass' });
    for (let i = 0; i < 5; i++)
      await errorOf(anonymous(env, { ip: `10.2.0.${i}` }).account.signIn({ identifier: 'target@example.com', password: `wrong${i}pass` }));
    const locked = await errorOf(
      anonymous(env, { ip: '10.2.0.99' }).account.signIn({ identifier: 'target@example.com', password: 'right2027pass' }),
    );
    expect(locked.code).toBe('TOO_MANY_REQUESTS');
  });

  it('limits failed sign-ins per address, across accounts', async () => {
    for (let i = 0; i < 20; i++)
      await errorOf(anonymous(env, { ip: '10.3.0.1' }).account.signIn({ identifier: `spray${i}@example.com`, password: 'guess2027x' }));
    const limited = await errorOf(
      anonymous(env, { ip: '10.3.0.1' }).account.signIn({ identifier: 'known@example.com', password: 'ronghe2027pass' }),
    );
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    // another address is not affected
    await anonymous(env, { ip: '10.3.0.2' }).account.signIn({ identifier: 'known@example.com', password: 'ronghe2027pass' });
  });

  it('signs out one session, or everywhere', async () => {
    const user = await signUpUser(env, { identifier: 'out@example.com' });
    const second = new Headers();
    await anonymous(env, { resHeaders: second }).account.signIn({ identifier: 'out@example.com', password: 'ronghe2027pass' });
    await user.caller.account.signOut({ everywhere: false });
    expect(await (await callerFor(env, user.headers)).account.me()).toBeNull();
    expect(await (await callerFor(env, cookieHeader(second))).account.me()).not.toBeNull();

    const third = new Headers();
    await anonymous(env, { resHeaders: third }).account.signIn({ identifier: 'out@example.com', password: 'ronghe2027pass' });
    await (await callerFor(env, cookieHeader(third))).account.signOut({ everywhere: true });
    expect(await (await callerFor(env, cookieHeader(second))).account.me()).toBeNull();
  });

  it('changes the password, checking the current one', async () => {
    const user = await signUpUser(env, { identifier: 'change@example.com' });
    const wrong = await errorOf(user.caller.account.changePassword({ currentPassword: 'not-it-123', newPassword: 'newer2027pass' }));
    expect(keyOf(wrong)).toBe('account.wrongPassword');
    await user.caller.account.changePassword({ currentPassword: 'ronghe2027pass', newPassword: 'newer2027pass' });
    await anonymous(env, { ip: '10.4.0.1' }).account.signIn({ identifier: 'change@example.com', password: 'newer2027pass' });
    expect(
      (await errorOf(anonymous(env, { ip: '10.4.0.2' }).account.signIn({ identifier: 'change@example.com', password: 'ronghe2027pass' })))
        .code,
    ).toBe('UNAUTHORIZED');
  });

  it('limits password changes: attempts sent at once are counted before the current password is compared', async () => {
    const user = await signUpUser(env, { identifier: 'change-guess@example.com' });
    const tries = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        errorOf(user.caller.account.changePassword({ currentPassword: `guess${i}wrong`, newPassword: 'newer2027pass' })),
      ),
    );
    expect(tries.filter((e) => keyOf(e) === 'account.wrongPassword').length).toBeLessThanOrEqual(5);
    expect(tries.filter((e) => e.code === 'TOO_MANY_REQUESTS').length).toBeGreaterThanOrEqual(7);
    const right = await errorOf(user.caller.account.changePassword({ currentPassword: 'ronghe2027pass', newPassword: 'newer2027pass' }));
    expect(right.code).toBe('TOO_MANY_REQUESTS');
  });

  it('refuses sign-in and password changes sent in a batch with other calls', async () => {
    const user = await signUpUser(env, { identifier: 'batched@example.com' });
    const batched = await errorOf(
      anonymous(env, { ip: '10.5.0.1', callsInRequest: 2 }).account.signIn({
        identifier: 'batched@example.com',
        password: 'ronghe2027pass',
      }),
    );
    expect([batched.code, keyOf(batched)]).toEqual(['BAD_REQUEST', 'request.notBatchable']);
    const change = await errorOf(
      (await callerFor(env, user.headers, { callsInRequest: 2 })).account.changePassword({
        currentPassword: 'ronghe2027pass',
        newPassword: 'newer2027pass',
      }),
    );
    expect(keyOf(change)).toBe('request.notBatchable');
  });
});
