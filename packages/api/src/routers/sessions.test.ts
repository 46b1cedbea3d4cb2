import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, cookieHeader, createTestEnv, errorOf, keyOf, signUpUser, type TestEnv, type TestUser } from '../test-support.ts';

// Issue 20, sessions: the account lists where it is signed in and signs any other session out; signing in from a
// browser the account has not used before tells its owner.

const laptop = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const phone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

let env: TestEnv;
let user: TestUser;
beforeAll(async () => {
  env = await createTestEnv();
  user = await signUpUser(env, { identifier: 'traveller@example.com' });
});
afterAll(async () => {
  await env.close();
});

/** Signs the user in from a browser: its user agent and the cookies it already holds (e.g. its device id). */
async function signInFrom(userAgent: string, ip: string, cookies = new Headers()) {
  const resHeaders = new Headers();
  const headers = new Headers(cookies);
  headers.set('user-agent', userAgent);
  const caller = await callerFor(env, headers, { ip, resHeaders });
  await caller.account.signIn({ identifier: 'traveller@example.com', password: 'ronghe2027pass' });
  const session = cookieHeader(resHeaders);
  // the browser keeps its earlier cookies (the device id) beside the new session's
  const kept = [cookies.get('cookie'), session.get('cookie')].filter(Boolean).join('; ');
  const next = new Headers({ cookie: kept, 'user-agent': userAgent });
  return { headers: next, caller: await callerFor(env, next, { ip }) };
}

const newDeviceNotices = () =>
  env.outbox.filter((m) => m.to === 'traveller@example.com' && m.purpose === 'security-notice' && m.body.includes('新设备'));

describe('sessions of an account', () => {
  it('lists each with device, address and times, this one marked; signs another out at once', async () => {
    const onLaptop = await signInFrom(laptop, '203.0.113.7');
    const onPhone = await signInFrom(phone, '198.51.100.20');
    const sessions = await onLaptop.caller.account.sessions();
    expect(sessions).toHaveLength(3); // the sign-up's, the laptop's and the phone's
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const mine = sessions.find((s) => s.current);
    expect(mine).toMatchObject({ device: 'Chrome · Windows', ipAddress: '203.0.113.7' });
    const other = sessions.find((s) => s.device === 'Safari · iOS');
    expect(other).toMatchObject({ ipAddress: '198.51.100.20', current: false });
    expect(JSON.stringify(sessions)).not.toMatch(/token/i);

    await onLaptop.caller.account.revokeSession({ sessionId: other?.id ?? '' });
    expect(await (await callerFor(env, onPhone.headers)).account.me()).toBeNull();
    expect(await (await callerFor(env, onLaptop.headers)).account.me()).not.toBeNull();
    expect((await onLaptop.caller.account.sessions()).map((s) => s.device)).not.toContain('Safari · iOS');

    // the session in use ends by signing out, not here
    expect(keyOf(await errorOf(onLaptop.caller.account.revokeSession({ sessionId: mine?.id ?? '' })))).toBe('session.current');
  });

  it("cannot see or end another account's session", async () => {
    const other = await signUpUser(env, { identifier: 'someone-else@example.com' });
    const [theirs] = await other.caller.account.sessions();
    const mine = await user.caller.account.sessions();
    expect(mine.map((s) => s.id)).not.toContain(theirs?.id);
    const e = await errorOf(user.caller.account.revokeSession({ sessionId: theirs?.id ?? '' }));
    expect([e.code, keyOf(e)]).toEqual(['NOT_FOUND', 'session.notFound']);
    expect(await (await callerFor(env, other.headers)).account.me()).not.toBeNull();
  });

  it('tells the owner of a sign-in from a new browser, in the bell and by email, but not from a known one', async () => {
    const before = newDeviceNotices().length;
    // the sign-up's browser holds the device cookie it was given: known
    await signInFrom(laptop, '203.0.113.7', user.headers);
    expect(newDeviceNotices()).toHaveLength(before);
    // a browser without it: new
    const fresh = await signInFrom(phone, '198.51.100.99');
    expect(newDeviceNotices()).toHaveLength(before + 1);
    expect(newDeviceNotices().at(-1)?.body).toContain('Safari · iOS');
    expect(newDeviceNotices().at(-1)?.body).toContain('198.51.100.99');
    const notices = await fresh.caller.notifications.list({});
    expect(notices.some((n) => n.title.includes('新设备'))).toBe(true);
    // that browser now carries its own device id: signing in again from it is quiet
    await signInFrom(phone, '198.51.100.99', fresh.headers);
    expect(newDeviceNotices()).toHaveLength(before + 1);
  });
});
