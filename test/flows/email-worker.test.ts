import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { queueEmail } from '../../src/domain/email/email.service';
import { createTestDb, type TestDb } from '../support/db';
import { type SmtpTestServer, startSmtpTestServer } from '../support/email/smtp-server';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * `tmm worker` as deployments run it: separate processes, the real clock, a real SMTP server.
 * Two worker processes on one database send each e-mail once (on SQLite too: here they really
 * are two processes), and SIGTERM stops a worker cleanly.
 */
describe('tmm worker', () => {
  let database: TestDb;
  let smtp: SmtpTestServer;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDb();
    smtp = await startSmtpTestServer();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await smtp.stop();
    await database.drop();
  });

  function startWorker(): { child: ChildProcess; exit: Promise<number | null>; output: () => string } {
    let output = '';
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/tmm.js'), 'worker'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'tmm-worker-')),
        DATABASE_URL:
          database.config.dialect === 'sqlite' ? `sqlite:${database.config.file}` : database.config.url,
        SMTP_URL: smtp.url,
        PUBLIC_URL: 'https://tmm.example.cl',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    children.push(child);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, exit, output: () => output };
  }

  async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('two worker processes send every queued e-mail exactly once, and stop on SIGTERM', async () => {
    const COUNT = 20;
    await inTransaction(database, async (trx) => {
      for (let i = 0; i < COUNT; i++) {
        await queueEmail(
          trx,
          {
            template: 'staff_message',
            to: `proceso${i}@example.cl`,
            data: { name: 'Ana', subject: `Proceso ${i}`, body: 'Hola', unsubscribePath: null },
          },
          { now: new Date(), publicUrl: 'https://tmm.example.cl' },
        );
      }
    });
    const a = startWorker();
    const b = startWorker();
    await waitFor(async () => {
      const pending = await database.db
        .selectFrom('emailOutbox')
        .select('id')
        .where('status', '!=', 'SENT')
        .execute();
      return pending.length === 0;
    }, 40_000);

    const subjects = smtp.received.map((r) => r.mail.subject).sort();
    expect(subjects).toHaveLength(COUNT);
    expect(new Set(subjects).size).toBe(COUNT);
    const logs = await database.db.selectFrom('emailLog').select('status').execute();
    expect(logs.filter((l) => l.status === 'SUCCESS')).toHaveLength(COUNT);

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exit).toBe(0);
    expect(await b.exit).toBe(0);
    expect(a.output()).toContain('worker stopping');
  }, 60_000);
});
