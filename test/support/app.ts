import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { type Config, loadConfig } from '../../src/config';
import type { Dialect } from '../../src/db/database';
import { createTestDb, type TestDb } from './db';

/** A clock tests can set and move; services read it through ctx.now. */
export class TestClock {
  constructor(public current = new Date('2026-03-02T15:00:00.000Z')) {}
  now = () => new Date(this.current.getTime());
  set(iso: string | Date) {
    this.current = new Date(iso);
  }
  advanceHours(hours: number) {
    this.current = new Date(this.current.getTime() + hours * 3600_000);
  }
}

export type TestApp = {
  app: FastifyInstance;
  database: TestDb;
  config: Config;
  clock: TestClock;
  close: () => Promise<void>;
};

export function testConfig(database: TestDb, env: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tmm-data-'));
  const base = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    IN_PROCESS_WORKER: 'false',
    ...env,
  });
  return { ...base, database: database.config };
}

/**
 * The whole application on a fresh database of this project's dialect, ready for app.inject().
 * Pass `database` to share one between several apps (two processes' worth of state).
 */
export async function buildTestApp(
  options: {
    dialect?: Dialect;
    database?: TestDb;
    clock?: TestClock;
    env?: Record<string, string>;
    /** Off by default: tests change data and read pages again at once, on a frozen clock. */
    pageCache?: boolean;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDb(options.dialect));
  const clock = options.clock ?? new TestClock();
  const config = testConfig(database, options.env);
  const app = await buildApp({ database, config, clock: clock.now, pageCache: options.pageCache ?? false });
  await app.ready();
  return {
    app,
    database,
    config,
    clock,
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}
