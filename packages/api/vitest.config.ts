import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./vitest.global-setup.ts'],
    // test files are independent (a database each) and mostly wait on one CPU-bound engine: two at a time on 2 cores
    // (vitest's default here is cores - 1 = one file at a time)
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
