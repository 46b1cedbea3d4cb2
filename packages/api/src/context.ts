import type { Database } from '@ronghe/db/client';
import { languageFromHeader, type Language } from '@ronghe/domain/messages';
import type { Auth } from './auth/create-auth.ts';
import { createWriteEpoch, type WriteEpoch } from './middleware/write-epoch.ts';
import { DEFAULT_WRITE_LIMITS, type WriteLimits } from './middleware/write-limit.ts';
import { DEFAULT_INVITATIONS_PER_DAY } from './services/memberships.ts';
import { logNotifier, type Notifier } from './services/notifier.ts';

/** The signed-in user as procedures see it; null for anonymous callers. */
export type Session = {
  sessionId: string;
  userId: string;
  name: string;
  email: string;
  phoneNumber: string | null;
  /** confirmed by a code (services/verification.ts); an account made with a mobile number has no email of its own */
  emailVerified: boolean;
  phoneNumberVerified: boolean;
  isPlatformAdmin: boolean;
  activeOrganizationId: string | null;
  /** the privacy notice version the person last agreed to (null: never) */
  privacyVersion: string | null;
} | null;

export type Context = {
  db: Database;
  /**
   * for read-heavy public pages that tolerate a moment's lag (base search and map, the needs list, the consortium
   * directory): a streaming replica when DATABASE_REPLICA_URL is set, else `db` (docs/deploy.md)
   */
  readDb: Database;
  auth: Auth | null;
  session: Session;
  lang: Language;
  /** the client's address, from the socket (never from a client-sent header) */
  ip: string;
  /** request headers (cookies) for better-auth calls */
  headers: Headers;
  /** response headers: better-auth's Set-Cookie lands here */
  resHeaders: Headers;
  notifier: Notifier;
  /** the address users reach Ronghe at, for links in messages */
  publicUrl: string;
  /** invitations an organisation may send in 24 hours (RONGHE_INVITATIONS_PER_DAY) */
  invitationsPerDay: number;
  /** writes a minute per user and per anonymous address (RONGHE_WRITE_LIMIT*, read once at boot by apps/api env.ts) */
  writeLimits: WriteLimits;
  /** this process's write epoch and the read caches keyed on it: one per server process, made at app start */
  writes: WriteEpoch;
  /** procedure calls in the HTTP request this call came in (a tRPC batch carries several) */
  callsInRequest: number;
};

/** Request-free context, so tests can call procedures through createCaller against a real database. */
export function createContextInner(opts: {
  db: Database;
  readDb?: Database;
  auth?: Auth | null;
  session?: Session;
  lang?: Language;
  ip?: string;
  headers?: Headers;
  resHeaders?: Headers;
  notifier?: Notifier;
  publicUrl?: string;
  invitationsPerDay?: number;
  writeLimits?: WriteLimits;
  /** shared by every request of one process; a caller made alone gets one of its own */
  writes?: WriteEpoch;
  callsInRequest?: number;
}): Context {
  return {
    db: opts.db,
    readDb: opts.readDb ?? opts.db,
    auth: opts.auth ?? null,
    session: opts.session ?? null,
    lang: opts.lang ?? 'zh-CN',
    ip: opts.ip ?? '127.0.0.1',
    headers: opts.headers ?? new Headers(),
    resHeaders: opts.resHeaders ?? new Headers(),
    notifier: opts.notifier ?? logNotifier(() => {}),
    publicUrl: opts.publicUrl ?? 'http://localhost:3000',
    invitationsPerDay: opts.invitationsPerDay ?? DEFAULT_INVITATIONS_PER_DAY,
    writeLimits: opts.writeLimits ?? DEFAULT_WRITE_LIMITS,
    writes: opts.writes ?? createWriteEpoch(),
    callsInRequest: opts.callsInRequest ?? 1,
  };
}

/** Reads the session cookie through better-auth. */
export async function sessionFromHeaders(auth: Auth, headers: Headers): Promise<Session> {
  // most public reads carry no session cookie: skip the lookup (≈ a query per request) for them
  if (!(headers.get('cookie') ?? '').includes('session_token')) return null;
  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  const user = found.user as typeof found.user & {
    phoneNumber?: string | null;
    phoneNumberVerified?: boolean;
    isPlatformAdmin?: boolean;
    disabledAt?: Date | null;
    privacyVersion?: string | null;
  };
  // a disabled account's sessions are deleted when it is disabled; one read a moment before counts for nothing either
  if (user.disabledAt) return null;
  const session = found.session as typeof found.session & { activeOrganizationId?: string | null };
  return {
    sessionId: session.id,
    userId: user.id,
    name: user.name,
    email: user.email,
    phoneNumber: user.phoneNumber ?? null,
    emailVerified: user.emailVerified === true,
    phoneNumberVerified: user.phoneNumberVerified === true,
    isPlatformAdmin: user.isPlatformAdmin === true,
    activeOrganizationId: session.activeOrganizationId ?? null,
    privacyVersion: user.privacyVersion ?? null,
  };
}

/** Context for one HTTP request. */
export async function createContextFromRequest(opts: {
  db: Database;
  readDb?: Database;
  auth: Auth;
  req: Request;
  ip: string;
  resHeaders: Headers;
  notifier: Notifier;
  publicUrl: string;
  invitationsPerDay?: number;
  writeLimits?: WriteLimits;
  writes: WriteEpoch;
  callsInRequest: number;
}): Promise<Context> {
  const { req } = opts;
  return createContextInner({
    ...opts,
    headers: req.headers,
    session: await sessionFromHeaders(opts.auth, req.headers),
    lang: languageFromHeader(req.headers.get('x-ronghe-lang') ?? req.headers.get('accept-language')),
  });
}
