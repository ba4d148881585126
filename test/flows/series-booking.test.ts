import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { createSeries, listSeriesSessions, type SeriesInput } from '../../src/domain/series';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createCustomerAccount, unique } from '../support/factories';

/** A series' public page, booking it whole and paying it once, over HTTP. */
describe('booking a whole series', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const series = (over: Partial<SeriesInput> = {}) =>
    inTransaction(t.database, (trx) =>
      createSeries(
        trx,
        {
          name: unique('Cerámica de los martes '),
          description: 'Torno para principiantes, cada semana.',
          categoryId: null,
          priceClp: 15000,
          totalSeats: 6,
          durationMinutes: 120,
          location: 'Sala del torno',
          facilitatorName: 'Camila Soto',
          locationId: null,
          weekdays: [2],
          startTime: '18:30',
          startsOn: '2026-03-03',
          endsOn: null,
          sessionCount: 4,
          ...over,
        },
        { now: t.clock.now(), actor: null, publicUrl: 'http://localhost' },
      ),
    );
  const loggedIn = async () => {
    const account = await createCustomerAccount(t.database.db);
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    return { client, ...account };
  };

  it('shows the series with its upcoming sessions, and each session links back to it', async () => {
    const id = await series();
    const page = await t.app.inject(`/series/${id}/`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Martes, 18:30 hrs');
    expect(page.body.match(/data-test="series-session"/g)?.length).toBe(4);
    expect(page.body).toContain('Reservar 4 sesiones por $60.000');
    const [first] = await listSeriesSessions(t.database.db, id);
    const session = await t.app.inject(`/talleres/${first!.workshopId}/`);
    expect(session.body).toContain(`href="/series/${id}/"`);
    expect((await t.app.inject('/series/999999/')).statusCode).toBe(404);
  });

  it('sends an anonymous visitor to log in and back to the series', async () => {
    const id = await series();
    const client = new TestClient(t.app);
    const res = await client.post(`/series/${id}/`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login/?next=${encodeURIComponent(`/series/${id}/`)}`);
  });

  it('books every session in one step and pays them all at once; nobody else sees the booking', async () => {
    const id = await series();
    const { client, customer } = await loggedIn();
    const booked = await client.post(`/series/${id}/`);
    expect(booked.statusCode).toBe(303);
    const location = String(booked.headers.location);
    expect(location).toMatch(/^\/series\/reservas\/\d+\/$/);
    const page = await client.get(location);
    expect(page.body).toContain('¡Reserva exitosa! Tienes 4 sesiones');
    expect(page.body.match(/data-test="booking-session"/g)?.length).toBe(4);
    expect(page.body).toContain('data-test="booking-owed">$60.000');
    // One e-mail for the booking (every session, its entries, one calendar file), not one per session.
    const mails = () =>
      t.database.db
        .selectFrom('emailOutbox')
        .select(['template', 'subject', 'bodyText', 'attachments'])
        .where('customerId', '=', customer.id)
        .orderBy('id')
        .execute();
    const booking = await mails();
    expect(booking.map((m) => m.template)).toEqual(['booking_confirmation']);
    expect(booking[0]!.subject).toMatch(/^Reserva confirmada: Cerámica de los martes/);
    expect(booking[0]!.bodyText.match(/Entrada del /g)?.length).toBe(4);
    expect(booking[0]!.bodyText).toContain(location);
    const [ics] = JSON.parse(booking[0]!.attachments!) as { filename: string; content: string }[];
    expect(ics!.filename).toBe('sesiones.ics');
    expect(ics!.content.match(/BEGIN:VEVENT/g)?.length).toBe(4);

    const stranger = await loggedIn();
    expect((await stranger.client.get(location)).statusCode).toBe(404);

    const paid = await client.post(`${location}pagar/`);
    expect(paid.statusCode).toBe(303);
    const after = await client.get(location);
    expect(after.body).toContain('Pagaste $60.000 por 4 sesiones');
    expect(after.body).toContain('data-test="booking-paid"');
    const receipts = (await mails()).filter((m) => m.template === 'payment_receipt');
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.bodyText).toContain('$60.000');
    const enrollments = await t.database.db
      .selectFrom('enrollments')
      .select(['status', 'amountPaidClp'])
      .where('customerId', '=', customer.id)
      .execute();
    expect(enrollments).toEqual(Array(4).fill({ status: 'PAGADO', amountPaidClp: 15000 }));
    // Paying again changes nothing.
    await client.post(`${location}pagar/`);
    expect((await client.get(location)).body).toContain('Esta serie ya estaba pagada.');

    // Booking the same series again is refused whole.
    const again = await client.post(`/series/${id}/`);
    expect(again.headers.location).toBe(`/series/${id}/`);
    expect((await client.get(`/series/${id}/`)).body).toContain('no reservamos la serie completa');
  });

  it('refuses the whole series when one session is full, and says which', async () => {
    const id = await series();
    const sessions = await listSeriesSessions(t.database.db, id);
    await t.database.db
      .updateTable('workshops')
      .set({ seatsTaken: 6 })
      .where('id', '=', sessions[3]!.workshopId)
      .execute();
    const { client, customer } = await loggedIn();
    expect((await client.get(`/series/${id}/`)).body).toContain('data-test="series-not-bookable"');
    const res = await client.post(`/series/${id}/`);
    expect(res.headers.location).toBe(`/series/${id}/`);
    expect((await client.get(`/series/${id}/`)).body).toContain(`No quedan cupos en ${sessions[3]!.name}`);
    const rows = await t.database.db
      .selectFrom('enrollments')
      .select('id')
      .where('customerId', '=', customer.id)
      .execute();
    expect(rows).toEqual([]);
  });
});
