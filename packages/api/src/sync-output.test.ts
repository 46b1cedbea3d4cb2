import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { initTRPC, TRPCError } from '@trpc/server';
import { appRouter } from './root.ts';
import { withSyncOutput } from './sync-output.ts';

const t = initTRPC.create();
const procedure = withSyncOutput(t.procedure);

describe('outputs parsed synchronously (sync-output.ts)', () => {
  const router = t.router({
    rows: procedure.output(z.array(z.object({ code: z.string() }))).query(() => [{ code: '11', extra: 'stripped' }]),
    wrong: procedure.output(z.array(z.object({ code: z.string() }))).query(() => [{ code: 11 }] as unknown as Array<{ code: string }>),
    later: procedure
      .input(z.object({ n: z.number() }))
      .output(z.object({ n: z.number() }).refine(async (v) => v.n > 0, 'positive'))
      .query(({ input }) => input),
  });
  const caller = t.createCallerFactory(router)({});

  it('strips and validates as zod does', async () => {
    expect(await caller.rows()).toEqual([{ code: '11' }]);
    const error = await caller.wrong().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('INTERNAL_SERVER_ERROR');
    expect((error as TRPCError).cause).toBeInstanceOf(z.ZodError);
  });

  it('falls back to an async parse for async checks', async () => {
    expect(await caller.later({ n: 2 })).toEqual({ n: 2 });
    await expect(caller.later({ n: -1 })).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('keeps the schema at _def.output', () => {
    const defs = appRouter._def.procedures as unknown as Record<string, { _def: { output?: unknown } }>;
    expect(defs['reference.regions']?._def.output).toBeInstanceOf(z.ZodType);
  });
});
