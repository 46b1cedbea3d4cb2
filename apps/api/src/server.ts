import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createDb, type Database } from '@ronghe/db/client';
import { prepareDatabase } from '@ronghe/db/seed';
import { getOrCreateSecret } from '@ronghe/db/queries/meta';
import { createAuth } from '@ronghe/api/auth';
import { ensureUser } from '@ronghe/api/services/accounts';
import { DEMO_PASSWORD, disableDemoAccounts, seedDemoAccounts } from '@ronghe/api/services/demo-accounts';
import { outboxNotifier } from '@ronghe/api/services/notifier';
import type { Transports } from '@ronghe/api/services/message-delivery';
import { smtpTransport } from '@ronghe/api/services/smtp-transport';
import { aliyunSmsTransport, logSmsTransport } from '@ronghe/api/services/sms-transport';
import type { Jobs } from '@ronghe/api/jobs';
import { createApp } from './app.ts';
import { demoByDefault, redactUrl, type Env } from './env.ts';
import type { Logger } from './logger.ts';

export class StartupError extends Error {}

/** `jobs`: the background jobs of this process once started (null if they could not start) */
export type RunningServer = { url: string; db: Database; jobs: Promise<Jobs | null>; close: () => Promise<void> };

async function openDatabase(env: Env, logger: Logger): Promise<Database> {
  if (!env.DATABASE_URL) {
    logger.info({ engine: 'pglite', dataDir: env.RONGHE_DATA_DIR }, 'opening embedded database');
    return createDb({ engine: 'pglite', dataDir: env.RONGHE_DATA_DIR });
  }
  const db = await createDb({ engine: 'postgres', url: env.DATABASE_URL });
  if (!(await db.ping())) {
    await db.close().catch(() => {});
    throw new StartupError(
      `无法连接数据库 (cannot reach the database) at ${redactUrl(env.DATABASE_URL)}: is the server running and the URL right?`,
    );
  }
  logger.info({ engine: 'postgres', url: redactUrl(env.DATABASE_URL) }, 'connected to PostgreSQL');
  return db;
}

/** The admin from the environment, and the demo accounts (their password printed once, when created). */
/** The text-message provider RONGHE_SMS names (env.ts checks its settings), or null: texts stay in the outbox. */
function smsTransportFor(env: Env, logger: Logger) {
  if (env.RONGHE_SMS === 'log') {
    logger.warn('RONGHE_SMS=log: text messages are written to this log, not sent (development only)');
    return logSmsTransport(({ to, body }) => logger.info({ to }, `text message: ${body}`));
  }
  if (env.RONGHE_SMS !== 'aliyun') return null;
  return aliyunSmsTransport({
    accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID ?? '',
    accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET ?? '',
    signName: env.ALIYUN_SMS_SIGN_NAME ?? '',
    codeTemplate: env.ALIYUN_SMS_CODE_TEMPLATE ?? '',
    noticeTemplate: env.ALIYUN_SMS_NOTICE_TEMPLATE,
    endpoint: env.ALIYUN_SMS_ENDPOINT,
  });
}

async function ensureAccounts(env: Env, db: Database, auth: ReturnType<typeof createAuth>, logger: Logger): Promise<void> {
  if (env.RONGHE_ADMIN_EMAIL && env.RONGHE_ADMIN_PASSWORD) {
    const { created } = await ensureUser(auth, db, {
      email: env.RONGHE_ADMIN_EMAIL,
      password: env.RONGHE_ADMIN_PASSWORD,
      name: '平台管理员',
      isPlatformAdmin: true,
    });
    if (created) logger.info({ email: env.RONGHE_ADMIN_EMAIL }, 'platform admin created from RONGHE_ADMIN_EMAIL');
  }
  if (!env.RONGHE_DEMO) {
    const disabled = await disableDemoAccounts(db);
    if (disabled.length > 0) logger.info({ accounts: disabled }, 'demo mode is off: demo accounts disabled');
    return;
  }
  if (!demoByDefault(env))
    logger.warn(
      { host: env.HOST, nodeEnv: env.NODE_ENV },
      'RONGHE_DEMO=true on a server others can reach or in production: demo accounts with published passwords can sign in',
    );
  const created = await seedDemoAccounts(db, auth, { adminPassword: env.RONGHE_DEMO_ADMIN_PASSWORD });
  if (created.length > 0) {
    const lines = created
      .map((a) => `  ${a.kind.padEnd(10)} ${a.email.padEnd(28)} ${a.password === DEMO_PASSWORD ? '' : a.password}`.trimEnd())
      .join('\n');
    const admin = created.some((a) => a.kind === 'admin' && a.password !== DEMO_PASSWORD && !env.RONGHE_DEMO_ADMIN_PASSWORD);
    process.stderr.write(
      `\n演示账号 (demo accounts), password "${DEMO_PASSWORD}" unless shown:\n${lines}\n` +
        (admin ? "演示管理员密码只显示这一次，请记下 (the demo admin's password is shown this once: note it)\n" : '') +
        '\n',
    );
  }
}

