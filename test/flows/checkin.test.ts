import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { checkIn } from '../../src/domain/enrollments/checkin.service';
import { enrollCustomer } from '../../src/domain/enrollments/enrollments.service';
import { ticketToken } from '../../src/domain/tickets';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import {
  createFacilitator,
  createFacilitatorAccount,
  createFacilitatorWorkshop,
} from '../support/facilitator-factories';
import {
  createCustomer,
  createCustomerAccount,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
} from '../support/factories';

/** The ticket in the QR code, the door page and its rules (issue 19, parts 1 and 2). */
describe('tickets and check-in at the door', () => {
  let t: TestApp;
  let ana: TestClient;
  let beto: TestClient;
  let anaId: number;
  beforeAll(async () => {
    t = await buildTestApp();
    const a = await createUser(t.database.db, { role: 'staff', name: 'Ana Puerta' });
    const b = await createUser(t.database.db, { role: 'staff', name: 'Beto Puerta' });
    anaId = a.id;
    ana = new TestClient(t.app);
    await ana.login(a.email, TEST_PASSWORD);
    beto = new TestClient(t.app);
    await beto.login(b.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const ctx = () => ({ now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl });
  /** A session an hour from the test clock's now: today's, at the door. */
  const todaysSession = (overrides: { priceClp?: number; name?: string } = {}) =>
    createWorkshop(db(), {
      startsAt: new Date(t.clock.now().getTime() + 3600_000).toISOString(),
      priceClp: overrides.priceClp ?? 0,
      ...(overrides.name ? { name: overrides.name } : {}),
    });
  const enroll = async (workshopId: number, name = 'Asistente de Prueba', customerId?: number) => {
    const id = customerId ?? (await createCustomer(db(), { fullName: name })).id;
    const { enrollmentId } = await inTransaction(t.database, (trx) =>
      enrollCustomer(trx, { workshopId, customerId: id }, ctx()),
    );
    return enrollmentId;
  };
  const enrollment = (id: number) =>
    db().selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const scan = (client: TestClient, workshopId: number, codigo: string) =>
    client.post(`/gestion/asistencia/${workshopId}/registrar`, { codigo });
  const landing = async (client: TestClient, res: Awaited<ReturnType<TestClient['post']>>) =>
    (await client.follow(res)).body;

  it('puts the ticket in the confirmation e-mail, its calendar event and a page with the QR code', async () => {
    const w = await todaysSession({ name: 'Resina al atardecer' });
    const id = await enroll(w.id, 'Camila Rojas');
    const token = await ticketToken(db(), id);
    const mail = await db()
      .selectFrom('emailOutbox')
      .selectAll()
      .where('enrollmentId', '=', id)
      .where('template', '=', 'enrollment_confirmation')
      .executeTakeFirstOrThrow();
    const page = `${t.config.publicUrl}/entradas/${token}/`;
    expect(mail.bodyHtml).toContain(`src="${page}qr.png"`);
    expect(mail.bodyText).toContain(`Ver mi entrada:\n${page}`);
    const ics = JSON.parse(mail.attachments!)[0].content as string;
    expect(ics.replace(/\r\n /g, '')).toContain(`Mi entrada (código QR para la llegada): ${page}`);
    expect(token).not.toBe(String(id));

    const res = await new TestClient(t.app).get(`/entradas/${token}/`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Camila Rojas');
    expect(res.body).toContain('Resina al atardecer');
    expect(res.body).toContain(`/entradas/${token}/qr.png`);
    const png = await new TestClient(t.app).get(`/entradas/${token}/qr.png`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['cross-origin-resource-policy']).toBe('cross-origin');

    expect((await new TestClient(t.app).get(`/entradas/${id}.AAAAAAAAAAAAAAAAAAAAAA/`)).statusCode).toBe(404);
    expect(
      (await new TestClient(t.app).get(`/entradas/${id}.AAAAAAAAAAAAAAAAAAAAAA/qr.png`)).statusCode,
    ).toBe(404);
  });

  it('shows "Mi entrada" on the account to its owner only', async () => {
    const w = await todaysSession();
    const owner = await createCustomerAccount(db(), { name: 'Dueña de la Entrada' });
    const id = await enroll(w.id, '', owner.customer.id);
    const client = new TestClient(t.app);
    await client.login(owner.login, owner.password);
    expect((await client.get('/cuenta/perfil/')).body).toContain(`/cuenta/inscripciones/${id}/entrada/`);
    const mine = await client.get(`/cuenta/inscripciones/${id}/entrada/`);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Dueña de la Entrada');
    expect(mine.body).toContain(`/entradas/${await ticketToken(db(), id)}/qr.png`);

    const other = await createCustomerAccount(db());
    const stranger = new TestClient(t.app);
    await stranger.login(other.login, other.password);
    expect((await stranger.get(`/cuenta/inscripciones/${id}/entrada/`)).statusCode).toBe(404);
  });

  it('checks in the code a camera reads from the QR image, once; a second scan says when and by whom', async () => {
    const w = await todaysSession();
    const id = await enroll(w.id, 'Daniela Soto');
    const token = await ticketToken(db(), id);
    // The camera path: the PNG the server renders, decoded by jsQR as the browser does (RGBA pixels).
    const png = (await new TestClient(t.app).get(`/entradas/${token}/qr.png`)).rawPayload;
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const decoded = jsQR(new Uint8ClampedArray(data), info.width, info.height);
    expect(decoded?.data).toBe(`${t.config.publicUrl}/entradas/${token}/`);

    const first = await scan(ana, w.id, decoded!.data);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/gestion/asistencia/${w.id}/?inscripcion=${id}#resultado`);
    expect(await landing(ana, first)).toContain('Llegada registrada: Daniela Soto.');
    const row = await enrollment(id);
    expect(row.attendedAt).toBe(t.clock.now().toISOString());
    expect(row.checkedInByUserId).toBe(anaId);

    t.clock.advanceHours(0.25);
    const second = await scan(beto, w.id, token);
    const page = await landing(beto, second);
    expect(page).toContain('Daniela Soto ya estaba registrada');
    expect(page).toContain('por Ana Puerta');
    expect((await enrollment(id)).attendedAt).toBe(row.attendedAt);
    expect((await enrollment(id)).checkedInByUserId).toBe(anaId);
  });

  it('refuses a code for another session with a clear message, and checks nobody in', async () => {
    const here = await todaysSession();
    const there = await todaysSession({ name: 'Encuadernación japonesa' });
    const id = await enroll(there.id);
    const res = await scan(ana, here.id, await ticketToken(db(), id));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/gestion/asistencia/${here.id}/`);
    expect(await landing(ana, res)).toContain('Esta entrada es de «Encuadernación japonesa»');
    expect((await enrollment(id)).attendedAt).toBeNull();
  });

  it('refuses forged and foreign codes', async () => {
    const w = await todaysSession();
    const id = await enroll(w.id);
    const real = await ticketToken(db(), id);
    const forged = [
      String(id),
      `${id}.${'A'.repeat(22)}`,
      `${id + 1}.${real.split('.')[1]}`,
      `${real.slice(0, -1)}${real.endsWith('A') ? 'B' : 'A'}`,
      'https://otro-sitio.example/promo',
    ];
    for (const code of forged) {
      const res = await scan(ana, w.id, code);
      expect(res.statusCode, code).toBe(303);
      expect(await landing(ana, res), code).toContain('Este código no es una entrada válida de TMM');
    }
    expect((await enrollment(id)).attendedAt).toBeNull();
  });

  it('checks a person in exactly once when two staff scan the same code at the same moment', async () => {
    const w = await todaysSession();
    const ids = await Promise.all([1, 2, 3].map((n) => enroll(w.id, `Persona ${n}`)));
    for (const id of ids) {
      const token = await ticketToken(db(), id);
      const [a, b] = await Promise.all([scan(ana, w.id, token), scan(beto, w.id, token)]);
      const flashes = [await landing(ana, a), await landing(beto, b)];
      expect(flashes.filter((f) => f.includes('Llegada registrada'))).toHaveLength(1);
      expect(flashes.filter((f) => f.includes('ya estaba registrada'))).toHaveLength(1);
    }
    // The service alone, racing in two transactions: one 'checked_in', one 'already'.
    const id = await enroll(w.id, 'Persona 4');
    const token = await ticketToken(db(), id);
    const outcomes = await Promise.all(
      [1, 2].map(() =>
        inTransaction(t.database, (trx) => checkIn(trx, { workshopId: w.id, scanned: token }, ctx())),
      ),
    );
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['already', 'checked_in']);
  });

  it('warns about an unpaid balance and records a cash payment from the door', async () => {
    const w = await todaysSession({ priceClp: 25000 });
    const id = await enroll(w.id, 'Elena Debe');
    const res = await scan(ana, w.id, await ticketToken(db(), id));
    const page = await landing(ana, res);
    expect(page).toContain('Tiene un saldo pendiente de $25.000');
    expect(page).toContain('Registrar pago en efectivo de $25.000');
    const clave = /name="clave" value="([^"]+)"/.exec(page)![1]!;
    const paid = await ana.post(`/gestion/asistencia/${w.id}/inscripciones/${id}/pago`, { clave });
    expect(await landing(ana, paid)).toContain('Pago en efectivo registrado: Elena Debe');
    const again = await ana.post(`/gestion/asistencia/${w.id}/inscripciones/${id}/pago`, { clave });
    expect(await landing(ana, again)).toContain('ya estaba registrado');
    const payments = await db().selectFrom('payments').selectAll().where('enrollmentId', '=', id).execute();
    expect(payments.map((p) => [p.method, p.amountClp, p.recordedByUserId])).toEqual([
      ['efectivo', 25000, anaId],
    ]);
    expect((await enrollment(id)).status).toBe('PAGADO');
  });

  it('lists today’s sessions and finds a person by name without accents', async () => {
    const w = await todaysSession({ name: 'Timbres de goma' });
    const id = await enroll(w.id, 'José Pérez');
    await enroll(w.id, 'Marta Lagos');
    expect((await ana.get('/gestion/asistencia/')).body).toContain(`/gestion/asistencia/${w.id}/`);
    const found = await ana.get(`/gestion/asistencia/${w.id}/?q=jose+perez`);
    expect(found.body).toContain('José Pérez');
    expect(found.body).not.toContain('Marta Lagos');
    const res = await ana.post(`/gestion/asistencia/${w.id}/registrar`, { inscripcion: String(id) });
    expect(await landing(ana, res)).toContain('Llegada registrada: José Pérez.');
  });

  it('refuses a cancelled enrollment at the door', async () => {
    const w = await todaysSession();
    const id = await enroll(w.id, 'Ignacia Anulada');
    await db().updateTable('enrollments').set({ status: 'ANULADO' }).where('id', '=', id).execute();
    const res = await scan(ana, w.id, await ticketToken(db(), id));
    expect(await landing(ana, res)).toContain('La inscripción de Ignacia Anulada está anulada');
    expect((await enrollment(id)).attendedAt).toBeNull();
  });

  it('keeps customers out of the door pages', async () => {
    const account = await createCustomerAccount(db());
    const customer = new TestClient(t.app);
    await customer.login(account.login, account.password);
    expect((await customer.get('/gestion/asistencia/')).statusCode).toBe(403);
    expect((await new TestClient(t.app).get('/gestion/asistencia/')).statusCode).toBe(303);
  });
  it('lets a facilitator work the door of their own sessions only', async () => {
    const mine = await createFacilitator(db(), { name: 'Valeria Puerta' });
    const other = await createFacilitator(db());
    const account = await createFacilitatorAccount(db(), mine.id);
    const vale = new TestClient(t.app);
    await vale.login(account.email, TEST_PASSWORD);
    const soon = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    const own = await createFacilitatorWorkshop(db(), mine.id, {
      startsAt: soon,
      priceClp: 0,
      name: 'Telar de la facilitadora',
    });
    const theirs = await createFacilitatorWorkshop(db(), other.id, {
      startsAt: soon,
      priceClp: 0,
      name: 'Telar de otra persona',
    });
    const ownId = await enroll(own.id, 'Persona del telar propio');
    const theirId = await enroll(theirs.id, 'Persona del telar ajeno');

    const list = await vale.get('/gestion/asistencia/');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Telar de la facilitadora');
    expect(list.body).not.toContain('Telar de otra persona');
    expect((await vale.get(`/gestion/asistencia/${theirs.id}/`)).statusCode).toBe(404);
    const refused = await scan(vale, theirs.id, await ticketToken(db(), theirId));
    expect(refused.statusCode).toBe(404);
    expect((await enrollment(theirId)).attendedAt).toBeNull();

    const ok = await scan(vale, own.id, await ticketToken(db(), ownId));
    expect(await landing(vale, ok)).toContain('Llegada registrada: Persona del telar propio');
    expect((await enrollment(ownId)).attendedAt).not.toBeNull();
    // Staff still see every session.
    expect((await ana.get('/gestion/asistencia/')).body).toContain('Telar de otra persona');
  });
});
