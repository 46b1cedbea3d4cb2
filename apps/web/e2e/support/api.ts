/** Calls a tRPC procedure over HTTP from the test process (setup steps that are not the journey's point). */
export async function callApi<T>(baseUrl: string, path: string, input: unknown, opts: { cookie?: string; query?: boolean } = {}): Promise<{ data: T; cookie: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(opts.cookie ? { cookie: opts.cookie } : {}) };
  const res = opts.query
    ? await fetch(`${baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers })
    : await fetch(`${baseUrl}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify({ json: input }) });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!res.ok || !body.result) throw new Error(`${path} failed: ${res.status} ${JSON.stringify(body.error)}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { data: body.result.data.json, cookie: cookie || opts.cookie || '' };
}
