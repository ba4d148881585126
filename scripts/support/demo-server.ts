import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export type DemoServer = { base: string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The app on a fresh SQLite database in a temporary DATA_DIR, seeded with the demo data, for the
 * scripts that look at it. Development mode publishes the demo accounts' password (screenshots
 * log in with it); production mode is what a visitor's browser would measure (Lighthouse).
 */
export async function startDemoServer(mode: 'development' | 'production'): Promise<DemoServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tmm-demo-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: mode,
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: base,
      SEED_DEMO: 'true',
      SESSION_SECRET: process.env.SESSION_SECRET ?? 'demo-scripts-only-secret-0123456789abcdef',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  // Seeding the demo (covers included) takes a few seconds before the port opens.
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited with ${child.exitCode}`);
    }
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, stop };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('the server did not start');
}

/** The first link to a workshop and to a kit on the catalogues: pages worth looking at. */
export async function samplePages(base: string): Promise<{ workshop: string; kit: string }> {
  const catalogue = await (await fetch(`${base}/talleres/`)).text();
  const kits = await (await fetch(`${base}/productos/`)).text();
  return {
    workshop: /href="(\/talleres\/\d+\/)"/.exec(catalogue)?.[1] ?? '/talleres/',
    kit: /href="(\/productos\/\d+\/)"/.exec(kits)?.[1] ?? '/productos/',
  };
}

export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
