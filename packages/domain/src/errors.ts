import type { MessageKey } from './messages.ts';

export const domainErrorCodes = ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'INVALID', 'UNAUTHORIZED', 'RATE_LIMITED'] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

/**
 * The one error services throw. `key` names a message in messages.ts so the API can answer
 * in the caller's language; `field` names the input field at fault, where there is one.
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly key: MessageKey;
  readonly params: Record<string, string | number>;
  readonly field: string | undefined;

  constructor(code: DomainErrorCode, key: MessageKey, opts: { params?: Record<string, string | number>; field?: string } = {}) {
    super(key);
    this.name = 'DomainError';
    this.code = code;
    this.key = key;
    this.params = opts.params ?? {};
    this.field = opts.field;
  }
}