// Any constant; the same in every Ronghe process (the migrator's lock is another one).
const ACCOUNTS_LOCK_KEY = 7_201_123_582;

/**
 * Runs `fn` while no other process on the same PostgreSQL database runs it: processes starting together on a
 * fresh database would otherwise each try to create the same demo or admin account, and all but one fail.
 */
async function oneProcessAtATime(db: Database, fn: () => Promise<void>): Promise<void> {
  if (db.client.kind !== 'postgres') return fn();
  const reserved = await db.client.sql.reserve();
  try {
    await reserved`select pg_advisory_lock(${ACCOUNTS_LOCK_KEY})`;
    try {
      await fn();
    } finally {
      await reserved`select pg_advisory_unlock(${ACCOUNTS_LOCK_KEY})`;
    }
  } finally {
    reserved.release();
  }
}

const JOBS_START_DELAY_MS = 2_000;
/** How long an idle connection is kept open: longer than a proxy's upstream keepalive (nginx: 60 s). */
const KEEP_ALIVE_MS = 65_000;

/** Opens the database, migrates and seeds it, and serves HTTP. */
export async function startServer(env: Env, logger: Logger): Promise<RunningServer> {
  if (env.DATABASE_REPLICA_URL && !env.DATABASE_URL)
    throw new StartupError('DATABASE_REPLICA_URL 需要 DATABASE_URL (a read replica needs its PostgreSQL primary in DATABASE_URL)');
  const db = await openDatabase(env, logger);
  try {
    const started = performance.now();
    const { demoLoaded } = await prepareDatabase(db, { demo: env.RONGHE_DEMO });
    logger.info({ ms: Math.round(performance.now() - started), demoLoaded }, 'database ready');
  } catch (error) {
    await db.close();
    throw error;
  }

  const publicUrl = env.RONGHE_PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${env.PORT}`;
  const auth = createAuth(db, { secret: env.RONGHE_AUTH_SECRET ?? (await getOrCreateSecret(db, 'auth_secret')), baseURL: publicUrl });
  // Every message goes to the outbox first; a job delivers it through the channel's provider, if there is one.
  const smtp = env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.RONGHE_MAIL_FROM) : null;
  const sms = smsTransportFor(env, logger);
  const transports: Transports = { ...(smtp ? { email: smtp } : {}), ...(sms ? { sms } : {}) };
  if (!smtp) logger.warn('no SMTP_URL: emails are kept in the outbox for platform admins to read (/admin/outbox), not sent');
  if (!sms) logger.warn('no SMS provider (RONGHE_SMS): text messages are kept in the outbox for platform admins to read (/admin/outbox)');
  let deliverSoon: (id: string) => void = () => {};
  const notifier = outboxNotifier(db, (id) => deliverSoon(id));
  try {
    await oneProcessAtATime(db, () => ensureAccounts(env, db, auth, logger));
  } catch (error) {
    await db.close();
    throw error;
  }

  let readDb: Database | undefined;
  if (env.DATABASE_REPLICA_URL) {
    readDb = await createDb({ engine: 'postgres', url: env.DATABASE_REPLICA_URL, applicationName: 'ronghe-read' });
    if (!(await readDb.ping()))
      logger.warn({ url: redactUrl(env.DATABASE_REPLICA_URL) }, 'replica not reachable yet: public searches fail until it is');
    else logger.info({ url: redactUrl(env.DATABASE_REPLICA_URL) }, 'connected to the read replica');
  }

  const uploadLimits = {
    filesPerUser: env.RONGHE_UPLOAD_FILES_PER_USER,
    mbPerUser: env.RONGHE_UPLOAD_MB_PER_USER,
    filesPerOrganization: env.RONGHE_UPLOAD_FILES_PER_ORGANIZATION,
    mbPerOrganization: env.RONGHE_UPLOAD_MB_PER_ORGANIZATION,
  };
  const writeLimits = { perUser: env.RONGHE_WRITE_LIMIT, perAddress: env.RONGHE_WRITE_LIMIT_ANONYMOUS };
  const app = createApp({
    db,
    readDb,
    auth,
    notifier,
    publicUrl,
    logger,
    uploadLimits,
    writeLimits,
    webDist: env.WEB_DIST,
    trustedProxies: env.RONGHE_TRUSTED_PROXIES,
    invitationsPerDay: env.RONGHE_INVITATIONS_PER_DAY,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => resolve(s as Server));
    s.once('error', reject);
    // A client that keeps an idle connection longer than the server (nginx's upstream keepalive: 60 s; Node's
    // default: 5 s) can send a request just as the server closes it, and gets a reset: a lost POST. The server
    // keeps idle connections longer than its clients do, so they close first.
    const http = s as Server;
    http.keepAliveTimeout = KEEP_ALIVE_MS;
    http.headersTimeout = KEEP_ALIVE_MS + 1_000;
  }).catch(async (error: NodeJS.ErrnoException) => {
    await db.close();
    if (error.code === 'EADDRINUSE') throw new StartupError(`端口 ${env.PORT} 已被占用 (port in use): set PORT to another port`);
    throw error;
  });
  // The background jobs start a moment after the server listens: loading pg-boss (≈0.4 s of CPU) and starting it
  // (installing its schema on a first start) then does not delay the first health checks. A process stopped before
  // then never starts them. Another process's jobs cover for one whose jobs fail to start.
  let cancelJobs = () => {};
  const jobs = new Promise<Jobs | null>((resolve) => {
    const timer = setTimeout(() => {
      cancelJobs = () => {};
      void (async () => {
        const started = performance.now();
        const { startJobs } = await import('@ronghe/api/jobs');
        const running = await startJobs(db, {
          onError: (error) => logger.error({ err: error }, 'background job failed'),
          onDone: (queue, result) => logger.info({ job: queue, ...result }, 'background job done'),
          everySeconds: env.RONGHE_JOBS_EVERY_SECONDS,
          transports,
          onDelivery: (id, outcome) => logger.info({ message: id, outcome }, 'message delivery'),
          retention: { agreementDays: env.RONGHE_AGREEMENT_RETENTION_DAYS },
        });
        deliverSoon = (id) =>
          void running.deliver(id).catch((error: unknown) => logger.error({ err: error, message: id }, 'could not queue a delivery'));
        logger.info({ ms: Math.round(performance.now() - started) }, 'background jobs started');
        return running;
      })()
        .catch((error: unknown) => {
          logger.error({ err: error }, 'background jobs did not start in this process (no expiries or snapshots from it until restarted)');
          return null;
        })
        .then(resolve);
    }, JOBS_START_DELAY_MS);
    cancelJobs = () => {
      clearTimeout(timer);
      resolve(null);
    };
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      // Stop accepting, let in-flight requests finish, stop the job workers (a job in hand finishes), then
      // close the database so PGlite is flushed.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      cancelJobs();
      await (await jobs)?.stop().catch((error: unknown) => logger.error({ err: error }, 'background jobs did not stop cleanly'));
      smtp?.close();
      await readDb?.close();
      await db.close();
    })();
    return closing;
  };
  return { url, db, jobs, close };
}
