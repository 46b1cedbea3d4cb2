import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { startTestServer, type TestServer } from './server.ts';

export type Journey = { server: TestServer; browser: TestBrowser };

/** One real server (fresh database) and one Chromium for the test file; both stopped afterwards. */
export function startJourney(): Journey {
  const journey = {} as Journey;
  beforeAll(async () => {
    journey.server = await startTestServer();
    journey.browser = await launchBrowser();
  });
  afterAll(async () => {
    await journey.browser?.close();
    await journey.server?.stop();
  });
  return journey;
}
