import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { enrollCustomer } from '../../src/domain/enrollments/enrollments.service';
import { recordEnrollmentPayment } from '../../src/domain/payments/payments.service';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { parseCsvExport } from '../support/csv';
import {
  createCustomer,
  createInterest,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../support/factories';

/** /gestion/deudores/ and the list behaviour of /gestion/talleres/. */
describe('back-office debtors and lists', () => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const ctx = () => ({ now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl });
  const db = () => t.database.db;
  const enroll = async (workshopId: number, fullName: string) => {
    const customer = await createCustomer(db(), { fullName });
    const { enrollmentId } = await inTransaction(t.database, (trx) =>
      enrollCustomer(trx, { workshopId, customerId: customer.id }, ctx()),
    );
    return { customer, enrollmentId };
  };
  const pay = (enrollmentId: number, amountClp?: number) =>
    inTransaction(t.database, (trx) =>
      recordEnrollmentPayment(
        trx,
        { enrollmentId, method: 'efectivo', ...(amountClp ? { amountClp } : {}) },
        ctx(),
      ),
    );
  const rowIds = (html: string) => [...html.matchAll(/<tr data-row-id="(\d+)"/g)].map((m) => Number(m[1]));

  it('drives the workshops list through search, filters, a sort, a second page and an export', async () => {
    const tag = unique('Resína');
    const interest = await createInterest(db());
    const ids: number[] = [];
    for (let i = 0; i < 27; i++) {
      const w = await createWorkshop(db(), {
        name: `${tag} ${String(i).padStart(2, '0')}`,
        startsAt: new Date(Date.UTC(2026, 5, 1 + i, 14)).toISOString(),
        priceClp: 10000 + i * 1000,
        categoryId: interest.id,
        modality: i % 2 === 0 ? 'PRESENCIAL' : 'ONLINE',
      });
      ids.push(w.id);
    }
    const needle = tag.replace('í', 'I').toLowerCase();
    const first = await staff.get(
      `/gestion/talleres/?q=${encodeURIComponent(needle)}&categoria=${interest.id}`,
    );
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Mostrando 1–25 de 27');
    expect(first.body).toContain('data-test="occupancy"');
    const second = await staff.get(
      `/gestion/talleres/?q=${encodeURIComponent(needle)}&categoria=${interest.id}&page=2`,
    );
    expect(second.body).toContain('Mostrando 26–27 de 27');
    // Default order: newest date first, so page 2 holds the two earliest.
    expect(rowIds(second.body)).toEqual([ids[1], ids[0]]);

    const byPrice = await staff.get(`/gestion/talleres/?q=${encodeURIComponent(needle)}&sort=precio&dir=asc`);
    expect(rowIds(byPrice.body).slice(0, 3)).toEqual(ids.slice(0, 3));

    const online = await staff.get(`/gestion/talleres/?q=${encodeURIComponent(needle)}&modalidad=ONLINE`);
    expect(online.body).toContain('de 13');
    const range = await staff.get(
      `/gestion/talleres/?q=${encodeURIComponent(needle)}&desde=2026-06-05&hasta=2026-06-07`,
    );
    expect(rowIds(range.body).sort()).toEqual([ids[4], ids[5], ids[6]].sort());
    const inactive = await staff.get(`/gestion/talleres/?q=${encodeURIComponent(needle)}&activo=no`);
    expect(inactive.body).toContain('No hay talleres que coincidan');
    const bogus = await staff.get('/gestion/talleres/?categoria=abc&sort=nope&page=x&desde=2026-02-31');
    expect(bogus.statusCode).toBe(200);

    const csv = await staff.get(`/gestion/talleres/?q=${encodeURIComponent(needle)}&formato=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(parseCsvExport(csv.body).filter((row) => row.some((c) => c.includes(tag)))).toHaveLength(27);
    const xlsx = await staff.get(`/gestion/talleres/?q=${encodeURIComponent(needle)}&formato=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('lists everyone who owes with the total, sorted by amount or age, filtered, paginated', async () => {
    const tag = unique('Deudas');
    const expensive = await createWorkshop(db(), { name: `${tag} Caro`, priceClp: 50000, totalSeats: 30 });
    const cheap = await createWorkshop(db(), { name: `${tag} Barato`, priceClp: 10000, totalSeats: 30 });
    const people: number[] = [];
    for (let i = 0; i < 17; i++) {
      t.clock.advanceHours(1);
      people.push((await enroll(expensive.id, `${tag} Persona ${i}`)).enrollmentId);
    }
    const partial = await enroll(cheap.id, `${tag} José Abonó`);
    await pay(partial.enrollmentId, 4000);
    const paid = await enroll(cheap.id, `${tag} Pagó Todo`);
    await pay(paid.enrollmentId);

    const q = encodeURIComponent(tag.toLowerCase());
    const list = await staff.get(`/gestion/deudores/?q=${q}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Mostrando 1–15 de 18');
    expect(list.body).toContain('$856.000'); // 17 × 50.000 + 6.000
    expect(list.body).not.toContain('Pagó Todo');
    const page2 = await staff.get(`/gestion/deudores/?q=${q}&page=2`);
    expect(page2.body).toContain('Mostrando 16–18 de 18');
    // Default: largest debt first, so the $6.000 balance is last.
    expect(rowIds(page2.body).at(-1)).toBe(partial.enrollmentId);

    const oldest = await staff.get(`/gestion/deudores/?q=${q}&sort=antiguedad&dir=desc`);
    expect(rowIds(oldest.body)[0]).toBe(people[0]);
    const byAmountAsc = await staff.get(`/gestion/deudores/?q=${q}&sort=monto&dir=asc`);
    expect(rowIds(byAmountAsc.body)[0]).toBe(partial.enrollmentId);

    const accentless = await staff.get(
      `/gestion/deudores/?q=${encodeURIComponent(`${tag.toLowerCase()} jose abono`)}`,
    );
    expect(rowIds(accentless.body)).toEqual([partial.enrollmentId]);
    const byWorkshop = await staff.get(`/gestion/deudores/?taller=${cheap.id}`);
    expect(rowIds(byWorkshop.body)).toEqual([partial.enrollmentId]);
    // The old filter values keep working.
    expect(rowIds((await staff.get(`/gestion/deudores/?taller=${cheap.id}&estado=ABONADO`)).body)).toEqual([
      partial.enrollmentId,
    ]);
    expect(rowIds((await staff.get(`/gestion/deudores/?taller=${cheap.id}&estado=PAGADO`)).body)).toEqual([
      paid.enrollmentId,
    ]);
    expect(rowIds((await staff.get(`/gestion/deudores/?taller=${cheap.id}&estado=DEUDA`)).body)).toEqual([
      partial.enrollmentId,
    ]);
    expect(rowIds((await staff.get(`/gestion/deudores/?taller=${cheap.id}&estado=PENDIENTE`)).body)).toEqual(
      [],
    );
    expect((await staff.get('/gestion/deudores/?estado=BOGUS&page=abc&sort=x')).statusCode).toBe(200);

    const csv = await staff.get(`/gestion/deudores/?taller=${cheap.id}&formato=csv`);
    const cells = parseCsvExport(csv.body).flat();
    expect(cells.find((c) => c.includes('José Abonó'))).toBeDefined();
    expect(cells).toContain('6000');
  });

  it('previews a reminder and queues one e-mail per selected debtor', async () => {
    const w = await createWorkshop(db(), { priceClp: 30000 });
    const a = await enroll(w.id, 'Ana Recordada');
    const b = await enroll(w.id, 'Beto Recordado');
    const c = await enroll(w.id, 'Carla Pagada');
    await pay(c.enrollmentId);

    const preview = await staff.get(
      `/gestion/deudores/recordatorio/?ids=${a.enrollmentId}&ids=${b.enrollmentId}&ids=${c.enrollmentId}`,
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Se enviará a <strong>2</strong> personas');
    expect(preview.body).toContain('ya no tiene deuda');
    expect(preview.body).toContain('Ana Recordada');
    expect(preview.body).toContain('$30.000');
    expect(preview.body).toContain(`src="/gestion/deudores/recordatorio/vista/?id=${a.enrollmentId}"`);
    expect(preview.body).not.toContain('srcdoc');
    const frame = await staff.get(`/gestion/deudores/recordatorio/vista/?id=${a.enrollmentId}`);
    expect(frame.headers['content-security-policy']).toContain('sandbox');
    expect(frame.body).toContain('Ana Recordada');

    const token = /name="clave" value="([^"]+)"/.exec(preview.body)![1]!;
    const form = {
      clave: token,
      ids: [String(a.enrollmentId), String(b.enrollmentId), String(c.enrollmentId)],
    };
    const sent = await staff.post('/gestion/deudores/recordatorio/', form);
    expect(sent.statusCode).toBe(303);
    expect((await staff.follow(sent)).body).toContain(
      'Recordatorio de pago en cola para 2 personas. 1 inscripción ya no tenía deuda',
    );
    // The same confirmation sent twice queues nothing more.
    await staff.post('/gestion/deudores/recordatorio/', form);
    const mails = await db()
      .selectFrom('emailOutbox')
      .select(['enrollmentId', 'toAddress', 'bodyText'])
      .where('template', '=', 'payment_reminder')
      .where('enrollmentId', 'in', [a.enrollmentId, b.enrollmentId, c.enrollmentId])
      .execute();
    expect(mails.map((m) => m.enrollmentId).sort()).toEqual([a.enrollmentId, b.enrollmentId].sort());
    expect(mails.find((m) => m.enrollmentId === a.enrollmentId)!.bodyText).toContain(
      `/pago/${a.enrollmentId}/`,
    );

    const none = await staff.post('/gestion/deudores/recordatorio/', { clave: token });
    expect((await staff.follow(none)).body).toContain('No seleccionaste ninguna inscripción');
    // The old bulk form posted to the list: it now leads to the preview.
    const old = await staff.post('/gestion/deudores/', {
      action: 'enviar_recordatorio',
      inscripcion_seleccionada: String(a.enrollmentId),
    });
    expect(old.headers.location).toBe(`/gestion/deudores/recordatorio/?ids=${a.enrollmentId}`);
  });

  it('registers a payment from the list: partial makes ABONADO, the balance makes PAGADO', async () => {
    const w = await createWorkshop(db(), { priceClp: 25000 });
    const { enrollmentId } = await enroll(w.id, 'Daniela Deudora');
    const list = await staff.get(`/gestion/deudores/?taller=${w.id}`);
    expect(list.body).toContain(`action="/gestion/deudores/${enrollmentId}/pago/"`);
    const back = `/gestion/deudores/?taller=${w.id}`;
    const partial = await staff.post(`/gestion/deudores/${enrollmentId}/pago/`, {
      monto: '10000',
      metodo: 'transferencia',
      clave: 'p'.repeat(22),
      volver: back,
    });
    expect(partial.headers.location).toBe(back);
    expect((await staff.follow(partial)).body).toContain('Saldo pendiente: $15.000');
    const row = () =>
      db().selectFrom('enrollments').selectAll().where('id', '=', enrollmentId).executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ status: 'ABONADO', amountPaidClp: 10000 });

    const page = await staff.get(`/gestion/deudores/${enrollmentId}/pago/`);
    expect(page.body).toContain('$15.000');
    const bad = await staff.post(`/gestion/deudores/${enrollmentId}/pago/`, {
      monto: '1',
      metodo: 'cheque',
      clave: 'r'.repeat(22),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Elige cómo pagó');
    const rest = await staff.post(`/gestion/deudores/${enrollmentId}/pago/`, {
      monto: '15.000',
      metodo: 'tarjeta',
      referencia: 'VOUCHER-1',
      clave: 'q'.repeat(22),
    });
    expect((await staff.follow(rest)).body).toContain('quedó pagada');
    expect(await row()).toMatchObject({ status: 'PAGADO', amountPaidClp: 25000 });
    expect(rowIds((await staff.get(`/gestion/deudores/?taller=${w.id}`)).body)).toEqual([]);
  });
});
