import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { createCompany } from '../../src/domain/customers/companies.service';
import { backfillSearchTextJob, inactiveCustomersJob } from '../../src/domain/customers/customers.jobs';
import { refreshLifecycle } from '../../src/domain/customers/customers.service';
import { createInterest } from '../../src/domain/customers/interests.service';
import { searchable } from '../../src/lib/text';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { parseCsvExport } from '../support/csv';
import {
  createCustomer,
  createProduct,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../support/factories';
import { readXlsxRows } from '../support/xlsx';

/** Customers in the back office: list, 360, interactions, lifecycle, merge, import, dashboard. */
describe('back office: customers', () => {
  let t: TestApp;
  let staff: TestClient;
  let staffUserId: number;
  const ctx = () => ({
    now: t.clock.now(),
    actor: { userId: staffUserId, role: 'staff' as const },
    publicUrl: 'http://x',
  });
  const db = () => t.database.db;
  /** Posts a file as the import form's upload does (multipart), with the CSRF token when given. */
  const upload = (url: string, file: Buffer, token: string | null) => {
    const boundary = '----tmmtest';
    const part = (headers: string[], body: Buffer | string) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`),
        Buffer.from(body),
        Buffer.from('\r\n'),
      ]);
    return t.app.inject({
      method: 'POST',
      url,
      payload: Buffer.concat([
        ...(token ? [part(['Content-Disposition: form-data; name="_csrf"'], token)] : []),
        part(
          [
            'Content-Disposition: form-data; name="archivo"; filename="archivo.csv"',
            'Content-Type: text/csv',
          ],
          file,
        ),
        Buffer.from(`--${boundary}--\r\n`),
      ]),
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff', name: 'Carolina Staff' });
    staffUserId = user.id;
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const enroll = async (
    customerId: number,
    workshopId: number,
    due: number,
    paid = 0,
    status = 'PENDIENTE' as const,
  ) =>
    (
      await db()
        .insertInto('enrollments')
        .values({
          customerId,
          workshopId,
          amountDueClp: due,
          amountPaidClp: paid,
          status,
          createdAt: t.clock.now().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const pay = async (enrollmentId: number, amount: number, paidAt = t.clock.now().toISOString()) =>
    (
      await db()
        .insertInto('payments')
        .values({ enrollmentId, amountClp: amount, method: 'efectivo', reference: unique('ref'), paidAt })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const order = async (customerId: number, status: 'PENDIENTE' | 'PAGADO', productId: number) => {
    const sale = await db()
      .insertInto('sales')
      .values({ customerId, totalClp: 30000, status, createdAt: t.clock.now().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('saleLines')
      .values({ saleId: sale.id, productId, quantity: 2, unitPriceClp: 15000 })
      .execute();
    return sale.id;
  };

  it('drives the customer list through an accent-free search, filters, a sort, a second page and exports', async () => {
    const tag = unique('lista');
    const company = await inTransaction(t.database, (trx) =>
      createCompany(
        trx,
        { legalName: unique('Empresa Lista '), rut: null, address: null, phone: null },
        ctx(),
      ),
    );
    const interest = await inTransaction(t.database, (trx) =>
      createInterest(trx, { name: unique('Resina '), description: null }, ctx()),
    );
    for (let i = 0; i < 30; i++)
      await createCustomer(db(), {
        fullName: `José Pérez ${tag} ${String(i).padStart(2, '0')}`,
        email: `${tag}-${i}@example.cl`,
        customerType: i % 2 ? 'B2B' : 'B2C',
        companyId: i % 2 ? company : null,
      });
    await db()
      .updateTable('customers')
      .set({ comuna: 'Viña del Mar' })
      .where('email', 'in', [`${tag}-4@example.cl`, `${tag}-6@example.cl`])
      .execute();
    const four = await db()
      .selectFrom('customers')
      .select('id')
      .where('email', '=', `${tag}-4@example.cl`)
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('customerInterests')
      .values({ customerId: four.id, interestId: interest })
      .execute();

    // "jose perez" (no accents, lower case) finds "José Pérez".
    const q = `JOSE perez ${tag}`;
    const first = await staff.get(`/gestion/clientes/?q=${encodeURIComponent(q)}`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Mostrando 1–25 de 30');
    const second = await staff.get(`/gestion/clientes/?q=${encodeURIComponent(q)}&page=2`);
    expect(second.body).toContain('Mostrando 26–30 de 30');

    const b2b = await staff.get(
      `/gestion/clientes/?q=${encodeURIComponent(q)}&tipo=B2B&empresa=${company}&sort=nombre&dir=asc`,
    );
    expect(b2b.body).toContain('Mostrando 1–15 de 15');
    const names = [...b2b.body.matchAll(new RegExp(`${tag} (\\d\\d)</a>`, 'g'))].map((m) => m[1]);
    expect(names.slice(0, 3)).toEqual(['01', '03', '05']);
    // The filter state stays in the URL of every sort link.
    expect(b2b.body).toContain(`tipo=B2B&amp;empresa=${company}`);

    const comuna = await staff.get(
      `/gestion/clientes/?q=${encodeURIComponent(q)}&comuna=${encodeURIComponent('Viña del Mar')}&interes=${interest}&interes=999999`,
    );
    expect(comuna.body).toContain('Mostrando 1–1 de 1');
    expect(comuna.body).toContain(`José Pérez ${tag} 04`);

    const leads = await staff.get(`/gestion/clientes/?q=${encodeURIComponent(q)}&etapa=customer`);
    expect(leads.body).toContain('No hay clientes que coincidan con los filtros.');

    const junk = await staff.get(
      '/gestion/clientes/?tipo=XYZ&empresa=abc&interes=-1&etapa=vip&deuda=quizas&sort=1;drop&page=9999',
    );
    expect(junk.statusCode).toBe(200);

    const csv = await staff.get(`/gestion/clientes/?q=${encodeURIComponent(q)}&tipo=B2C&formato=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parseCsvExport(csv.body);
    expect(rows).toHaveLength(16);
    expect(rows[0]!.slice(0, 3)).toEqual(['Nombre', 'Correo', 'Teléfono']);
    const xlsx = await staff.get(
      `/gestion/clientes/?q=${encodeURIComponent(q)}&comuna=${encodeURIComponent('Viña del Mar')}&formato=xlsx`,
    );
    const sheet = JSON.stringify(await readXlsxRows(xlsx.rawPayload));
    expect(sheet).toContain(`José Pérez ${tag} 04`);
    expect(sheet).toContain(`José Pérez ${tag} 06`);
    expect(sheet).not.toContain(`José Pérez ${tag} 08`);
  });

  it('finds customers who owe: an unpaid active enrollment or a PENDIENTE order, not a cancelled one', async () => {
    const tag = unique('deuda');
    const workshop = await createWorkshop(db());
    const product = await createProduct(db());
    const owesEnrollment = await createCustomer(db(), { fullName: `Deudora ${tag} A` });
    const owesOrder = await createCustomer(db(), { fullName: `Deudora ${tag} B` });
    const cancelled = await createCustomer(db(), { fullName: `Deudora ${tag} C` });
    const paid = await createCustomer(db(), { fullName: `Deudora ${tag} D` });
    await enroll(owesEnrollment.id, workshop.id, 45000, 20000, 'ABONADO' as 'PENDIENTE');
    await order(owesOrder.id, 'PENDIENTE', product.id);
    await enroll(cancelled.id, workshop.id, 45000, 0, 'ANULADO' as 'PENDIENTE');
    await enroll(paid.id, workshop.id, 45000, 45000, 'PAGADO' as 'PENDIENTE');
    const page = await staff.get(`/gestion/clientes/?q=${tag}&deuda=1`);
    expect(page.body).toContain('Mostrando 1–2 de 2');
    expect(page.body).toContain(`Deudora ${tag} A`);
    expect(page.body).toContain(`Deudora ${tag} B`);
    expect(page.body).toContain('$25.000');
    expect(page.body).toContain('$30.000');
  });

  it('applies bulk actions to the selected rows: lifecycle stage, e-mail and export of the selection', async () => {
    const tag = unique('lote');
    const a = await createCustomer(db(), { fullName: `Lote ${tag} A` });
    const b = await createCustomer(db(), { fullName: `Lote ${tag} B` });
    const optedOut = await createCustomer(db(), { fullName: `Lote ${tag} C` });
    await db()
      .updateTable('customers')
      .set({ isMarketingOptOut: true })
      .where('id', '=', optedOut.id)
      .execute();
    const back = `/gestion/clientes/?q=${tag}`;

    const none = await staff.post('/gestion/clientes/acciones/', {
      accion: 'etapa',
      etapa: 'prospect',
      volver: back,
    });
    expect(none.statusCode).toBe(303);
    expect(none.headers.location).toBe(back);
    expect((await staff.follow(none)).body).toContain('Selecciona al menos un cliente');

    const stage = await staff.post('/gestion/clientes/acciones/', {
      accion: 'etapa',
      etapa: 'prospect',
      ids: [String(a.id), String(b.id)],
      volver: back,
    });
    expect(stage.headers.location).toBe(back);
    expect((await staff.follow(stage)).body).toContain('asignada a 2 clientes');
    const stages = await db()
      .selectFrom('customers')
      .select('lifecycleStage')
      .where('id', 'in', [a.id, b.id])
      .execute();
    expect(stages.map((s) => s.lifecycleStage)).toEqual(['prospect', 'prospect']);
    const audited = await db()
      .selectFrom('auditLog')
      .select('afterJson')
      .where('entityType', '=', 'customer')
      .where('entityId', '=', a.id)
      .execute();
    expect(audited.map((r) => JSON.parse(r.afterJson!))).toContainEqual({ lifecycleStage: 'prospect' });

    const mail = await staff.post('/gestion/clientes/acciones/', {
      accion: 'correo',
      asunto: 'Novedades de marzo',
      mensaje: 'Para [Nombre completo]: tenemos talleres nuevos.',
      ids: [String(a.id), String(b.id), String(optedOut.id)],
      volver: back,
    });
    expect(mail.statusCode).toBe(303);
    const flash = (await staff.follow(mail)).body;
    expect(flash).toContain('Correo en cola para 2 clientes.');
    expect(flash).toContain('1 no lo recibirá');
    const outbox = await db()
      .selectFrom('emailOutbox')
      .select(['customerId', 'kind', 'bodyText'])
      .where('customerId', 'in', [a.id, b.id, optedOut.id])
      .where('status', '=', 'PENDING')
      .execute();
    expect(outbox.map((o) => o.customerId).sort()).toEqual([a.id, b.id].sort());
    expect(outbox.every((o) => o.kind === 'marketing')).toBe(true);
    expect(outbox.find((o) => o.customerId === a.id)!.bodyText).toContain(
      `Para Lote ${tag} A: tenemos talleres nuevos.`,
    );

    const noText = await staff.post('/gestion/clientes/acciones/', {
      accion: 'correo',
      ids: [String(a.id)],
      volver: back,
    });
    expect((await staff.follow(noText)).body).toContain('Escribe el asunto y el mensaje');

    const exp = await staff.post('/gestion/clientes/acciones/', {
      accion: 'exportar',
      formato: 'csv',
      ids: [String(a.id), String(b.id)],
      volver: back,
    });
    expect(exp.statusCode).toBe(303);
    const file = await staff.get(String(exp.headers.location));
    const rows = parseCsvExport(file.body);
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => row[0])).toContain(`Lote ${tag} A`);
    expect(file.body).not.toContain(`Lote ${tag} C`);

    // An open redirect through "volver" is not possible.
    const evil = await staff.post('/gestion/clientes/acciones/', {
      accion: 'etapa',
      etapa: 'lead',
      ids: [String(a.id)],
      volver: '//evil.example/',
    });
    expect(evil.headers.location).toBe('/gestion/clientes/');
  });

  it('creates and edits a customer with field messages, a unique e-mail, a valid RUT and interests', async () => {
    const interest = await inTransaction(t.database, (trx) =>
      createInterest(trx, { name: unique('Encuadernación '), description: null }, ctx()),
    );
    const bad = await staff.post('/gestion/clientes/nuevo/', {
      nombre: '',
      email: 'no-es-correo',
      rut: '12.345.678-9',
      tipo: 'B2C',
      telefono: 'abc',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Escribe el nombre completo.');
    expect(bad.body).toContain('Escribe un correo válido');
    expect(bad.body).toContain('El RUT no es válido');
    expect(bad.body).toContain('Escribe un teléfono válido');
    expect(bad.body).toContain('value="no-es-correo"');

    const email = `${unique('nueva')}@Example.cl`;
    const ok = await staff.post('/gestion/clientes/nuevo/', {
      nombre: 'Ana María Soto',
      email,
      rut: '12.345.678-5',
      tipo: 'B2C',
      comuna: 'Valparaíso',
      intereses: [String(interest)],
    });
    expect(ok.statusCode).toBe(303);
    const row = await db()
      .selectFrom('customers')
      .select(['id', 'email', 'rut', 'searchText', 'lifecycleStage'])
      .where('email', '=', email.toLowerCase())
      .executeTakeFirstOrThrow();
    expect(row.rut).toBe('12345678-5');
    expect(row.lifecycleStage).toBe('lead');
    expect(row.searchText).toContain('ana maria soto');
    expect(ok.headers.location).toBe(`/gestion/clientes/${row.id}/`);
    expect(
      await db()
        .selectFrom('customerInterests')
        .select('interestId')
        .where('customerId', '=', row.id)
        .execute(),
    ).toEqual([{ interestId: interest }]);

    const dup = await staff.post('/gestion/clientes/nuevo/', {
      nombre: 'Otra',
      email: email.toUpperCase(),
      tipo: 'B2C',
    });
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain('Ya existe un cliente con ese correo.');

    const edit = await staff.post(`/gestion/clientes/${row.id}/editar/`, {
      nombre: 'Ana María Soto Díaz',
      email,
      tipo: 'B2C',
      comuna: 'Valparaíso',
    });
    expect(edit.statusCode).toBe(303);
    const entry = await db()
      .selectFrom('auditLog')
      .select(['beforeJson', 'afterJson'])
      .where('entityType', '=', 'customer')
      .where('entityId', '=', row.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.beforeJson!)).toMatchObject({ fullName: 'Ana María Soto', rut: '12345678-5' });
    expect(JSON.parse(entry.afterJson!)).toMatchObject({
      fullName: 'Ana María Soto Díaz',
      rut: null,
      interests: [],
    });
    expect(Object.keys(JSON.parse(entry.afterJson!))).not.toContain('email');

    const form = await staff.get(`/gestion/clientes/${row.id}/editar/`);
    expect(form.body).toContain('value="Ana María Soto Díaz"');
  });

  it('shows the customer 360 and logs an interaction with a follow-up that reaches the dashboard', async () => {
    const c = await createCustomer(db(), { fullName: 'Marta Ríos' });
    const workshop = await createWorkshop(db(), { name: unique('Taller de Resina ') });
    const product = await createProduct(db(), { name: unique('Kit Timbres ') });
    const e = await enroll(c.id, workshop.id, 45000, 20000, 'ABONADO' as 'PENDIENTE');
    await pay(e, 20000);
    await order(c.id, 'PENDIENTE', product.id);
    await db()
      .insertInto('emailLog')
      .values({
        recipient: 'marta@example.cl',
        subject: 'Confirmación de inscripción',
        status: 'SUCCESS',
        customerId: c.id,
      })
      .execute();

    const page = await staff.get(`/gestion/clientes/${c.id}/`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(workshop.name);
    expect(page.body).toContain('Abonado');
    expect(page.body).toContain(`2 × ${product.name}`);
    expect(page.body).toContain('Confirmación de inscripción');
    expect(page.body).toMatch(/data-test="customer-owed">\$55\.000/);

    const invalid = await staff.post(`/gestion/clientes/${c.id}/interacciones/`, {
      tipo: 'fax',
      resumen: '',
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('Escribe un resumen de la conversación.');

    const res = await staff.post(`/gestion/clientes/${c.id}/interacciones/`, {
      tipo: 'whatsapp',
      resumen: 'Pregunta por el taller de resina de abril.',
      seguimiento: '2026-03-02',
    });
    expect(res.statusCode).toBe(303);
    const after = await staff.follow(res);
    expect(after.body).toContain('Contacto registrado.');
    expect(after.body).toContain('WhatsApp');
    expect(after.body).toContain('Pregunta por el taller de resina de abril.');

    const dashboard = await staff.get('/gestion/');
    expect(dashboard.statusCode).toBe(200);
    const interaction = await db()
      .selectFrom('interactions')
      .select('id')
      .where('customerId', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(dashboard.body).toContain(`data-test="dash-followup-${interaction.id}"`);

    const done = await staff.post(`/gestion/clientes/interacciones/${interaction.id}/hecho/`, {
      volver: '/gestion/',
    });
    expect(done.headers.location).toBe('/gestion/');
    expect((await staff.get('/gestion/')).body).not.toContain(`data-test="dash-followup-${interaction.id}"`);
    const twice = await staff.post(`/gestion/clientes/interacciones/${interaction.id}/hecho/`, {
      volver: '/gestion/',
    });
    expect((await staff.follow(twice)).body).toContain('ya estaba marcado como hecho');
    expect((await staff.get('/gestion/clientes/999999/')).statusCode).toBe(404);
  });

  it('moves the lifecycle stage by itself: prospect, customer, inactive after 12 months, and back', async () => {
    const c = await createCustomer(db(), { createdAt: '2026-03-01T12:00:00.000Z' });
    const stageOf = async () =>
      (
        await db()
          .selectFrom('customers')
          .select('lifecycleStage')
          .where('id', '=', c.id)
          .executeTakeFirstOrThrow()
      ).lifecycleStage;
    const refresh = () => inTransaction(t.database, (trx) => refreshLifecycle(trx, c.id, ctx()));

    expect(await refresh()).toBe('lead');
    const workshop = await createWorkshop(db());
    const e = await enroll(c.id, workshop.id, 45000);
    expect(await refresh()).toBe('prospect');
    await pay(e, 10000);
    expect(await refresh()).toBe('customer');
    expect(await stageOf()).toBe('customer');

    const saved = t.clock.current;
    try {
      t.clock.set('2027-03-03T15:00:00.000Z');
      const moved = await inactiveCustomersJob.run({
        database: t.database,
        config: t.config,
        now: t.clock.now,
        log: { info: () => {}, error: () => {} },
      });
      expect(moved).toBeGreaterThanOrEqual(1);
      expect(await stageOf()).toBe('inactive');
      // A new enrollment brings them back.
      await enroll(c.id, (await createWorkshop(db())).id, 45000);
      expect(await refresh()).toBe('customer');
    } finally {
      t.clock.set(saved);
    }
    const audit = await db()
      .selectFrom('auditLog')
      .select('afterJson')
      .where('entityType', '=', 'customer')
      .where('entityId', '=', c.id)
      .execute();
    expect(audit.map((a) => JSON.parse(a.afterJson!).lifecycleStage)).toEqual([
      'prospect',
      'customer',
      'customer',
    ]);
  });

  it('merges two duplicates keeping every enrollment and payment, and refuses a clash of active enrollments', async () => {
    const interestA = await inTransaction(t.database, (trx) =>
      createInterest(trx, { name: unique('Mindfulness '), description: null }, ctx()),
    );
    const keep = await createCustomer(db(), { fullName: 'Rosa Fuentes', phone: null });
    const dup = await createCustomer(db(), {
      fullName: 'Rosa Fuentes (duplicado)',
      phone: '+56 9 8888 7777',
    });
    await db()
      .insertInto('customerInterests')
      .values({ customerId: dup.id, interestId: interestA })
      .execute();
    const w1 = await createWorkshop(db());
    const w2 = await createWorkshop(db());
    const product = await createProduct(db());
    const e1 = await enroll(keep.id, w1.id, 45000, 45000, 'PAGADO' as 'PENDIENTE');
    const p1 = await pay(e1, 45000);
    const e2 = await enroll(dup.id, w2.id, 30000, 10000, 'ABONADO' as 'PENDIENTE');
    const p2 = await pay(e2, 10000);
    const sale = await order(dup.id, 'PAGADO', product.id);
    const p3 = (
      await db()
        .insertInto('payments')
        .values({
          saleId: sale,
          amountClp: 30000,
          method: 'tarjeta',
          reference: unique('r'),
          paidAt: t.clock.now().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db()
      .insertInto('interactions')
      .values({ customerId: dup.id, kind: 'call', summary: 'Llamó por el kit' })
      .execute();
    await db()
      .insertInto('emailLog')
      .values({ recipient: 'x@example.cl', subject: 'Hola', status: 'SUCCESS', customerId: dup.id })
      .execute();

    const preview = await staff.get(`/gestion/clientes/${keep.id}/fusionar/?q=rosa+fuentes`);
    expect(preview.body).toContain(`data-test="merge-candidate-${dup.id}"`);
    const compare = await staff.get(`/gestion/clientes/${keep.id}/fusionar/?otro=${dup.id}`);
    expect(compare.body).toContain('Fusionar y eliminar la otra ficha');

    const res = await staff.post(`/gestion/clientes/${keep.id}/fusionar/`, {
      otro: String(dup.id),
      conservar: 'este',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/gestion/clientes/${keep.id}/`);
    expect((await staff.follow(res)).body).toContain('Clientes fusionados');

    expect(
      await db().selectFrom('customers').select('id').where('id', '=', dup.id).executeTakeFirst(),
    ).toBeUndefined();
    const enrollments = await db()
      .selectFrom('enrollments')
      .select(['id', 'customerId'])
      .where('id', 'in', [e1, e2])
      .execute();
    expect(enrollments.every((e) => e.customerId === keep.id)).toBe(true);
    const payments = await db().selectFrom('payments').select('id').where('id', 'in', [p1, p2, p3]).execute();
    expect(payments).toHaveLength(3);
    expect(
      (await db().selectFrom('sales').select('customerId').where('id', '=', sale).executeTakeFirstOrThrow())
        .customerId,
    ).toBe(keep.id);
    expect(
      await db().selectFrom('interactions').select('id').where('customerId', '=', keep.id).execute(),
    ).toHaveLength(1);
    expect(
      await db().selectFrom('emailLog').select('id').where('customerId', '=', keep.id).execute(),
    ).toHaveLength(1);
    expect(
      await db()
        .selectFrom('customerInterests')
        .select('interestId')
        .where('customerId', '=', keep.id)
        .execute(),
    ).toEqual([{ interestId: interestA }]);
    const kept = await db()
      .selectFrom('customers')
      .select(['phone', 'lifecycleStage'])
      .where('id', '=', keep.id)
      .executeTakeFirstOrThrow();
    expect(kept.phone).toBe('+56 9 8888 7777');
    expect(kept.lifecycleStage).toBe('customer');
    const deletion = await db()
      .selectFrom('auditLog')
      .select('afterJson')
      .where('entityType', '=', 'customer')
      .where('entityId', '=', dup.id)
      .where('action', '=', 'delete')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(deletion.afterJson!)).toEqual({ mergedIntoCustomerId: keep.id });

    // Both hold a seat in the same workshop: refused, nothing moves.
    const x = await createCustomer(db());
    const y = await createCustomer(db());
    const w3 = await createWorkshop(db(), { name: unique('Taller Compartido ') });
    await enroll(x.id, w3.id, 45000);
    const ey = await enroll(y.id, w3.id, 45000);
    const clash = await staff.post(`/gestion/clientes/${x.id}/fusionar/`, {
      otro: String(y.id),
      conservar: 'otro',
    });
    expect(clash.statusCode).toBe(303);
    expect(clash.headers.location).toBe(`/gestion/clientes/${x.id}/fusionar/?otro=${y.id}`);
    expect((await staff.follow(clash)).body).toContain(
      `ambos clientes tienen una inscripción activa en ${w3.name}`,
    );
    expect(
      (
        await db()
          .selectFrom('enrollments')
          .select('customerId')
          .where('id', '=', ey)
          .executeTakeFirstOrThrow()
      ).customerId,
    ).toBe(y.id);
    expect(
      await db().selectFrom('customers').select('id').where('id', 'in', [x.id, y.id]).execute(),
    ).toHaveLength(2);

    const self = await staff.post(`/gestion/clientes/${x.id}/fusionar/`, {
      otro: String(x.id),
      conservar: 'este',
    });
    expect((await staff.follow(self)).body).toContain('Elige dos clientes distintos');
  });

  it('imports nothing when one CSV row is invalid, and reports that row', async () => {
    const tag = unique('imp');
    const csv = [
      'Nombre;Correo;Teléfono;Comuna;Tipo;Empresa',
      `Paula Núñez;${tag}-1@example.cl;+56 9 1111 2222;Valparaíso;B2C;`,
      `Sin Correo;no-es-un-correo;;;;`,
      `Pedro Lagos;${tag}-3@example.cl;;;;Empresa Que No Existe ${tag}`,
    ].join('\r\n');
    const preview = await staff.post('/gestion/clientes/importar/', { contenido: csv });
    expect(preview.statusCode).toBe(422);
    expect(preview.body).toContain('data-test="import-row-3"');
    expect(preview.body).toContain('Escribe un correo válido');
    expect(preview.body).toContain(`&quot;Empresa Que No Existe ${tag}&quot; no existe`);
    expect(preview.body).not.toContain('Confirmar importación');

    // Posting straight to the confirmation validates again: still nothing.
    const forced = await staff.post('/gestion/clientes/importar/confirmar/', { contenido: csv });
    expect(forced.statusCode).toBe(422);
    expect(forced.body).toContain('No se importó nada');
    const count = await db().selectFrom('customers').select('id').where('email', 'like', `${tag}%`).execute();
    expect(count).toHaveLength(0);
  });

  it('imports a valid CSV after a preview, updating existing e-mails instead of duplicating them', async () => {
    const tag = unique('ok');
    const company = unique('Café del Cerro ');
    await inTransaction(t.database, (trx) =>
      createCompany(trx, { legalName: company, rut: null, address: null, phone: null }, ctx()),
    );
    const existing = await createCustomer(db(), {
      fullName: 'Nombre Viejo',
      email: `${tag}-old@example.cl`,
      phone: '+56 9 5555 5555',
    });
    const csv = [
      'nombre,email,telefono,comuna,tipo,empresa,rut',
      `"Núñez, Paula",${tag}-new@example.cl,,Valparaíso,,,12.345.678-5`,
      `Nombre Nuevo,${tag.toUpperCase()}-OLD@example.cl,,Quilpué,B2B,${company.toLowerCase()},`,
    ].join('\n');
    const preview = await staff.post('/gestion/clientes/importar/', { contenido: csv });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('1 para crear');
    expect(preview.body).toContain('1 para actualizar');
    expect(preview.body).toContain('Confirmar importación');
    // Nothing is written by the preview.
    expect(
      await db()
        .selectFrom('customers')
        .select('id')
        .where('email', '=', `${tag}-new@example.cl`)
        .executeTakeFirst(),
    ).toBeUndefined();

    const done = await staff.post('/gestion/clientes/importar/confirmar/', { contenido: csv });
    expect(done.statusCode).toBe(303);
    expect((await staff.follow(done)).body).toContain(
      'Importación lista: 1 cliente nuevo y 1 cliente actualizado.',
    );
    const created = await db()
      .selectFrom('customers')
      .select(['fullName', 'rut', 'customerType'])
      .where('email', '=', `${tag}-new@example.cl`)
      .executeTakeFirstOrThrow();
    expect(created).toEqual({ fullName: 'Núñez, Paula', rut: '12345678-5', customerType: 'B2C' });
    const updated = await db()
      .selectFrom('customers')
      .select(['id', 'fullName', 'phone', 'comuna', 'customerType', 'companyId'])
      .where('email', 'like', `${tag}-old%`)
      .execute();
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({
      id: existing.id,
      fullName: 'Nombre Nuevo',
      phone: '+56 9 5555 5555',
      comuna: 'Quilpué',
      customerType: 'B2B',
    });
    expect(updated[0]!.companyId).not.toBeNull();
    const audits = await db()
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'customer')
      .where('entityId', '=', existing.id)
      .execute();
    expect(audits.map((a) => a.action)).toContain('update');
  });

  it('imports companies from an uploaded file (multipart), matching by RUT, and still checks the CSRF token', async () => {
    const known = unique('Conocida ');
    await inTransaction(t.database, (trx) =>
      createCompany(trx, { legalName: known, rut: '76123456-0', address: null, phone: null }, ctx()),
    );
    const fresh = unique('Nueva Empresa ');
    const csv = `Razón Social;RUT;Dirección\n${known} Renombrada;76.123.456-0;Calle Nueva 1\n${fresh};;Cerro Alegre`;
    const send = (url: string, token: string | null) => upload(url, Buffer.from(csv, 'utf8'), token);
    const refused = await send('/gestion/empresas/importar/', null);
    expect(refused.statusCode).toBe(403);
    const forged = await send('/gestion/empresas/importar/', 'not-the-token');
    expect(forged.statusCode).toBe(403);

    const preview = await send('/gestion/empresas/importar/', await staff.csrfToken());
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('1 para crear');
    expect(preview.body).toContain('1 para actualizar');

    const done = await staff.post('/gestion/empresas/importar/confirmar/', { contenido: csv });
    expect(done.statusCode).toBe(303);
    const rows = await db()
      .selectFrom('companies')
      .select(['legalName', 'address', 'searchText'])
      .where('rut', '=', '76123456-0')
      .execute();
    expect(rows).toEqual([
      {
        legalName: `${known} Renombrada`,
        address: 'Calle Nueva 1',
        searchText: expect.stringContaining('renombrada'),
      },
    ]);
    expect(
      await db().selectFrom('companies').select('id').where('legalName', '=', fresh).executeTakeFirst(),
    ).toBeDefined();

    const empty = await staff.post('/gestion/empresas/importar/', { contenido: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Elige un archivo CSV o pega su contenido.');
    const noColumn = await staff.post('/gestion/empresas/importar/', { contenido: 'foo;bar\n1;2' });
    expect(noColumn.statusCode).toBe(422);
    expect(noColumn.body).toContain('Falta la columna &quot;razón social&quot;');
  });

  it('imports a customer file saved by Excel in Chile: semicolons, a BOM and accented column names', async () => {
    const tag = unique('excel');
    const file = Buffer.from(
      [
        '\uFEFFNombre completo;Correo electrónico;Teléfono;Comuna;Observaciones',
        `José Núñez;${tag}-1@example.cl;+56 9 1234 5678;Ñuñoa;"Prefiere los sábados; trae a su hija\r\n(8 años)"`,
        ';;;;',
        `María Peña, de la Cooperativa;${tag}-2@example.cl;;Peñalolén;`,
        '',
      ].join('\r\n'),
      'utf8',
    );
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const preview = await upload('/gestion/clientes/importar/', file, await staff.csrfToken());
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('2 filas: 2 para crear, 0');
    expect(preview.body).toContain('data-test="import-row-2"');
    expect(preview.body).toContain('data-test="import-row-5"');
    expect(preview.body).not.toContain('Columnas que no se usan');

    const done = await staff.post('/gestion/clientes/importar/confirmar/', {
      contenido: file.toString('utf8'),
    });
    expect(done.statusCode).toBe(303);
    expect((await staff.follow(done)).body).toContain(
      'Importación lista: 2 clientes nuevos y 0 clientes actualizados.',
    );
    const created = await db()
      .selectFrom('customers')
      .select(['fullName', 'email', 'phone', 'comuna', 'notes'])
      .where('email', 'like', `${tag}-%`)
      .orderBy('email')
      .execute();
    expect(created).toEqual([
      {
        fullName: 'José Núñez',
        email: `${tag}-1@example.cl`,
        phone: expect.stringContaining('1234'),
        comuna: 'Ñuñoa',
        notes: 'Prefiere los sábados; trae a su hija\r\n(8 años)',
      },
      {
        fullName: 'María Peña, de la Cooperativa',
        email: `${tag}-2@example.cl`,
        phone: null,
        comuna: 'Peñalolén',
        notes: null,
      },
    ]);
  });

  it('refuses a malformed CSV with a 422 and a Spanish message, and writes nothing', async () => {
    const tag = unique('roto');
    const csv = [
      'nombre;email',
      `Ana Rojas;${tag}-1@example.cl`,
      `"Beto Soto;${tag}-2@example.cl`,
      `Carla Díaz;${tag}-3@example.cl`,
    ].join('\r\n');
    const preview = await staff.post('/gestion/clientes/importar/', { contenido: csv });
    expect(preview.statusCode).toBe(422);
    expect(preview.body).toContain('No pudimos leer el archivo');
    expect(preview.body).toContain('que abren un campo en la fila 3 nunca se cierran');
    expect(preview.body).not.toContain('Confirmar importación');

    const forced = await staff.post('/gestion/clientes/importar/confirmar/', { contenido: csv });
    expect(forced.statusCode).toBe(422);
    expect(forced.body).toContain('No se importó nada');
    expect(forced.body).toContain('que abren un campo en la fila 3 nunca se cierran');
    expect(
      await db().selectFrom('customers').select('id').where('email', 'like', `${tag}-%`).execute(),
    ).toHaveLength(0);

    const company = await upload(
      '/gestion/empresas/importar/',
      Buffer.from('Razón Social;RUT\r\n"Taller" Sur;76.123.456-0\r\n', 'utf8'),
      await staff.csrfToken(),
    );
    expect(company.statusCode).toBe(422);
    expect(company.body).toContain('en la fila 2 hay texto pegado después de unas comillas de cierre');
  });

  it('shows the dashboard: this week, money owed, low stock, recent sign-ups and e-mail failures', async () => {
    // Monday 2 March 2026 (the test clock) to Sunday 8 March.
    const thisWeek = await createWorkshop(db(), {
      name: unique('Esta Semana '),
      startsAt: '2026-03-05T22:00:00.000Z',
      totalSeats: 10,
      seatsTaken: 7,
    });
    const nextWeek = await createWorkshop(db(), {
      name: unique('Próxima Semana '),
      startsAt: '2026-03-10T22:00:00.000Z',
    });
    const product = await createProduct(db(), {
      name: unique('Kit Casi Agotado '),
      stock: 2,
      lowStockThreshold: 3,
    });
    const recent = await createCustomer(db(), { fullName: unique('Recién Llegada ') });
    const old = await createCustomer(db(), {
      fullName: unique('Antigua '),
      createdAt: '2026-01-01T12:00:00.000Z',
    });
    const failure = await db()
      .insertInto('emailLog')
      .values({
        recipient: 'rebota@example.cl',
        subject: 'Recordatorio',
        status: 'FAIL',
        errorMessage: '550 mailbox unavailable',
        createdAt: t.clock.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = await staff.get('/gestion/');
    const owedBefore = Number(
      /data-test="dash-owed">[\s\S]*?\$([\d.]+)/.exec(before.body)![1]!.replace(/\./g, ''),
    );
    await enroll(recent.id, thisWeek.id, 45000, 15000, 'ABONADO' as 'PENDIENTE');

    const page = await staff.get('/gestion/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`data-test="dash-workshop-${thisWeek.id}"`);
    expect(page.body).toContain('7/10 cupos (70%)');
    expect(page.body).not.toContain(`data-test="dash-workshop-${nextWeek.id}"`);
    const owedAfter = Number(
      /data-test="dash-owed">[\s\S]*?\$([\d.]+)/.exec(page.body)![1]!.replace(/\./g, ''),
    );
    expect(owedAfter - owedBefore).toBe(30000);
    expect(page.body).toContain(`data-test="dash-stock-${product.id}"`);
    expect(page.body).toContain(`data-test="dash-signup-${recent.id}"`);
    expect(page.body).not.toContain(`data-test="dash-signup-${old.id}"`);
    expect(page.body).toContain(`data-test="dash-failure-${failure.id}"`);
    expect(page.body).toContain('550 mailbox unavailable');
  });

  it('fills search_text for rows written without it, so the seed and old scripts are searchable', async () => {
    const legalName = unique('Sin Índice ');
    const company = await db()
      .insertInto('companies')
      .values({ legalName, nameKey: searchable(legalName) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = await staff.get('/gestion/empresas/?q=sin+indice');
    expect(before.body).not.toContain(`/gestion/empresas/${company.id}/"`);
    await backfillSearchTextJob.run({
      database: t.database,
      config: t.config,
      now: t.clock.now,
      log: { info: () => {}, error: () => {} },
    });
    const after = await staff.get('/gestion/empresas/?q=sin+indice');
    expect(after.body).toContain(`/gestion/empresas/${company.id}/"`);
  });
});
