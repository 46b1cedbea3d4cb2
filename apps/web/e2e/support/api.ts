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

/**
 * A verified organisation and its owner's session, set up through the API. Safe to repeat (CI retries a failed
 * step once): an account that exists is signed in to, and its organisation reused.
 */
export async function verifiedOwner(
  baseUrl: string,
  account: { identifier: string; password: string; name: string },
  organization: Record<string, unknown>,
): Promise<{ cookie: string; organizationId: string }> {
  const owner = await callApi(baseUrl, 'account.signUp', account).catch(() =>
    callApi(baseUrl, 'account.signIn', { identifier: account.identifier, password: account.password }),
  );
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
