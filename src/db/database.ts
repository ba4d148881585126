import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import {
  CamelCasePlugin,
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type Transaction,
} from 'kysely';
import type pg from 'pg';
import type { Config } from '../config';
import type { DB } from './schema';
import { SqliteBooleanPlugin } from './sqlite-boolean-plugin';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

export type Database = {
  db: Db;
  dialect: Dialect;
  close: () => Promise<void>;
};

// Each process loads only its own database's driver: the other would cost memory for nothing
// (pg alone is ~15 MB of a process's RSS; issue 15).
const require = createRequire(import.meta.url);

let pgModule: typeof pg | undefined;
function loadPg(): typeof pg {
  if (pgModule) return pgModule;
  const loaded = require('pg') as typeof pg;
  // Decode once, here, so every query sees the same JS values on both dialects:
  // timestamps as ISO strings, dates as "YYYY-MM-DD", bigint counts/sums as numbers
  // (CLP totals stay far below 2^53).
  loaded.types.setTypeParser(loaded.types.builtins.TIMESTAMPTZ, (v) => new Date(v).toISOString());
  loaded.types.setTypeParser(loaded.types.builtins.TIMESTAMP, (v) => new Date(`${v}Z`).toISOString());
  loaded.types.setTypeParser(loaded.types.builtins.DATE, (v) => v);
  loaded.types.setTypeParser(loaded.types.builtins.INT8, (v) => Number(v));
  loaded.types.setTypeParser(loaded.types.builtins.NUMERIC, (v) => Number(v));
  pgModule = loaded;
  return loaded;
}

/**
 * SQLite's default BEGIN is DEFERRED: two processes that both read and then write deadlock
 * into SQLITE_BUSY. BEGIN IMMEDIATE takes the write lock up front and waits (busy_timeout)
 * instead, which is what several app processes on one WAL file need.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Statements kept prepared per connection; the app runs a few hundred distinct ones. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite driver prepares every query anew, and preparing (parsing and planning the SQL)
 * cost more CPU than running most of our queries (issue 15's profile: 6 % of the server's time).
 * The same SQL text always gives the same statement, so each connection keeps the statements it
 * prepared, bounded (least recently used goes first). better-sqlite3 runs a statement to
 * completion before it returns, so one statement is never in use twice at once.
 */
function cacheStatements(conn: SQLite.Database): SQLite.Database {
  const prepare = conn.prepare.bind(conn);
  const statements = new Map<string, SQLite.Statement>();
  conn.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (statement) {
      statements.delete(source);
    } else {
      statement = prepare(source);
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
    }
    statements.set(source, statement);
    return statement;
  }) as typeof conn.prepare;
  return conn;
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const Sqlite = require('better-sqlite3') as typeof SQLite;
  const conn = new Sqlite(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('foreign_keys = ON');
  conn.pragma('busy_timeout = 5000');
  conn.pragma('synchronous = NORMAL');
  return cacheStatements(conn);
}

export function createDatabase(config: Config['database'], options: { poolSize?: number } = {}): Database {
  if (config.dialect === 'sqlite') {
    const conn = openSqlite(config.file);
    const db = new Kysely<DB>({
      dialect: new ImmediateSqliteDialect({ database: conn }),
      plugins: [new SqliteBooleanPlugin(), new CamelCasePlugin()],
    });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new (loadPg().Pool)({
    connectionString: config.url,
    max: options.poolSize ?? 10,
    // A lock wait longer than this is a bug or an overload: fail and let the caller retry once.
    options: '-c lock_timeout=5000 -c statement_timeout=30000',
  });
  // An idle connection can be closed by the server (restart, failover, idle timeout). Without a
  // listener that 'error' event would crash the process; the pool already drops the broken client
  // and the next query opens a new one, so there is nothing more to do here.
  pool.on('error', () => {});
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** True when the database answers a trivial query (the health check). */
export async function databaseAnswers(db: Db): Promise<boolean> {
  await sql`select 1`.execute(db);
  return true;
}
