import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Config } from '../../src/config';
import { createDatabase, type Database, type Dialect } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';

/** The dialect of the vitest project running this file (sqlite or postgres). */
export function testDialect(): Dialect {
  return process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

export type TestDb = Database & { config: Config['database']; drop: () => Promise<void> };

/** The PostgreSQL server URL of this run (provided by the postgres project's global setup). */
export function postgresServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? inject('postgresUrl');
  if (!url)
    throw new Error(
      'No hay PostgreSQL para las pruebas: el proyecto "postgres" de vitest lo inicia (o define TEST_DATABASE_URL).',
    );
  return url;
}

/** An empty database of its own: a new SQLite file, or a new database on the test PostgreSQL. */
export async function createEmptyTestDb(dialect: Dialect = testDialect()): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tmm-sqlite-'));
    const config = { dialect: 'sqlite' as const, file: path.join(dir, 'test.sqlite') };
    const database = createDatabase(config);
    return {
      ...database,
      config,
      drop: async () => {
        await database.close().catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = new URL(postgresServerUrl());
  const name = `tmm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  const config = { dialect: 'postgres' as const, url: dbUrl.toString() };
  const database = createDatabase(config, { poolSize: 20 });
  return {
    ...database,
    config,
    drop: async () => {
      await database.close().catch(() => {});
      const client = new pg.Client({ connectionString: serverUrl.toString() });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** A migrated database of its own for one test file. Call drop() in afterAll. */
export async function createTestDb(dialect: Dialect = testDialect()): Promise<TestDb> {
  const database = await createEmptyTestDb(dialect);
  await migrateToLatest(database.db);
  return database;
}
