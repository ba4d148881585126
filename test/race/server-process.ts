/**
 * A second, real app process for the race tests: builds the app from the environment
 * (DATABASE_URL, SESSION_SECRET, …) exactly as production does, listens on a free port on
 * 127.0.0.1, prints "LISTENING <port>" and stops on SIGTERM.
 */
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createDatabase } from '../../src/db/database';

const config = loadConfig();
const database = createDatabase(config.database, { poolSize: 20 });
const app = await buildApp({ database, config });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
