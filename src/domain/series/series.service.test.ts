import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db';
import { createFacilitator } from '../../../test/support/facilitator-factories';
import { createCustomer, createUser, unique } from '../../../test/support/factories';
import { inTransaction } from '../../db/transaction';
import { santiagoTime } from '../../lib/dates';
import type { ServiceContext } from '../context';
import { cancelEnrollment } from '../enrollments';
import { createLocation } from '../locations';
import { recordEnrollmentPayment } from '../payments';
import { SeriesAlreadyBookedError, SeriesFullError } from './series.errors';
import { generateSeriesSessionsJob } from './series.jobs';
import { listSeriesSessions } from './series.queries';
import {
  bookSeries,
  cancelSeriesSession,
  createSeries,
  type SeriesInput,
  updateSeriesTemplate,
  visibleBooking,
} from './series.service';

const NOW = new Date('2026-03-02T15:00:00.000Z'); // Monday 2 March 2026, 12:00 in Santiago

describe('recurring series', () => {
  let database: TestDb;
  let ctx: ServiceContext;
  beforeAll(async () => {
    database = await createTestDb();
    const staff = await createUser(database.db, { role: 'staff' });
    ctx = { now: NOW, actor: { userId: staff.id, role: 'staff' }, publicUrl: 'https://tmm.example.cl' };
  });
  afterAll(async () => database.drop());

  const input = (over: Partial<SeriesInput> = {}): SeriesInput => ({
    name: unique('Yoga de los lunes '),
    description: 'Yoga suave para empezar la semana.',
    categoryId: null,
    priceClp: 12000,
    totalSeats: 8,
    durationMinutes: 90,
    location: 'Sala 1',
    facilitatorName: 'Ana Rojas',
    locationId: null,
    weekdays: [1],
    startTime: '19:00',
    startsOn: '2026-03-02',
    endsOn: null,
    sessionCount: 30,
    ...over,
  });
  const create = (over: Partial<SeriesInput> = {}, at = ctx) =>
    inTransaction(database, (trx) => createSeries(trx, input(over), at));
  const sessions = (id: number) => listSeriesSessions(database.db, id);
  const runJob = (now: Date) =>
    generateSeriesSessionsJob.run({
      database,
      config: { publicUrl: 'https://tmm.example.cl' } as never,
      now: () => now,
      log: { info: () => {}, error: () => {} },
    });

  it('generates twelve weeks of sessions ahead as ordinary workshops, and the job keeps it so idempotently', async () => {
    const id = await create({ sessionCount: 30 });
    const first = await sessions(id);
    // Mondays from 2 March to 25 May (2 March + 84 days): 13 dates.
    expect(first.map((s) => s.sessionDate)).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
      '2026-04-06',
      '2026-04-13',
      '2026-04-20',
      '2026-04-27',
      '2026-05-04',
      '2026-05-11',
      '2026-05-18',
      '2026-05-25',
    ]);
    expect(first[0]).toMatchObject({ priceClp: 12000, totalSeats: 8, isActive: true });

    await runJob(NOW);
    expect((await sessions(id)).length).toBe(13);
    // A week later one more Monday enters the window; a second run makes nothing more.
    const weekLater = new Date('2026-03-09T15:00:00.000Z');
    await runJob(weekLater);
    await runJob(weekLater);
    const after = await sessions(id);
    expect(after.length).toBe(14);
    expect(after.at(-1)?.sessionDate).toBe('2026-06-01');
  });

  it('stops at N sessions or at the last date, and never makes a date whose start has passed', async () => {
    const counted = await create({ sessionCount: 3, weekdays: [1, 3] });
    expect((await sessions(counted)).map((s) => s.sessionDate)).toEqual([
      '2026-03-02',
      '2026-03-04',
      '2026-03-09',
    ]);
    const dated = await create({ sessionCount: null, endsOn: '2026-03-16' });
    expect((await sessions(dated)).map((s) => s.sessionDate)).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
    ]);
    // At 12:00 on Monday 2 March a 09:00 session of that day has already begun.
    const morning = await create({ sessionCount: 2, startTime: '09:00' });
    expect((await sessions(morning)).map((s) => s.sessionDate)).toEqual(['2026-03-09']);
  });

  it('keeps a 19:00 session at 19:00 in Santiago across the April change (clocks go back)', async () => {
    const id = await create({ startsOn: '2026-03-23', sessionCount: 4 });
    const list = await sessions(id);
    expect(list.map((s) => s.startsAt)).toEqual([
      '2026-03-23T22:00:00.000Z',
      '2026-03-30T22:00:00.000Z',
      // Sunday 5 April: -03 becomes -04.
      '2026-04-06T23:00:00.000Z',
      '2026-04-13T23:00:00.000Z',
    ]);
    for (const s of list) expect(santiagoTime(new Date(s.startsAt))).toBe('19:00');
  });

  it('keeps a 19:00 session at 19:00 in Santiago across the September change (clocks go forward)', async () => {
    const july = { ...ctx, now: new Date('2026-07-20T15:00:00.000Z') };
    const id = await create({ startsOn: '2026-08-24', sessionCount: 4 }, july);
    const list = await sessions(id);
    expect(list.map((s) => s.startsAt)).toEqual([
      '2026-08-24T23:00:00.000Z',
      '2026-08-31T23:00:00.000Z',
      // Sunday 6 September: -04 becomes -03.
      '2026-09-07T22:00:00.000Z',
      '2026-09-14T22:00:00.000Z',
    ]);
    for (const s of list) expect(santiagoTime(new Date(s.startsAt))).toBe('19:00');
  });

  it('applies a template edit to future sessions only, leaving past and hand-edited ones alone', async () => {
    const id = await create({ sessionCount: 4 });
    const [past, edited, ...rest] = await sessions(id);
    // A session edited by hand in "Talleres" (its price changed there).
    await database.db
      .updateTable('workshops')
      .set({ priceClp: 9000 })
      .where('id', '=', edited!.workshopId)
      .execute();
    const later = { ...ctx, now: new Date('2026-03-03T15:00:00.000Z') }; // the first Monday is past
    const template = {
      ...input(),
      name: (
        await database.db.selectFrom('series').select('name').where('id', '=', id).executeTakeFirstOrThrow()
      ).name,
    };
    const result = await inTransaction(database, (trx) =>
      updateSeriesTemplate(
        trx,
        id,
        { ...template, priceClp: 15000, startTime: '19:30', waitlistHoldHours: 12 },
        later,
      ),
    );
    expect(result).toMatchObject({ updated: 2, keptByHand: 1 });
    const after = await sessions(id);
    const byId = new Map(after.map((s) => [s.workshopId, s]));
    expect(byId.get(past!.workshopId)).toMatchObject({ priceClp: 12000, startsAt: past!.startsAt });
    expect(byId.get(edited!.workshopId)).toMatchObject({ priceClp: 9000, startsAt: edited!.startsAt });
    for (const s of rest) {
      const now = byId.get(s.workshopId)!;
      expect(now.priceClp).toBe(15000);
      expect(santiagoTime(new Date(now.startsAt))).toBe('19:30');
    }
    // Applied again, the updated sessions still count as the series' own.
    const again = await inTransaction(database, (trx) =>
      updateSeriesTemplate(
        trx,
        id,
        { ...template, priceClp: 16000, startTime: '19:30', waitlistHoldHours: 12 },
        later,
      ),
    );
    expect(again).toMatchObject({ updated: 2, keptByHand: 1 });
  });

  it('cancels one session: its enrollments are annulled, what was paid is owed back, attendees are told', async () => {
    const id = await create({ sessionCount: 3 });
    const [first, second] = await sessions(id);
    const customer = await createCustomer(database.db);
    const booking = await inTransaction(database, (trx) =>
      bookSeries(trx, { seriesId: id, customerId: customer.id }, ctx),
    );
    const view = await visibleBooking(database.db, booking.bookingId, {
      customerId: customer.id,
      isStaff: false,
    });
    const onFirst = view.enrollments.find((e) => e.workshopName === first!.name)!;
    await inTransaction(database, (trx) =>
      recordEnrollmentPayment(trx, { enrollmentId: onFirst.id, method: 'efectivo' }, ctx),
    );
    const result = await inTransaction(database, (trx) =>
      cancelSeriesSession(
        trx,
        { seriesId: id, workshopId: first!.workshopId, note: 'La profesora está enferma.' },
        ctx,
      ),
    );
    expect(result).toMatchObject({ cancelledEnrollments: 1, refundDueClp: 12000, notified: 1 });
    const enrollment = await database.db
      .selectFrom('enrollments')
      .selectAll()
      .where('id', '=', onFirst.id)
      .executeTakeFirstOrThrow();
    expect(enrollment).toMatchObject({ status: 'ANULADO', refundDueClp: 12000 });
    const mail = await database.db
      .selectFrom('emailOutbox')
      .select(['template', 'bodyText'])
      .where('enrollmentId', '=', onFirst.id)
      .where('template', '=', 'workshop_changed')
      .executeTakeFirstOrThrow();
    expect(mail.bodyText).toContain('La profesora está enferma.');
    // The other sessions stand; a session of another series is not this one's to cancel.
    expect((await sessions(id)).find((s) => s.workshopId === second!.workshopId)?.cancelledAt).toBeNull();
    const other = await create({ sessionCount: 1 });
    const [ofOther] = await sessions(other);
    await expect(
      inTransaction(database, (trx) =>
        cancelSeriesSession(trx, { seriesId: id, workshopId: ofOther!.workshopId, note: null }, ctx),
      ),
    ).rejects.toThrow('Esa sesión no es de esta serie.');
    expect((await sessions(other))[0]?.cancelledAt).toBeNull();
  });

  it('books every upcoming session or none: a full session or one already held books nothing', async () => {
    const id = await create({ sessionCount: 4, totalSeats: 2 });
    const list = await sessions(id);
    const a = await createCustomer(database.db);
    const b = await createCustomer(database.db);
    const c = await createCustomer(database.db);
    const booked = await inTransaction(database, (trx) =>
      bookSeries(trx, { seriesId: id, customerId: a.id }, ctx),
    );
    expect(booked.sessions).toBe(4);
    const view = await visibleBooking(database.db, booked.bookingId, { customerId: a.id, isStaff: false });
    expect(view.enrollments.map((e) => e.amountDueClp)).toEqual([12000, 12000, 12000, 12000]);
    // The third session fills up through a single enrollment.
    await database.db
      .updateTable('workshops')
      .set({ seatsTaken: 2 })
      .where('id', '=', list[2]!.workshopId)
      .execute();
    await expect(
      inTransaction(database, (trx) => bookSeries(trx, { seriesId: id, customerId: b.id }, ctx)),
    ).rejects.toBeInstanceOf(SeriesFullError);
    const ofB = await database.db
      .selectFrom('enrollments')
      .select('id')
      .where('customerId', '=', b.id)
      .execute();
    expect(ofB).toEqual([]);
    expect((await sessions(id))[0]!.seatsTaken).toBe(1);
    await expect(
      inTransaction(database, (trx) => bookSeries(trx, { seriesId: id, customerId: a.id }, ctx)),
    ).rejects.toBeInstanceOf(SeriesAlreadyBookedError);
    // Past sessions are skipped: a week later, three are left to book.
    await database.db
      .updateTable('workshops')
      .set({ seatsTaken: 1 })
      .where('id', '=', list[2]!.workshopId)
      .execute();
    const weekLater = { ...ctx, now: new Date('2026-03-09T23:30:00.000Z') };
    const late = await inTransaction(database, (trx) =>
      bookSeries(trx, { seriesId: id, customerId: c.id }, weekLater),
    );
    expect(late.sessions).toBe(2);
    // A customer cancelling one session keeps the others.
    const mine = await visibleBooking(database.db, late.bookingId, { customerId: c.id, isStaff: false });
    await inTransaction(database, (trx) =>
      cancelEnrollment(
        trx,
        { enrollmentId: mine.enrollments[0]!.id, customerId: null, waitlistHoldHours: 0 },
        weekLater,
      ),
    );
    const kept = await visibleBooking(database.db, late.bookingId, { customerId: c.id, isStaff: false });
    expect(kept.enrollments.map((e) => e.status)).toEqual(['ANULADO', 'PENDIENTE']);
  });

  it('makes its sessions in its location (the default one when none is chosen), and moves future ones with the template', async () => {
    const place = await inTransaction(database, (trx) =>
      createLocation(
        trx,
        { name: unique('Sede Cerro '), address: 'Templeman 10, Valparaíso', mapsUrl: null, rooms: null },
        ctx,
      ),
    );
    const main = await database.db
      .selectFrom('locations')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const locationsOf = async (id: number) =>
      (
        await database.db
          .selectFrom('seriesSessions')
          .innerJoin('workshops', 'workshops.id', 'seriesSessions.workshopId')
          .select('workshops.locationId')
          .where('seriesSessions.seriesId', '=', id)
          .orderBy('seriesSessions.sessionDate')
          .execute()
      ).map((r) => r.locationId);
    const plain = await create({ sessionCount: 2 });
    expect(await locationsOf(plain)).toEqual([main.id, main.id]);
    const there = await create({ sessionCount: 2, locationId: place });
    expect(await locationsOf(there)).toEqual([place, place]);
    const name = (
      await database.db.selectFrom('series').select('name').where('id', '=', plain).executeTakeFirstOrThrow()
    ).name;
    const moved = await inTransaction(database, (trx) =>
      updateSeriesTemplate(trx, plain, { ...input(), name, locationId: place, waitlistHoldHours: 12 }, ctx),
    );
    expect(moved.updated).toBe(2);
    expect(await locationsOf(plain)).toEqual([place, place]);
  });

  it('keeps a certificate minimum of 1 to 100 % (refusing others on the field) and leaves it unchanged when an edit omits it', async () => {
    for (const certificateMinPercent of [0, 101, 50.5]) {
      const refused = await create({ certificateMinPercent }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ fields: { certificado: expect.stringContaining('entre 1 y 100') } });
    }
    const id = await create({ certificateMinPercent: 75 });
    const {
      weekdays: _w,
      startsOn: _s,
      endsOn: _e,
      sessionCount: _n,
      certificateMinPercent: _c,
      ...template
    } = input();
    await inTransaction(database, (trx) =>
      updateSeriesTemplate(trx, id, { ...template, waitlistHoldHours: 24 }, ctx),
    );
    const row = await database.db
      .selectFrom('series')
      .select('certificateMinPercent')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.certificateMinPercent).toBe(75);
  });

  it('gives its sessions its facilitator, and a new one only to future sessions nobody edited by hand', async () => {
    const ana = await createFacilitator(database.db, { name: unique('Ana ') });
    const luis = await createFacilitator(database.db, { name: unique('Luis ') });
    const id = await create({ sessionCount: 3, facilitatorId: ana.id });
    const facilitatorsOf = async () =>
      (
        await database.db
          .selectFrom('seriesSessions')
          .innerJoin('workshops', 'workshops.id', 'seriesSessions.workshopId')
          .select('workshops.facilitatorId')
          .where('seriesSessions.seriesId', '=', id)
          .orderBy('seriesSessions.sessionDate')
          .execute()
      ).map((r) => r.facilitatorId);
    expect(await facilitatorsOf()).toEqual([ana.id, ana.id, ana.id]);

    // Staff give the last session a substitute by hand: the series leaves it alone.
    const [, , last] = await sessions(id);
    await database.db
      .updateTable('workshops')
      .set({ facilitatorId: luis.id })
      .where('id', '=', last!.workshopId)
      .execute();
    const name = (
      await database.db.selectFrom('series').select('name').where('id', '=', id).executeTakeFirstOrThrow()
    ).name;
    const changed = await inTransaction(database, (trx) =>
      updateSeriesTemplate(trx, id, { ...input(), name, facilitatorId: luis.id, waitlistHoldHours: 12 }, ctx),
    );
    expect(changed).toMatchObject({ updated: 2, keptByHand: 1 });
    expect(await facilitatorsOf()).toEqual([luis.id, luis.id, luis.id]);

    const gone = await create({ facilitatorId: 999_999 }).catch((e: unknown) => e);
    expect(gone).toMatchObject({ fields: { facilitador_id: 'Ese facilitador ya no existe: elige otro.' } });
  });
});
