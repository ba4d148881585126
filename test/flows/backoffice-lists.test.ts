import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollmentStatus, SaleStatus } from '../../src/db/schema';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { parseCsvExport } from '../support/csv';
import {
  createCustomer,
  createCustomerAccount,
  createProduct,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../support/factories';

/** The back-office lists of enrollments, payments, products and sales (issue 6). */

const decode = (s: string) =>
  s
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');

function flashes(html: string): string[] {
  return [...html.matchAll(/<div class="flash flash-\w+"[^>]*>([^<]*)/g)].map((m) => decode(m[1]!));
}

/** The ids of the rows the page shows, in order. */
const rowIds = (html: string) => [...html.matchAll(/<tr data-row-id="(\d+)"/g)].map((m) => Number(m[1]));
const range = (html: string) => decode(/data-test="list-range">([^<]*)</.exec(html)?.[1] ?? '');
/** The href of the "Siguiente »" pagination link. */
const nextHref = (html: string) => decode(/<a href="([^"]+)" rel="next">/.exec(html)?.[1] ?? '');

describe('back-office lists: enrollments, payments, products and sales', () => {
  let t: TestApp;
  let staff: TestClient;
  let staffId: number;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(db(), { role: 'staff', name: 'Marta Staff' });
    staffId = user.id;
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  async function enroll(
    customerId: number,
    workshopId: number,
    values: {
      amountDueClp?: number;
      amountPaidClp?: number;
      status?: EnrollmentStatus;
      createdAt?: string;
    } = {},
  ) {
    return db()
      .insertInto('enrollments')
      .values({
        customerId,
        workshopId,
        amountDueClp: values.amountDueClp ?? 45000,
        amountPaidClp: values.amountPaidClp ?? 0,
        status: values.status ?? 'PENDIENTE',
        ...(values.createdAt ? { createdAt: values.createdAt } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  async function sale(
    customerId: number,
    lines: { productId: number; quantity: number; unitPriceClp: number }[],
    status: SaleStatus = 'PENDIENTE',
    createdAt?: string,
  ) {
    const totalClp = lines.reduce((s, l) => s + l.quantity * l.unitPriceClp, 0);
    const row = await db()
      .insertInto('sales')
      .values({
        customerId,
        totalClp,
        status,
        expiresAt: '2026-03-03T15:00:00.000Z',
        ...(createdAt ? { createdAt } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('saleLines')
      .values(lines.map((l) => ({ saleId: row.id, ...l })))
      .execute();
    return row;
  }

  describe('enrollments /gestion/inscripciones/', () => {
    it('searches without accents, filters, sorts and pages while keeping the state in the URL', async () => {
      const tag = unique('grupo');
      const workshop = await createWorkshop(db(), { name: `Taller de Cerámica ${tag}` });
      const other = await createWorkshop(db(), { name: `Taller de Resina ${tag}` });
      const jose = await createCustomer(db(), { fullName: `José Pérez ${tag}` });
      const joseEnrollment = await enroll(jose.id, workshop.id, {
        amountDueClp: 50000,
        amountPaidClp: 20000,
        status: 'ABONADO',
      });
      // 27 pending enrollments in the ceramics workshop, one pending in resin: two pages of 25.
      const pending: number[] = [];
      for (let i = 0; i < 27; i++) {
        const c = await createCustomer(db(), { fullName: `Alumna ${String(i).padStart(2, '0')} ${tag}` });
        pending.push((await enroll(c.id, workshop.id, { amountDueClp: 1000 + i })).id);
      }
      const elsewhere = await createCustomer(db(), { fullName: `Alumna 99 ${tag}` });
      await enroll(elsewhere.id, other.id);

      const found = await staff.get(`/gestion/inscripciones/?q=${encodeURIComponent(`jose perez ${tag}`)}`);
      expect(found.statusCode).toBe(200);
      expect(rowIds(found.body)).toEqual([joseEnrollment.id]);
      expect(found.body).toContain('José Pérez');
      expect(found.body).toContain('$30.000'); // what José still owes
      // The search also reads the workshop name, accents ignored.
      expect(
        range((await staff.get(`/gestion/inscripciones/?q=${encodeURIComponent(`CERAMICA ${tag}`)}`)).body),
      ).toBe('Mostrando 1–25 de 28');

      const first = await staff.get(
        `/gestion/inscripciones/?q=${tag}&estado=PENDIENTE&taller=${workshop.id}&sort=monto&dir=desc`,
      );
      expect(first.statusCode).toBe(200);
      expect(range(first.body)).toBe('Mostrando 1–25 de 27');
      expect(rowIds(first.body)).toEqual([...pending].reverse().slice(0, 25));
      const next = nextHref(first.body);
      expect(next).toContain('estado=PENDIENTE');
      expect(next).toContain('sort=monto');
      const second = await staff.get(next);
      expect(range(second.body)).toBe('Mostrando 26–27 de 27');
      expect(rowIds(second.body)).toEqual([pending[1], pending[0]]);

      const abonado = await staff.get(`/gestion/inscripciones/?q=${tag}&estado=ABONADO`);
      expect(rowIds(abonado.body)).toEqual([joseEnrollment.id]);
      // The status filter offers only real statuses.
      const options = [...first.body.matchAll(/<option value="(\w+)"[^>]*>[^<]*<\/option>/g)].map(
        (m) => m[1],
      );
      expect(options).toEqual(expect.arrayContaining(['PENDIENTE', 'PAGADO', 'ABONADO', 'ANULADO']));
      expect(first.body).not.toContain('CANCELADO');
      expect(first.body).not.toContain('REEMBOLSADO');
    });

    it('filters by date range in Santiago days', async () => {
      const tag = unique('fechas');
      const workshop = await createWorkshop(db());
      const c = await createCustomer(db(), { fullName: `Fecha ${tag}` });
      // 2026-03-10 01:00 UTC is still the 9th in Santiago (UTC-3).
      const early = await enroll(c.id, workshop.id, { createdAt: '2026-03-10T01:00:00.000Z' });
      const c2 = await createCustomer(db(), { fullName: `Fecha ${tag}` });
      const late = await enroll(c2.id, workshop.id, { createdAt: '2026-03-10T12:00:00.000Z' });
      const onTenth = await staff.get(`/gestion/inscripciones/?q=${tag}&desde=2026-03-10&hasta=2026-03-10`);
      expect(rowIds(onTenth.body)).toEqual([late.id]);
      const onNinth = await staff.get(`/gestion/inscripciones/?q=${tag}&hasta=2026-03-09`);
      expect(rowIds(onNinth.body)).toEqual([early.id]);
    });

    it('never answers a 500 to a hand-edited query string', async () => {
      for (const q of [
        'estado=BOGUSVALUE1',
        'taller=abc',
        'taller=-1',
        'page=xyz',
        'page=99999',
        'sort=drop%20table&dir=sideways',
        'desde=2026-02-31&hasta=ayer',
        'ids=1,a,2',
        'formato=pdf',
        'q=%25_%5C',
      ]) {
        for (const list of ['inscripciones', 'pagos', 'productos', 'ventas']) {
          const res = await staff.get(`/gestion/${list}/?${q}`);
          expect(res.statusCode, `${list}?${q}`).toBe(200);
        }
      }
    });

    it('exports the filtered list as CSV and as an XLSX workbook', async () => {
      const tag = unique('export');
      const workshop = await createWorkshop(db(), { name: `Taller Export ${tag}` });
      const a = await createCustomer(db(), { fullName: `Ñandú Muñoz ${tag}` });
      const b = await createCustomer(db(), { fullName: `Otra Persona ${tag}` });
      await enroll(a.id, workshop.id, { status: 'PAGADO', amountPaidClp: 45000 });
      await enroll(b.id, workshop.id);

      const csv = await staff.get(`/gestion/inscripciones/?q=${tag}&estado=PAGADO&formato=csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toMatch(
        /attachment; filename="inscripciones-2026-03-02\.csv"/,
      );
      const rows = parseCsvExport(csv.body);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain('Cliente');
      expect(rows[1]).toContain(`Ñandú Muñoz ${tag}`);
      expect(rows[1]).toContain('Pagado');

      const xlsx = await staff.get(`/gestion/inscripciones/?q=${tag}&formato=xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    });

    it('marks the selected enrollments paid with one payment each, once, even when the form is sent twice', async () => {
      const tag = unique('bulk');
      const workshop = await createWorkshop(db());
      const a = await createCustomer(db(), { fullName: `Pago A ${tag}` });
      const b = await createCustomer(db(), { fullName: `Pago B ${tag}` });
      const c = await createCustomer(db(), { fullName: `Pago C ${tag}` });
      const ea = await enroll(a.id, workshop.id, { amountDueClp: 45000 });
      const eb = await enroll(b.id, workshop.id, {
        amountDueClp: 45000,
        amountPaidClp: 15000,
        status: 'ABONADO',
      });
      const ec = await enroll(c.id, workshop.id, { status: 'ANULADO' });

      const page = await staff.get(`/gestion/inscripciones/?q=${tag}`);
      const envio = /name="envio" value="([^"]+)"/.exec(page.body)![1]!;
      const back = `/gestion/inscripciones/?q=${tag}`;
      const form = {
        accion: 'pagar',
        metodo: 'transferencia',
        envio,
        volver: back,
        ids: [String(ea.id), String(eb.id), String(ec.id)],
      };
      const res = await staff.post('/gestion/inscripciones/acciones/', form);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(back);
      const [message] = flashes((await staff.follow(res)).body);
      expect(message).toContain('Pago registrado en 2 inscripciones.');
      expect(message).toContain(`N° ${ec.id} (Esta inscripción fue anulada: no se puede pagar.)`);

      const again = await staff.post('/gestion/inscripciones/acciones/', form);
      expect(again.statusCode).toBe(303);
      expect(flashes((await staff.follow(again)).body)[0]).toContain('2 pagos ya estaban registrados');

      const payments = await db()
        .selectFrom('payments')
        .select(['enrollmentId', 'amountClp', 'method', 'recordedByUserId'])
        .where('enrollmentId', 'in', [ea.id, eb.id, ec.id])
        .orderBy('enrollmentId')
        .execute();
      expect(payments).toEqual([
        { enrollmentId: ea.id, amountClp: 45000, method: 'transferencia', recordedByUserId: staffId },
        { enrollmentId: eb.id, amountClp: 30000, method: 'transferencia', recordedByUserId: staffId },
      ]);
      const statuses = await db()
        .selectFrom('enrollments')
        .select(['id', 'status', 'amountPaidClp'])
        .where('id', 'in', [ea.id, eb.id, ec.id])
        .orderBy('id')
        .execute();
      expect(statuses).toEqual([
        { id: ea.id, status: 'PAGADO', amountPaidClp: 45000 },
        { id: eb.id, status: 'PAGADO', amountPaidClp: 45000 },
        { id: ec.id, status: 'ANULADO', amountPaidClp: 0 },
      ]);
      const audit = await db()
        .selectFrom('auditLog')
        .select(['entityType', 'action', 'actorUserId', 'beforeJson', 'afterJson'])
        .where('entityType', '=', 'enrollment')
        .where('entityId', '=', eb.id)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actorUserId).toBe(staffId);
      expect(JSON.parse(audit[0]!.beforeJson!)).toEqual({ status: 'ABONADO', amountPaidClp: 15000 });
      expect(JSON.parse(audit[0]!.afterJson!)).toEqual({ status: 'PAGADO', amountPaidClp: 45000 });
    });

    it('refuses a bulk payment without a selection or a valid method', async () => {
      const noRows = await staff.post('/gestion/inscripciones/acciones/', {
        accion: 'pagar',
        metodo: 'efectivo',
        envio: 'a'.repeat(20),
      });
      expect(noRows.statusCode).toBe(303);
      expect(flashes((await staff.follow(noRows)).body)).toContain(
        'Selecciona al menos una inscripción de la lista.',
      );
      const workshop = await createWorkshop(db());
      const c = await createCustomer(db());
      const e = await enroll(c.id, workshop.id);
      const bogus = await staff.post('/gestion/inscripciones/acciones/', {
        accion: 'pagar',
        metodo: 'BOGUSVALUE1',
        envio: 'b'.repeat(20),
        ids: String(e.id),
      });
      expect(flashes((await staff.follow(bogus)).body)).toContain('Elige el medio de pago.');
      const row = await db()
        .selectFrom('enrollments')
        .select('status')
        .where('id', '=', e.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('PENDIENTE');
    });

    it('sends the selection to the e-mail composer and to an export of just those rows', async () => {
      const workshop = await createWorkshop(db());
      const a = await createCustomer(db());
      const b = await createCustomer(db());
      const e1 = await enroll(a.id, workshop.id);
      const e2 = await enroll(b.id, workshop.id);
      const mail = await staff.post('/gestion/inscripciones/acciones/', {
        accion: 'correo',
        ids: [String(e1.id), String(e2.id)],
      });
      expect(mail.statusCode).toBe(303);
      expect(mail.headers.location).toBe(
        `/gestion/email/?cliente_id=${Math.min(a.id, b.id)}&cliente_id=${Math.max(a.id, b.id)}`,
      );

      const exp = await staff.post('/gestion/inscripciones/acciones/', {
        accion: 'exportar',
        formato: 'csv',
        ids: String(e2.id),
      });
      expect(exp.headers.location).toBe(`/gestion/inscripciones/?ids=${e2.id}&formato=csv`);
      const csv = await staff.get(String(exp.headers.location));
      const rows = parseCsvExport(csv.body);
      expect(rows).toHaveLength(2);
      expect(rows[1]![0]).toBe(String(e2.id));
    });
  });

  describe('products /gestion/productos/', () => {
    it('searches without accents, filters, sorts by units sold and pages', async () => {
      const tag = unique('kit');
      const ids: number[] = [];
      for (let i = 0; i < 26; i++)
        ids.push(
          (await createProduct(db(), { name: `Kit Resína ${tag} ${String(i).padStart(2, '0')}`, stock: 10 }))
            .id,
        );
      const low = await createProduct(db(), { name: `Kit Cerámica ${tag}`, stock: 2, lowStockThreshold: 5 });
      const customer = await createCustomer(db());
      await sale(customer.id, [{ productId: ids[3]!, quantity: 4, unitPriceClp: 15000 }], 'PAGADO');
      await sale(customer.id, [{ productId: ids[7]!, quantity: 2, unitPriceClp: 15000 }], 'PAGADO');
      // A pending order is not counted as sold.
      await sale(customer.id, [{ productId: ids[9]!, quantity: 9, unitPriceClp: 15000 }], 'PENDIENTE');

      const byName = await staff.get(`/gestion/productos/?q=${encodeURIComponent(`resina ${tag}`)}`);
      expect(range(byName.body)).toBe('Mostrando 1–25 de 26');
      const second = await staff.get(nextHref(byName.body));
      expect(rowIds(second.body)).toEqual([ids[25]]);

      const sold = await staff.get(`/gestion/productos/?q=${tag}&sort=vendidos&dir=desc`);
      expect(rowIds(sold.body).slice(0, 2)).toEqual([ids[3], ids[7]]);

      const lowOnly = await staff.get(
        `/gestion/productos/?q=${encodeURIComponent(`CERAMICA ${tag}`)}&stock_bajo=1`,
      );
      expect(rowIds(lowOnly.body)).toEqual([low.id]);
      expect(lowOnly.body).toContain('Stock bajo');
      expect(lowOnly.body).toContain(`/gestion/productos/${low.id}/imagen/`);
    });

    it('creates and edits a product, and re-renders the form with messages (422) when it is invalid', async () => {
      const tag = unique('nuevo');
      const bad = await staff.post('/gestion/productos/nuevo/', {
        nombre: '',
        precio: '-5',
        stock: 'muchos',
        umbral: '',
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('Escribe el nombre del producto.');
      expect(bad.body).toContain('Escribe el precio en pesos, sin decimales');
      expect(bad.body).toContain('Escribe el stock como un número entero, cero o más.');
      expect(bad.body).toContain('Escribe el umbral de stock bajo como un número entero');
      expect(bad.body).toContain('value="muchos"');

      const created = await staff.post('/gestion/productos/nuevo/', {
        nombre: `Kit Telar ${tag}`,
        descripcion: 'Todo para tejer.',
        precio: '18.990',
        stock: '7',
        umbral: '2',
        disponible: '1',
      });
      expect(created.statusCode).toBe(303);
      const product = await db()
        .selectFrom('products')
        .select(['id', 'priceClp', 'stock', 'lowStockThreshold', 'isAvailable'])
        .where('name', '=', `Kit Telar ${tag}`)
        .executeTakeFirstOrThrow();
      expect(product).toMatchObject({ priceClp: 18990, stock: 7, lowStockThreshold: 2, isAvailable: true });

      // The same name with other case and accents is a duplicate.
      const duplicate = await staff.post('/gestion/productos/nuevo/', {
        nombre: `KIT TÉLAR ${tag}`,
        precio: '1000',
        stock: '1',
        umbral: '0',
      });
      expect(duplicate.statusCode).toBe(422);
      expect(decode(duplicate.body)).toContain('Ya existe un producto con ese nombre');

      const edited = await staff.post(`/gestion/productos/${product.id}/editar/`, {
        nombre: `Kit Telar ${tag}`,
        precio: '20000',
        stock: '3',
        umbral: '2',
      });
      expect(edited.statusCode).toBe(303);
      const after = await db()
        .selectFrom('products')
        .select(['priceClp', 'stock', 'isAvailable'])
        .where('id', '=', product.id)
        .executeTakeFirstOrThrow();
      expect(after).toEqual({ priceClp: 20000, stock: 3, isAvailable: false });
      const audit = await db()
        .selectFrom('auditLog')
        .select(['action', 'beforeJson', 'afterJson'])
        .where('entityType', '=', 'product')
        .where('entityId', '=', product.id)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
      expect(JSON.parse(audit[1]!.beforeJson!)).toEqual({
        priceClp: 18990,
        stock: 7,
        description: 'Todo para tejer.',
        isAvailable: true,
      });
      expect(JSON.parse(audit[1]!.afterJson!)).toEqual({
        priceClp: 20000,
        stock: 3,
        description: null,
        isAvailable: false,
      });
      const page = await staff.get(`/gestion/productos/${product.id}/editar/`);
      expect(page.body).toContain('Historial de cambios');
      expect((await staff.get('/gestion/productos/999999/editar/')).statusCode).toBe(404);
      expect((await staff.get('/gestion/productos/abc/editar/')).statusCode).toBe(404);
    });

    it('deactivates a sold product instead of deleting it, and deletes one never sold', async () => {
      const customer = await createCustomer(db());
      const sold = await createProduct(db());
      const unsold = await createProduct(db());
      await sale(customer.id, [{ productId: sold.id, quantity: 1, unitPriceClp: 15000 }], 'ANULADO');

      const confirm = await staff.get(`/gestion/productos/${sold.id}/eliminar/`);
      expect(confirm.statusCode).toBe(200);
      expect(confirm.body).toContain('data-test="delete-deactivates"');
      const res = await staff.post(`/gestion/productos/${sold.id}/eliminar/`);
      expect(res.statusCode).toBe(303);
      expect(flashes((await staff.follow(res)).body)[0]).toContain('no se eliminó: quedó desactivado');
      const kept = await db()
        .selectFrom('products')
        .select('isAvailable')
        .where('id', '=', sold.id)
        .executeTakeFirst();
      expect(kept).toEqual({ isAvailable: false });

      expect((await staff.get(`/gestion/productos/${unsold.id}/eliminar/`)).body).not.toContain(
        'delete-deactivates',
      );
      const gone = await staff.post(`/gestion/productos/${unsold.id}/eliminar/`);
      expect(flashes((await staff.follow(gone)).body)).toContain('Producto eliminado.');
      expect(
        await db().selectFrom('products').select('id').where('id', '=', unsold.id).executeTakeFirst(),
      ).toBeUndefined();
      const audit = await db()
        .selectFrom('auditLog')
        .select('action')
        .where('entityType', '=', 'product')
        .where('entityId', '=', unsold.id)
        .execute();
      expect(audit).toEqual([{ action: 'delete' }]);
    });

    it('deactivates the selected products in bulk and exports the filtered list', async () => {
      const tag = unique('lote');
      const a = await createProduct(db(), { name: `Lote A ${tag}` });
      const b = await createProduct(db(), { name: `Lote B ${tag}` });
      const res = await staff.post('/gestion/productos/acciones/', {
        accion: 'desactivar',
        ids: [String(a.id), String(b.id)],
      });
      expect(flashes((await staff.follow(res)).body)).toContain('2 productos desactivados.');
      const rows = await db()
        .selectFrom('products')
        .select('isAvailable')
        .where('id', 'in', [a.id, b.id])
        .execute();
      expect(rows.every((r) => !r.isAvailable)).toBe(true);
      const csv = await staff.get(`/gestion/productos/?q=${tag}&disponible=no&formato=csv`);
      expect(parseCsvExport(csv.body)).toHaveLength(3);
      expect(
        parseCsvExport((await staff.get(`/gestion/productos/?q=${tag}&disponible=si&formato=csv`)).body),
      ).toHaveLength(1);
    });
  });

  describe('sales /gestion/ventas/', () => {
    it('searches, filters by status, sorts by total and pages', async () => {
      const tag = unique('venta');
      const kit = await createProduct(db(), { stock: 100 });
      const jose = await createCustomer(db(), { fullName: `José Ñúñez ${tag}` });
      const paid = await sale(jose.id, [{ productId: kit.id, quantity: 1, unitPriceClp: 5000 }], 'PAGADO');
      const pending: number[] = [];
      for (let i = 1; i <= 26; i++)
        pending.push(
          (await sale(jose.id, [{ productId: kit.id, quantity: 1, unitPriceClp: 1000 * i }], 'PENDIENTE')).id,
        );

      const all = await staff.get(`/gestion/ventas/?q=${encodeURIComponent(`jose nunez ${tag}`)}`);
      expect(range(all.body)).toBe('Mostrando 1–25 de 27');
      const first = await staff.get(`/gestion/ventas/?q=${tag}&estado=PENDIENTE&sort=total&dir=asc`);
      expect(range(first.body)).toBe('Mostrando 1–25 de 26');
      expect(rowIds(first.body)).toEqual(pending.slice(0, 25));
      const second = await staff.get(nextHref(first.body));
      expect(rowIds(second.body)).toEqual([pending[25]]);
      expect(rowIds((await staff.get(`/gestion/ventas/?q=${tag}&estado=PAGADO`)).body)).toEqual([paid.id]);
      expect(rowIds((await staff.get(`/gestion/ventas/?q=%23${paid.id}`)).body)).toEqual([paid.id]);

      const csv = await staff.get(`/gestion/ventas/?q=${tag}&estado=PAGADO&formato=csv`);
      const rows = parseCsvExport(csv.body);
      expect(rows).toHaveLength(2);
      expect(rows[1]).toContain(`José Ñúñez ${tag}`);
    });

    it('registers a cash payment of a pending order once, and shows it on the order', async () => {
      const kit = await createProduct(db(), { stock: 10 });
      const customer = await createCustomer(db());
      const order = await sale(customer.id, [{ productId: kit.id, quantity: 2, unitPriceClp: 15000 }]);
      const res = await staff.post(`/gestion/ventas/${order.id}/pago/`, {
        metodo: 'efectivo',
        referencia: 'Boleta 123',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/gestion/ventas/${order.id}/`);
      const page = await staff.follow(res);
      expect(flashes(page.body)[0]).toContain('registrado');
      expect(page.body).toContain('Boleta 123');
      expect(page.body).toContain('Marta Staff');
      const again = await staff.post(`/gestion/ventas/${order.id}/pago/`, {
        metodo: 'efectivo',
        referencia: 'Boleta 123',
      });
      expect(flashes((await staff.follow(again)).body)).toContain(
        'Este pedido ya estaba pagado: no se registró nada nuevo.',
      );
      const payments = await db()
        .selectFrom('payments')
        .select(['amountClp', 'method'])
        .where('saleId', '=', order.id)
        .execute();
      expect(payments).toEqual([{ amountClp: 30000, method: 'efectivo' }]);
      const row = await db()
        .selectFrom('sales')
        .select('status')
        .where('id', '=', order.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('PAGADO');
      const cancel = await staff.post(`/gestion/ventas/${order.id}/anular/`);
      expect(flashes((await staff.follow(cancel)).body)).toContain(
        'Este pedido ya no está pendiente de pago: no se puede anular.',
      );
      const bad = await staff.post(`/gestion/ventas/${order.id}/pago/`, { metodo: 'BOGUSVALUE1' });
      expect(flashes((await staff.follow(bad)).body)).toContain('Elige el medio de pago.');
    });

    it('cancels an unpaid order and returns its stock', async () => {
      const kit = await createProduct(db(), { stock: 5 });
      const customer = await createCustomer(db());
      const order = await sale(customer.id, [{ productId: kit.id, quantity: 3, unitPriceClp: 15000 }]);
      const res = await staff.post(`/gestion/ventas/${order.id}/anular/`);
      expect(res.statusCode).toBe(303);
      expect(flashes((await staff.follow(res)).body)[0]).toContain('anulado');
      const stock = await db()
        .selectFrom('products')
        .select('stock')
        .where('id', '=', kit.id)
        .executeTakeFirstOrThrow();
      expect(stock.stock).toBe(8);
      const row = await db()
        .selectFrom('sales')
        .select('status')
        .where('id', '=', order.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('ANULADO');
      const audit = await db()
        .selectFrom('auditLog')
        .select('afterJson')
        .where('entityType', '=', 'sale')
        .where('entityId', '=', order.id)
        .execute();
      expect(audit.map((a) => JSON.parse(a.afterJson!))).toEqual([{ status: 'ANULADO' }]);
      expect((await staff.get('/gestion/ventas/999999/')).statusCode).toBe(404);
    });
  });

  describe('payments /gestion/pagos/', () => {
    it('lists payments and refunds of workshops and orders with totals, filters, sort and pages', async () => {
      const tag = unique('pagos');
      const workshop = await createWorkshop(db(), { name: `Taller Pagos ${tag}` });
      const kit = await createProduct(db());
      const jose = await createCustomer(db(), { fullName: `José Pagador ${tag}` });
      const enrollment = await enroll(jose.id, workshop.id, { amountDueClp: 45000 });
      const order = await sale(jose.id, [{ productId: kit.id, quantity: 1, unitPriceClp: 15000 }], 'PAGADO');
      const ids: number[] = [];
      for (let i = 1; i <= 26; i++) {
        const row = await db()
          .insertInto('payments')
          .values({
            enrollmentId: enrollment.id,
            kind: i === 26 ? 'REFUND' : 'PAYMENT',
            amountClp: 100 * i,
            method: i % 2 === 0 ? 'efectivo' : 'transferencia',
            reference: `REF-${tag}-${i}`,
            paidAt: `2026-03-01T12:${String(i).padStart(2, '0')}:00.000Z`,
            recordedByUserId: staffId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(row.id);
      }
      const salePayment = await db()
        .insertInto('payments')
        .values({
          saleId: order.id,
          amountClp: 15000,
          method: 'simulado',
          reference: `SIM-${tag}`,
          paidAt: '2026-03-01T13:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow();

      const all = await staff.get(
        `/gestion/pagos/?q=${encodeURIComponent(`jose ${tag}`)}&sort=monto&dir=asc`,
      );
      expect(all.statusCode).toBe(200);
      expect(range(all.body)).toBe('Mostrando 1–25 de 27');
      expect(rowIds(all.body).slice(0, 3)).toEqual([ids[0], ids[1], ids[2]]);
      // Received: 100+…+2500 (=32.500) + 15.000; refunded 2.600.
      expect(all.body).toContain('$47.500');
      expect(all.body).toContain('$2.600');
      expect(all.body).toContain('$44.900');
      const second = await staff.get(nextHref(all.body));
      expect(rowIds(second.body)).toEqual([ids[25], salePayment.id]);

      const kits = await staff.get(`/gestion/pagos/?q=${tag}&origen=kits`);
      expect(rowIds(kits.body)).toEqual([salePayment.id]);
      expect(kits.body).toContain(`Pedido N° ${order.id}`);
      const refunds = await staff.get(`/gestion/pagos/?q=${tag}&tipo=devolucion`);
      expect(rowIds(refunds.body)).toEqual([ids[25]]);
      expect(refunds.body).toContain('-$2.600');
      const cash = await staff.get(`/gestion/pagos/?q=${tag}&metodo=efectivo&origen=talleres&tipo=pago`);
      expect(range(cash.body)).toBe('Mostrando 1–12 de 12');
      expect(cash.body).toContain(`Taller Pagos ${tag}`);
      const byDay = await staff.get(`/gestion/pagos/?q=${tag}&desde=2026-03-02`);
      expect(range(byDay.body)).toBe('Sin resultados');

      const csv = await staff.get(`/gestion/pagos/?q=${tag}&tipo=devolucion&formato=csv`);
      const rows = parseCsvExport(csv.body);
      expect(rows).toHaveLength(2);
      expect(rows[1]).toContain('Devolución');
      expect(rows[1]).toContain('-2600');
      expect(rows[1]).toContain('Marta Staff');
    });
  });

  it('refuses an anonymous visitor and a customer on every list and action', async () => {
    const account = await createCustomerAccount(db());
    const customer = new TestClient(t.app);
    await customer.login(account.login, account.password);
    const anonymous = new TestClient(t.app);
    const product = await createProduct(db());
    for (const url of [
      '/gestion/inscripciones/',
      '/gestion/pagos/',
      '/gestion/productos/',
      '/gestion/ventas/',
      `/gestion/productos/${product.id}/editar/`,
      '/gestion/inscripciones/?formato=csv',
    ]) {
      const anon: LightMyRequestResponse = await anonymous.get(url);
      expect(anon.statusCode, url).toBe(303);
      expect(String(anon.headers.location)).toMatch(/^\/login\/\?next=/);
      expect((await customer.get(url)).statusCode, url).toBe(403);
    }
    const post = await customer.post(`/gestion/productos/${product.id}/eliminar/`);
    expect(post.statusCode).toBe(403);
    expect(
      await db().selectFrom('products').select('id').where('id', '=', product.id).executeTakeFirst(),
    ).toBeDefined();
  });
});
