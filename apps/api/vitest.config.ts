import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // test files are independent (a database each) and mostly wait on one CPU-bound engine: two at a time on 2 cores
    // (vitest's default here is cores - 1 = one file at a time)
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // tests that spawn server processes and wait on them: one retry in CI on a noisy 2-core machine
    retry: process.env.CI ? 1 : 0,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
