import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { DEMO_PASSWORD } from './api.ts';
import { launchBrowser, screenshotDir, type TestBrowser } from './browser.ts';
import { startTestServer, type TestServer } from './server.ts';

export type Journey = {
  server: TestServer;
  browser: TestBrowser;
  /** Signs the browser in as that account (cookies of any earlier account cleared first). */
  signIn: (page: Page, identifier: string, password?: string) => Promise<void>;
};

export { DEMO_PASSWORD };

/** Where a failed journey step leaves what its pages showed; .ci/run prints it next to the failure. */
export const failureContextFile = join(screenshotDir, '..', 'journey-failures.txt');

/**
 * One real server (fresh database) and one Chromium for the test file; both stopped afterwards. `serverEnv` adds to
 * the server's environment, e.g. SMTP_URL of a mailbox the test started.
 */
export function startJourney(opts: { serverEnv?: () => Record<string, string> } = {}): Journey {
  const journey = {
    async signIn(page, identifier, password = DEMO_PASSWORD) {
      await journey.browser.context.clearCookies();
      const res = await page.request.post(`${journey.server.url}/trpc/account.signIn`, { data: { json: { identifier, password } } });
      expect(res.status(), `sign-in as ${identifier}`).toBe(200);
    },
  } as Journey;
  beforeAll(async () => {
    journey.server = await startTestServer(opts.serverEnv?.());
    journey.browser = await launchBrowser();
  });
  // a failed step leaves its page open: record where it was and what it said, with a screenshot
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail' || !journey.browser) return;
    const attempt = (task.result.retryCount ?? 0) + 1;
    const pages = journey.browser.context.pages();
    const page = pages[pages.length - 1];
    if (!page) return;
    const slug = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
    const main = page.locator('main');
    const text = await ((await main.count()) ? main.first() : page.locator('body')).innerText({ timeout: 3_000 }).catch(() => '(no text)');
    await page.screenshot({ path: join(screenshotDir, `failed-${slug}.png`), fullPage: true, timeout: 5_000 }).catch(() => undefined);
    mkdirSync(screenshotDir, { recursive: true });
    const path = new URL(page.url()).pathname;
    appendFileSync(failureContextFile, `${task.name} (attempt ${attempt}) — at ${path}: ${text.replace(/\s+/g, ' ').slice(0, 500)}\n`);
    // and what the server wrote (warnings and errors only: LOG_LEVEL=warn), its last lines
    const logs = journey.server?.logs().trim().split('\n').filter(Boolean).slice(-5) ?? [];
    for (const line of logs) appendFileSync(failureContextFile, `${task.name} (attempt ${attempt}) — server: ${line.slice(0, 300)}\n`);
  });
  afterAll(async () => {
    await journey.browser?.close();
    await journey.server?.stop();
  });
  return journey;
}
