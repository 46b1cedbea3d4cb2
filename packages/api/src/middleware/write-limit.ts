import { hitRateLimit } from '@ronghe/db/queries/rate-limits';
import { DomainError } from '@ronghe/domain/errors';
import type { Context } from '../context.ts';

// Every tRPC mutation counts against a fixed one-minute window in PostgreSQL (rate_limit, atomic across
// server processes): per user when signed in, per client address when not. Sign-up and sign-in keep
// their own, stricter rules (services/accounts.ts); this one bounds everything else a client can write.
// The limits come from the validated environment (apps/api env.ts: RONGHE_WRITE_LIMIT, RONGHE_WRITE_LIMIT_ANONYMOUS),
// read once at boot and carried by the context; 0 turns one off.

export const WRITE_WINDOW_S = 60;

/** Generous for users: bulk actions in the web app send a burst of mutations. */
export const DEFAULT_WRITES_PER_USER = 600;
/** Anonymous callers can only sign up and sign in; anything more from one address is abuse. */
export const DEFAULT_WRITES_PER_ADDRESS = 60;

export type WriteLimits = { perUser: number; perAddress: number };

export const DEFAULT_WRITE_LIMITS: WriteLimits = Object.freeze({
  perUser: DEFAULT_WRITES_PER_USER,
  perAddress: DEFAULT_WRITES_PER_ADDRESS,
});

/** The limits from the environment's settings; one not set keeps its default. */
export function writeLimits(settings: { perUser?: number | undefined; perAddress?: number | undefined } = {}): WriteLimits {
  return { perUser: settings.perUser ?? DEFAULT_WRITES_PER_USER, perAddress: settings.perAddress ?? DEFAULT_WRITES_PER_ADDRESS };
}

/** Counts one write by the caller; over the limit, a RATE_LIMITED error (HTTP 429) and a Retry-After header. */
export async function countWrite(ctx: Pick<Context, 'db' | 'session' | 'ip' | 'resHeaders' | 'writeLimits'>): Promise<void> {
  const limit = ctx.session ? ctx.writeLimits.perUser : ctx.writeLimits.perAddress;
  if (limit === 0) return;
  const key = ctx.session ? `write:user:${ctx.session.userId}` : `write:ip:${ctx.ip}`;
  if ((await hitRateLimit(ctx.db, key, WRITE_WINDOW_S)) <= limit) return;
  // the window is fixed, so it ends at most a whole window from now
  ctx.resHeaders.set('retry-after', String(WRITE_WINDOW_S));
  throw new DomainError('RATE_LIMITED', 'write.rateLimited', { params: { seconds: WRITE_WINDOW_S } });
}
