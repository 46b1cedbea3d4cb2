import { anonymizeUser, credentialHashOf, organizationsOnlyOwnedBy } from '@ronghe/db/queries/account-erasure';
import { hitRateLimit, resetRateLimit } from '@ronghe/db/queries/rate-limits';
import type { Database } from '@ronghe/db/client';
import { DomainError } from '@ronghe/domain/errors';
import type { Auth } from '../auth/create-auth.ts';
import { PASSWORD_CHANGE_FAILURES, PASSWORD_CHANGE_WINDOW_S } from './accounts.ts';

// Deleting an account (issue 20, PIPL art. 47): the person confirms with their password; an organisation they alone
// own must be handed over first; then the account is anonymised in one transaction (queries/account-erasure.ts).

const refuseLastOwner = (orgs: Array<{ name: string }>) =>
  new DomainError('CONFLICT', 'account.lastOwner', { params: { orgs: orgs.map((o) => `「${o.name}」`).join('、') } });

export async function deleteAccount(c: { db: Database; auth: Auth }, userId: string, password: string) {
  // attempts counted before the password is compared, with the password changes' limit (decision 021)
  const key = `password:user:${userId}`;
  if ((await hitRateLimit(c.db, key, PASSWORD_CHANGE_WINDOW_S)) > PASSWORD_CHANGE_FAILURES)
    throw new DomainError('RATE_LIMITED', 'account.rateLimited', { params: { minutes: PASSWORD_CHANGE_WINDOW_S / 60 } });
  const hash = await credentialHashOf(c.db, userId);
  const ctx = await c.auth.$context;
  if (!hash || !(await ctx.password.verify({ password, hash })))
    throw new DomainError('INVALID', 'account.wrongPassword', { field: 'password' });
  await resetRateLimit(c.db, key);
  const owned = await organizationsOnlyOwnedBy(c.db, userId);
  if (owned.length > 0) throw refuseLastOwner(owned);
  if (!(await anonymizeUser(c.db, userId))) throw refuseLastOwner(await organizationsOnlyOwnedBy(c.db, userId));
}
