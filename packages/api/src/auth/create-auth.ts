import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Database } from '@ronghe/db/client';
import { accounts, sessions, users, verifications } from '@ronghe/db/schema';

export type AuthOptions = {
  /** signs session cookies; the same in every process of one installation */
  secret: string;
  /** the public address, e.g. https://ronghe.example.cn: cookies are Secure when it is https */
  baseURL: string;
};

export const SESSION_DAYS = 7;

/**
 * better-auth, for passwords (scrypt), sessions in httpOnly cookies and their revocation. We call
 * it from our own procedures (account router) rather than exposing its HTTP handler, so that every
 * account action has our validation, messages and rate limits.
 */
export function createAuth(db: Database, opts: AuthOptions) {
  return betterAuth({
    secret: opts.secret,
    baseURL: opts.baseURL,
    database: drizzleAdapter(db.orm, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    // a sign-up is not signed in: it finishes with the code sent to its address (services/accounts.ts completeSignUp)
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: false },
    session: {
      expiresIn: 60 * 60 * 24 * SESSION_DAYS,
      updateAge: 60 * 60 * 24,
      additionalFields: { activeOrganizationId: { type: 'string', required: false, input: false } },
    },
    user: {
      additionalFields: {
        phoneNumber: { type: 'string', required: false, input: false },
        phoneNumberVerified: { type: 'boolean', required: false, input: false, defaultValue: false },
        isPlatformAdmin: { type: 'boolean', required: false, input: false, defaultValue: false },
        disabledAt: { type: 'date', required: false, input: false },
        privacyVersion: { type: 'string', required: false, input: false },
      },
    },
    // our own limits (services/rate-limit.ts) cover sign-in per account and per address
    rateLimit: { enabled: false },
    advanced: { cookiePrefix: 'ronghe', useSecureCookies: opts.baseURL.startsWith('https://') },
    telemetry: { enabled: false },
    logger: { disabled: true },
  });
}

export type Auth = ReturnType<typeof createAuth>;
