import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { buildApp } from '../../src/app';
import { createDatabase } from '../../src/db/database';
import { testConfig } from '../support/app';
import type { TestDb } from '../support/db';
import { unique } from '../support/factories';
import { createSessionCookies } from '../support/sessions';

/**
 * The servers a race test sends its crowd to, sharing one database: another app instance in this
 * process with its own connection pool, and a real second OS process (server-process.ts). Requests
 * spread over both race through separate pools and processes, as under a real deployment.
 */
export type RaceServer = { url: string; close: () => Promise<void> };

/** One more app instance with its own connection (pool) to the same database. */
export async function appInstance(database: TestDb, sessionSecret: string): Promise<RaceServer> {
  const own = createDatabase(database.config, { poolSize: 20 });
  const app = await buildApp({
    database: own,
    config: testConfig(database, { SESSION_SECRET: sessionSecret }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await own.close();
    },
  };
}

/** A real second OS process running the app (tsx), sharing the database file or server. */
export async function processInstance(database: TestDb, sessionSecret: string): Promise<RaceServer> {
  const databaseUrl =
    database.config.dialect === 'sqlite' ? `sqlite:${database.config.file}` : database.config.url;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'server-process.ts')],
    {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        SESSION_SECRET: sessionSecret,
        LOG_LEVEL: 'silent',
        IN_PROCESS_WORKER: 'false',
        SEED_DEMO: 'false',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the second process did not start in 30 s')), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`the second process exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * `count` customer accounts with a logged-in session each, inserted in bulk (a crowd of hundreds
 * signs up in a blink), named `<tag>-<i>@example.cl`; of a company when given. Returns the tag (to
 * find their rows) and, in order, each one's customer id and session cookie.
 */
export async function crowdOfCustomers(
  database: TestDb,
  sessionSecret: string,
  count: number,
  options: { tag?: string; companyId?: number | null } = {},
) {
  const { db } = database;
  const tag = unique(options.tag ?? 'race');
  const companyId = options.companyId ?? null;
  const users = await db
    .insertInto('users')
    .values(
      Array.from({ length: count }, (_, i) => ({
        email: `${tag}-${i}@example.cl`,
        name: `Cliente ${i}`,
        passwordHash: 'not-a-login-account',
        role: 'customer' as const,
        emailVerifiedAt: new Date().toISOString(),
      })),
    )
    .returning(['id', 'email'])
    .execute();
  const customers = await db
    .insertInto('customers')
    .values(
      users.map((u, i) => ({
        fullName: `Cliente ${i}`,
        email: u.email,
        userId: u.id,
        searchText: u.email,
        companyId,
        customerType: companyId === null ? ('B2C' as const) : ('B2B' as const),
      })),
    )
    .returning('id')
    .execute();
  const cookies = await createSessionCookies(
    db,
    sessionSecret,
    users.map((u) => u.id),
  );
  return {
    tag,
    customers: users.map((u, i) => ({ customerId: customers[i]!.id, cookie: cookies.get(u.id)! })),
  };
}
