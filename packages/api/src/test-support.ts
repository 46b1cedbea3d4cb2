import type { Database } from '@ronghe/db/client';
import { DomainError } from '@ronghe/domain/errors';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { usccCheckChar } from '@ronghe/domain/uscc';
import { createTestDb } from '@ronghe/db/testing';
import { createAuth, type Auth } from './auth/create-auth.ts';
import { createContextInner, sessionFromHeaders, type Session } from './context.ts';
import { createWriteEpoch, type WriteEpoch } from './middleware/write-epoch.ts';
import { writeLimits, type WriteLimits } from './middleware/write-limit.ts';
import { createCaller } from './root.ts';
import { logNotifier, type OutgoingMessage } from './services/notifier.ts';

// Test helpers: a real database, real better-auth, and callers that carry real session cookies.

/**
 * `writeLimits` and `writes` stand for the server process's: every caller of the env shares them, as every request
 * of one process does. A test may change `writeLimits` (the callers read it when a mutation arrives).
 */
export type TestEnv = {
  db: Database;
  auth: Auth;
  outbox: OutgoingMessage[];
  writeLimits: WriteLimits;
  writes: WriteEpoch;
  close: () => Promise<void>;
};

export async function createTestEnv(opts: { demo?: boolean; writeLimits?: Partial<WriteLimits> } = {}): Promise<TestEnv> {
  const db = await createTestDb({ demo: opts.demo });
  const auth = createAuth(db, { secret: 'test-secret-test-secret-test-secret-0123', baseURL: 'http://localhost:3000' });
  return { db, auth, outbox: [], writeLimits: writeLimits(opts.writeLimits), writes: createWriteEpoch(), close: () => db.close() };
}

const shared = (env: TestEnv) => ({
  db: env.db,
  auth: env.auth,
  writeLimits: env.writeLimits,
  writes: env.writes,
  notifier: logNotifier((m) => env.outbox.push(m)),
});

/** Turns Set-Cookie response headers into the Cookie request header a browser would send. */
export function cookieHeader(resHeaders: Headers): Headers {
  const pairs = resHeaders.getSetCookie().map((c) => c.split(';')[0] ?? '');
  return new Headers({ cookie: pairs.filter(Boolean).join('; ') });
}

export type TestUser = { session: NonNullable<Session>; headers: Headers; caller: ReturnType<typeof createCaller> };

/** A caller for a request with these headers (cookies), the way the HTTP server builds one. */
export async function callerFor(env: TestEnv, headers: Headers, opts: { ip?: string; resHeaders?: Headers; callsInRequest?: number } = {}) {
  const session = await sessionFromHeaders(env.auth, headers);
  return createCaller(createContextInner({ ...shared(env), ...opts, session, headers }));
}

/** A caller without a session; `callsInRequest` > 1 makes its calls look like part of a batch. */
export function anonymous(env: TestEnv, opts: { ip?: string; resHeaders?: Headers; callsInRequest?: number } = {}) {
  return createCaller(createContextInner({ ...shared(env), ...opts }));
}

let counter = 0;

/**
 * Signs a new user up through the account router and returns a caller signed in as them: the sign-up is completed
 * with the code it sent (the email or mobile number verified), unless `verified` is false.
 */
export async function signUpUser(
  env: TestEnv,
  opts: { identifier?: string; name?: string; password?: string; verified?: boolean } = {},
): Promise<TestUser> {
  counter += 1;
  const resHeaders = new Headers();
  const identifier = opts.identifier ?? `user${counter}.${Math.random().toString(36).slice(2, 7)}@example.com`;
  const password = opts.password ?? 'ronghe2027pass';
  const ip = `10.0.0.${counter % 250}`;
  await anonymous(env, { ip }).account.signUp({ identifier, password, name: opts.name ?? `测试用户${counter}`, acceptPrivacy: true });
  if (opts.verified === false) {
    // the code is left unused: the account exists, unverified, and signs in with its password
    await anonymous(env, { resHeaders, ip }).account.signIn({ identifier, password });
  } else {
    await anonymous(env, { resHeaders, ip }).account.completeSignUp({ identifier, password, code: codeSentTo(env, identifier) });
  }
  const headers = cookieHeader(resHeaders);
  const session = await sessionFromHeaders(env.auth, headers);
  if (!session) throw new Error('sign-up gave no session');
  return { session, headers, caller: await callerFor(env, headers) };
}

