import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // two journey files at a time, each with its own server, database and Chromium: on 2 cores a journey waits on
    // the browser and the server in turn, so two overlap well (≈ 30 % less wall time, measured)
    maxWorkers: 2,
    // one seeded database for every journey of the run (e2e/support/setup.ts)
    globalSetup: ['e2e/support/setup.ts'],
    // browser journeys on a noisy 2-core machine: one retry in CI, as Playwright's own runner does; .ci/run lists failures
    retry: process.env.CI ? 1 : 0,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
