import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Database tests open real SQLite files and PostgreSQL databases; two cores here.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
