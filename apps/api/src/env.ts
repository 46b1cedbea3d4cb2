import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// The only place that reads process.env. Validated at boot; a bad value stops the server with one clear line.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0: any free port (tests)
    /** loopback unless told otherwise: a public address is a choice (docs/deploy.md) */
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .trim()
      .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), { message: 'must look like postgres://user:password@host:5432/database' })
      .optional(),
    /** a streaming replica of DATABASE_URL for read-heavy public pages (docs/deploy.md) */
    DATABASE_REPLICA_URL: z
      .string()
      .trim()
      .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), { message: 'must look like postgres://user:password@host:5432/database' })
      .optional(),
    RONGHE_DATA_DIR: z.string().min(1).default(`${repoRoot}.data`),
    /** demo organisations and accounts; unset: on only on loopback outside production (demoByDefault) */
    RONGHE_DEMO: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true')),
    /** the demo admin's password (tests, scripted demos); unset: generated on the first start and printed once */
    RONGHE_DEMO_ADMIN_PASSWORD: z.string().min(8).max(128).optional(),
    WEB_DIST: z.string().min(1).default(`${repoRoot}apps/web/dist`),
    /** signs session cookies; without it a random secret is kept in the database */
    RONGHE_AUTH_SECRET: z.string().min(32).optional(),
    /** the address users reach Ronghe at (links in invitations; https makes cookies Secure) */
    RONGHE_PUBLIC_URL: z.url().optional(),
    /** on start, make sure this platform admin exists (with RONGHE_ADMIN_PASSWORD) */
    RONGHE_ADMIN_EMAIL: z.email().optional(),
    RONGHE_ADMIN_PASSWORD: z.string().min(8).optional(),
    /** addresses of reverse proxies (nginx) whose X-Forwarded-For names the client, comma-separated */
    RONGHE_TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      ),
    /** tests only: also queue the expiry job every this many seconds (docs/decisions/010-background-jobs.md) */
    RONGHE_JOBS_EVERY_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
    /** writes (tRPC mutations) a minute per signed-in user, and per address for anonymous callers; 0 turns a limit off (docs/decisions/011-security.md) */
    RONGHE_WRITE_LIMIT: z.coerce.number().int().min(0).optional(),
    RONGHE_WRITE_LIMIT_ANONYMOUS: z.coerce.number().int().min(0).optional(),
    /**
     * uploads (POST /api/files) a day, Beijing time, per user and per organisation; unset: 200 files and 200 MB a user, 1000 files and 1024 MB an
     * organisation
     */
    RONGHE_UPLOAD_FILES_PER_USER: z.coerce.number().int().min(1).max(1_000_000).optional(),
    RONGHE_UPLOAD_MB_PER_USER: z.coerce.number().int().min(1).max(1_000_000).optional(),
    RONGHE_UPLOAD_FILES_PER_ORGANIZATION: z.coerce.number().int().min(1).max(1_000_000).optional(),
    RONGHE_UPLOAD_MB_PER_ORGANIZATION: z.coerce.number().int().min(1).max(1_000_000).optional(),
    /** invitations (by email or text message) an organisation may send in 24 hours; beyond, refused (docs/security.md, messenger) */
    RONGHE_INVITATIONS_PER_DAY: z.coerce.number().int().min(1).max(100_000).default(50),
    /** the SMTP server email goes through, as nodemailer takes it (smtp://user:pass@host:587, smtps://… for TLS); unset: emails stay in the outbox for admins */
    SMTP_URL: z
      .string()
      .trim()
      .refine((v) => /^smtps?:\/\/.+/.test(v), { message: 'must look like smtp://user:password@host:587 or smtps://…' })
      .optional(),
    /** days an internship agreement scan is kept after its placement ends (PIPL: no longer than needed); then deleted */
    RONGHE_AGREEMENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /** the sender of Ronghe's emails */
    RONGHE_MAIL_FROM: z.string().min(3).default('融合 Ronghe <noreply@ronghe.local>'),
    /**
     * how text messages go out: unset (or `none`), they stay in the outbox for admins; `log`, written to the server log
     * (development); `aliyun`, through Alibaba Cloud SMS with the ALIYUN_SMS_* settings below (services/sms-transport.ts)
     */
    RONGHE_SMS: z.enum(['none', 'log', 'aliyun']).default('none'),
    ALIYUN_SMS_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
    ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().trim().min(1).optional(),
    /** the registered SMS signature (签名), e.g. 融合平台 */
    ALIYUN_SMS_SIGN_NAME: z.string().trim().min(1).optional(),
    /** the approved template for one-time codes, with the variable ${code} */
    ALIYUN_SMS_CODE_TEMPLATE: z.string().trim().min(1).optional(),
    /** an approved template for notices, with the variable ${content}; unset: notices by text stay in the outbox */
    ALIYUN_SMS_NOTICE_TEMPLATE: z.string().trim().min(1).optional(),
    ALIYUN_SMS_ENDPOINT: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.ALIYUN_SMS_ENDPOINT && !/^https:\/\//.test(env.ALIYUN_SMS_ENDPOINT))
      ctx.addIssue({ code: 'custom', path: ['ALIYUN_SMS_ENDPOINT'], message: 'must be an https:// address' });
    if (env.RONGHE_SMS !== 'aliyun') return;
    for (const key of [
      'ALIYUN_SMS_ACCESS_KEY_ID',
      'ALIYUN_SMS_ACCESS_KEY_SECRET',
      'ALIYUN_SMS_SIGN_NAME',
      'ALIYUN_SMS_CODE_TEMPLATE',
    ] as const)
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when RONGHE_SMS=aliyun' });
  });

export type Env = Omit<z.infer<typeof envSchema>, 'RONGHE_DEMO'> & { RONGHE_DEMO: boolean };

/** Whether `host` is a loopback address: only this machine can reach a server listening there. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Demo mode's default: on for a server only this machine reaches, outside production. Anywhere else demo accounts
 * (with a published password) must be asked for with RONGHE_DEMO=true, and the server warns at every start.
 */
export const demoByDefault = (env: { HOST: string; NODE_ENV?: string | undefined }) =>
  isLoopback(env.HOST) && env.NODE_ENV !== 'production';

export class EnvError extends Error {}

/** The validated environment; a variable set to the empty string counts as unset (`RONGHE_DEMO= npm start`). */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== '')));
  if (result.success) return { ...result.data, RONGHE_DEMO: result.data.RONGHE_DEMO ?? demoByDefault(result.data) };
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new EnvError(`环境变量无效 (invalid environment): ${problems}`);
}

/** A database URL with its password hidden, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
