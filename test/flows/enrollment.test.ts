import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createCustomerAccount, createInterest, createWorkshop, unique } from '../support/factories';

/** Catalogue, workshop page, live seat counters and the enrollment outcomes, through HTTP. */
describe('workshops and enrollment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const loggedIn = async () => {
    const account = await createCustomerAccount(t.database.db);
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    return { client, ...account };
  };
  const flashOf = async (client: TestClient, location: string) => (await client.get(location)).body;

  describe('catalogue', () => {
    it('lists active upcoming workshops by date and hides past, inactive and cancelled ones', async () => {
      const later = await createWorkshop(t.database.db, {
        name: unique('Tarde '),
        startsAt: '2026-05-20T22:00:00.000Z',
      });
      const sooner = await createWorkshop(t.database.db, {
        name: unique('Pronto '),
        startsAt: '2026-04-20T14:00:00.000Z',
      });
      const past = await createWorkshop(t.database.db, {
        name: unique('Pasado '),
        startsAt: '2026-02-01T14:00:00.000Z',
      });
      const inactive = await createWorkshop(t.database.db, { name: unique('Inactivo '), isActive: false });
      const cancelled = await createWorkshop(t.database.db, { name: unique('Cancelado ') });
      await t.database.db
        .updateTable('workshops')
        .set({ cancelledAt: '2026-03-01T00:00:00.000Z' })
        .where('id', '=', cancelled.id)
        .execute();

      const res = await t.app.inject('/talleres/?mes=2026-04');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<title>Catálogo de talleres');
      expect(res.body).toContain('<h1>Catálogo de talleres</h1>');
      expect(res.body).toContain(sooner.name);
      expect(res.body).not.toContain(later.name);

      const all = await t.app.inject('/talleres/');
      expect(all.body.indexOf(sooner.name)).toBeLessThan(all.body.indexOf(later.name));
      for (const hidden of [past, inactive, cancelled]) expect(all.body).not.toContain(hidden.name);
      expect(all.body).toContain('$45.000');
      expect(all.body).toContain('/static/js/seats.js');
      expect(all.body).toContain(`data-seats-for="${sooner.id}"`);
    });

    it('filters by category and modality and keeps the filters in the pagination links', async () => {
      const interest = await createInterest(t.database.db);
      for (let i = 0; i < 13; i++)
        await createWorkshop(t.database.db, {
          name: unique(`Online ${String(i).padStart(2, '0')} `),
          categoryId: interest.id,
          modality: 'ONLINE',
          startsAt: `2026-07-${String(i + 1).padStart(2, '0')}T22:00:00.000Z`,
        });
      const presencial = await createWorkshop(t.database.db, {
        categoryId: interest.id,
        name: unique('Presencial '),
      });

      const first = await t.app.inject(`/talleres/?categoria=${interest.id}&modalidad=ONLINE`);
      expect(first.statusCode).toBe(200);
      expect(first.body).toContain('Mostrando 1–12 de 13 talleres');
      expect(first.body).not.toContain(presencial.name);
      expect(first.body).toContain(
        `href="/talleres/?categoria=${interest.id}&amp;modalidad=ONLINE&amp;page=2"`,
      );
      const second = await t.app.inject(`/talleres/?categoria=${interest.id}&modalidad=ONLINE&page=2`);
      expect(second.body).toContain('Mostrando 13–13 de 13 talleres');
    });

    it('ignores invalid filter values with a Spanish notice instead of failing', async () => {
      const res = await t.app.inject('/talleres/?categoria=abc&modalidad=zoom&mes=2026-13&page=-4');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('La categoría indicada no es válida');
      expect(res.body).toContain('La modalidad indicada no es válida');
      expect(res.body).toContain('El mes indicado no es válido');
    });

    it('reads the month in Santiago time', async () => {
      // 2026-05-01 02:00 UTC is still 30 April (22:00) in Santiago.
      const w = await createWorkshop(t.database.db, {
        name: unique('Borde de mes '),
        startsAt: '2026-05-01T02:00:00.000Z',
      });
      expect((await t.app.inject('/talleres/?mes=2026-04')).body).toContain(w.name);
      expect((await t.app.inject('/talleres/?mes=2026-05')).body).not.toContain(w.name);
    });
  });

  describe('workshop page', () => {
    it('shows the details in Spanish and sends anonymous visitors to log in and back', async () => {
      const w = await createWorkshop(t.database.db, {
        startsAt: '2026-03-14T13:30:00.000Z',
        totalSeats: 5,
        seatsTaken: 2,
      });
      await t.database.db
        .updateTable('workshops')
        .set({ description: 'Primera línea\nSegunda línea' })
        .where('id', '=', w.id)
        .execute();
      const res = await t.app.inject(`/talleres/${w.id}/`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<title>${w.name} ·`);
      expect(res.body).toContain('sábado 14 de marzo, 10:30 a 12:30 hrs');
      expect(res.body).toContain('2 horas');
      expect(res.body).toContain('Cerro Alegre, Valparaíso');
      expect(res.body).toContain('Quedan 3 cupos');
      expect(res.body).toContain('Primera línea\nSegunda línea');
      expect(res.body).toContain(`href="/login/?next=%2Ftalleres%2F${w.id}%2F"`);
      expect(res.body).toContain('data-test="login-to-enroll"');
      expect(res.body).not.toContain('data-test="enroll-button"');
    });

    it('never shows an online workshop link publicly', async () => {
      const w = await createWorkshop(t.database.db, { modality: 'ONLINE' });
      await t.database.db
        .updateTable('workshops')
        .set({ onlineUrl: 'https://meet.example/secreto' })
        .where('id', '=', w.id)
        .execute();
      const res = await t.app.inject(`/talleres/${w.id}/`);
      expect(res.body).toContain('te enviaremos el enlace de la sesión por correo al inscribirte');
      expect(res.body).not.toContain('meet.example');
    });

    it('shows past, inactive and cancelled workshops as unavailable without the form', async () => {
      const { client } = await loggedIn();
      const past = await createWorkshop(t.database.db, { startsAt: '2026-02-01T14:00:00.000Z' });
      const inactive = await createWorkshop(t.database.db, { isActive: false });
      for (const w of [past, inactive]) {
        const res = await client.get(`/talleres/${w.id}/`);
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('data-test="workshop-closed"');
        expect(res.body).not.toContain('data-test="enroll-button"');
      }
      expect((await client.get(`/talleres/${past.id}/`)).body).toContain('Este taller ya finalizó');
    });

    it('answers 404 for unknown and non-numeric ids', async () => {
      expect((await t.app.inject('/talleres/999999/')).statusCode).toBe(404);
      expect((await t.app.inject('/talleres/abc/')).statusCode).toBe(404);
      expect((await t.app.inject('/talleres/1e3/')).statusCode).toBe(404);
    });

    it('offers a logged-in customer the one-click enrollment form', async () => {
      const { client } = await loggedIn();
      const w = await createWorkshop(t.database.db);
      const res = await client.get(`/talleres/${w.id}/`);
      expect(res.body).toContain('data-test="enroll-button"');
      expect(res.body).toContain('name="telefono"');
    });
  });

  describe('seat counters', () => {
    it('serves seats left as short-cached JSON, one workshop or a batch', async () => {
      const a = await createWorkshop(t.database.db, { totalSeats: 4, seatsTaken: 1 });
      const b = await createWorkshop(t.database.db, { totalSeats: 2, seatsTaken: 2 });
      const one = await t.app.inject(`/talleres/${a.id}/cupos.json`);
      expect(one.statusCode).toBe(200);
      expect(one.headers['cache-control']).toBe('public, max-age=2');
      expect(one.json()).toEqual({ id: a.id, cupos: 3 });
      const batch = await t.app.inject(`/talleres/cupos.json?ids=${a.id},${b.id},x,999999`);
      expect(batch.json()).toEqual({ cupos: { [a.id]: 3, [b.id]: 0 } });
      expect((await t.app.inject('/talleres/999999/cupos.json')).statusCode).toBe(404);
    });
  });

  describe('enrolling', () => {
    it('enrolls a logged-in customer, takes one seat and goes to the payment page', async () => {
      const interest = await createInterest(t.database.db);
      const w = await createWorkshop(t.database.db, {
        totalSeats: 3,
        categoryId: interest.id,
        priceClp: 30000,
      });
      const { client, customer } = await loggedIn();
      const res = await client.post(`/talleres/${w.id}/`, {
        nombre: 'Otro Nombre',
        email: 'otra@example.cl',
        telefono: '+56 9 8765 4321',
      });
      expect(res.statusCode).toBe(303);
      const enrollment = await t.database.db
        .selectFrom('enrollments')
        .selectAll()
        .where('workshopId', '=', w.id)
        .executeTakeFirstOrThrow();
      expect(res.headers.location).toBe(`/pago/${enrollment.id}/`);
      expect(enrollment).toMatchObject({
        customerId: customer.id,
        status: 'PENDIENTE',
        amountDueClp: 30000,
        amountPaidClp: 0,
        expiresAt: null,
      });
      const page = await client.follow(res);
      expect(page.body).toContain(`¡Inscripción exitosa! Cupo reservado para ${w.name}`);

      const after = await t.database.db
        .selectFrom('workshops')
        .select('seatsTaken')
        .where('id', '=', w.id)
        .executeTakeFirstOrThrow();
      expect(after.seatsTaken).toBe(1);
      const updated = await t.database.db
        .selectFrom('customers')
        .select(['phone', 'email'])
        .where('id', '=', customer.id)
        .executeTakeFirstOrThrow();
      // Stored the way sign-up stores phones.
      expect(updated.phone).toBe('+56987654321');
      expect(updated.email).toBe(customer.email);
      const interests = await t.database.db
        .selectFrom('customerInterests')
        .selectAll()
        .where('customerId', '=', customer.id)
        .execute();
      expect(interests).toEqual([{ customerId: customer.id, interestId: interest.id }]);
      const mail = await t.database.db
        .selectFrom('emailOutbox')
        .select(['template', 'toAddress', 'attachments'])
        .where('enrollmentId', '=', enrollment.id)
        .executeTakeFirstOrThrow();
      expect(mail.template).toBe('enrollment_confirmation');
      expect(mail.toAddress).toBe(customer.email);
      expect(mail.attachments).toContain('BEGIN:VCALENDAR');
    });

    it('sets the unpaid expiry when the workshop has one', async () => {
      const w = await createWorkshop(t.database.db, { unpaidExpiryHours: 24 });
      const { client } = await loggedIn();
      await client.post(`/talleres/${w.id}/`);
      const e = await t.database.db
        .selectFrom('enrollments')
        .select('expiresAt')
        .where('workshopId', '=', w.id)
        .executeTakeFirstOrThrow();
      expect(e.expiresAt).toBe(new Date(t.clock.current.getTime() + 24 * 3600_000).toISOString());
    });

    it('refuses when the workshop is full and offers the waitlist', async () => {
      const w = await createWorkshop(t.database.db, { totalSeats: 1, seatsTaken: 1 });
      const { client } = await loggedIn();
      const res = await client.post(`/talleres/${w.id}/`);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/talleres/${w.id}/`);
      const page = await flashOf(client, `/talleres/${w.id}/`);
      expect(page).toContain('No quedan cupos');
      expect(page).toContain('Unirme a la lista de espera');
      const count = await t.database.db
        .selectFrom('enrollments')
        .select('id')
        .where('workshopId', '=', w.id)
        .execute();
      expect(count).toHaveLength(0);
    });

    it('refuses a second enrollment of the same customer and links to the first', async () => {
      const w = await createWorkshop(t.database.db);
      const { client } = await loggedIn();
      const first = await client.post(`/talleres/${w.id}/`);
      const second = await client.post(`/talleres/${w.id}/`);
      expect(second.statusCode).toBe(303);
      expect(second.headers.location).toBe(`/talleres/${w.id}/`);
      const page = await flashOf(client, `/talleres/${w.id}/`);
      expect(page).toContain('Ya estás inscrito(a) en este taller.');
      expect(page).toContain(`href="${first.headers.location}"`);
      const seats = await t.database.db
        .selectFrom('workshops')
        .select('seatsTaken')
        .where('id', '=', w.id)
        .executeTakeFirstOrThrow();
      expect(seats.seatsTaken).toBe(1);
    });

    it('records one enrollment when the same customer submits twice at once', async () => {
      const w = await createWorkshop(t.database.db, { totalSeats: 5 });
      const { client } = await loggedIn();
      await client.csrfToken();
      const results = await Promise.all([
        client.post(`/talleres/${w.id}/`),
        client.post(`/talleres/${w.id}/`),
      ]);
      expect(results.map((r) => r.statusCode)).toEqual([303, 303]);
      const rows = await t.database.db
        .selectFrom('enrollments')
        .select('id')
        .where('workshopId', '=', w.id)
        .execute();
      expect(rows).toHaveLength(1);
      const seats = await t.database.db
        .selectFrom('workshops')
        .select('seatsTaken')
        .where('id', '=', w.id)
        .executeTakeFirstOrThrow();
      expect(seats.seatsTaken).toBe(1);
    });

    it('refuses past, inactive and cancelled workshops even by a direct POST', async () => {
      const { client } = await loggedIn();
      const past = await createWorkshop(t.database.db, { startsAt: '2026-02-01T14:00:00.000Z' });
      const inactive = await createWorkshop(t.database.db, { isActive: false });
      const cancelled = await createWorkshop(t.database.db);
      await t.database.db
        .updateTable('workshops')
        .set({ cancelledAt: '2026-03-01T00:00:00.000Z' })
        .where('id', '=', cancelled.id)
        .execute();
      const expected = [
        [past, 'Este taller ya se realizó'],
        [inactive, 'no está disponible para inscripciones'],
        [cancelled, 'Este taller fue cancelado'],
      ] as const;
      for (const [w, message] of expected) {
        const res = await client.post(`/talleres/${w.id}/`);
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe(`/talleres/${w.id}/`);
        expect(await flashOf(client, `/talleres/${w.id}/`)).toContain(message);
      }
      const rows = await t.database.db
        .selectFrom('enrollments')
        .select('id')
        .where('workshopId', 'in', [past.id, inactive.id, cancelled.id])
        .execute();
      expect(rows).toHaveLength(0);
    });

    it('sends an anonymous POST to the login page with the way back', async () => {
      const w = await createWorkshop(t.database.db);
      const client = new TestClient(t.app);
      const res = await client.post(`/talleres/${w.id}/`);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/login/?next=%2Ftalleres%2F${w.id}%2F`);
    });

    it('re-shows the form with a Spanish message for an invalid phone', async () => {
      const w = await createWorkshop(t.database.db);
      const { client } = await loggedIn();
      const res = await client.post(`/talleres/${w.id}/`, { telefono: 'llámame' });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Escribe un teléfono válido');
      expect(res.body).toContain('value="llámame"');
    });

    it('turns a database that stays busy into "intenta de nuevo", with nothing written', async () => {
      const w = await createWorkshop(t.database.db);
      const { client } = await loggedIn();
      await client.csrfToken();
      const busy = Object.assign(new Error('database is locked'), {
        code: t.database.dialect === 'sqlite' ? 'SQLITE_BUSY' : '55P03',
      });
      const original = t.database.db.transaction.bind(t.database.db);
      t.database.db.transaction = () =>
        ({ execute: async () => Promise.reject(busy) }) as unknown as ReturnType<typeof original>;
      try {
        const res = await client.post(`/talleres/${w.id}/`);
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe(`/talleres/${w.id}/`);
      } finally {
        t.database.db.transaction = original;
      }
      expect(await flashOf(client, `/talleres/${w.id}/`)).toContain('intenta de nuevo');
      const rows = await t.database.db
        .selectFrom('enrollments')
        .select('id')
        .where('workshopId', '=', w.id)
        .execute();
      expect(rows).toHaveLength(0);
    });
  });
});
