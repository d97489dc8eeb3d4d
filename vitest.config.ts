import { defineConfig } from 'vitest/config';

// One runner for the whole repository: pure rules, HTTP tests on real databases, web components.
export default defineConfig({
  test: {
    // Two cores: PGlite instances and jsdom are heavy, so run two test files at a time.
    maxWorkers: 2,
    projects: [
      { test: { name: 'domain', include: ['packages/domain/src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.test.tsx', 'apps/web/src/**/*.test.ts'],
          environment: 'jsdom',
          // A first render of an antd page takes seconds under load; the DOM waits are 20 s each.
          testTimeout: 60_000,
          setupFiles: ['apps/web/src/test-setup.ts'],
        },
      },
    ],
  },
});
