import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Paths that would hold a secret if a log call ever carried a request, a procedure's input or an error with either:
 * passwords, cookies and tokens, the auth secret, the database URL. Nothing logs them today (logs.test.ts checks the
 * whole output of a server process); these keep a careless `logger.info({ input })` from changing that.
 */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["set-cookie"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'password',
  '*.password',
  '*.*.password',
  'currentPassword',
  '*.currentPassword',
  '*.*.currentPassword',
  'newPassword',
  '*.newPassword',
  '*.*.newPassword',
  'secret',
  '*.secret',
  'sessionToken',
  '*.sessionToken',
  'databaseUrl',
  'DATABASE_URL',
  'RONGHE_AUTH_SECRET',
  'RONGHE_ADMIN_PASSWORD',
];

/** Structured JSON logs on stdout (or `destination`, for tests); secrets are redacted by path. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'ronghe' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: redactedPaths,
  };
  return destination ? pino(options, destination) : pino(options);
}
