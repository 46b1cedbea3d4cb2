import { sql } from 'drizzle-orm';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '@ronghe/domain/messages';
import { createContextInner, sessionFromHeaders } from './context.ts';
import { DEFAULT_WRITES_PER_ADDRESS, DEFAULT_WRITES_PER_USER, writeLimits } from './middleware/write-limit.ts';
import { appRouter } from './root.ts';
import { anonymous, createTestEnv, errorOf, keyOf, signUpUser, type TestEnv, type TestUser } from './test-support.ts';

// Writes per minute, counted in the database per user (signed in) or per address (anonymous), with tiny limits set
// on the test env's settings (the server's come from apps/api env.ts), which the middleware reads when a mutation arrives.

let env: TestEnv;
let alice: TestUser;
let bob: TestUser;
let n = 0;
const partner = () => ({
  kind: 'partner' as const,
  name: `限流测试协会${(n += 1)}`,
  regionCode: '110105',
  partnerType: 'association' as const,
});

beforeAll(async () => {
  env = await createTestEnv();
  alice = await signUpUser(env, { identifier: 'limit-alice@example.com' });
  bob = await signUpUser(env, { identifier: 'limit-bob@example.com' });
});
afterEach(async () => {
  Object.assign(env.writeLimits, writeLimits());
  await env.db.rows(sql`delete from rate_limit where key like 'write:%'`);
});
afterAll(async () => {
  await env.close();
});

