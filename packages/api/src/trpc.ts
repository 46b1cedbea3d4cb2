import { initTRPC } from '@trpc/server';
import { ZodError } from 'zod';
import { DomainError } from '@ronghe/domain/errors';
import { translate } from '@ronghe/domain/messages';
import type { Context } from './context.ts';
import { toTRPCError } from './errors/domain-errors.ts';
import { fieldErrors, type FieldError } from './errors/zod-messages.ts';
import { countWrite } from './middleware/write-limit.ts';
import { withSyncOutput } from './sync-output.ts';
import { transformer } from './transformer.ts';

const t = initTRPC.context<Context>().create({
  transformer,
  errorFormatter({ shape, error, ctx }) {
    const lang = ctx?.lang ?? 'zh-CN';
    let fields: FieldError[] | null = null;
    let message = shape.message;
    if (error.cause instanceof ZodError) {
      fields = fieldErrors(error.cause, lang);
      message = translate('input.invalid', lang);
    } else if (error.cause instanceof DomainError) {
      message = translate(error.cause.key, lang, error.cause.params);
      if (error.cause.field) fields = [{ path: error.cause.field, message }];
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      message = translate('internal', lang); // never leak internals
    }
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message,
      data: { ...data, fieldErrors: fields, domainCode: error.cause instanceof DomainError ? error.cause.code : null },
    };
  },
});

/** Services throw DomainError; here it becomes the matching TRPCError, with the original as cause. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) throw toTRPCError(result.error.cause);
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * Every mutation counts against the caller's write limit (middleware/write-limit.ts) before its input is read, and
 * moves this process's write epoch (ctx.writes, middleware/write-epoch.ts) on when it ends.
 */
const writeLimit = t.middleware(async ({ ctx, type, next }) => {
  if (type !== 'mutation') return next();
  await countWrite(ctx);
  try {
    return await next();
  } finally {
    ctx.writes.note();
  }
});

// outputs parsed synchronously where the schema allows (sync-output.ts)
const withErrors = withSyncOutput(t.procedure.use(domainErrors));

/** Anyone, signed in or not. */
export const publicProcedure = withErrors.use(writeLimit);

/**
 * Signed-in users only. Membership of an organisation is checked per procedure (services/authz.ts).
 * Writes are counted after the session check: an anonymous call is refused without touching the counters.
 */
export const protectedProcedure = withErrors
  .use(({ ctx, next }) => {
    if (!ctx.session) throw new DomainError('UNAUTHORIZED', 'unauthorized');
    return next({ ctx: { ...ctx, session: ctx.session } });
  })
  .use(writeLimit);

/**
 * Account actions that check a secret (a password, later a code) run one per HTTP request: in a batch, many guesses
 * would arrive under one request. The web client sends them unbatched (apps/web/src/lib/trpc.ts).
 */
export const unbatched = t.middleware(({ ctx, next }) => {
  if (ctx.callsInRequest > 1) throw new DomainError('INVALID', 'request.notBatchable');
  return next();
});

/** Platform admins (the education commission) only. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.session.isPlatformAdmin) throw new DomainError('FORBIDDEN', 'forbidden');
  return next();
});
