import { hitRateLimit } from '@ronghe/db/queries/rate-limits';
import { DomainError } from '@ronghe/domain/errors';
import type { Context } from '../context.ts';

// Every tRPC mutation counts against a fixed one-minute window in PostgreSQL (rate_limit, atomic across
// server processes): per user when signed in, per client address when not. Sign-up and sign-in keep
// their own, stricter rules (services/accounts.ts); this one bounds everything else a client can write.

export const WRITE_WINDOW_S = 60;

/** Generous for users: bulk actions in the web app send a burst of mutations. */
export const DEFAULT_WRITES_PER_USER = 600;
/** Anonymous callers can only sign up and sign in; anything more from one address is abuse. */
export const DEFAULT_WRITES_PER_ADDRESS = 60;

export type WriteLimits = { perUser: number; perAddress: number };

function limitFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  // a value that is not a whole number ≥ 0 keeps the default rather than turning every write into an error
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/**
 * The limits, read when a mutation arrives so tests and load runs can set them per process:
 * RONGHE_WRITE_LIMIT (writes per minute per user) and RONGHE_WRITE_LIMIT_ANONYMOUS (per address); 0 turns one off.
 */
export function writeLimits(source: Record<string, string | undefined> = process.env): WriteLimits {
  return {
    perUser: limitFrom(source.RONGHE_WRITE_LIMIT, DEFAULT_WRITES_PER_USER),
    perAddress: limitFrom(source.RONGHE_WRITE_LIMIT_ANONYMOUS, DEFAULT_WRITES_PER_ADDRESS),
  };
}

/** Counts one write by the caller; over the limit, a RATE_LIMITED error (HTTP 429) and a Retry-After header. */
export async function countWrite(ctx: Pick<Context, 'db' | 'session' | 'ip' | 'resHeaders'>, limits: WriteLimits = writeLimits()): Promise<void> {
  const limit = ctx.session ? limits.perUser : limits.perAddress;
  if (limit === 0) return;
  const key = ctx.session ? `write:user:${ctx.session.userId}` : `write:ip:${ctx.ip}`;
  if ((await hitRateLimit(ctx.db, key, WRITE_WINDOW_S)) <= limit) return;
  // the window is fixed, so it ends at most a whole window from now
  ctx.resHeaders.set('retry-after', String(WRITE_WINDOW_S));
  throw new DomainError('RATE_LIMITED', 'write.rateLimited', { params: { seconds: WRITE_WINDOW_S } });
}
