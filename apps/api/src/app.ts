import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import { trpcServer } from '@hono/trpc-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createContextFromRequest } from '@ronghe/api/context';
import type { Auth } from '@ronghe/api/auth';
import type { Notifier } from '@ronghe/api/services/notifier';
import { appRouter } from '@ronghe/api/root';
import type { Database } from '@ronghe/db/client';
import { csrfProtection } from './csrf.ts';
import type { Logger } from './logger.ts';
import { fileRoutes } from './files.ts';
import type { UploadLimits } from '@ronghe/api/services/files';
import { createWriteEpoch } from '@ronghe/api/middleware/write-epoch';
import { writeLimits as writeLimitsFrom, type WriteLimits } from '@ronghe/api/middleware/write-limit';

export type AppOptions = {
  db: Database;
  /** a replica for read-heavy public pages (DATABASE_REPLICA_URL) */
  readDb?: Database;
  auth: Auth;
  notifier: Notifier;
  publicUrl: string;
  logger: Logger;
  webDist: string;
  trustedProxies?: readonly string[];
  /** a day's uploads (RONGHE_UPLOAD_*) */
  uploadLimits?: Partial<UploadLimits>;
  /** invitations an organisation may send in 24 hours (RONGHE_INVITATIONS_PER_DAY) */
  invitationsPerDay?: number;
  /** writes a minute per user and per anonymous address (RONGHE_WRITE_LIMIT*); those not set keep the defaults */
  writeLimits?: Partial<WriteLimits>;
};

/**
 * The client's address: the socket's, unless the socket is a proxy we were told to trust (RONGHE_TRUSTED_PROXIES),
 * whose X-Forwarded-For names it as the last hop it appended. A client cannot forge its way past a trusted proxy:
 * only the rightmost entry, written by that proxy, is read.
 */
export function clientAddress(socket: string | undefined, forwardedFor: string | undefined, trusted: readonly string[] = []): string {
  const from = socket ?? 'unknown';
  const normalise = (a: string) => a.replace(/^::ffff:/, '');
  if (!forwardedFor || !trusted.map(normalise).includes(normalise(from))) return from;
  const last = forwardedFor
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .at(-1);
  return last ? normalise(last) : from;
}

/** Procedure calls one HTTP request may carry (a tRPC batch); the web client sends at most this many. */
export const MAX_BATCH = 10;

/** The HTTP surface: /trpc, /healthz, and the web app with client-side routing fallback. */
export function createApp(options: AppOptions): Hono {
  const { db, readDb, auth, notifier, publicUrl, logger, webDist, trustedProxies = [], uploadLimits, invitationsPerDay } = options;
  const app = new Hono();
  const writeLimits = writeLimitsFrom(options.writeLimits);
  // this process's write epoch: every request's context shares it (packages/api middleware/write-epoch.ts)
  const writes = createWriteEpoch();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its CSS-in-JS into <style> elements
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    if (c.req.path === '/healthz' && c.res.status === 200) return;
    logger.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request');
  });

  app.get('/healthz', async (c) => {
    const [ok, replicaOk] = await Promise.all([db.ping(), readDb?.ping()]);
    const healthy = ok && replicaOk !== false;
    return c.json(
      { status: healthy ? 'ok' : 'unavailable', database: db.engine, ...(readDb ? { replica: replicaOk ? 'ok' : 'unavailable' } : {}) },
      healthy ? 200 : 503,
    );
  });

  app.use('/trpc/*', csrfProtection({ publicUrl, trustedProxies })); // cross-site and non-JSON writes: 403 (csrf.ts)
  // 1 MB for ordinary calls; spreadsheet imports (base64) may carry up to 8 MB
  const tooLarge = bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json({ error: 'payload too large' }, 413) });
  const importLimit = bodyLimit({ maxSize: 8 * 1024 * 1024, onError: (c) => c.json({ error: 'payload too large' }, 413) });
  // A GET or HEAD has no body to limit (Request drops it), and asking for one makes the Node adapter build the whole
  // Request (stream, AbortSignal): ≈ 5 % of a small query's CPU. Only the others go through the limit.
  app.use('/trpc/*', (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return c.req.path === '/trpc/imports.organizations' ? importLimit(c, next) : tooLarge(c, next);
  });
  app.use(
    '/trpc/*',
    trpcServer({
      endpoint: '/trpc',
      router: appRouter,
      // a batch larger than the web client sends (apps/web/src/lib/trpc.ts) is refused whole
      maxBatchSize: MAX_BATCH,
      // the client's address comes from the socket, or from a trusted proxy's X-Forwarded-For: never from a header a client could forge
      createContext: (opts, c) =>
        createContextFromRequest({
          db,
          readDb,
          auth,
          notifier,
          publicUrl,
          invitationsPerDay,
          writeLimits,
          writes,
          req: c.req.raw,
          resHeaders: opts.resHeaders,
          ip: clientAddress(getConnInfo(c).remote.address, c.req.header('x-forwarded-for'), trustedProxies),
          callsInRequest: opts.info.calls.length,
        }),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    }),
  );

  app.use('/api/files', csrfProtection({ publicUrl, trustedProxies, requireJson: false })); // multipart uploads: origin checks only
  app.route('/api/files', fileRoutes({ db, auth, uploadLimits }));
  app.all('/api/*', (c) => c.json({ error: 'not found', path: c.req.path }, 404));

  const indexFile = join(webDist, 'index.html');
  const indexHtml = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
  if (!indexHtml) logger.warn({ webDist }, 'web build not found: run `npm run build`; serving the API only');

  app.use(
    '/assets/*',
    serveStatic({ root: webDist, onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }),
  );
  // Files at the top of the build (favicon.svg…); paths without an extension are app routes.
  app.use('*', async (c, next) => (/\.[a-z0-9]+$/i.test(c.req.path) ? serveStatic({ root: webDist })(c, next) : next()));

  // Client-side routes: any other GET that accepts a page gets the app (its router shows 404s);
  // a client that asks for JSON only gets a JSON 404.
  app.get('*', (c) => {
    const accept = c.req.header('accept') ?? '*/*';
    if (indexHtml && (accept.includes('text/html') || accept.includes('*/*'))) {
      c.header('Cache-Control', 'no-cache');
      return c.html(indexHtml);
    }
    return c.json({ error: 'not found', path: c.req.path }, 404);
  });
  app.notFound((c) => c.json({ error: 'not found', path: c.req.path }, 404));
  app.onError((err, c) => {
    logger.error({ err, path: c.req.path }, 'unhandled error');
    return c.json({ error: 'internal server error' }, 500);
  });

  return app;
}
