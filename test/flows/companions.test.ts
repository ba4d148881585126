import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consistencyChecks, runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { paymentDaysCheck } from '../../src/domain/payments';
import { ticketToken } from '../../src/domain/tickets';
import { api, createTestApiKey } from '../support/api';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createCode } from '../support/discounts';
import {
  createFacilitator,
  createFacilitatorAccount,
  createFacilitatorWorkshop,
} from '../support/facilitator-factories';
import {
  createCustomer,
  createCustomerAccount,
  createCustomerPack,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
} from '../support/factories';

function flashes(html: string): string {
  return [...html.matchAll(/<div class="flash flash-\w+"[^>]*>([^<]*)/g)]
    .map((m) => m[1]!.replaceAll('&quot;', '"'))
    .join(' ');
}

/**
 * Bookings for companions (issue 18 part 5): one enrollment for 1–4 seats, paid once, cancelled
 * whole or one companion at a time; seats, the waitlist and packs count seats.
 */
describe('bookings for companions', () => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const customer = async () => {
    const account = await createCustomerAccount(db());
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    return { client, ...account };
  };
  const book = async (client: TestClient, workshopId: number, body: Record<string, string>) => {
    const res = await client.post(`/talleres/${workshopId}/`, body);
    expect(res.statusCode).toBe(303);
    const match = /^\/pago\/(\d+)\/$/.exec(String(res.headers.location));
    return { res, id: match ? Number(match[1]) : null };
  };
  const workshopSeats = (id: number) =>
    db()
      .selectFrom('workshops')
      .select(['seatsTaken', 'seatsHeld'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const enrollment = (id: number) =>
    db()
      .selectFrom('enrollments')
      .select(['seats', 'amountDueClp', 'amountPaidClp', 'refundDueClp', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const companions = (enrollmentId: number) =>
    db()
      .selectFrom('enrollmentCompanions')
      .select(['id', 'position', 'name', 'cancelledAt'])
      .where('enrollmentId', '=', enrollmentId)
      .orderBy('position')
      .execute();
  // The pack factory writes its sale's payment without the daily summary, which is not what is tested.
  const checks = consistencyChecks.filter((c) => c !== paymentDaysCheck);
  const expectConsistent = async () =>
    expect((await runConsistencyChecks(db(), t.clock.now(), checks)).problems).toEqual([]);

  it('books three seats in one enrollment at three times the price, names optional, and pays once', async () => {
    const w = await createWorkshop(db(), { totalSeats: 5, priceClp: 20000 });
    const { client } = await customer();
    const page = (await client.get(`/talleres/${w.id}/`)).body;
    expect(page).toContain('data-test="companion-fields"');
    expect(page).toContain('$20.000 por cupo');

    const { res, id } = await book(client, w.id, {
      cupos: '3',
      acompanante2: ' Ana Rojas ',
      acompanante3: '',
    });
    expect(flashes((await client.follow(res)).body)).toContain('3 cupos reservados');
    expect(await enrollment(id!)).toMatchObject({ seats: 3, amountDueClp: 60000, status: 'PENDIENTE' });
    expect((await companions(id!)).map((c) => [c.position, c.name])).toEqual([
      [2, 'Ana Rojas'],
      [3, null],
    ]);
    expect(await workshopSeats(w.id)).toEqual({ seatsTaken: 3, seatsHeld: 0 });
    const mail = await db()
      .selectFrom('emailOutbox')
      .select('bodyText')
      .where('enrollmentId', '=', id!)
      .where('template', '=', 'enrollment_confirmation')
      .executeTakeFirstOrThrow();
    expect(mail.bodyText).toContain('Tus 3 cupos');
    expect(mail.bodyText).toContain('3: tú y Ana Rojas, Acompañante 2');
    expect(mail.bodyText).toContain('$60.000');

    const pay = (await client.get(`/pago/${id}/`)).body;
    expect(pay).toContain('Paga $60.000');
    expect(pay).toContain('Tu grupo: 3 cupos');
    expect(pay).toContain('Ana Rojas');
    expect(pay).toContain('Acompañante 2');
    const paid = await client.post(`/pago/${id}/`, { accion_pago: 'pagar' });
    expect(paid.statusCode).toBe(303);
    expect(await enrollment(id!)).toMatchObject({ amountPaidClp: 60000, status: 'PAGADO' });
    const payments = await db()
      .selectFrom('payments')
      .select('amountClp')
      .where('enrollmentId', '=', id!)
      .execute();
    expect(payments).toEqual([{ amountClp: 60000 }]);
    await expectConsistent();
  });

  it('charges the early-bird price per seat', async () => {
    const w = await createWorkshop(db(), { totalSeats: 5, priceClp: 20000 });
    await db()
      .updateTable('workshops')
      .set({ earlyPriceClp: 15000, earlyUntilDays: 7 })
      .where('id', '=', w.id)
      .execute();
    const { client } = await customer();
    const { id } = await book(client, w.id, { cupos: '2' });
    const row = await db()
      .selectFrom('enrollments')
      .select(['amountDueClp', 'isEarlyBird'])
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(row.amountDueClp).toBe(30000);
    expect(Boolean(row.isEarlyBird)).toBe(true);
  });

  it('applies a discount code to the total, and a companion given up takes its share of the discounted price', async () => {
    const w = await createWorkshop(db(), { totalSeats: 5, priceClp: 20000 });
    const { code } = await createCode(t.database, { value: 10 });
    const { client } = await customer();
    const { id } = await book(client, w.id, { cupos: '3' });
    await client.post(`/pago/${id}/codigo/`, { codigo: code });
    expect(await enrollment(id!)).toMatchObject({ seats: 3, amountDueClp: 54000 });
    const [c] = await companions(id!);
    await client.post(`/cuenta/inscripciones/${id}/acompanantes/${c!.id}/anular/`);
    expect(await enrollment(id!)).toMatchObject({ seats: 2, amountDueClp: 36000 });
    await expectConsistent();
  });

  it('refuses more seats than are left with how many are left, and more than four at all', async () => {
    const w = await createWorkshop(db(), { totalSeats: 4 });
    await book((await customer()).client, w.id, { cupos: '2' });
    const { client } = await customer();
    const { res, id } = await book(client, w.id, { cupos: '3' });
    expect(id).toBeNull();
    expect(flashes((await client.follow(res)).body)).toContain('Quedan 2 cupos');
    expect(await workshopSeats(w.id)).toEqual({ seatsTaken: 2, seatsHeld: 0 });

    const tooMany = await client.post(`/talleres/${w.id}/`, { cupos: '5' });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain('Elige de 1 a 4 cupos.');
    const mine = await db().selectFrom('enrollments').select('id').where('workshopId', '=', w.id).execute();
    expect(mine).toHaveLength(1);
  });

  it('keeps one active enrollment per customer and workshop, whatever the seats', async () => {
    const w = await createWorkshop(db(), { totalSeats: 8 });
    const { client } = await customer();
    const first = await book(client, w.id, { cupos: '2' });
    expect(first.id).not.toBeNull();
    const again = await book(client, w.id, { cupos: '2' });
    expect(again.id).toBeNull();
    expect(flashes((await client.follow(again.res)).body)).toContain('Ya estás inscrito(a) en este taller.');
    expect(await workshopSeats(w.id)).toEqual({ seatsTaken: 2, seatsHeld: 0 });
  });

  it('lets the customer give up one companion: a seat back, one share refunded, the rest kept', async () => {
    const w = await createWorkshop(db(), { totalSeats: 5, priceClp: 30000 });
    const { client } = await customer();
    const { id } = await book(client, w.id, { cupos: '3', acompanante2: 'Beto' });
    await client.post(`/pago/${id}/`, { accion_pago: 'pagar' });
    const [beto] = await companions(id!);

    const res = await client.post(`/cuenta/inscripciones/${id}/acompanantes/${beto!.id}/anular/`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/pago/${id}/`);
    const page = await client.follow(res);
    expect(flashes(page.body)).toContain('Te devolveremos $30.000');
    expect(page.body).toContain('Tu grupo: 2 cupos');
    expect(page.body).not.toContain('Beto');
    // The paid share stays in the price until it goes back, so nothing shows as owed meanwhile.
    expect(await enrollment(id!)).toMatchObject({
      seats: 2,
      amountDueClp: 90000,
      amountPaidClp: 90000,
      refundDueClp: 30000,
      status: 'PAGADO',
    });
    expect(await workshopSeats(w.id)).toEqual({ seatsTaken: 2, seatsHeld: 0 });
    await expectConsistent();

    // The refund goes through the normal path: the staff list of refunds owed and its form.
    expect((await staff.get('/gestion/devoluciones/')).body).toContain('$30.000');
    const refund = await staff.post(`/gestion/talleres/${w.id}/inscripciones/${id}/devolucion/`, {
      monto: '30000',
      metodo: 'transferencia',
      clave: 'devolucion-companion-0001',
    });
    expect(refund.statusCode).toBe(303);
    expect(await enrollment(id!)).toMatchObject({
      seats: 2,
      amountDueClp: 60000,
      amountPaidClp: 60000,
      refundDueClp: 0,
      status: 'PAGADO',
    });
    await expectConsistent();

    // The same companion cannot be given up twice; the whole booking can still be cancelled.
    const twice = await client.post(`/cuenta/inscripciones/${id}/acompanantes/${beto!.id}/anular/`);
    expect(flashes((await client.follow(twice)).body)).toContain('ya no tiene cupo');
    const all = await client.post(`/cuenta/inscripciones/${id}/anular/`);
    expect(flashes((await client.follow(all)).body)).toContain('Te devolveremos $60.000');
    expect(await workshopSeats(w.id)).toEqual({ seatsTaken: 0, seatsHeld: 0 });
    await expectConsistent();
  });

  it('an unpaid booking that gives up a companion simply costs one share less', async () => {
    const w = await createWorkshop(db(), { totalSeats: 5, priceClp: 10000 });
    const { client } = await customer();
    const { id } = await book(client, w.id, { cupos: '4' });
    const [, second] = await companions(id!);
    await client.post(`/cuenta/inscripciones/${id}/acompanantes/${second!.id}/anular/`);
    expect(await enrollment(id!)).toMatchObject({ seats: 3, amountDueClp: 30000, refundDueClp: 0 });
    expect((await client.get(`/pago/${id}/`)).body).toContain('Paga $30.000');
    await expectConsistent();
  });

  it('refuses another customer giving up my companion', async () => {
    const w = await createWorkshop(db(), { totalSeats: 5 });
    const me = await customer();
    const other = await customer();
    const { id } = await book(me.client, w.id, { cupos: '2' });
    const [c] = await companions(id!);
    await other.client.post(`/cuenta/inscripciones/${id}/acompanantes/${c!.id}/anular/`);
    expect((await companions(id!))[0]!.cancelledAt).toBeNull();
    expect((await enrollment(id!)).seats).toBe(2);
  });

  it('staff book seats for a customer, see the companions in the roster and remove one', async () => {
    const w = await createWorkshop(db(), { totalSeats: 6, priceClp: 15000 });
    const c = await createCustomer(db(), { fullName: 'Carla Mena' });
    const res = await staff.post(`/gestion/talleres/${w.id}/inscribir/`, {
      cliente: String(c.id),
      cupos: '3',
      acompanante2: 'Diego Mena',
    });
    expect(res.statusCode).toBe(303);
    expect(flashes((await staff.follow(res)).body)).toContain('Inscribimos a Carla Mena con 3 cupos');
    const row = await db()
      .selectFrom('enrollments')
      .select(['id', 'seats', 'amountDueClp'])
      .where('workshopId', '=', w.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ seats: 3, amountDueClp: 45000 });

    const roster = (await staff.get(`/gestion/talleres/${w.id}/`)).body;
    expect(roster).toContain('· 3 cupos');
    expect(roster).toContain('Inscritos (1 · 3 personas)');
    expect(roster).toContain('+ Diego Mena');
    expect(roster).toContain('+ Acompañante 2');
    const csv = (await staff.get(`/gestion/talleres/${w.id}/inscritos/?formato=csv`)).body;
    expect(csv).toContain('Diego Mena, Acompañante 2');

    const [diego] = await companions(row.id);
    const removed = await staff.post(
      `/gestion/talleres/${w.id}/inscripciones/${row.id}/acompanantes/${diego!.id}/anular/`,
    );
    expect(flashes((await staff.follow(removed)).body)).toContain('la inscripción queda con 2 cupos');
    expect(await enrollment(row.id)).toMatchObject({ seats: 2, amountDueClp: 30000 });
    expect(await workshopSeats(w.id)).toEqual({ seatsTaken: 2, seatsHeld: 0 });
    await expectConsistent();
  });

  it('pays a booking with one credit per seat from one pack, all or nothing, and gives them back', async () => {
    const w = await createWorkshop(db(), { totalSeats: 6, startsAt: '2026-04-20T14:00:00.000Z' });
    const me = await customer();
    await createCustomerPack(db(), { customerId: me.customer.id, credits: 2, now: t.clock.now() });
    const short = await book(me.client, w.id, { cupos: '3', pago: 'bono' });
    expect(short.id).toBeNull();
    expect(flashes((await me.client.follow(short.res)).body)).toContain(
      'Ninguno de tus bonos vigentes tiene los 3 créditos que necesitas',
    );
    expect(await workshopSeats(w.id)).toEqual({ seatsTaken: 0, seatsHeld: 0 });

    await createCustomerPack(db(), { customerId: me.customer.id, credits: 5, now: t.clock.now() });
    const { res, id } = await book(me.client, w.id, { cupos: '3', pago: 'bono' });
    expect(flashes((await me.client.follow(res)).body)).toContain('Usaste 3 créditos de tu bono');
    expect(await enrollment(id!)).toMatchObject({ seats: 3, amountDueClp: 0, status: 'PAGADO' });
    const balances = async () =>
      (
        await db()
          .selectFrom('packs')
          .innerJoin('packCreditEntries', 'packCreditEntries.packId', 'packs.id')
          .select(['packs.credits', (eb) => eb.fn.sum<number>('packCreditEntries.credits').as('balance')])
          .where('packs.customerId', '=', me.customer.id)
          .groupBy(['packs.id', 'packs.credits'])
          .orderBy('packs.credits')
          .execute()
      ).map((p) => [p.credits, Number(p.balance)]);
    expect(await balances()).toEqual([
      [2, 2],
      [5, 2],
    ]);
    await expectConsistent();

    const [c] = await companions(id!);
    const one = await me.client.post(`/cuenta/inscripciones/${id}/acompanantes/${c!.id}/anular/`);
    expect(flashes((await me.client.follow(one)).body)).toContain('Te devolvimos 1 crédito');
    expect(await balances()).toEqual([
      [2, 2],
      [5, 3],
    ]);
    await me.client.post(`/cuenta/inscripciones/${id}/anular/`);
    expect(await balances()).toEqual([
      [2, 2],
      [5, 5],
    ]);
    expect(await workshopSeats(w.id)).toEqual({ seatsTaken: 0, seatsHeld: 0 });
    await expectConsistent();
  });

  it('offers a waitlisted party its seats only once all of them are free', async () => {
    const w = await createWorkshop(db(), { totalSeats: 3, priceClp: 10000 });
    const a = await customer();
    const b = await customer();
    const party = await customer();
    const first = await book(a.client, w.id, { cupos: '2' });
    const second = await book(b.client, w.id, { cupos: '1' });
    // Full: the party of two waits.
    const joined = await party.client.post(`/talleres/${w.id}/lista-espera/`, { cupos: '2' });
    expect(flashes((await party.client.follow(joined)).body)).toContain('por 2 cupos');

    await b.client.post(`/cuenta/inscripciones/${second.id}/anular/`);
    expect(await workshopSeats(w.id)).toEqual({ seatsTaken: 2, seatsHeld: 0 });
    const entry = () =>
      db()
        .selectFrom('waitlistEntries')
        .select(['status', 'seats'])
        .where('customerId', '=', party.customer.id)
        .executeTakeFirstOrThrow();
    expect(await entry()).toEqual({ status: 'WAITING', seats: 2 });
    await expectConsistent();

    const [companion] = await companions(first.id!);
    await a.client.post(`/cuenta/inscripciones/${first.id}/acompanantes/${companion!.id}/anular/`);
    expect(await entry()).toEqual({ status: 'OFFERED', seats: 2 });
    expect(await workshopSeats(w.id)).toEqual({ seatsTaken: 1, seatsHeld: 2 });
    await expectConsistent();

    const staffList = (await staff.get(`/gestion/talleres/${w.id}/lista-espera/`)).body;
    expect(staffList).toMatch(/data-test="waitlist-seats">2</);
    const offer = (await party.client.get(`/talleres/${w.id}/lista-espera/aceptar/`)).body;
    expect(offer).toContain('Se liberaron 2 cupos');
    expect(offer).toContain('Tomar mis 2 cupos');
    const accepted = await party.client.post(`/talleres/${w.id}/lista-espera/aceptar/`, {
      acompanante2: 'Hugo Lagos',
    });
    const id = Number(/^\/pago\/(\d+)\/$/.exec(String(accepted.headers.location))?.[1]);
    expect(await enrollment(id)).toMatchObject({ seats: 2, amountDueClp: 20000 });
    expect((await companions(id)).map((c) => c.name)).toEqual(['Hugo Lagos']);
    expect(await workshopSeats(w.id)).toEqual({ seatsTaken: 3, seatsHeld: 0 });
    await expectConsistent();
  });

  it('lets a party join the waitlist while fewer seats than it needs are free', async () => {
    const w = await createWorkshop(db(), { totalSeats: 3 });
    const a = await customer();
    await book(a.client, w.id, { cupos: '2' });
    const party = await customer();
    const page = (await party.client.get(`/talleres/${w.id}/`)).body;
    expect(page).toContain('data-test="waitlist-party"');
    const single = await party.client.post(`/talleres/${w.id}/lista-espera/`, { cupos: '1' });
    expect(flashes((await party.client.follow(single)).body)).toContain('Todavía quedan cupos');
    const pair = await party.client.post(`/talleres/${w.id}/lista-espera/`, { cupos: '2' });
    expect(flashes((await party.client.follow(pair)).body)).toContain('lista de espera (lugar 1)');
  });

  it('books and reads seats and companions through the API', async () => {
    const { key } = await createTestApiKey(t);
    const w = await createWorkshop(db(), { totalSeats: 4, priceClp: 12000 });
    const c = await createCustomer(db(), { fullName: 'Elena Paz' });
    const created = await api(t.app, 'POST', '/api/v1/enrollments', {
      key,
      idempotencyKey: 'companions-api-1',
      body: { workshopId: w.id, customerId: c.id, seats: 3, companions: ['Rosa Paz'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      seats: 3,
      amountDueClp: 36000,
      companions: [
        { position: 2, name: 'Rosa Paz' },
        { position: 3, name: null },
      ],
    });
    const listed = await api(t.app, 'GET', `/api/v1/enrollments?workshop_id=${w.id}`, { key });
    expect(listed.json().data[0]).toMatchObject({ seats: 3 });
    expect((await api(t.app, 'GET', `/api/v1/workshops/${w.id}`)).json().seatsLeft).toBe(1);

    const other = await createCustomer(db(), { fullName: 'Otro Cliente' });
    const refused = await api(t.app, 'POST', '/api/v1/enrollments', {
      key,
      idempotencyKey: 'companions-api-2',
      body: { workshopId: w.id, customerId: other.id, seats: 2 },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('Queda 1 cupo');
    const tooMany = await api(t.app, 'POST', '/api/v1/enrollments', {
      key,
      idempotencyKey: 'companions-api-3',
      body: { workshopId: w.id, customerId: other.id, seats: 5 },
    });
    expect(tooMany.statusCode).toBe(422);
  });

  it('checks a party in with one ticket and counts people at the door and in the attendance report', async () => {
    const w = await createWorkshop(db(), {
      startsAt: new Date(t.clock.now().getTime() + 3600_000).toISOString(),
      priceClp: 0,
    });
    const party = await createCustomer(db(), { fullName: 'Fernanda Soto' });
    const single = await createCustomer(db(), { fullName: 'Gabriel Núñez' });
    await staff.post(`/gestion/talleres/${w.id}/inscribir/`, { cliente: String(party.id), cupos: '3' });
    await staff.post(`/gestion/talleres/${w.id}/inscribir/`, { cliente: String(single.id) });
    const enrollmentId = (
      await db()
        .selectFrom('enrollments')
        .select('id')
        .where('customerId', '=', party.id)
        .executeTakeFirstOrThrow()
    ).id;
    const door = (await staff.get(`/gestion/asistencia/${w.id}/`)).body;
    expect(door).toContain('Personas (0 de 4 llegaron)');
    expect(door).toContain('+ 2 acompañantes');
    const scanned = await staff.post(`/gestion/asistencia/${w.id}/registrar`, {
      codigo: await ticketToken(db(), enrollmentId),
    });
    const result = (await staff.follow(scanned)).body;
    expect(result).toContain('data-test="door-party"');
    expect((await staff.get(`/gestion/asistencia/${w.id}/`)).body).toContain('Personas (3 de 4 llegaron)');

    // A past session: the party of three came, the single customer did not.
    const past = await createWorkshop(db(), { startsAt: '2026-02-12T14:00:00.000Z', priceClp: 0 });
    await db()
      .insertInto('enrollments')
      .values([
        {
          customerId: party.id,
          workshopId: past.id,
          amountDueClp: 0,
          status: 'PAGADO',
          seats: 3,
          attendedAt: '2026-02-12T14:00:00.000Z',
        },
        { customerId: single.id, workshopId: past.id, amountDueClp: 0, status: 'PAGADO', seats: 1 },
      ])
      .returning('id')
      .execute()
      .then(async ([first]) => {
        await db()
          .insertInto('enrollmentCompanions')
          .values([2, 3].map((position) => ({ enrollmentId: first!.id, position, createdAt: past.startsAt })))
          .execute();
        await db().updateTable('workshops').set({ seatsTaken: 4 }).where('id', '=', past.id).execute();
      });
    const report = (await staff.get('/gestion/reportes/asistencia/?desde=2026-02-01&hasta=2026-02-28')).body;
    const row = new RegExp(`data-test="attendance-${past.id}"[\\s\\S]*?</tr>`).exec(report)![0];
    expect(row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain('4 3 1 75% 25%');
  });

  it("shows a facilitator their session's people, companions included", async () => {
    const facilitator = await createFacilitator(db());
    const login = await createFacilitatorAccount(db(), facilitator.id);
    const w = await createFacilitatorWorkshop(db(), facilitator.id, { totalSeats: 6 });
    const party = await createCustomer(db(), { fullName: 'Julia Vera' });
    await staff.post(`/gestion/talleres/${w.id}/inscribir/`, { cliente: String(party.id), cupos: '3' });
    const mine = new TestClient(t.app);
    await mine.login(login.email, TEST_PASSWORD);
    expect((await mine.get(`/gestion/mis-sesiones/${w.id}/`)).body).toContain('+ 2 acompañantes');
    expect((await mine.get('/gestion/mis-sesiones/')).body).toContain('3 inscritos de 6 cupos');
  });

  it('tmm check counts seats per companion', async () => {
    const w = await createWorkshop(db(), { totalSeats: 5 });
    const { client } = await customer();
    const { id } = await book(client, w.id, { cupos: '3' });
    await expectConsistent();
    await db().updateTable('enrollments').set({ seats: 2 }).where('id', '=', id!).execute();
    const { problems } = await runConsistencyChecks(db(), t.clock.now(), checks);
    expect(problems).toEqual([
      `Taller #${w.id} "${w.name}": cupos tomados = 3, pero las inscripciones activas suman 2.`,
      `Inscripción #${id}: 2 cupos, pero tiene 2 acompañantes vigentes (deberían ser 1).`,
    ]);
    await db().updateTable('enrollments').set({ seats: 3 }).where('id', '=', id!).execute();
  });
});
