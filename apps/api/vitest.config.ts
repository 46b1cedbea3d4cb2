import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // tests that spawn server processes and wait on them: one retry in CI on a noisy 2-core machine
    retry: process.env.CI ? 1 : 0,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
