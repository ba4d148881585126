import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestClock, testConfig } from '../../../test/support/app';
import { createTestDb, type TestDb } from '../../../test/support/db';
import {
  closeWorkerDatabases,
  createEnrollment,
  memoryLog,
  twoWorkerDatabases,
} from '../../../test/support/email/fixtures';
import { createCustomer, createWorkshop, unique } from '../../../test/support/factories';
import { addHours } from '../../lib/dates';
import { remindersJob } from './messages.jobs';
import { queuePaymentReminders, queueWorkshopReminders } from './reminders.service';

const PUBLIC_URL = 'https://tmm.example.cl';

describe('automatic reminders', () => {
  let database: TestDb;
  const clock = new TestClock(new Date('2026-05-04T12:00:00.000Z'));
  const ctx = () => ({ now: clock.now(), publicUrl: PUBLIC_URL });

  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(async () => {
    await database.db.deleteFrom('emailOutbox').execute();
    await database.db.deleteFrom('enrollments').execute();
  });

  const outbox = (template: string) =>
    database.db
      .selectFrom('emailOutbox')
      .select(['toAddress', 'enrollmentId', 'dedupeKey', 'subject', 'bodyText'])
      .where('template', '=', template)
      .orderBy('id')
      .execute();

  async function scenario() {
    const soon = await createWorkshop(database.db, {
      name: unique('Resina mañana '),
      startsAt: addHours(clock.now(), 20).toISOString(),
    });
    const later = await createWorkshop(database.db, { startsAt: addHours(clock.now(), 30).toISOString() });
    const cancelled = await createWorkshop(database.db, {
      startsAt: addHours(clock.now(), 10).toISOString(),
    });
    await database.db
      .updateTable('workshops')
      .set({ cancelledAt: clock.now().toISOString() })
      .where('id', '=', cancelled.id)
      .execute();
    const past = await createWorkshop(database.db, { startsAt: addHours(clock.now(), -2).toISOString() });
    const person = async (n: string) =>
      (await createCustomer(database.db, { email: `${unique(n)}@example.cl`, fullName: `Persona ${n}` })).id;
    const enroll = async (
      n: string,
      workshopId: number,
      extra: Omit<Parameters<typeof createEnrollment>[1], 'customerId' | 'workshopId'> = {},
    ) => createEnrollment(database.db, { customerId: await person(n), workshopId, ...extra });
    const e = {
      pendiente: await enroll('pendiente', soon.id),
      pagado: await enroll('pagado', soon.id, { status: 'PAGADO', amountPaidClp: 45000 }),
      abonado: await enroll('abonado', soon.id, { status: 'ABONADO', amountPaidClp: 20000 }),
      anulado: await enroll('anulado', soon.id, { status: 'ANULADO' }),
      lejos: await enroll('lejos', later.id),
      cancelado: await enroll('cancelado', cancelled.id),
      pasado: await enroll('pasado', past.id),
    };
    return e;
  }

  it('reminds every active enrollment of a workshop starting within the window, once', async () => {
    const e = await scenario();
    expect(await queueWorkshopReminders(database, 24, ctx())).toBe(3);
    expect(await queueWorkshopReminders(database, 24, ctx())).toBe(0);
    clock.advanceHours(1);
    expect(await queueWorkshopReminders(database, 24, ctx())).toBe(0);
    clock.advanceHours(-1);

    const rows = await outbox('workshop_reminder');
    expect(rows.map((r) => r.enrollmentId).sort()).toEqual(
      [e.pendiente.id, e.pagado.id, e.abonado.id].sort(),
    );
    expect(rows.map((r) => r.dedupeKey)).toContain(`workshop_reminder:${e.pagado.id}`);
    const pagado = rows.find((r) => r.enrollmentId === e.pagado.id)!;
    expect(pagado.toAddress).toMatch(/^pagado.*@example\.cl$/);
    expect(pagado.subject).toMatch(/^Recordatorio: Resina mañana /);
    expect(pagado.bodyText).toContain('Persona pagado');
  });

  it('queues each reminder once when two workers run the job at the same time', async () => {
    await scenario();
    const [a, b] = twoWorkerDatabases(database);
    try {
      const counts = await Promise.all([
        queueWorkshopReminders(a, 24, ctx()),
        queueWorkshopReminders(b, 24, ctx()),
        queuePaymentReminders(a, 3, ctx()),
        queuePaymentReminders(b, 3, ctx()),
      ]);
      expect(counts[0] + counts[1]).toBe(3);
      expect(counts[2] + counts[3]).toBe(3);
    } finally {
      await closeWorkerDatabases(database, a, b);
    }
    expect(await outbox('workshop_reminder')).toHaveLength(3);
    expect(await outbox('payment_reminder')).toHaveLength(3);
  });

  it('reminds unpaid and partly paid enrollments to pay, with the balance and an absolute pay link', async () => {
    const e = await scenario();
    expect(await queuePaymentReminders(database, 3, ctx())).toBe(3);
    expect(await queuePaymentReminders(database, 3, ctx())).toBe(0);
    const rows = await outbox('payment_reminder');
    expect(rows.map((r) => r.enrollmentId).sort()).toEqual([e.pendiente.id, e.abonado.id, e.lejos.id].sort());
    const abonado = rows.find((r) => r.enrollmentId === e.abonado.id)!;
    expect(abonado.bodyText).toContain('$25.000');
    expect(abonado.bodyText).toContain(`${PUBLIC_URL}/pago/${e.abonado.id}/`);
    expect(abonado.dedupeKey).toBe(`payment_reminder:${e.abonado.id}`);
  });

  it('sends no payment reminders when PAYMENT_REMINDER_DAYS is 0', async () => {
    await scenario();
    const config = testConfig(database, { PAYMENT_REMINDER_DAYS: '0', PUBLIC_URL });
    const result = await remindersJob.run({ database, config, now: clock.now, log: memoryLog() });
    expect(result).toEqual({ workshop: 3, payment: 0 });
    expect(await outbox('payment_reminder')).toHaveLength(0);
  });

  it('runs as a background job with the configured windows', async () => {
    await scenario();
    // 12 hours misses the workshop in 20 hours; one day reaches it but not the one in 30 hours.
    const config = testConfig(database, {
      WORKSHOP_REMINDER_HOURS: '12',
      PAYMENT_REMINDER_DAYS: '1',
      PUBLIC_URL,
    });
    expect(await remindersJob.run({ database, config, now: clock.now, log: memoryLog() })).toEqual({
      workshop: 0,
      payment: 2,
    });
    expect(await remindersJob.run({ database, config, now: clock.now, log: memoryLog() })).toEqual({
      workshop: 0,
      payment: 0,
    });
  });
});
