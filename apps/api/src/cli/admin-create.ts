import { parseArgs } from 'node:util';
import { createAuth } from '@ronghe/api/auth';
import { ensureUser } from '@ronghe/api/services/accounts';
import { getOrCreateSecret } from '@ronghe/db/queries/meta';
import { prepareDatabase } from '@ronghe/db/seed';
import { passwordSchema } from '@ronghe/domain/account';
import { readEnv } from '../env.ts';
import { openConfiguredDatabase } from './database.ts';

// npm run admin:create -- --email admin@jw.beijing.gov.cn --password '…' [--name 张三]
// Creates a platform admin (the education commission), or grants admin to an existing account.

const { values } = parseArgs({
  options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string', default: '平台管理员' } },
});
if (!values.email || !values.password) {
  process.stderr.write('usage: npm run admin:create -- --email EMAIL --password PASSWORD [--name NAME]\n');
  process.exit(2);
}
if (!passwordSchema.safeParse(values.password).success) {
  process.stderr.write('the password needs at least 8 characters with both letters and digits\n');
  process.exit(2);
}
const env = readEnv();
const db = await openConfiguredDatabase();
try {
  await prepareDatabase(db, { demo: false });
  const auth = createAuth(db, {
    secret: env.RONGHE_AUTH_SECRET ?? (await getOrCreateSecret(db, 'auth_secret')),
    baseURL: env.RONGHE_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
  });
  const { created } = await ensureUser(auth, db, {
    email: values.email.toLowerCase(),
    password: values.password,
    name: values.name ?? '平台管理员',
    isPlatformAdmin: true,
  });
  process.stdout.write(
    created ? `platform admin ${values.email} created\n` : `${values.email} existed; it is now a platform admin (password unchanged)\n`,
  );
} finally {
  await db.close();
}
