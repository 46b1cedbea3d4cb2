/** The seeded demo accounts' password (apps/api seed). */
export const DEMO_PASSWORD = 'ronghe2027demo';

/** Calls a tRPC procedure over HTTP from the test process (setup steps that are not the journey's point). */
export async function callApi<T>(
  baseUrl: string,
  path: string,
  input: unknown,
  opts: { cookie?: string; query?: boolean } = {},
): Promise<{ data: T; cookie: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(opts.cookie ? { cookie: opts.cookie } : {}) };
  const res = opts.query
    ? await fetch(`${baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers })
    : await fetch(`${baseUrl}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify({ json: input }) });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!res.ok || !body.result) throw new Error(`${path} failed: ${res.status} ${JSON.stringify(body.error)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { data: body.result.data.json, cookie: cookie || opts.cookie || '' };
}

type OutboxItem = { recipient: string; purpose: string; body: string | null };

/**
 * The newest verification code sent to `recipient`, read from the outbox as a platform admin reads it there (the
 * journeys' servers have no SMTP: messages are held). Waits for it: the code is written as the sign-up answers.
 */
export async function codeFromOutbox(baseUrl: string, recipient: string): Promise<string> {
  const admin = await callApi(baseUrl, 'account.signIn', { identifier: 'admin@demo.ronghe.cn', password: DEMO_PASSWORD });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const outbox = await callApi<{ items: OutboxItem[] }>(
      baseUrl,
      'admin.outbox',
      { pageSize: 100 },
      { cookie: admin.cookie, query: true },
    );
    const sent = outbox.data.items.find((m) => m.recipient === recipient && m.purpose === 'verification');
    const code = /\b(\d{6})\b/.exec(sent?.body ?? '')?.[1];
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`no verification code for ${recipient} in the outbox`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * Signs an account up through the API and finishes with the code sent to it (read from the outbox, or by `readCode`),
 * returning its session cookie. Safe to repeat: an account that exists already is signed in to.
 */
export async function signUpAndIn(
  baseUrl: string,
  account: { identifier: string; password: string; name: string },
  readCode: (baseUrl: string, identifier: string) => Promise<string> = codeFromOutbox,
): Promise<string> {
  try {
    await callApi(baseUrl, 'account.signUp', { ...account, acceptPrivacy: true });
    const code = await readCode(baseUrl, account.identifier);
    return (await callApi(baseUrl, 'account.completeSignUp', { identifier: account.identifier, password: account.password, code })).cookie;
  } catch {
    // registered on an earlier try (a retried step): the sign-up answered alike and its old code is spent
    return (await callApi(baseUrl, 'account.signIn', { identifier: account.identifier, password: account.password })).cookie;
  }
}

/**
 * A verified organisation and its owner's session, set up through the API. Safe to repeat (CI retries a failed
 * step once): an account that exists is signed in to, and its organisation reused.
 */
export async function verifiedOwner(
  baseUrl: string,
  account: { identifier: string; password: string; name: string },
  organization: Record<string, unknown>,
  /** where the sign-up's code is read: the outbox (servers without SMTP), or a test's mailbox */
  readCode?: (baseUrl: string, identifier: string) => Promise<string>,
): Promise<{ cookie: string; organizationId: string }> {
  const owner = { cookie: await signUpAndIn(baseUrl, account, readCode) };
  const me = await callApi<{ memberships: Array<{ organizationId: string }> }>(baseUrl, 'account.me', undefined, {
    cookie: owner.cookie,
    query: true,
  });
  const organizationId =
    me.data.memberships[0]?.organizationId ??
    (await callApi<{ id: string }>(baseUrl, 'organizations.create', organization, { cookie: owner.cookie })).data.id;
  const admin = await callApi(baseUrl, 'account.signIn', { identifier: 'admin@demo.ronghe.cn', password: DEMO_PASSWORD });
  await callApi(baseUrl, 'admin.verify', { id: organizationId }, { cookie: admin.cookie }).catch(() => undefined); // verified already on a retry
  return { cookie: owner.cookie, organizationId };
}
