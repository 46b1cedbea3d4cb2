import type { Database } from '@ronghe/db/client';
import { languageFromHeader, type Language } from '@ronghe/domain/messages';

/** The signed-in user, once accounts land (issue 3); null for anonymous callers. */
export type Session = { userId: string; isPlatformAdmin: boolean } | null;

export type Context = {
  db: Database;
  session: Session;
  lang: Language;
};

/** Request-free context, so tests can call procedures through createCaller against a real database. */
export function createContextInner(opts: { db: Database; session?: Session; lang?: Language }): Context {
  return { db: opts.db, session: opts.session ?? null, lang: opts.lang ?? 'zh-CN' };
}

/** Context for one HTTP request. */
export function createContextFromRequest(db: Database, req: Request): Context {
  return createContextInner({ db, lang: languageFromHeader(req.headers.get('x-ronghe-lang') ?? req.headers.get('accept-language')) });
}
