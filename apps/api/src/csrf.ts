import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { languageFromHeader, translate, type MessageKey } from '@ronghe/domain/messages';

// CSRF: sessions are SameSite=Lax cookies, which browsers already keep off cross-site POSTs; this is the second
// lock, for old browsers, for sibling sites (same-site but another origin) and for form posts. A write is refused
// when the browser says it comes from another site (Sec-Fetch-Site), when its Origin is not ours, or when it is
// not JSON — HTML forms and text/plain are the only bodies another site can send without a CORS preflight, and
// we answer no preflight. Clients that send neither Origin nor Sec-Fetch-Site (curl, scripts, tests) are not
// browsers acting for a user on another site, and pass on the JSON rule alone.

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type CsrfOptions = {
  /** RONGHE_PUBLIC_URL (or http://localhost:PORT): its host is always ours */
  publicUrl: string;
  /** RONGHE_TRUSTED_PROXIES: only from these sockets is X-Forwarded-Host believed */
  trustedProxies?: readonly string[];
  /** false for routes that take other bodies (file uploads): the origin checks still apply */
  requireJson?: boolean;
};

const normalise = (address: string) => address.replace(/^::ffff:/, '');

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null; // "null" (sandboxed frames, some redirects) and garbage are nobody's origin
  }
}

/**
 * Our own hosts for this request: the public URL's, the Host header's (nginx passes it through: `proxy_set_header
 * Host $host`), and X-Forwarded-Host when the socket is a trusted proxy. The scheme is not compared: behind a TLS
 * proxy the server sees http while the browser's Origin says https.
 */
function ownHosts(opts: CsrfOptions, host: string | undefined, forwardedHost: string | undefined, socket: string | undefined): Set<string> {
  const hosts = new Set<string>();
  const fromPublicUrl = hostOf(opts.publicUrl);
  if (fromPublicUrl) hosts.add(fromPublicUrl);
  if (host) hosts.add(host.toLowerCase());
  const trusted = (opts.trustedProxies ?? []).map(normalise);
  if (forwardedHost && socket && trusted.includes(normalise(socket))) {
    for (const h of forwardedHost.split(',')) if (h.trim()) hosts.add(h.trim().toLowerCase());
  }
  return hosts;
}

/** Why a write is refused, or null when it may go on. */
export function csrfRefusal(
  opts: CsrfOptions,
  req: {
    method: string;
    contentType?: string;
    origin?: string;
    fetchSite?: string;
    host?: string;
    forwardedHost?: string;
    socket?: string;
  },
): MessageKey | null {
  if (!writeMethods.has(req.method.toUpperCase())) return null;
  const site = req.fetchSite?.toLowerCase();
  if (site === 'cross-site') return 'request.crossSite';
  if (req.origin !== undefined || site === 'same-site') {
    const own = ownHosts(opts, req.host, req.forwardedHost, req.socket);
    const from = req.origin === undefined ? null : hostOf(req.origin);
    // same-site without an Origin cannot be checked: refuse (browsers that send Sec-Fetch-Site send Origin on POST)
    if (from === null || !own.has(from)) return 'request.crossSite';
  }
  if (opts.requireJson !== false) {
    const mediaType = (req.contentType ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') return 'request.jsonOnly';
  }
  return null;
}

/** Refuses cross-site and non-JSON writes with 403 and a message in the caller's language. */
export function csrfProtection(opts: CsrfOptions): MiddlewareHandler {
  return async (c, next) => {
    if (!writeMethods.has(c.req.method.toUpperCase())) return next(); // reads: nothing to check (csrfRefusal's first rule)
    const refusal = csrfRefusal(opts, {
      method: c.req.method,
      contentType: c.req.header('content-type'),
      origin: c.req.header('origin'),
      fetchSite: c.req.header('sec-fetch-site'),
      host: c.req.header('host'),
      forwardedHost: c.req.header('x-forwarded-host'),
      socket: c.req.header('x-forwarded-host') ? getConnInfo(c).remote.address : undefined,
    });
    if (!refusal) return next();
    const lang = languageFromHeader(c.req.header('x-ronghe-lang') ?? c.req.header('accept-language'));
    return c.json({ error: { code: 'FORBIDDEN', message: translate(refusal, lang), fieldErrors: [] } }, 403);
  };
}
