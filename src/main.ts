import pino from 'pino';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createDatabase } from './db/database';
import { migrateToLatest } from './db/migrator';
import { DEMO_STAFF, seedDemoIfEmpty } from './db/seed/demo';
import { jobs } from './jobs';
import { type Scheduler, startScheduler } from './jobs/scheduler';

/** Process entry: config, database, migrations, demo data on a new database, listen, graceful close. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel });
  const database = createDatabase(config.database);
  await migrateToLatest(database.db);
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(database.db, { now: new Date(), log: (line) => logger.info(line) });
    if (seeded) logger.info('demo data created');
  }

  const app = await buildApp({ database, config, logger });
  await app.listen({ port: config.port, host: config.host });
  let scheduler: Scheduler | undefined;
  if (config.inProcessWorker) {
    scheduler = startScheduler(jobs, { database, config, now: () => new Date(), log: logger });
  }

  const where = config.database.dialect === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL';
  console.log(`\nTMM está funcionando en ${config.publicUrl}  (base de datos: ${where})`);
  if (config.seedDemo)
    console.log(`Acceso de gestión (demo): ${DEMO_STAFF.email} / ${DEMO_STAFF.password}\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // A second signal, or a hung request, must not keep the process alive forever.
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
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

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
