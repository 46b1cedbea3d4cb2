import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createDb, type Database } from '@ronghe/db/client';
import { prepareDatabase } from '@ronghe/db/seed';
import { createApp } from './app.ts';
import { redactUrl, type Env } from './env.ts';
import type { Logger } from './logger.ts';

export class StartupError extends Error {}

export type RunningServer = { url: string; db: Database; close: () => Promise<void> };

async function openDatabase(env: Env, logger: Logger): Promise<Database> {
  if (!env.DATABASE_URL) {
    logger.info({ engine: 'pglite', dataDir: env.RONGHE_DATA_DIR }, 'opening embedded database');
    return createDb({ engine: 'pglite', dataDir: env.RONGHE_DATA_DIR });
  }
  const db = await createDb({ engine: 'postgres', url: env.DATABASE_URL });
  if (!(await db.ping())) {
    await db.close().catch(() => {});
    throw new StartupError(`无法连接数据库 (cannot reach the database) at ${redactUrl(env.DATABASE_URL)}: is the server running and the URL right?`);
  }
  logger.info({ engine: 'postgres', url: redactUrl(env.DATABASE_URL) }, 'connected to PostgreSQL');
  return db;
}

/** Opens the database, migrates and seeds it, and serves HTTP. */
export async function startServer(env: Env, logger: Logger): Promise<RunningServer> {
  const db = await openDatabase(env, logger);
  try {
    const started = performance.now();
    const { demoLoaded } = await prepareDatabase(db, { demo: env.RONGHE_DEMO });
    logger.info({ ms: Math.round(performance.now() - started), demoLoaded }, 'database ready');
  } catch (error) {
    await db.close();
    throw error;
  }

  const app = createApp({ db, logger, webDist: env.WEB_DIST });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => resolve(s as Server));
    s.once('error', reject);
  }).catch(async (error: NodeJS.ErrnoException) => {
    await db.close();
    if (error.code === 'EADDRINUSE') throw new StartupError(`端口 ${env.PORT} 已被占用 (port in use): set PORT to another port`);
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      // Stop accepting, let in-flight requests finish, then close the database so PGlite is flushed.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await db.close();
    })();
    return closing;
  };
  return { url, db, close };
}
