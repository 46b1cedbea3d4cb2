import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { DomainError, DomainErrorCode } from '@ronghe/domain/errors';

// The one map from a DomainError's code to the protocol's: tRPC uses the code, plain HTTP routes (apps/api files.ts)
// the status tRPC would answer with, so both surfaces agree.

const trpcCodes: Record<DomainErrorCode, TRPCError['code']> = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  INVALID: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
};

/** The TRPCError a DomainError becomes, with the original as cause (the error formatter translates it). */
export function toTRPCError(cause: DomainError): TRPCError {
  return new TRPCError({ code: trpcCodes[cause.code], message: cause.key, cause });
}

/** The HTTP status tRPC answers a DomainError of this code with. */
export function httpStatusOf(code: DomainErrorCode): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code: trpcCodes[code] }));
}
