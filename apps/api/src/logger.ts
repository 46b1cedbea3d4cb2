import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs on stdout; secrets are redacted by path. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'ronghe' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password', 'databaseUrl'],
  });
}
