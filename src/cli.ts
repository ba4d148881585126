import { parseArgs } from 'node:util';
import pino from 'pino';
import { type Config, ConfigError, loadConfig } from './config';
import { createDatabase, type Database } from './db/database';
import { migrateDown, migrateToLatest, migrationStatus } from './db/migrator';
import { runConsistencyChecks } from './domain/consistency';
import { createStaffUser, createTestUsers, writeUsersCsv } from './domain/users';
import { jobs } from './jobs';
import { startScheduler } from './jobs/scheduler';
import { DomainError } from './lib/errors';
import { DEMO_STAFF, demoPasswordFor, seedDemo } from './seed/demo';
import { seedScale } from './seed/scale';
import { serve } from './server';

/**
 * `tmm <command>`: the operator's tool. Exit codes: 0 ok, 1 failure, 2 usage or configuration error.
 * Each command is a small function of (database, argv); commands added by features register here.
 */

type Command = {
  summary: string;
  usage: string;
} & (
  | { run: (database: Database & { config: Config }, argv: string[]) => Promise<number> }
  /** Commands that manage their own process and connections (serve). */
  | { standalone: (command: Command, argv: string[]) => Promise<number> }
);

class UsageError extends Error {}

const commands: Record<string, Command> = {
  serve: {
    summary: 'Inicia el sitio web (con --workers N, varios procesos que comparten el puerto).',
    usage: 'tmm serve [--workers N]',
    standalone: runServe,
  },
  migrate: {
    summary: 'Aplica o revierte migraciones (latest, down, status).',
    usage: 'tmm migrate [latest|down|status]',
    run: async ({ db }, argv) => {
      const action = argv[0] ?? 'latest';
      if (action === 'latest') {
        const result = await migrateToLatest(db);
        const applied =
          result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
        console.log(
          applied.length
            ? `Migraciones aplicadas: ${applied.join(', ')}`
            : 'La base de datos ya está al día.',
        );
        return 0;
      }
      if (action === 'down') {
        const result = await migrateDown(db);
        const reverted = result.results?.map((r) => r.migrationName) ?? [];
        console.log(
          reverted.length
            ? `Migración revertida: ${reverted.join(', ')}`
            : 'No hay migraciones que revertir.',
        );
        return 0;
      }
      if (action === 'status') {
        for (const m of await migrationStatus(db)) {
          console.log(`${m.executedAt ? '✔ aplicada ' : '… pendiente'}  ${m.name}`);
        }
        return 0;
      }
      throw new UsageError(`Acción desconocida "${action}".`);
    },
  },
  seed: {
    summary:
      'Crea los datos de demostración (idempotente); con --scale N, además N× datos para medir rendimiento.',
    usage: 'tmm seed [--scale N]',
    run: async ({ db, config }, argv) => {
      const { values } = parseArgs({ args: argv, options: { scale: { type: 'string' } }, strict: true });
      const scale = values.scale === undefined ? 0 : Number(values.scale);
      if (values.scale !== undefined && (!Number.isInteger(scale) || scale < 1 || scale > 500))
        throw new UsageError('--scale debe ser un entero entre 1 y 500.');
      await migrateToLatest(db);
      const password = demoPasswordFor(config.env);
      const summary = await seedDemo(db, {
        now: new Date(),
        dataDir: config.dataDir,
        log: (line) => console.log(line),
        password,
      });
      if (!summary) console.log('Los datos de demostración ya existían: no se cambió nada.');
      else if (config.env !== 'development')
        console.log(
          `Acceso de gestión (demo, contraseña generada; guárdala): ${DEMO_STAFF.email} / ${password}`,
        );
      if (scale > 0) await seedScale(db, { scale, now: new Date(), log: (line) => console.log(line) });
      return 0;
    },
  },
  'create-test-users': {
    summary: 'Crea cuentas para pruebas de carga y escribe locust_users.csv.',
    usage: 'tmm create-test-users [--count 100] [--prefix locust] [--password locustpass]',
    run: async ({ db }, argv) => {
      const { values } = parseArgs({
        args: argv,
        options: {
          count: { type: 'string', default: '100' },
          prefix: { type: 'string', default: 'locust' },
          password: { type: 'string', default: 'locustpass' },
        },
        strict: true,
      });
      const count = Number(values.count);
      if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
        throw new UsageError('--count debe ser un entero entre 1 y 1000000.');
      if (!/^[a-z0-9_.-]{1,40}$/i.test(values.prefix))
        throw new UsageError('--prefix solo admite letras, números, ".", "_" y "-".');
      if (values.password.length < 4) throw new UsageError('--password debe tener al menos 4 caracteres.');
      await migrateToLatest(db);
      const input = { count, prefix: values.prefix, password: values.password };
      const started = Date.now();
      const result = await createTestUsers(db, input, { now: new Date() });
      // Under `npm run`, the directory the user typed the command in is INIT_CWD, not the package root.
      const file = writeUsersCsv(process.env.INIT_CWD ?? process.cwd(), input);
      console.log(
        `${result.count} cuentas listas en ${((Date.now() - started) / 1000).toFixed(1)} s; credenciales en ${file}`,
      );
      return 0;
    },
  },
  worker: {
    summary: 'Ejecuta los trabajos de fondo (correos, recordatorios, vencimientos) hasta SIGTERM.',
    usage: 'tmm worker',
    run: async (database, argv) => {
      parseArgs({ args: argv, options: {}, strict: true });
      const config = loadConfig();
      await migrateToLatest(database.db);
      return runWorker(database, config);
    },
  },
  check: {
    summary: 'Verifica la consistencia de los datos (cupos, stock, pagos); sale con 1 si algo no cuadra.',
    usage: 'tmm check',
    run: async ({ db }, argv) => {
      parseArgs({ args: argv, options: {}, strict: true });
      const report = await runConsistencyChecks(db, new Date());
      if (report.problems.length === 0) {
        console.log(`Todo en orden (${report.checks.join(', ')}).`);
        return 0;
      }
      for (const problem of report.problems) console.error(`✗ ${problem}`);
      console.error(`${report.problems.length} problema(s) de consistencia.`);
      return 1;
    },
  },
  'create-staff': {
    summary: 'Crea una cuenta de equipo (staff) o administración.',
    usage: 'tmm create-staff --email <correo> --password <clave> [--name <nombre>] [--role staff|admin]',
    run: async (database, argv) => {
      const { values } = parseArgs({
        args: argv,
        options: {
          email: { type: 'string' },
          password: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string', default: 'staff' },
        },
        strict: true,
      });
      if (!values.email || !values.password) throw new UsageError('Faltan --email y --password.');
      if (values.role !== 'staff' && values.role !== 'admin')
        throw new UsageError('--role debe ser staff o admin.');
      await migrateToLatest(database.db);
      const user = await createStaffUser(
        database,
        { email: values.email, password: values.password, name: values.name ?? '', role: values.role },
        { now: new Date() },
      );
      console.log(`Cuenta ${user.role} creada: ${user.email} (id ${user.id})`);
      return 0;
    },
  },
};