describe('write limits', () => {
  it('takes the limits from the settings, keeping the defaults for those not set', () => {
    expect(writeLimits({})).toEqual({ perUser: DEFAULT_WRITES_PER_USER, perAddress: DEFAULT_WRITES_PER_ADDRESS });
    expect(writeLimits({ perUser: 5, perAddress: 0 })).toEqual({ perUser: 5, perAddress: 0 });
    expect(writeLimits({ perUser: undefined, perAddress: 7 })).toEqual({ perUser: DEFAULT_WRITES_PER_USER, perAddress: 7 });
  });

  it('refuses a signed-in user’s writes over the limit with TOO_MANY_REQUESTS, per user, and leaves reads alone', async () => {
    env.writeLimits.perUser = 3;
    for (let i = 0; i < 3; i++) await alice.caller.organizations.create(partner());
    const over = await errorOf(alice.caller.organizations.create(partner()));
    expect(over.code).toBe('TOO_MANY_REQUESTS');
    expect(keyOf(over)).toBe('write.rateLimited');
    // the refused write wrote nothing
    expect((await alice.caller.account.me())?.memberships).toHaveLength(3);
    // another user has a budget of their own
    await bob.caller.organizations.create(partner());
  });

  it('counts writes refused for their input too, so junk cannot be sent without limit', async () => {
    env.writeLimits.perUser = 2;
    for (let i = 0; i < 2; i++)
      expect((await errorOf(alice.caller.organizations.create({ kind: 'partner', name: '', regionCode: 'x' } as never))).code).toBe(
        'BAD_REQUEST',
      );
    expect((await errorOf(alice.caller.organizations.create(partner()))).code).toBe('TOO_MANY_REQUESTS');
  });

  it('starts counting afresh when the minute is over', async () => {
    env.writeLimits.perUser = 1;
    await alice.caller.organizations.create(partner());
    expect((await errorOf(alice.caller.organizations.create(partner()))).code).toBe('TOO_MANY_REQUESTS');
    await env.db.rows(
      sql`update rate_limit set window_start = now() - interval '61 seconds' where key = ${`write:user:${alice.session.userId}`}`,
    );
    await alice.caller.organizations.create(partner());
  });

  it('limits anonymous writes per address, and does not count anonymous calls that are refused as unauthorised', async () => {
    env.writeLimits.perAddress = 2;
    const stranger = anonymous(env, { ip: '203.0.113.7' });
    for (let i = 0; i < 5; i++) expect((await errorOf(stranger.organizations.create(partner()))).code).toBe('UNAUTHORIZED');
    for (let i = 0; i < 2; i++)
      expect((await errorOf(stranger.account.signIn({ identifier: 'limit-alice@example.com', password: `wrong2027${i}` }))).code).toBe(
        'UNAUTHORIZED',
      );
    const over = await errorOf(stranger.account.signIn({ identifier: 'limit-alice@example.com', password: 'ronghe2027pass' }));
    expect(over.code).toBe('TOO_MANY_REQUESTS');
    // another address is not held up
    await anonymous(env, { ip: '203.0.113.8', resHeaders: new Headers() }).account.signIn({
      identifier: 'limit-alice@example.com',
      password: 'ronghe2027pass',
    });
  });

  it('leaves sign-up its own, stricter rule: 20 an hour per address', async () => {
    const from = anonymous(env, { ip: '198.51.100.20' });
    for (let i = 0; i < 20; i++)
      await from.account.signUp({
        identifier: `limit-signup${i}@example.com`,
        password: 'ronghe2027pass',
        name: `限流${i}`,
        acceptPrivacy: true,
      });
    const over = await errorOf(
      from.account.signUp({ identifier: 'limit-signup-over@example.com', password: 'ronghe2027pass', name: '限流', acceptPrivacy: true }),
    );
    expect(over.code).toBe('TOO_MANY_REQUESTS');
    expect(keyOf(over)).toBe('account.rateLimited');
  });

  it('holds under concurrent writes: of 12 at once with a limit of 5, exactly 5 get through', async () => {
    env.writeLimits.perUser = 5;
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => bob.caller.organizations.create(partner())));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r.reason as { code?: string }).code === 'TOO_MANY_REQUESTS')).toBe(
      true,
    );
  });

  it('turns a limit off with 0', async () => {
    env.writeLimits.perUser = 0;
    for (let i = 0; i < 3; i++) await bob.caller.organizations.create(partner());
    expect(await env.db.rows(sql`select 1 from rate_limit where key = ${`write:user:${bob.session.userId}`}`)).toHaveLength(0);
  });

  it('answers over HTTP with 429, Retry-After and a message in the caller’s language', async () => {
    env.writeLimits.perUser = 1;
    const post = async (lang: string) => {
      const headers = new Headers(alice.headers);
      headers.set('content-type', 'application/json');
      headers.set('accept-language', lang);
      const req = new Request('http://localhost/trpc/organizations.create', {
        method: 'POST',
        headers,
        body: JSON.stringify({ json: partner() }),
      });
      const session = await sessionFromHeaders(env.auth, headers);
      return fetchRequestHandler({
        endpoint: '/trpc',
        req,
        router: appRouter,
        createContext: ({ resHeaders }) =>
          createContextInner({
            db: env.db,
            auth: env.auth,
            session,
            headers,
            resHeaders,
            lang: lang.startsWith('en') ? 'en' : 'zh-CN',
            writeLimits: env.writeLimits,
          }),
      });
    };
    expect((await post('zh-CN')).status).toBe(200);
    const zh = await post('zh-CN');
    expect(zh.status).toBe(429);
    expect(zh.headers.get('retry-after')).toBe('60');
    expect(((await zh.json()) as { error: { json: { message: string } } }).error.json.message).toBe(
      translate('write.rateLimited', 'zh-CN', { seconds: 60 }),
    );
    const en = await post('en');
    expect(en.status).toBe(429);
    expect(((await en.json()) as { error: { json: { message: string } } }).error.json.message).toBe(
      'Too many changes in a short time; try again in 60 seconds',
    );
  });
});

describe('old counters', () => {
  it('are deleted by the daily run once their window is a day old; current ones stay', async () => {
    const { hitRateLimit, purgeRateLimits } = await import('@ronghe/db/queries/rate-limits');
    await hitRateLimit(env.db, 'purge-test:old', 60);
    await hitRateLimit(env.db, 'purge-test:new', 60);
    await env.db.rows(sql`update rate_limit set window_start = now() - interval '2 days' where key = 'purge-test:old'`);
    expect(await purgeRateLimits(env.db, new Date(Date.now() - 24 * 3_600_000))).toBeGreaterThanOrEqual(1);
    const left = await env.db.rows<{ key: string }>(sql`select key from rate_limit where key like 'purge-test:%'`);
    expect(left.map((r) => r.key)).toEqual(['purge-test:new']);
  });
});
