import cluster from 'node:cluster';
import { sql } from 'kysely';
import pino from 'pino';
import { buildApp } from './app';
import type { Config } from './config';
import { createDatabase, type Db } from './db/database';
import { migrateToLatest } from './db/migrator';
import { jobs } from './jobs';
import { type Scheduler, startScheduler } from './jobs/scheduler';
import { DEMO_STAFF, demoPasswordFor, seedDemoIfEmpty } from './seed/demo';

/**
 * Runs the web server. With `workers` > 1 the primary process migrates and seeds once, runs the
 * background jobs, and forks that many HTTP workers sharing the port (node:cluster); sessions,
 * carts, the outbox and holds are in the database, so any worker can serve any request.
 */
export async function serve(config: Config, options: { workers?: number } = {}): Promise<void> {
  const workers = Math.max(1, options.workers ?? 1);
  const logger = pino({ level: config.logLevel });

  if (cluster.isWorker) {
    await runHttp(config, logger, { jobs: false });
    return;
  }

  warnIfPlainHttp(config, logger);
  const database = createDatabase(config.database, { poolSize: 2 });
  await migrateWhenReady(database.db, logger);
  let demoPassword: string | null = null;
  if (config.seedDemo) {
    const password = demoPasswordFor(config.env);
    const seeded = await seedDemoIfEmpty(database.db, {
      now: new Date(),
      dataDir: config.dataDir,
      log: (line) => logger.info(line),
      password,
    });
    if (seeded) logger.info('demo data created');
    if (seeded || config.env === 'development') demoPassword = password;
  }

  if (workers === 1) {
    await database.close();
    await runHttp(config, logger, { jobs: config.inProcessWorker });
    announce(config, 1, demoPassword);
    return;
  }

  let scheduler: Scheduler | undefined;
  if (config.inProcessWorker) {
    scheduler = startScheduler(jobs, { database, config, now: () => new Date(), log: logger });
  }
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code }, 'worker exited; starting a new one');
    cluster.fork();
  });
  announce(config, workers, demoPassword);
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    await scheduler?.stop();
    await database.close();
    const wait = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    }, 100);
    setTimeout(() => process.exit(1), 15_000).unref();
    wait.unref();
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

/**
 * Production over plain http works (cookies are Secure only over https), but passwords and session
 * cookies then cross the network readable: say so once, at start-up, unless TLS is served here or a
 * trusted proxy terminates it.
 */
export function warnIfPlainHttp(config: Config, logger: pino.Logger) {
  if (config.env !== 'production' || config.tls || config.trustProxy) return;
  logger.warn(
    'production is serving plain http without TLS_CERT_FILE or TRUST_PROXY: cookies are sent without ' +
      'the Secure flag and passwords travel unencrypted. Put TMM behind an https proxy (TRUST_PROXY=true), ' +
      'give it a certificate (TLS_CERT_FILE, TLS_KEY_FILE), and set REQUIRE_HTTPS=true to redirect http to https.',
  );
}

/**
 * Applies migrations, waiting for the database first: in Compose the database container may still be
 * starting (30 attempts, one second apart, as the old entrypoint did).
 */
async function migrateWhenReady(db: Db, logger: pino.Logger) {
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`select 1`.execute(db);
      break;
    } catch (error) {
      if (attempt >= 30) throw error;
      logger.warn({ attempt, err: (error as Error).message }, 'database not ready; retrying');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  await migrateToLatest(db);
}

function announce(config: Config, workers: number, demoPassword: string | null) {
  const where = config.database.dialect === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL';
  const procs = workers > 1 ? `, ${workers} procesos` : '';
  console.log(`\nTMM está funcionando en ${config.publicUrl}  (base de datos: ${where}${procs})`);
  if (demoPassword && config.env === 'development')
    console.log(`Acceso de gestión (demo): ${DEMO_STAFF.email} / ${demoPassword}\n`);
  else if (demoPassword)
    console.log(
      `Acceso de gestión (demo, contraseña generada para esta instalación; guárdala, no se vuelve a mostrar): ${DEMO_STAFF.email} / ${demoPassword}\n`,
    );
}

async function runHttp(config: Config, logger: pino.Logger, options: { jobs: boolean }) {
  const database = createDatabase(config.database);
  const app = await buildApp({ database, config, logger });
  // A launch opens thousands of connections at once; the default backlog (511) drops SYNs, which
  // clients only retry after 1–3 s. The kernel caps this at net.core.somaxconn.
  await app.listen({ port: config.port, host: config.host, backlog: 4096 });
  const scheduler = options.jobs
    ? startScheduler(jobs, { database, config, now: () => new Date(), log: logger })
    : undefined;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // A hung request must not keep the process alive forever.
    setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await app.close();
      await scheduler?.stop();
      await database.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
