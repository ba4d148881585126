import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestClock, testConfig } from '../../../test/support/app';
import { createTestDb, type TestDb, testDialect } from '../../../test/support/db';
import { closeWorkerDatabases, memoryLog, twoWorkerDatabases } from '../../../test/support/email/fixtures';
import { parseMail } from '../../../test/support/email/mime';
import { type SmtpTestServer, startSmtpTestServer } from '../../../test/support/email/smtp-server';
import type { Config } from '../../config';
import { inTransaction } from '../../db/transaction';
import { queueEmail } from './email.service';
import { LOCK_MS, MAX_ATTEMPTS, outboxControl, retryDelayMinutes, sendDueEmails } from './outbox.worker';
import { fileTransport, type MailTransport, smtpTransport } from './transport';

const PUBLIC_URL = 'https://tmm.example.cl';

describe('outbox worker', () => {
  let database: TestDb;
  let smtp: SmtpTestServer;
  let config: Config;
  let transport: MailTransport;
  const clock = new TestClock();

  beforeAll(async () => {
    database = await createTestDb();
    smtp = await startSmtpTestServer();
    config = testConfig(database, { PUBLIC_URL });
    transport = smtpTransport(smtp.url);
  });
  afterAll(async () => {
    await smtp.stop();
    await database.drop();
  });
  afterEach(async () => {
    smtp.mode = 'accept';
    smtp.received.length = 0;
    outboxControl.unsafeClaim = false;
    // Each test starts with an empty outbox, so one test's leftovers never count in another.
    await database.db.deleteFrom('emailLog').execute();
    await database.db.deleteFrom('emailOutbox').execute();
  });

  const queue = (to: string, subject = 'Materiales') =>
    inTransaction(database, (trx) =>
      queueEmail(
        trx,
        {
          template: 'staff_message',
          to,
          data: { name: 'Ana', subject, body: 'Trae un delantal.', unsubscribePath: null },
        },
        { now: clock.now(), publicUrl: PUBLIC_URL },
      ),
    );
  const run = (workerId = 'w1', t = transport) =>
    sendDueEmails({ database, config, now: clock.now, log: memoryLog() }, t, { workerId });
  const outbox = (id: number) =>
    database.db.selectFrom('emailOutbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const logOf = (id: number) =>
    database.db.selectFrom('emailLog').selectAll().where('outboxId', '=', id).orderBy('id').execute();

  it('logs a failure when the SMTP server is down, retries with backoff, then sends once', async () => {
    const id = (await queue('retry@example.cl'))!;
    await smtp.stop();
    try {
      expect(await run()).toMatchObject({ sent: 0, retrying: 1 });
      const row = await outbox(id);
      expect(row.status).toBe('PENDING');
      expect(row.attempts).toBe(1);
      expect(row.nextAttemptAt).toBe(new Date(clock.now().getTime() + 60_000).toISOString());
      const [first] = await logOf(id);
      expect(first).toMatchObject({ status: 'FAIL', recipient: 'retry@example.cl', subject: 'Materiales' });
      expect(first!.errorMessage).toMatch(/ECONNREFUSED/);

      // Not due yet: nothing happens before the backoff has passed.
      expect(await run()).toMatchObject({ sent: 0, retrying: 0 });
      expect(await logOf(id)).toHaveLength(1);
    } finally {
      await smtp.start();
    }

    // The server is back but refuses temporarily (451): a second FAIL, with the server's words.
    smtp.mode = 'temporary-failure';
    clock.advanceHours(1 / 60);
    expect(await run()).toMatchObject({ retrying: 1 });
    const row = await outbox(id);
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt).toBe(new Date(clock.now().getTime() + 2 * 60_000).toISOString());
    expect((await logOf(id))[1]!.errorMessage).toMatch(/451.*temporalmente/);

    smtp.mode = 'accept';
    clock.advanceHours(2 / 60);
    expect(await run()).toMatchObject({ sent: 1 });
    expect(await run()).toMatchObject({ sent: 0 });
    clock.advanceHours(24);
    expect(await run()).toMatchObject({ sent: 0 });

    expect(smtp.received).toHaveLength(1);
    const sent = await outbox(id);
    expect(sent).toMatchObject({ status: 'SENT', attempts: 3, lockedBy: null, lockedUntil: null });
    expect((await logOf(id)).map((l) => l.status)).toEqual(['FAIL', 'FAIL', 'SUCCESS']);
  });

  it('gives up after the last attempt and marks the e-mail FAILED', async () => {
    const id = (await queue('never@example.cl'))!;
    smtp.mode = 'temporary-failure';
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await run();
      clock.advanceHours(retryDelayMinutes(attempt) / 60);
    }
    const row = await outbox(id);
    expect(row).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS });
    expect(await logOf(id)).toHaveLength(MAX_ATTEMPTS);
    clock.advanceHours(48);
    smtp.mode = 'accept';
    await run();
    expect(smtp.received).toHaveLength(0);
  });

  it('does not retry an address the server refuses for good (550)', async () => {
    const id = (await queue('nobody@example.cl'))!;
    smtp.mode = 'permanent-failure';
    expect(await run()).toMatchObject({ failed: 1 });
    expect(await outbox(id)).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect((await logOf(id))[0]!.errorMessage).toMatch(/550/);
  });

  it('sends nothing for a transaction that rolled back', async () => {
    await expect(
      inTransaction(database, async (trx) => {
        await queueEmail(
          trx,
          {
            template: 'cancellation',
            to: 'rollback@example.cl',
            data: {
              name: 'Ana',
              workshopName: 'Resina',
              startsAt: '2026-06-13T14:30:00.000Z',
              refundDueClp: 0,
            },
          },
          { now: clock.now(), publicUrl: PUBLIC_URL },
        );
        throw new Error('the enrollment failed after queueing its e-mail');
      }),
    ).rejects.toThrow('the enrollment failed');
    expect(await run()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(await database.db.selectFrom('emailOutbox').select('id').execute()).toHaveLength(0);
  });

  it('leaves an e-mail claimed by a crashed worker alone until its lock expires, then sends it', async () => {
    const id = (await queue('crash@example.cl'))!;
    const lockedUntil = new Date(clock.now().getTime() + LOCK_MS).toISOString();
    await database.db
      .updateTable('emailOutbox')
      .set({ status: 'SENDING', lockedBy: 'crashed-worker', lockedUntil, attempts: 1 })
      .where('id', '=', id)
      .execute();

    expect(await run('w2')).toMatchObject({ sent: 0 });
    clock.advanceHours(LOCK_MS / 3_600_000 / 2);
    expect(await run('w2')).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(0);

    clock.advanceHours(LOCK_MS / 3_600_000);
    expect(await run('w2')).toMatchObject({ sent: 1 });
    expect(await outbox(id)).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
    // The resend keeps the Message-ID, so a mail program can hide the copy if the first one arrived.
    expect(smtp.received[0]!.mail.headers.get('message-id')).toBe(`<tmm-outbox-${id}@tmm.example.cl>`);
  });

  it('writes a real .eml file when there is no SMTP server configured', async () => {
    const id = (await queue('file@example.cl', 'Archivo de prueba'))!;
    const dir = path.join(config.dataDir, 'mail');
    const log = memoryLog();
    const summary = await sendDueEmails({ database, config, now: clock.now, log }, fileTransport(dir), {
      workerId: 'dev',
    });
    expect(summary.sent).toBe(1);
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const mail = parseMail(readFileSync(path.join(dir, files[0]!), 'utf8'));
    expect(mail.subject).toBe('Archivo de prueba');
    expect(mail.to).toContain('file@example.cl');
    expect(mail.text).toContain('Trae un delantal.');
    expect(mail.html).toContain('#d63384');
    expect(log.lines.some((l) => 'file' in l.obj)).toBe(true);
    expect(await logOf(id)).toMatchObject([{ status: 'SUCCESS' }]);
  });

  it('never lets a slow mail server delay the request that queued the e-mail', async () => {
    smtp.delayMs = 1500;
    try {
      const started = Date.now();
      const id = await queue('slow@example.cl');
      expect(Date.now() - started).toBeLessThan(1000);
      expect(id).toBeGreaterThan(0);
      expect(smtp.received).toHaveLength(0);
      await run();
      expect(smtp.received).toHaveLength(1);
    } finally {
      smtp.delayMs = 0;
    }
  });

  describe('two workers on the same outbox', () => {
    const COUNT = 30;

    async function race(): Promise<Map<string, number>> {
      for (let i = 0; i < COUNT; i++) await queue(`race${i}@example.cl`, `Carrera ${i}`);
      // Two processes' worth of state: separate connection pools on the same database.
      const [a, b] = twoWorkerDatabases(database);
      try {
        const worker = (db: typeof a, name: string) =>
          sendDueEmails({ database: db, config, now: clock.now, log: memoryLog() }, smtpTransport(smtp.url), {
            workerId: name,
            batchSize: COUNT,
          });
        await Promise.all([worker(a, 'A'), worker(b, 'B'), worker(a, 'A2'), worker(b, 'B2')]);
      } finally {
        await closeWorkerDatabases(database, a, b);
      }
      const counts = new Map<string, number>();
      for (const r of smtp.received) counts.set(r.mail.subject, (counts.get(r.mail.subject) ?? 0) + 1);
      return counts;
    }

    it('sends each e-mail exactly once', async () => {
      const counts = await race();
      expect(counts.size).toBe(COUNT);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      const logs = await database.db.selectFrom('emailLog').select(['status']).execute();
      expect(logs).toHaveLength(COUNT);
      expect(logs.every((l) => l.status === 'SUCCESS')).toBe(true);
    });

    // Only PostgreSQL runs the workers truly in parallel (see twoWorkerDatabases).
    if (testDialect() === 'postgres') {
      it('control: a read-then-write claim sends duplicates, so the test above can fail', async () => {
        outboxControl.unsafeClaim = true;
        const counts = await race();
        expect([...counts.values()].some((n) => n > 1)).toBe(true);
      });
    }
  });
});
