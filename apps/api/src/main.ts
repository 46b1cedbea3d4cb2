import { DataDirInUseError } from '@ronghe/db/client';
import { EnvError, readEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { StartupError, startServer } from './server.ts';

// Entry point: `node --import tsx src/main.ts` (npm start), so signals reach this process directly.

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let env;
  try {
    env = readEnv();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(env.LOG_LEVEL);
  const bootStarted = performance.now();
  let running;
  try {
    running = await startServer(env, logger);
  } catch (error) {
    if (error instanceof StartupError || error instanceof DataDirInUseError || error instanceof EnvError) {
      process.stderr.write(`Ronghe 无法启动: ${error.message}\n`);
    } else {
      logger.fatal({ err: error }, 'start-up failed');
    }
    process.exit(1);
  }
  logger.info(
    { url: running.url, engine: running.db.engine, bootMs: Math.round(performance.now() - bootStarted) },
    `Ronghe 融合 is serving at ${running.url}`,
  );

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('graceful shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    running
      .close()
      .then(() => {
        logger.info('stopped cleanly');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

await main();
