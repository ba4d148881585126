import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { cancelEnrollment, enrollCustomer } from '../../src/domain/enrollments/enrollments.service';
import { recordEnrollmentPayment } from '../../src/domain/payments/payments.service';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createCustomer, createUser, createWorkshop, TEST_PASSWORD, unique } from '../support/factories';

/**
 * Amounts staff type: one parser for every money field, and no guessing. Before, "abc", "10.000,50"
 * or "-5" in a payment form recorded the whole balance as paid, "45000.00" was saved as $4.500.000,
 * and a workshop could not be saved with "Activo" unchecked.
 */
describe('money and checkboxes in staff forms', () => {
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
  const ctx = () => ({ now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl });
  const enrollment = (id: number) =>
    db().selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const paymentCount = async (enrollmentId: number) =>
    (await db().selectFrom('payments').select('id').where('enrollmentId', '=', enrollmentId).execute())
      .length;

  async function owing(price = 45000) {
    const workshop = await createWorkshop(db(), { priceClp: price });
    const customer = await createCustomer(db());
    const { enrollmentId } = await inTransaction(t.database, (trx) =>
      enrollCustomer(trx, { workshopId: workshop.id, customerId: customer.id }, ctx()),
    );
    return { workshop, enrollmentId };
  }

  const key = () =>
    unique('clave-')
      .padEnd(22, 'x')
      .replace(/[^A-Za-z0-9_-]/g, 'x');

  it.each([['abc'], ['10.000,50'], ['-5'], ['45000.00'], ['12.5'], ['']])(
    'refuses the amount %j on the debtors payment form with 422, the field marked, nothing written',
    async (monto) => {
      const { enrollmentId } = await owing();
      const res = await staff.post(`/gestion/deudores/${enrollmentId}/pago/`, {
        monto,
        metodo: 'efectivo',
        clave: key(),
      });
      expect(res.statusCode).toBe(422);
      expect(res.body).toMatch(/aria-invalid="true"[^>]*|name="monto"/);
      expect(res.body).toContain('sin decimales');
      expect(res.body).toMatch(/<input id="f-monto" name="monto"[^>]*aria-invalid="true"/);
      expect(await enrollment(enrollmentId)).toMatchObject({ status: 'PENDIENTE', amountPaidClp: 0 });
      expect(await paymentCount(enrollmentId)).toBe(0);
    },
  );

  it('refuses a bad amount on the workshop page quick form the same way', async () => {
    const { workshop, enrollmentId } = await owing();
    const path = `/gestion/talleres/${workshop.id}/inscripciones/${enrollmentId}/pago/`;
    const res = await staff.post(path, { monto: 'abc', metodo: 'efectivo', clave: key() });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(`action="${path}"`);
    expect(res.body).toMatch(/<input id="f-monto" name="monto"[^>]*aria-invalid="true"/);
    expect(await paymentCount(enrollmentId)).toBe(0);
  });

  it('accepts 45000, 45.000 and $45.000 as the same amount', async () => {
    for (const monto of ['45000', '45.000', '$45.000']) {
      const { enrollmentId } = await owing();
      const res = await staff.post(`/gestion/deudores/${enrollmentId}/pago/`, {
        monto,
        metodo: 'efectivo',
        clave: key(),
      });
      expect(res.statusCode, monto).toBe(303);
      expect(await enrollment(enrollmentId)).toMatchObject({ status: 'PAGADO', amountPaidClp: 45000 });
    }
  });

  it('pays the whole balance only when "pagar saldo completo" is chosen', async () => {
    const { enrollmentId } = await owing(30000);
    const page = await staff.get(`/gestion/deudores/${enrollmentId}/pago/`);
    expect(page.body).toContain('name="saldo_completo"');
    const res = await staff.post(`/gestion/deudores/${enrollmentId}/pago/`, {
      monto: '',
      saldo_completo: '1',
      metodo: 'transferencia',
      clave: key(),
    });
    expect(res.statusCode).toBe(303);
    expect(await enrollment(enrollmentId)).toMatchObject({ status: 'PAGADO', amountPaidClp: 30000 });
  });

  it('refuses a bad refund amount with 422 and leaves what is owed back untouched', async () => {
    const { workshop, enrollmentId } = await owing(20000);
    await inTransaction(t.database, async (trx) => {
      await recordEnrollmentPayment(trx, { enrollmentId, method: 'efectivo' }, ctx());
      await cancelEnrollment(trx, { enrollmentId, customerId: null, waitlistHoldHours: 12 }, ctx());
    });
    expect((await enrollment(enrollmentId)).refundDueClp).toBe(20000);
    const path = `/gestion/talleres/${workshop.id}/inscripciones/${enrollmentId}/devolucion/`;
    for (const monto of ['abc', '-5', '10.000,50', '']) {
      const res = await staff.post(path, { monto, metodo: 'efectivo', clave: key() });
      expect(res.statusCode, monto).toBe(422);
      expect(res.body).toContain('Registrar devolución');
    }
    expect(await enrollment(enrollmentId)).toMatchObject({ refundDueClp: 20000, amountPaidClp: 20000 });
  });

  const workshopForm = (overrides: Record<string, string | undefined> = {}) => {
    const form: Record<string, string> = {
      nombre: unique('Taller Acuarela '),
      descripcion: 'Acuarela botánica.',
      categoria: '',
      fecha: '2026-05-16',
      hora: '10:30',
      duracion: '120',
      modalidad: 'PRESENCIAL',
      lugar: 'Cerro Alegre',
      enlace: '',
      precio: '45.000',
      cupos: '8',
      plazo_anulacion: '24',
      vencimiento_impago: '',
    };
    for (const [k, v] of Object.entries(overrides)) {
      if (v === undefined) delete form[k];
      else form[k] = v;
    }
    return form;
  };

  it('saves a workshop with "Activo" unchecked as hidden (the key is simply absent)', async () => {
    const res = await staff.post('/gestion/talleres/nuevo/', workshopForm());
    expect(res.statusCode).toBe(303);
    const id = Number(/\/gestion\/talleres\/(\d+)\//.exec(String(res.headers.location))![1]);
    const row = await db().selectFrom('workshops').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ isActive: false, priceClp: 45000 });
  });

  it('refuses a price with decimals instead of multiplying it by a hundred', async () => {
    for (const precio of ['45000.00', '12.5']) {
      const res = await staff.post('/gestion/talleres/nuevo/', workshopForm({ precio, activo: 'on' }));
      expect(res.statusCode, precio).toBe(422);
      expect(res.body).toMatch(/<input id="f-precio" name="precio"[^>]*aria-invalid="true"/);
      expect(res.body).toContain('sin decimales');
    }
  });

  it('never shows zod’s own wording, even for a form missing every field', async () => {
    const res = await staff.post('/gestion/talleres/nuevo/', {});
    expect(res.statusCode).toBe(422);
    expect(res.body).not.toMatch(/nonoptional|se esperaba|indefinido|Entrada inválida/);
  });
});
