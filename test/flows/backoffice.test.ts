import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { recordAudit } from '../../src/domain/audit/audit.service';
import { createCompany } from '../../src/domain/customers/companies.service';
import { createInterest } from '../../src/domain/customers/interests.service';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { parseCsvExport } from '../support/csv';
import {
  createCustomer,
  createCustomerAccount,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../support/factories';
import { readXlsxRows } from '../support/xlsx';

/** The back office's shared machinery, companies, interests and the audit log, on both databases. */
describe('back office: guards, companies, interests and audit', () => {
  let t: TestApp;
  let staff: TestClient;
  let staffUserId: number;
  const ctx = () => ({
    now: t.clock.now(),
    actor: { userId: staffUserId, role: 'staff' as const },
    publicUrl: 'http://x',
  });

  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff', name: 'Carla Staff' });
    staffUserId = user.id;
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const MY_PREFIXES = ['/gestion/clientes', '/gestion/empresas', '/gestion/intereses', '/gestion/auditoria'];
  const myRoutes = () =>
    t.app.routeTable.filter(
      (r) =>
        r.method !== 'HEAD' &&
        (r.url === '/gestion' || r.url === '/gestion/' || MY_PREFIXES.some((p) => r.url.startsWith(p))),
    );

  it('refuses an anonymous visitor and a customer on every back-office route of the CRM', async () => {
    const routes = myRoutes();
    expect(routes.length).toBeGreaterThan(30);
    const anonymous = new TestClient(t.app);
    const account = await createCustomerAccount(t.database.db);
    const customer = new TestClient(t.app);
    await customer.login(account.login, account.password);
    for (const route of routes) {
      const url = route.url.replace(/:id/g, '1');
      const anon = route.method === 'GET' ? await anonymous.get(url) : await anonymous.post(url, {});
      expect(anon.statusCode, `${route.method} ${url} anonymous`).toBe(303);
      expect(String(anon.headers.location)).toMatch(/^\/login\/\?next=/);
      const cust = route.method === 'GET' ? await customer.get(url) : await customer.post(url, {});
      expect(cust.statusCode, `${route.method} ${url} customer`).toBe(403);
    }
  });

  it('shows the staff navigation, with Usuarios only for admins', async () => {
    const page = await staff.get('/gestion/clientes/');
    expect(page.body).toContain('aria-label="Gestión"');
    for (const label of ['Panel', 'Clientes', 'Empresas', 'Intereses', 'Talleres', 'Deudores', 'Auditoría'])
      expect(page.body).toContain(`>${label}</a>`);
    expect(page.body).not.toContain('>Usuarios</a>');
    const admin = await createUser(t.database.db, { role: 'admin' });
    const adminClient = new TestClient(t.app);
    await adminClient.login(admin.email, TEST_PASSWORD);
    expect((await adminClient.get('/gestion/clientes/')).body).toContain('>Usuarios</a>');
  });

  it('groups the staff navigation under headings, each link under its group, URLs unchanged', async () => {
    const page = (await staff.get('/gestion/bonos/')).body;
    const nav = /<nav class="staff-nav" aria-label="Gestión">([\s\S]*?)<\/nav>/.exec(page)![1]!;
    const groups = [
      ...nav.matchAll(/<span class="staff-nav-heading" id="menu-(\w+)">([^<]+)<\/span>([\s\S]*?)<\/ul>/g),
    ];
    expect(groups.map((g) => g[2])).toEqual(['Agenda', 'Contactos', 'Tienda', 'Dinero', 'Ajustes']);
    const links = (html: string) =>
      [...html.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => m[2]);
    const byGroup = Object.fromEntries(groups.map((g) => [g[2], links(g[3]!)]));
    expect(byGroup.Tienda).toEqual([
      'Productos',
      'Ventas',
      'Despachos',
      'Bonos',
      'Descuentos',
      'Tarjetas de regalo',
    ]);
    expect(byGroup.Dinero).toEqual([
      'Deudores',
      'Devoluciones',
      'Pagos',
      'Pagos en línea',
      'Reportes',
      'Honorarios',
    ]);
    expect(nav).toContain('aria-labelledby="menu-tienda"');
    expect(nav).toContain('<a href="/gestion/bonos/" aria-current="page">Bonos</a>');
    // Every link of the menu is still there, once.
    expect(links(nav)).toHaveLength(24);
  });

  it('drives the companies list through search, a filter, a sort, a second page and exports', async () => {
    const tag = unique('Ñandú');
    const ids: number[] = [];
    await inTransaction(t.database, async (trx) => {
      for (let i = 0; i < 28; i++)
        ids.push(
          await createCompany(
            trx,
            {
              legalName: `Cooperativa ${tag} Número ${String(i).padStart(2, '0')}`,
              rut: null,
              address: null,
              phone: null,
            },
            ctx(),
          ),
        );
    });
    await createCustomer(t.database.db, { companyId: ids[3]!, customerType: 'B2B' });

    // Accent- and case-insensitive: "nandu" finds "Ñandú", "numero" finds "Número".
    const needle = tag.toLowerCase().replace('ñandú', 'NANDU');
    const first = await staff.get(`/gestion/empresas/?q=${encodeURIComponent(`${needle} numero`)}`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Mostrando 1–25 de 28');
    expect(first.body).toContain(`Cooperativa ${tag} Número 00`);

    const second = await staff.get(`/gestion/empresas/?q=${encodeURIComponent(needle)}&page=2`);
    expect(second.body).toContain('Mostrando 26–28 de 28');
    expect(second.body).toContain(`Número 27`);
    // Pagination links keep the search.
    expect(second.body).toContain(
      `href="/gestion/empresas/?q=${encodeURIComponent(needle).replace(/%20/g, '+')}"`,
    );

    const sorted = await staff.get(`/gestion/empresas/?q=${encodeURIComponent(needle)}&sort=nombre&dir=desc`);
    const order = [...sorted.body.matchAll(/Número (\d\d)/g)].map((m) => m[1]);
    expect(order[0]).toBe('27');
    expect(order.at(-1)).toBe('03');
    // The header of the active sort links to the other direction and keeps the search.
    expect(sorted.body).toMatch(/href="\/gestion\/empresas\/\?q=[^"]+&amp;sort=nombre&amp;dir=asc"/);

    const withContacts = await staff.get(`/gestion/empresas/?q=${encodeURIComponent(needle)}&contactos=con`);
    expect(withContacts.body).toContain('Mostrando 1–1 de 1');
    expect(withContacts.body).toContain('Número 03');

    const junk = await staff.get('/gestion/empresas/?sort=drop+table&dir=sideways&page=-3&contactos=quizas');
    expect(junk.statusCode).toBe(200);

    const csv = await staff.get(`/gestion/empresas/?q=${encodeURIComponent(needle)}&formato=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(String(csv.headers['content-disposition'])).toMatch(
      /attachment; filename="empresas-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const rows = parseCsvExport(csv.body);
    expect(rows).toHaveLength(29);
    expect(rows[0]!.slice(0, 2)).toEqual(['Razón social', 'RUT']);

    const xlsx = await staff.get(
      `/gestion/empresas/?q=${encodeURIComponent(needle)}&contactos=con&formato=xlsx`,
    );
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const sheet = JSON.stringify(await readXlsxRows(xlsx.rawPayload));
    expect(sheet).toContain(`Cooperativa ${tag} Número 03`);
    expect(sheet).not.toContain('Número 04');
  });

  it('validates the company form, stores the RUT normalised and refuses duplicates', async () => {
    const bad = await staff.post('/gestion/empresas/nueva/', { razon_social: '', rut: '76.123.456-1' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Escribe la razón social.');
    expect(bad.body).toContain('El RUT no es válido');
    expect(bad.body).toContain('value="76.123.456-1"');

    const name = unique('Talleres del Puerto ');
    const ok = await staff.post('/gestion/empresas/nueva/', {
      razon_social: name,
      rut: '76.123.456-0',
      telefono: '+56 32 123 4567',
    });
    expect(ok.statusCode, ok.body.match(/class="error">[^<]+/g)?.join(' ')).toBe(303);
    const row = await t.database.db
      .selectFrom('companies')
      .select(['id', 'rut'])
      .where('legalName', '=', name)
      .executeTakeFirstOrThrow();
    expect(row.rut).toBe('76123456-0');
    expect(ok.headers.location).toBe(`/gestion/empresas/${row.id}/`);

    const sameName = await staff.post('/gestion/empresas/nueva/', {
      razon_social: name.toUpperCase(),
      rut: '',
    });
    expect(sameName.statusCode).toBe(422);
    expect(sameName.body).toContain('Ya existe una empresa con esa razón social.');
    const sameRut = await staff.post('/gestion/empresas/nueva/', {
      razon_social: unique('Otra '),
      rut: '761234560',
    });
    expect(sameRut.statusCode).toBe(422);
    expect(sameRut.body).toContain('Ya existe una empresa con ese RUT.');

    const detail = await staff.get(`/gestion/empresas/${row.id}/`);
    expect(detail.body).toContain('76.123.456-0');
    expect(detail.body).toContain('Historial de cambios');
    expect((await staff.get('/gestion/empresas/999999/')).statusCode).toBe(404);
    expect((await staff.get('/gestion/empresas/abc/')).statusCode).toBe(404);
  });

  it('answers 404, not the form, when an invalid edit names a company that does not exist', async () => {
    // The form is shown again by the error handler, which then has no company to show it for.
    const missing = await staff.post('/gestion/empresas/999999/editar/', { razon_social: '' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('No encontramos esa empresa.');
    expect((await staff.post('/gestion/empresas/abc/editar/', { razon_social: '' })).statusCode).toBe(404);
  });

  it('deletes a company after confirmation and leaves its contacts without a company', async () => {
    const id = await inTransaction(t.database, (trx) =>
      createCompany(trx, { legalName: unique('Borrable '), rut: null, address: null, phone: null }, ctx()),
    );
    const a = await createCustomer(t.database.db, { companyId: id, customerType: 'B2B' });
    const b = await createCustomer(t.database.db, { companyId: id, customerType: 'B2B' });

    const confirm = await staff.get(`/gestion/empresas/${id}/eliminar/`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('2 contactos');
    expect(confirm.body).toContain('quedarán como clientes sin empresa');

    const res = await staff.post(`/gestion/empresas/${id}/eliminar/`);
    expect(res.statusCode).toBe(303);
    const list = await staff.follow(res);
    expect(list.body).toContain('2 contactos quedaron sin empresa.');
    const contacts = await t.database.db
      .selectFrom('customers')
      .select('companyId')
      .where('id', 'in', [a.id, b.id])
      .execute();
    expect(contacts.map((c) => c.companyId)).toEqual([null, null]);
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'beforeJson', 'actorUserId'])
      .where('entityType', '=', 'company')
      .where('entityId', '=', id)
      .where('action', '=', 'delete')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.beforeJson!).contactsUnlinked).toBe(2);
    expect(audit.actorUserId).toBe(staffUserId);
  });

  it('drives the interests list with counts, and deleting one leaves its workshops without a category', async () => {
    const tag = unique('Cerámica');
    const ids = await inTransaction(t.database, async (trx) => {
      const out: number[] = [];
      for (let i = 0; i < 27; i++)
        out.push(
          await createInterest(
            trx,
            { name: `${tag} Técnica ${String(i).padStart(2, '0')}`, description: null },
            ctx(),
          ),
        );
      return out;
    });
    const workshop = await createWorkshop(t.database.db, { categoryId: ids[0]! });
    const customer = await createCustomer(t.database.db);
    await t.database.db
      .insertInto('customerInterests')
      .values({ customerId: customer.id, interestId: ids[0]! })
      .execute();

    const needle = `${tag.toLowerCase().replace('cerámica', 'CERAMICA')} tecnica`;
    const first = await staff.get(`/gestion/intereses/?q=${encodeURIComponent(needle)}`);
    expect(first.body).toContain('Mostrando 1–25 de 27');
    const second = await staff.get(`/gestion/intereses/?q=${encodeURIComponent(needle)}&page=2`);
    expect(second.body).toContain('Mostrando 26–27 de 27');
    const used = await staff.get(`/gestion/intereses/?q=${encodeURIComponent(needle)}&uso=talleres`);
    expect(used.body).toContain('Mostrando 1–1 de 1');
    expect(used.body).toContain(`${tag} Técnica 00`);
    const byCustomers = await staff.get(
      `/gestion/intereses/?q=${encodeURIComponent(needle)}&sort=clientes&dir=desc`,
    );
    expect(byCustomers.body.match(/Técnica (\d\d)/)?.[1]).toBe('00');

    const confirm = await staff.get(`/gestion/intereses/${ids[0]}/eliminar/`);
    expect(confirm.body).toContain('1 taller quedará sin categoría.');
    expect(confirm.body).toContain('Se quitará de 1 cliente.');
    const res = await staff.post(`/gestion/intereses/${ids[0]}/eliminar/`);
    expect(res.statusCode).toBe(303);
    const w = await t.database.db
      .selectFrom('workshops')
      .select('categoryId')
      .where('id', '=', workshop.id)
      .executeTakeFirstOrThrow();
    expect(w.categoryId).toBeNull();

    const dup = await staff.post('/gestion/intereses/nuevo/', { nombre: `${tag} técnica 01`.toUpperCase() });
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain('Ya existe un interés con ese nombre.');
  });

  it('records an edit in the audit log with only the changed fields, before and after', async () => {
    const id = await inTransaction(t.database, (trx) =>
      createCompany(
        trx,
        { legalName: unique('Auditada '), rut: null, address: 'Calle 1', phone: null },
        ctx(),
      ),
    );
    const res = await staff.post(`/gestion/empresas/${id}/editar/`, {
      razon_social: (
        await t.database.db
          .selectFrom('companies')
          .select('legalName')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).legalName,
      direccion: 'Avenida Brasil 2950',
      telefono: '',
      rut: '',
    });
    expect(res.statusCode).toBe(303);
    const entry = await t.database.db
      .selectFrom('auditLog')
      .select(['beforeJson', 'afterJson', 'actorUserId'])
      .where('entityType', '=', 'company')
      .where('entityId', '=', id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.beforeJson!)).toEqual({ address: 'Calle 1' });
    expect(JSON.parse(entry.afterJson!)).toEqual({ address: 'Avenida Brasil 2950' });
    expect(entry.actorUserId).toBe(staffUserId);

    // A save that changes nothing writes nothing.
    const unchanged = await inTransaction(t.database, (trx) =>
      recordAudit(
        trx,
        { entityType: 'company', entityId: id, action: 'update', before: { a: 1 }, after: { a: 1 } },
        ctx(),
      ),
    );
    expect(unchanged).toBeNull();

    const detail = await staff.get(`/gestion/empresas/${id}/`);
    expect(detail.body).toContain('<del>Calle 1</del> → <ins>Avenida Brasil 2950</ins>');
  });

  it('drives the audit list through search, a filter, a sort and a second page', async () => {
    const tag = unique('Señal');
    await inTransaction(t.database, async (trx) => {
      for (let i = 0; i < 32; i++)
        await recordAudit(
          trx,
          {
            entityType: i < 31 ? 'customer' : 'company',
            entityId: 1000 + i,
            action: 'create',
            after: { fullName: `${tag} ${i}` },
          },
          ctx(),
        );
    });
    const needle = encodeURIComponent(tag.toLowerCase());
    const first = await staff.get(`/gestion/auditoria/?q=${needle}`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Mostrando 1–30 de 32');
    const second = await staff.get(`/gestion/auditoria/?q=${needle}&page=2`);
    expect(second.body).toContain('Mostrando 31–32 de 32');
    const companies = await staff.get(`/gestion/auditoria/?q=${needle}&entidad=company`);
    expect(companies.body).toContain('Mostrando 1–1 de 1');
    expect(companies.body).toContain('Empresa #1031');
    const byActor = await staff.get(
      `/gestion/auditoria/?q=${needle}&actor=${staffUserId}&desde=2026-03-01&hasta=2026-03-02`,
    );
    expect(byActor.body).toContain('Mostrando 1–30 de 32');
    const outside = await staff.get(`/gestion/auditoria/?q=${needle}&desde=2026-03-03`);
    expect(outside.body).toContain('No hay cambios registrados');
    const oldest = await staff.get(`/gestion/auditoria/?q=${needle}&sort=fecha&dir=asc`);
    expect(oldest.body.indexOf('#1000')).toBeLessThan(oldest.body.indexOf('#1001'));
    const junk = await staff.get('/gestion/auditoria/?entidad=DROP%20TABLE&actor=x&desde=2026-02-31&sort=x');
    expect(junk.statusCode).toBe(200);
    const csv = await staff.get(`/gestion/auditoria/?q=${needle}&formato=csv`);
    expect(parseCsvExport(csv.body)).toHaveLength(33);
  });
});