/** The newest verification code the test env's notifier was given for `identifier` (an email in any case, or a mobile). */
export function codeSentTo(env: TestEnv, identifier: string): string {
  const to = identifier.includes('@') ? identifier.trim().toLowerCase() : identifier.replace(/[\s-]/g, '');
  const message = env.outbox.filter((m) => m.to === to && m.purpose === 'verification').at(-1);
  const code = /\b(\d{6})\b/.exec(message?.body ?? '')?.[1];
  if (!code) throw new Error(`no code was sent to ${identifier}`);
  return code;
}

/** Makes a user a platform admin and returns a fresh caller that sees it. */
export async function makeAdmin(env: TestEnv, user: TestUser): Promise<TestUser> {
  const { setPlatformAdmin } = await import('@ronghe/db/queries/users');
  await setPlatformAdmin(env.db, user.session.userId, true);
  const session = await sessionFromHeaders(env.auth, user.headers);
  if (!session) throw new Error('lost the session');
  return { session, headers: user.headers, caller: await callerFor(env, user.headers) };
}

export const realUscc = { code: '91110000710926094P', name: '中国石油化工股份有限公司' } as const;

export function enterpriseInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'enterprise' as const,
    name: realUscc.name,
    regionCode: '110105',
    address: '北京市朝阳区朝阳门北大街22号',
    uscc: realUscc.code,
    industryCode: '25',
    staffCount: 5000,
    isLeadingEnterprise: true,
    contactName: '王建国',
    contactPhone: '13812341234',
    ...overrides,
  };
}

/** The error's DomainError key and field (for asserting which rule refused a call). */
export const keyOf = (e: { cause: unknown }) => (e.cause instanceof DomainError ? e.cause.key : null);
export const fieldOf = (e: { cause: unknown }) => (e.cause instanceof DomainError ? e.cause.field : null);

/** The first day of the internships and cohort windows the tests post: 60 days from today in China. */
export const testPeriodFrom = addDays(todayInChina(), 60);

/** A valid 20-place 数控 internship in 亦庄 that passes the internship rules; override any field. */
export const internshipInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'internship' as const,
  title: '数控加工岗位实习',
  regionCode: '110115',
  deadline: addDays(todayInChina(), 30),
  post: '数控车工',
  majorCodes: ['460103'],
  headcount: 20,
  periodFrom: testPeriodFrom,
  periodTo: addDays(testPeriodFrom, 119),
  dailyHours: 8,
  monthlyPay: 4000,
  probationWage: 5000,
  postStaffCount: 100,
  ...overrides,
});

/** A valid cohort of 30 数控 students (高职, 2024) available in Beijing; override any field. */
export const cohortInput = (overrides: Record<string, unknown> = {}) => ({
  majorCode: '460103',
  level: 'gaozhi' as const,
  year: 2024,
  students: 30,
  windowFrom: testPeriodFrom,
  windowTo: addDays(testPeriodFrom, 150),
  regionCodes: ['110000'],
  ...overrides,
});

export async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string; cause: unknown }> {
  try {
    await p;
  } catch (error) {
    const e = error as { code: string; message: string; cause: unknown };
    return e;
  }
  throw new Error('expected the call to fail');
}

let orgCounter = 0;

/** A new user owning a new organisation of this kind, verified by the admin. */
export async function verifiedOrganization(
  env: TestEnv,
  admin: TestUser,
  kind: 'school' | 'enterprise' | 'partner',
  regionCode = '110108',
): Promise<TestUser & { organizationId: string }> {
  orgCounter += 1;
  const user = await signUpUser(env);
  const name = `测试${kind === 'school' ? '职业学院' : kind === 'enterprise' ? '科技有限公司' : '协会'}${orgCounter}-${Math.random().toString(36).slice(2, 6)}`;
  const input =
    kind === 'school'
      ? { kind, name, regionCode, schoolLevel: 'gaozhi' as const }
      : kind === 'enterprise'
        ? { kind, name, regionCode, uscc: demoUsccFor(orgCounter), industryCode: '34', staffCount: 500 }
        : { kind, name, regionCode, partnerType: 'park' as const };
  const { id } = await user.caller.organizations.create(input);
  await admin.caller.admin.verify({ id });
  return { ...user, organizationId: id };
}

function demoUsccFor(n: number): string {
  // a valid code with a random body: the check character comes from the domain rule
  const body = `91110108${String(700_000_000 + n * 7919 + Math.floor(Math.random() * 7000)).padStart(9, '0')}`;
  return body + (usccCheckChar(body) ?? '');
}
