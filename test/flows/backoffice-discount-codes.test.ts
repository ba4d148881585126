import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { parseCsvExport } from '../support/csv';
import { codeRow, createCode } from '../support/discounts';
import {
  createCustomerAccount,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../support/factories';

/** Staff manage discount codes at /gestion/codigos/ (issue 17, part 5). */
describe('discount codes in the back office', () => {
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

  const validForm = (code: string, extra: Record<string, string | string[]> = {}) => ({
    codigo: code,
    descripcion: 'Campaña de otoño',
    tipo: 'percent',
    valor: '20',
    valido_desde: '2026-03-01',
    valido_hasta: '2026-03-31',
    usos_max: '50',
    usos_por_cliente: '1',
    minimo: '10.000',
    alcance: 'all',
    activo: '1',
    ...extra,
  });

  it('creates a code from the form, upper case, audited, and lists it with its uses', async () => {
    const text = unique('otono').toLowerCase();
    const res = await staff.post('/gestion/codigos/nuevo/', validForm(text));
    expect(res.statusCode).toBe(303);
    const id = Number(/\/gestion\/codigos\/(\d+)\/editar\//.exec(String(res.headers.location))![1]);
    const page = await staff.follow(res);
    expect(page.body).toContain(`Código ${text.toUpperCase()} creado.`);
    expect(await codeRow(db(), id)).toMatchObject({
      code: text.toUpperCase(),
      kind: 'percent',
      value: 20,
      validFrom: '2026-03-01',
      validUntil: '2026-03-31',
      maxUses: 50,
      maxUsesPerCustomer: 1,
      minAmountClp: 10000,
      scope: 'all',
    });
    const audit = await db()
      .selectFrom('auditLog')
      .selectAll()
      .where('entityType', '=', 'discount_code')
      .where('entityId', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);

    const list = await staff.get(`/gestion/codigos/?q=${text}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(text.toUpperCase());
    expect(list.body).toContain('0 de 50');
    expect(list.body).toContain('Vigente');
    expect(list.body).toContain('01-03-2026 al 31-03-2026');
  });

  it('shows the form again with a message on each wrong field', async () => {
    const bad = await staff.post(
      '/gestion/codigos/nuevo/',
      validForm('con espacio', { valor: 'diez', minimo: '1,5' }),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Usa solo letras sin tilde, números y guiones, sin espacios.');
    expect(bad.body).toContain('Escribe el descuento como un número entero mayor que cero.');
    expect(bad.body).toContain('Escribe el mínimo en pesos, sin decimales, o déjalo en blanco.');

    const rules = await staff.post(
      '/gestion/codigos/nuevo/',
      validForm(unique('REGLAS').toUpperCase(), {
        valor: '120',
        valido_hasta: '2026-02-01',
        alcance: 'workshops',
      }),
    );
    expect(rules.statusCode).toBe(422);
    expect(rules.body).toContain('Un porcentaje va de 1 a 100.');
    expect(rules.body).toContain('La fecha de término debe ser igual o posterior a la de inicio.');
    expect(rules.body).toContain('Elige al menos un taller.');

    const existing = await createCode(t.database);
    const duplicate = await staff.post('/gestion/codigos/nuevo/', validForm(existing.code.toLowerCase()));
    expect(duplicate.statusCode).toBe(303);
    expect((await staff.follow(duplicate)).body).toContain('Ya existe un código de descuento con ese texto.');
  });

  it('edits the scope to chosen workshops and keeps them ticked', async () => {
    const code = await createCode(t.database);
    const workshop = await createWorkshop(db());
    const res = await staff.post(
      `/gestion/codigos/${code.id}/editar/`,
      validForm(code.code, { alcance: 'workshops', talleres: [String(workshop.id)] }),
    );
    expect(res.statusCode).toBe(303);
    expect((await codeRow(db(), code.id)).scope).toBe('workshops');
    const edit = await staff.get(`/gestion/codigos/${code.id}/editar/`);
    expect(edit.body).toMatch(new RegExp(`name="talleres" value="${workshop.id}" checked`));
  });

  it('offers the scope "Bonos" and saves a code for packs, which the list filters by', async () => {
    const form = await staff.get('/gestion/codigos/nuevo/');
    expect(form.body).toContain('<option value="packs">Bonos</option>');
    const text = unique('bonos').toUpperCase();
    const res = await staff.post('/gestion/codigos/nuevo/', validForm(text, { alcance: 'packs' }));
    expect(res.statusCode).toBe(303);
    const id = Number(/\/gestion\/codigos\/(\d+)\/editar\//.exec(String(res.headers.location))![1]);
    expect(await codeRow(db(), id)).toMatchObject({ scope: 'packs' });
    const list = await staff.get(`/gestion/codigos/?alcance=packs&q=${text}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(text);
  });

  it('deactivates a code so customers are told it is no longer available', async () => {
    const code = await createCode(t.database);
    const off = await staff.post(`/gestion/codigos/${code.id}/activo/`, { activo: '' });
    expect((await staff.follow(off)).body).toContain(`Código ${code.code} desactivado: ya no se puede usar.`);
    expect(Boolean((await codeRow(db(), code.id)).isActive)).toBe(false);

    const account = await createCustomerAccount(db());
    const customer = new TestClient(t.app);
    await customer.login(account.login, account.password);
    const workshop = await createWorkshop(db());
    const enrolled = await customer.post(`/talleres/${workshop.id}/`);
    const enrollmentId = Number(/\/pago\/(\d+)\//.exec(String(enrolled.headers.location))![1]);
    const res = await customer.post(`/pago/${enrollmentId}/codigo/`, { codigo: code.code });
    expect((await customer.follow(res)).body).toContain('Este código de descuento ya no está disponible.');
    expect((await staff.get(`/gestion/codigos/?q=${code.code}&estado=inactivo`)).body).toContain(
      `<strong>${code.code}</strong>`,
    );
    expect((await staff.get(`/gestion/codigos/?q=${code.code}&estado=vigente`)).body).not.toContain(
      `<strong>${code.code}</strong>`,
    );
  });

  it('exports the filtered codes with their uses as CSV', async () => {
    const tag = unique('EXP').toUpperCase();
    await createCode(t.database, { code: `${tag}-A`, maxUses: 5, kind: 'amount', value: 5000 });
    const csv = await staff.get(`/gestion/codigos/?q=${tag}&formato=csv`);
    expect(csv.statusCode).toBe(200);
    const [header, ...rows] = parseCsvExport(csv.body);
    expect(header).toContain('Código');
    expect(header).toContain('Usos máximos');
    expect(rows).toHaveLength(1);
    expect(rows[0]![0]).toBe(`${tag}-A`);
    expect(rows[0]).toContain('$5.000');
  });

  it('keeps customers out of the codes pages', async () => {
    const account = await createCustomerAccount(db());
    const customer = new TestClient(t.app);
    await customer.login(account.login, account.password);
    expect((await customer.get('/gestion/codigos/')).statusCode).toBe(403);
  });
});
