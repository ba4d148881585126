import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { enrollCustomer } from '../../src/domain/enrollments/enrollments.service';
import { updateWorkshopByStaff } from '../../src/domain/enrollments/workshop-changes.service';
import { recordEnrollmentPayment } from '../../src/domain/payments/payments.service';
import { createWorkshopByStaff } from '../../src/domain/workshops/workshops.service';
import { santiagoToUtc } from '../../src/lib/dates';
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

/** /gestion/talleres/: the list, the form, the admin detail and its actions. */
describe('back-office workshops', () => {
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
  const workshopRow = (id: number) =>
    db().selectFrom('workshops').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const enroll = async (workshopId: number, name = 'Asistente de Prueba') => {
    const customer = await createCustomer(db(), { fullName: name });
    const { enrollmentId } = await inTransaction(t.database, (trx) =>
      enrollCustomer(trx, { workshopId, customerId: customer.id }, ctx()),
    );
    return { customer, enrollmentId };
  };
  const outboxFor = (template: string, enrollmentIds: number[]) =>
    db()
      .selectFrom('emailOutbox')
      .selectAll()
      .where('template', '=', template)
      .where('enrollmentId', 'in', enrollmentIds)
      .execute();
  const flashOf = async (res: { headers: Record<string, unknown> }) =>
    (await staff.follow(res as never)).body;

  const validForm = (overrides: Record<string, string> = {}) => ({
    nombre: unique('Taller Cerámica '),
    descripcion: 'Modelado en greda.',
    categoria: '',
    fecha: '2026-05-16',
    hora: '10:30',
    duracion: '150',
    modalidad: 'PRESENCIAL',
    lugar: 'Cerro Alegre',
    enlace: '',
    precio: '$35.000',
    cupos: '8',
    activo: 'on',
    plazo_anulacion: '24',
    vencimiento_impago: '48',
    ...overrides,
  });

  it('is only for staff', async () => {
    const anonymous = await new TestClient(t.app).get('/gestion/talleres/');
    expect(anonymous.statusCode).toBe(303);
    const customerUser = await createUser(db(), { role: 'customer' });
    const customer = new TestClient(t.app);
    await customer.login(customerUser.email, TEST_PASSWORD);
    expect((await customer.get('/gestion/talleres/')).statusCode).toBe(403);
  });

  it('creates a workshop with every field, the Santiago date and time stored in UTC, and audits it', async () => {
    const interest = await createInterest(db());
    const form = validForm({ categoria: String(interest.id) });
    const res = await staff.post('/gestion/talleres/nuevo/', form);
    expect(res.statusCode).toBe(303);
    const id = Number(/\/gestion\/talleres\/(\d+)\//.exec(String(res.headers.location))![1]);
    const w = await workshopRow(id);
    expect(w).toMatchObject({
      name: form.nombre,
      categoryId: interest.id,
      // 16 May 2026 is in Chilean winter time (UTC-4).
      startsAt: '2026-05-16T14:30:00.000Z',
      durationMinutes: 150,
      priceClp: 35000,
      totalSeats: 8,
      seatsTaken: 0,
      isActive: true,
      cancellationCutoffHours: 24,
      unpaidExpiryHours: 48,
    });
    expect(w.startsAt).toBe(santiagoToUtc('2026-05-16', '10:30').toISOString());
    const audit = await db()
      .selectFrom('auditLog')
      .selectAll()
      .where('entityType', '=', 'workshop')
      .where('entityId', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
    const page = await staff.follow(res);
    expect(page.body).toContain(`Taller &quot;${form.nombre}&quot; creado.`);
    expect(page.body).toContain('sábado 16 de mayo de 2026, 10:30 hrs');
  });

  it('re-renders the form with a message on each invalid field (422)', async () => {
    const res = await staff.post(
      '/gestion/talleres/nuevo/',
      validForm({
        nombre: '',
        fecha: '2026-02-30',
        hora: '25:00',
        precio: '-5',
        cupos: '0',
        lugar: '',
        enlace: 'ftp://x',
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Escribe el nombre del taller.');
    expect(res.body).toContain('Elige la fecha del taller.');
    expect(res.body).toContain('Escribe la hora de inicio');
    expect(res.body).toContain('Escribe el precio en pesos');
    expect(res.body).toContain('Los cupos deben ser un número entre 1 y 10.000.');
    expect(res.body).toContain('Indica el lugar del taller presencial.');
    expect(res.body).toContain('El enlace debe empezar con https://');
    expect(res.body).toContain('>Modelado en greda.</textarea>');
  });

  it('refuses a duplicate name and a past date with field messages', async () => {
    const existing = await createWorkshop(db());
    const dup = await staff.post('/gestion/talleres/nuevo/', validForm({ nombre: existing.name }));
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain('Ya existe un taller con ese nombre');
    const past = await staff.post('/gestion/talleres/nuevo/', validForm({ fecha: '2026-01-10' }));
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('La fecha y hora ya pasaron');
  });

  it('edits every field including the date, and never lets total seats go below the seats taken', async () => {
    const w = await createWorkshop(db(), { totalSeats: 5 });
    await enroll(w.id);
    await enroll(w.id);
    await enroll(w.id);
    const edit = await staff.get(`/gestion/talleres/${w.id}/editar/`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('name="fecha"');
    expect(edit.body).toContain('value="2026-06-13"');
    expect(edit.body).toContain('value="10:30"');

    const refused = await staff.post(
      `/gestion/talleres/${w.id}/editar/`,
      validForm({ nombre: w.name, cupos: '2', fecha: '2026-06-13', hora: '10:30' }),
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('No puedes dejar menos de 3 cupos: ya hay 3 ocupados.');
    expect((await workshopRow(w.id)).totalSeats).toBe(5);

    const ok = await staff.post(
      `/gestion/talleres/${w.id}/editar/`,
      validForm({ nombre: w.name, cupos: '3', fecha: '2026-06-13', hora: '10:30' }),
    );
    expect(ok.statusCode).toBe(303);
    const after = await workshopRow(w.id);
    expect(after.totalSeats).toBe(3);
    expect(after.priceClp).toBe(35000);
    expect(after.startsAt).toBe('2026-06-13T14:30:00.000Z');
    const audit = await db()
      .selectFrom('auditLog')
      .selectAll()
      .where('entityType', '=', 'workshop')
      .where('entityId', '=', w.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.beforeJson!)).toMatchObject({ totalSeats: 5, priceClp: 45000 });
    expect(JSON.parse(audit[0]!.afterJson!)).toMatchObject({ totalSeats: 3, priceClp: 35000 });
  });

  it('offers what a workshop includes, what to bring and who leads it, and keeps them when the form comes back', async () => {
    const blank = await staff.get('/gestion/talleres/nuevo/');
    for (const field of ['incluye', 'traer', 'facilitador']) expect(blank.body).toContain(`name="${field}"`);
    const details = {
      incluye: 'Greda y herramientas\nTé y algo rico',
      traer: 'Delantal',
      facilitador: 'Francisca Morales',
    };
    const again = await staff.post('/gestion/talleres/nuevo/', validForm({ nombre: '', ...details }));
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('>Greda y herramientas\nTé y algo rico</textarea>');
    expect(again.body).toContain('>Delantal</textarea>');
    expect(again.body).toContain('value="Francisca Morales"');
    const tooLong = await staff.post('/gestion/talleres/nuevo/', validForm({ facilitador: 'x'.repeat(201) }));
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('Escribe como máximo 200 caracteres.');
  });

  it('saves what a workshop includes, what to bring and who leads it, audited; leaving them out keeps them', async () => {
    const input = {
      name: unique('Taller Macetas '),
      description: 'Modelado.',
      categoryId: null,
      startsAt: new Date('2026-05-16T14:30:00.000Z'),
      durationMinutes: 120,
      modality: 'PRESENCIAL' as const,
      location: 'Cerro Alegre',
      onlineUrl: null,
      priceClp: 30000,
      totalSeats: 8,
      isActive: true,
      cancellationCutoffHours: 48,
      unpaidExpiryHours: null,
      whatIncluded: 'Pasta de cerámica en frío',
      whatToBring: 'Delantal',
      facilitatorName: 'Francisca Morales',
    };
    const id = await inTransaction(t.database, (trx) => createWorkshopByStaff(trx, input, ctx()));
    expect(await workshopRow(id)).toMatchObject({
      whatIncluded: 'Pasta de cerámica en frío',
      whatToBring: 'Delantal',
      facilitatorName: 'Francisca Morales',
    });

    await inTransaction(t.database, (trx) =>
      updateWorkshopByStaff(
        trx,
        id,
        { ...input, whatIncluded: 'Pasta y pinturas', whatToBring: null, waitlistHoldHours: 12 },
        ctx(),
      ),
    );
    expect(await workshopRow(id)).toMatchObject({
      whatIncluded: 'Pasta y pinturas',
      whatToBring: null,
      facilitatorName: 'Francisca Morales',
    });
    const audit = await db()
      .selectFrom('auditLog')
      .selectAll()
      .where('entityType', '=', 'workshop')
      .where('entityId', '=', id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.beforeJson!)).toMatchObject({ whatIncluded: 'Pasta de cerámica en frío' });
    expect(JSON.parse(audit.afterJson!)).toMatchObject({
      whatIncluded: 'Pasta y pinturas',
      whatToBring: null,
    });

    const { whatIncluded: _a, whatToBring: _b, facilitatorName: _c, ...withoutDetails } = input;
    await inTransaction(t.database, (trx) =>
      updateWorkshopByStaff(trx, id, { ...withoutDetails, waitlistHoldHours: 12 }, ctx()),
    );
    expect(await workshopRow(id)).toMatchObject({
      whatIncluded: 'Pasta y pinturas',
      facilitatorName: 'Francisca Morales',
    });
  });

  it('notifies every active enrollment when the date changes, in the same transaction', async () => {
    const w = await createWorkshop(db());
    const a = await enroll(w.id, 'Ana Uno');
    const b = await enroll(w.id, 'Beto Dos');
    const cancelled = await enroll(w.id, 'Carla Tres');
    await staff.post(`/gestion/talleres/${w.id}/inscripciones/${cancelled.enrollmentId}/anular/`);
    const res = await staff.post(
      `/gestion/talleres/${w.id}/editar/`,
      validForm({ nombre: w.name, fecha: '2026-06-20', hora: '11:00' }),
    );
    expect(res.statusCode).toBe(303);
    expect(await flashOf(res)).toContain('avisamos por correo a 2 inscritos');
    const mails = await outboxFor('workshop_changed', [
      a.enrollmentId,
      b.enrollmentId,
      cancelled.enrollmentId,
    ]);
    expect(mails.map((m) => m.enrollmentId).sort()).toEqual([a.enrollmentId, b.enrollmentId].sort());
    expect(mails[0]!.bodyText).toContain('sábado 20 de junio de 2026');
    // Saving again without changing the date sends nothing more.
    await staff.post(
      `/gestion/talleres/${w.id}/editar/`,
      validForm({ nombre: w.name, fecha: '2026-06-20', hora: '11:00' }),
    );
    expect(await outboxFor('workshop_changed', [a.enrollmentId, b.enrollmentId])).toHaveLength(2);
  });

  it('deactivates a workshop with enrollments instead of deleting it, and deletes one without', async () => {
    const used = await createWorkshop(db());
    await enroll(used.id);
    const confirm = await staff.get(`/gestion/talleres/${used.id}/eliminar/`);
    expect(confirm.body).toContain('no se eliminará');
    const unconfirmed = await staff.post(`/gestion/talleres/${used.id}/eliminar/`, {});
    expect(unconfirmed.statusCode).toBe(422);
    const res = await staff.post(`/gestion/talleres/${used.id}/eliminar/`, { confirmar: 'si' });
    expect(res.statusCode).toBe(303);
    expect(await flashOf(res)).toContain('quedó inactivo');
    expect((await workshopRow(used.id)).isActive).toBe(false);

    const empty = await createWorkshop(db());
    const del = await staff.post(`/gestion/talleres/${empty.id}/eliminar/`, { confirmar: 'si' });
    expect(del.headers.location).toBe('/gestion/talleres/');
    expect(
      await db().selectFrom('workshops').select('id').where('id', '=', empty.id).executeTakeFirst(),
    ).toBeUndefined();
    const audit = await db()
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'workshop')
      .where('entityId', '=', empty.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['delete']);
  });

  it('shows attendees with payment status, marks attendance per row and in bulk, and exports them', async () => {
    const w = await createWorkshop(db(), { priceClp: 30000 });
    const a = await enroll(w.id, 'Amanda Paz');
    const b = await enroll(w.id, 'Bruno Díaz');
    const page = await staff.get(`/gestion/talleres/${w.id}/`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Amanda Paz');
    expect(page.body).toContain('+56912345678');
    expect(page.body).toContain('badge-PENDIENTE');
    expect(page.body).toContain('$60.000');
    expect(page.body).toContain(`/gestion/talleres/${w.id}/lista-espera/`);

    await staff.post(`/gestion/talleres/${w.id}/asistencia/`, { ids: String(a.enrollmentId), presente: '1' });
    const row = (id: number) =>
      db().selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect((await row(a.enrollmentId)).attendedAt).not.toBeNull();
    expect((await row(b.enrollmentId)).attendedAt).toBeNull();
    const bulk = await staff.post(`/gestion/talleres/${w.id}/asistencia/`, {
      ids: [String(a.enrollmentId), String(b.enrollmentId)],
      presente: '0',
    });
    expect(await flashOf(bulk)).toContain('asistencia quitada a 1 persona');
    const none = await staff.post(`/gestion/talleres/${w.id}/asistencia/`, { presente: '1' });
    expect(await flashOf(none)).toContain('Selecciona al menos una persona');

    const csv = await staff.get(`/gestion/talleres/${w.id}/inscritos/?formato=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const cells = parseCsvExport(csv.body).flat();
    expect(cells.find((c) => c.includes('Amanda Paz'))).toBeDefined();
    expect(cells.find((c) => c.includes('Bruno Díaz'))).toBeDefined();
    expect(cells).toContain('30000');
  });

  it('enrolls a customer by hand with the public service and shows its outcomes as flash', async () => {
    const w = await createWorkshop(db(), { totalSeats: 1 });
    const name = unique('Josefina Müller ');
    const customer = await createCustomer(db(), { fullName: name });
    const search = await staff.get(
      `/gestion/talleres/${w.id}/?buscar=${encodeURIComponent(name.toLowerCase().replace('ü', 'u'))}`,
    );
    expect(search.body).toContain(`value="${customer.id}"`);
    const res = await staff.post(`/gestion/talleres/${w.id}/inscribir/`, { cliente: String(customer.id) });
    expect(await flashOf(res)).toContain(`Inscribimos a ${name}`);
    expect((await workshopRow(w.id)).seatsTaken).toBe(1);
    const again = await staff.post(`/gestion/talleres/${w.id}/inscribir/`, { cliente: String(customer.id) });
    expect(again.headers.location).toBe(`/gestion/talleres/${w.id}/`);
    expect(await flashOf(again)).toContain('ya está inscrito(a)');
    const other = await createCustomer(db());
    const full = await staff.post(`/gestion/talleres/${w.id}/inscribir/`, { cliente: String(other.id) });
    expect(await flashOf(full)).toContain('No quedan cupos');
  });

  it('registers a partial payment (ABONADO) and then the balance (PAGADO), one payment per form', async () => {
    const w = await createWorkshop(db(), { priceClp: 40000 });
    const { enrollmentId } = await enroll(w.id);
    const path = `/gestion/talleres/${w.id}/inscripciones/${enrollmentId}/pago/`;
    const first = { monto: '15.000', metodo: 'efectivo', clave: 'a'.repeat(22) };
    const res = await staff.post(path, first);
    expect(await flashOf(res)).toContain('Saldo pendiente: $25.000');
    const replay = await staff.post(path, first);
    expect(await flashOf(replay)).toContain('ya estaba registrado');
    let e = await db()
      .selectFrom('enrollments')
      .selectAll()
      .where('id', '=', enrollmentId)
      .executeTakeFirstOrThrow();
    expect(e).toMatchObject({ status: 'ABONADO', amountPaidClp: 15000 });
    const tooMuch = await staff.post(path, { monto: '30000', metodo: 'tarjeta', clave: 'b'.repeat(22) });
    expect(await flashOf(tooMuch)).toContain('no puede superar el saldo pendiente');
    const rest = await staff.post(path, {
      monto: '',
      saldo_completo: '1',
      metodo: 'transferencia',
      clave: 'c'.repeat(22),
    });
    expect(await flashOf(rest)).toContain('quedó pagada');
    e = await db()
      .selectFrom('enrollments')
      .selectAll()
      .where('id', '=', enrollmentId)
      .executeTakeFirstOrThrow();
    expect(e).toMatchObject({ status: 'PAGADO', amountPaidClp: 40000 });
    const payments = await db()
      .selectFrom('payments')
      .selectAll()
      .where('enrollmentId', '=', enrollmentId)
      .orderBy('id')
      .execute();
    expect(payments.map((p) => [p.amountClp, p.method])).toEqual([
      [15000, 'efectivo'],
      [25000, 'transferencia'],
    ]);
    expect(payments.every((p) => p.recordedByUserId !== null)).toBe(true);
  });

  it('cancels one enrollment as staff, freeing its seat', async () => {
    const w = await createWorkshop(db(), { cancellationCutoffHours: 10_000 });
    const { enrollmentId } = await enroll(w.id);
    const res = await staff.post(`/gestion/talleres/${w.id}/inscripciones/${enrollmentId}/anular/`);
    expect(await flashOf(res)).toContain('Inscripción anulada');
    expect((await workshopRow(w.id)).seatsTaken).toBe(0);
    const other = await createWorkshop(db());
    expect(
      (await staff.post(`/gestion/talleres/${other.id}/inscripciones/${enrollmentId}/anular/`)).statusCode,
    ).toBe(404);
  });

  it('cancels the whole workshop: seats freed, refunds due recorded, everyone notified, tmm check clean', async () => {
    const w = await createWorkshop(db(), { priceClp: 20000, totalSeats: 3 });
    const paid = await enroll(w.id, 'Pagó Todo');
    const partial = await enroll(w.id, 'Pagó Parte');
    await enroll(w.id, 'Debe Todo');
    await inTransaction(t.database, async (trx) => {
      await recordEnrollmentPayment(trx, { enrollmentId: paid.enrollmentId, method: 'efectivo' }, ctx());
      await recordEnrollmentPayment(
        trx,
        { enrollmentId: partial.enrollmentId, amountClp: 5000, method: 'tarjeta' },
        ctx(),
      );
    });
    const waiter = await createCustomer(db());
    await db().insertInto('waitlistEntries').values({ workshopId: w.id, customerId: waiter.id }).execute();

    const confirm = await staff.get(`/gestion/talleres/${w.id}/cancelar/`);
    expect(confirm.body).toContain('Se anularán 3 inscripciones activas');
    const res = await staff.post(`/gestion/talleres/${w.id}/cancelar/`, {
      confirmar: 'si',
      nota: 'La profesora está enferma.',
    });
    expect(res.statusCode).toBe(303);
    expect(await flashOf(res)).toContain(
      'anulamos 3 inscripciones y enviamos 4 avisos. Quedan $25.000 por devolver.',
    );

    const after = await workshopRow(w.id);
    expect(after).toMatchObject({ seatsTaken: 0, seatsHeld: 0, isActive: false });
    expect(after.cancelledAt).not.toBeNull();
    const rows = await db()
      .selectFrom('enrollments')
      .selectAll()
      .where('workshopId', '=', w.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.status, r.refundDueClp])).toEqual([
      ['ANULADO', 20000],
      ['ANULADO', 5000],
      ['ANULADO', 0],
    ]);
    const mails = await outboxFor(
      'workshop_changed',
      rows.map((r) => r.id),
    );
    expect(mails).toHaveLength(3);
    expect(mails.find((m) => m.enrollmentId === paid.enrollmentId)!.bodyText).toContain('$20.000');
    expect((await runConsistencyChecks(db())).problems).toEqual([]);

    const again = await staff.post(`/gestion/talleres/${w.id}/cancelar/`, { confirmar: 'si' });
    expect(await flashOf(again)).toContain('ya estaba cancelado');
  });
  it('settles the refund of a cancelled paid enrollment, shown on the workshop page', async () => {
    const w = await createWorkshop(db(), { priceClp: 30000 });
    const { enrollmentId } = await enroll(w.id, 'Devolución Pendiente');
    await inTransaction(t.database, (trx) =>
      recordEnrollmentPayment(trx, { enrollmentId, method: 'efectivo' }, ctx()),
    );
    await staff.post(`/gestion/talleres/${w.id}/inscripciones/${enrollmentId}/anular/`);
    const page = await staff.get(`/gestion/talleres/${w.id}/?anulados=1`);
    expect(page.body).toContain('devolver $30.000');
    expect(page.body).toContain('Registrar devolución');

    const path = `/gestion/talleres/${w.id}/inscripciones/${enrollmentId}/devolucion/`;
    const partial = await staff.post(path, {
      monto: '10.000',
      metodo: 'transferencia',
      clave: 'd'.repeat(22),
    });
    expect(await flashOf(partial)).toContain('Queda $20.000 por devolver');
    const all = { monto: '', saldo_completo: '1', metodo: 'efectivo', clave: 'e'.repeat(22) };
    const rest = await staff.post(path, all);
    expect(await flashOf(rest)).toContain('No queda nada por devolver');
    const replay = await staff.post(path, all);
    expect(replay.statusCode).toBe(303);

    const e = await db()
      .selectFrom('enrollments')
      .selectAll()
      .where('id', '=', enrollmentId)
      .executeTakeFirstOrThrow();
    expect(e).toMatchObject({ status: 'ANULADO', refundDueClp: 0, amountPaidClp: 0 });
    const refunds = await db()
      .selectFrom('payments')
      .select(['amountClp'])
      .where('enrollmentId', '=', enrollmentId)
      .where('kind', '=', 'REFUND')
      .orderBy('id')
      .execute();
    expect(refunds.map((r) => r.amountClp)).toEqual([10000, 20000]);
    expect((await runConsistencyChecks(db())).problems).toEqual([]);
  });
});
