import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// SSRF needs a server that fetches what a user names. Ronghe's server makes no outbound HTTP request at all:
// links users enter (evidence of a reported indicator value) are stored and shown, never fetched. This keeps it so:
// any outbound call in server code has to be added here on purpose, with an allow-list of hosts.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const serverCode = ['apps/api/src', 'packages/api/src', 'packages/db/src', 'packages/domain/src'];
const outbound = /\bfetch\s*\(|\bhttps?\.(request|get)\s*\(|\bnet\.connect\s*\(|from ['"](undici|axios|got|node-fetch)['"]/;
// test helpers and tests call our own server, and scratch files (zz-*) are imported by nothing: none is served
const notServed = (path: string) => /\.test\.ts$|test-support\.ts$|\/testing\.ts$|\/zz-[^/]*$/.test(path);
// calls added on purpose: each to a host the operator configures, never one a user names
const allowed = new Set([
  // Alibaba Cloud SMS: https://dysmsapi.aliyuncs.com/ or ALIYUN_SMS_ENDPOINT (https only, apps/api env.ts)
  'packages/api/src/services/sms-transport.ts',
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('no server-side requests (SSRF)', () => {
  it('finds no outbound HTTP call in the code the server runs', () => {
    const files = serverCode.flatMap((dir) => sources(join(root, dir))).filter((f) => !notServed(f) && !allowed.has(relative(root, f)));
    expect(files.length).toBeGreaterThan(50);
    const calls = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line: line.trim(), at: `${relative(root, file)}:${i + 1}` }))
        .filter(({ line }) => !line.startsWith('//') && !line.startsWith('*') && outbound.test(line))
        .map(({ at, line }) => `${at}: ${line.slice(0, 120)}`),
    );
    expect(calls).toEqual([]);
  });
});