/**
 * `worker`: every job of src/jobs/index.ts in this process (for deployments that set
 * IN_PROCESS_WORKER=false on the web processes) until SIGTERM/SIGINT; running jobs finish first.
 */
async function runWorker(database: Database, config: Config): Promise<number> {
  const logger = pino({ level: config.logLevel });
  const scheduler = startScheduler(jobs, { database, config, now: () => new Date(), log: logger });
  // The scheduler's timers are unref'd (they must not keep a web process alive); this one keeps
  // the worker process alive until a signal arrives.
  const keepAlive = setInterval(() => {}, 3_600_000);
  logger.info({ jobs: jobs.map((j) => j.name) }, 'worker started');
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ signal }, 'worker stopping: letting running jobs finish');
  clearInterval(keepAlive);
  await scheduler.stop();
  return 0;
}

/** `serve` owns its process (and its cluster workers) until a signal ends it. */
async function runServe(command: Command, argv: string[]): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { workers: { type: 'string', default: '1' } },
      strict: true,
    });
    const workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64)
      throw new UsageError('--workers debe ser un entero entre 1 y 64.');
    await serve(loadConfig(), { workers });
    return new Promise<number>(() => {});
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      console.error(`${error.message}\nUso: ${command.usage}`);
      return 2;
    }
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function printHelp() {
  console.log('Uso: tmm <comando> [opciones]\n\nComandos:');
  for (const [name, command] of Object.entries(commands))
    console.log(`  ${name.padEnd(20)} ${command.summary}`);
  console.log('\nAyuda de un comando: tmm <comando> --help');
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Comando desconocido: ${name}`);
    printHelp();
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.summary}\n\nUso: ${command.usage}`);
    return 0;
  }
  if ('standalone' in command) return command.standalone(command, rest);
  let database: Database | undefined;
  try {
    const config = loadConfig();
    database = createDatabase(config.database);
    return await command.run({ ...database, config }, rest);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`${error.message}\nUso: ${command.usage}`);
      return 2;
    }
    if (error instanceof DomainError) {
      console.error(error.message);
      return 1;
    }
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await database?.close();
  }
}

// Run directly (tsx src/cli.ts, or the bundled dist/cli.js); bin/tmm.js imports runCli instead.
if (/\/cli\.(ts|js)$/.test(process.argv[1] ?? '')) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
