import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '@ronghe/db/client';
import { createTestDb } from '@ronghe/db/testing';
import { DomainError, domainErrorCodes } from '@ronghe/domain/errors';
import { usccSchema } from '@ronghe/domain/uscc';
import { createContextInner } from './context.ts';
import { httpStatusOf } from './errors/domain-errors.ts';
import { protectedProcedure, publicProcedure, router, createCallerFactory } from './trpc.ts';

// A tiny router of our own, to pin down how errors reach clients.
const testRouter = router({
  register: publicProcedure.input(z.object({ uscc: usccSchema, staff: z.number().int().min(1) })).mutation(() => 'ok'),
  missing: publicProcedure.query(() => {
    throw new DomainError('NOT_FOUND', 'notFound');
  }),
  mine: protectedProcedure.query(({ ctx }) => ctx.session.userId),
});
const caller = (db: Database, lang: 'zh-CN' | 'en' = 'zh-CN') => createCallerFactory(testRouter)(createContextInner({ db, lang }));

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

async function errorOf(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('errors', () => {
  it('bad input is BAD_REQUEST with the zod issues as cause', async () => {
    const error = await errorOf(caller(db).register({ uscc: '91110000710926094Q', staff: 0 }));
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('a DomainError becomes the matching TRPC code', async () => {
    expect((await errorOf(caller(db).missing())).code).toBe('NOT_FOUND');
  });

  it('gives plain HTTP routes (apps/api files.ts) the status tRPC answers each code with', () => {
    const statuses = Object.fromEntries(domainErrorCodes.map((code) => [code, httpStatusOf(code)]));
    expect(statuses).toEqual({ NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, INVALID: 400, UNAUTHORIZED: 401, RATE_LIMITED: 429 });
  });

  it('protected procedures refuse anonymous callers', async () => {
    expect((await errorOf(caller(db).mine())).code).toBe('UNAUTHORIZED');
  });
});
