import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, callerFor, cookieHeader, createTestEnv, errorOf, keyOf, signUpUser, type TestEnv } from '../test-support.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env.close();
});

describe('accounts', () => {
  it('signs up with an email, sets an httpOnly session cookie, and knows who I am', async () => {
    const resHeaders = new Headers();
    await anonymous(env, { resHeaders }).account.signUp({ identifier: 'Li.Wei@Example.com', password: 'ronghe2027a', name: '李伟' });
    const cookie = resHeaders.getSetCookie().find((c) => c.startsWith('ronghe.session_token='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await (await callerFor(env, cookieHeader(resHeaders))).account.me();
    expect(me).toMatchObject({ name: '李伟', email: 'li.wei@example.com', isPlatformAdmin: false, memberships: [] });
  });

  it('signs up and in with a mainland mobile number', async () => {
    await signUpUser(env, { identifier: '13912345678', name: '赵敏' });
    const resHeaders = new Headers();
    await anonymous(env, { resHeaders }).account.signIn({ identifier: '139-1234-5678', password: 'ronghe2027pass' });
    const me = await (await callerFor(env, cookieHeader(resHeaders))).account.me();
    expect(me).toMatchObject({ name: '赵敏', phoneNumber: '13912345678', email: null });
  });

  it('refuses a weak password, a bad identifier and a taken account with field errors, writing nothing', async () => {
    const weak = await errorOf(anonymous(env).account.signUp({ identifier: 'weak@example.com', password: 'password', name: 'x' }));
    expect(weak.code).toBe('BAD_REQUEST');
    const bad = await errorOf(anonymous(env).account.signUp({ identifier: '12345', password: 'ronghe2027a', name: 'x' }));
    expect(bad.code).toBe('BAD_REQUEST');
    await signUpUser(env, { identifier: 'taken@example.com' });
    const taken = await errorOf(anonymous(env).account.signUp({ identifier: 'TAKEN@example.com', password: 'ronghe2027a', name: 'x' }));
    expect(taken.code).toBe('CONFLICT');
    expect(keyOf(taken)).toBe('account.taken');
  });

  it('creates one account when the same sign-up arrives twice at once', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        anonymous(env).account.signUp({ identifier: 'twice@example.com', password: 'ronghe2027a', name: '重复' }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const a of attempts) if (a.status === 'rejected') expect((a.reason as TRPCError).code).toBe('CONFLICT');
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
