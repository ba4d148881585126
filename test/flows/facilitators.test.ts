import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import {
  createEnrollmentFor,
  createFacilitator,
  createFacilitatorAccount,
  createFacilitatorWorkshop,
  uniqueRut,
} from '../support/facilitator-factories';
import { createUser, createWorkshop, TEST_PASSWORD, unique } from '../support/factories';

const concrete = (url: string, value = '1') =>
  url.replace(/:\w+(\([^)]*\))?/g, value).replace(/\*$/, 'x.txt');

describe('facilitators: records, the workshop page, invitations', () => {
  let t: TestApp;
  let staff: TestClient;
  const db = () => t.database.db;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(db(), { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  it('creates a facilitator with a valid RUT, stored normalised, and lists it', async () => {
    const rut = uniqueRut();
    const [body, dv] = rut.split('-');
    const typed = `${body!.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${dv}`;
    const name = unique('Valentina Soto ');
    const res = await staff.post('/gestion/facilitadores/nuevo/', {
      nombre: name,
      rut: typed,
      correo: 'VALE@Example.cl',
      telefono: '+56 9 8765 4321',
      bio: 'Ceramista hace 15 años.',
    });
    expect(res.statusCode).toBe(303);
    const row = await db()
      .selectFrom('facilitators')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    expect(row.rut).toBe(rut);
    expect(row.email).toBe('vale@example.cl');
    expect(row.phone).toBe('+56987654321');
    expect(res.headers.location).toBe(`/gestion/facilitadores/${row.id}/`);
    const list = await staff.get(`/gestion/facilitadores/?q=${encodeURIComponent(name)}`);
    expect(list.body).toContain(name);
    expect(list.body).toContain(typed);
  });

  it('refuses a RUT with a wrong check digit, a missing RUT and a RUT already used (422, values kept)', async () => {
    const rut = uniqueRut();
    const [body, dv] = rut.split('-');
    const wrong = `${body}-${dv === '1' ? '2' : '1'}`;
    const bad = await staff.post('/gestion/facilitadores/nuevo/', { nombre: 'Rut Malo', rut: wrong });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('El RUT no es válido: revisa los números y el dígito verificador.');
    expect(bad.body).toContain('value="Rut Malo"');
    const missing = await staff.post('/gestion/facilitadores/nuevo/', { nombre: 'Sin Rut' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Escribe el RUT del facilitador.');

    const existing = await createFacilitator(db(), { rut });
    const taken = await staff.post('/gestion/facilitadores/nuevo/', { nombre: 'Otro', rut });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Ya hay un facilitador con el RUT');
    const edit = await staff.post(`/gestion/facilitadores/${existing.id}/`, { nombre: 'Nuevo nombre', rut });
    expect(edit.statusCode).toBe(303);
  });

  it('shows the facilitator record on the workshop page: name, photo and bio, over the free-text name', async () => {
    const f = await createFacilitator(db(), {
      name: 'Camila Rojas',
      bio: 'Guía de meditación.\n\nEstudió en Kyoto.',
      imagePath: 'abc-123.webp',
    });
    const workshop = await createWorkshop(db(), {
      facilitatorName: 'Texto antiguo',
      startsAt: '2026-04-10T14:00:00.000Z',
    });
    const before = await new TestClient(t.app).get(`/talleres/${workshop.id}/`);
    expect(before.body).toContain('Texto antiguo');
    expect(before.body).not.toContain('data-test="facilitator-card"');

    await db().updateTable('workshops').set({ facilitatorId: f.id }).where('id', '=', workshop.id).execute();
    const page = await new TestClient(t.app).get(`/talleres/${workshop.id}/`);
    expect(page.body).toContain('<dd data-test="facilitator">Camila Rojas</dd>');
    expect(page.body).toContain('Quién te guía: Camila Rojas');
    expect(page.body).toContain('<p class="facilitator-bio">Guía de meditación.</p>');
    expect(page.body).toContain('<p class="facilitator-bio">Estudió en Kyoto.</p>');
    expect(page.body).toContain('/media/card/abc-123.webp');
    expect(page.body).not.toContain('Texto antiguo');
  });

  it('assigns a facilitator in the workshop form, and refuses one that does not exist', async () => {
    const f = await createFacilitator(db(), { name: unique('Paula ') });
    const workshop = await createWorkshop(db(), { startsAt: '2026-05-10T14:00:00.000Z' });
    const form = {
      nombre: workshop.name,
      descripcion: 'Un taller.',
      fecha: '2026-05-10',
      hora: '10:00',
      duracion: '120',
      modalidad: 'PRESENCIAL',
      lugar: 'Cerro Alegre',
      precio: '45000',
      cupos: '10',
      activo: 'on',
      plazo_anulacion: '48',
      incluye: 'Arcilla',
      facilitador: '',
    };
    const saved = await staff.post(`/gestion/talleres/${workshop.id}/editar/`, {
      ...form,
      facilitador_id: String(f.id),
    });
    expect(saved.statusCode).toBe(303);
    const row = await db()
      .selectFrom('workshops')
      .select(['facilitatorId', 'whatIncluded'])
      .where('id', '=', workshop.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ facilitatorId: f.id, whatIncluded: 'Arcilla' });
    const editPage = await staff.get(`/gestion/talleres/${workshop.id}/editar/`);
    expect(editPage.body).toContain(`<option value="${f.id}" selected>`);

    const gone = await staff.post(`/gestion/talleres/${workshop.id}/editar/`, {
      ...form,
      facilitador_id: '99999999',
    });
    expect(gone.statusCode).toBe(422);
    expect(gone.body).toContain('Ese facilitador ya no existe: elige otro.');
  });

  it('invites a facilitator: an account with the facilitator role and the password-set link by e-mail', async () => {
    const f = await createFacilitator(db(), { email: `${unique('invita')}@example.cl` });
    const res = await staff.post(`/gestion/facilitadores/${f.id}/invitar/`);
    expect(res.statusCode).toBe(303);
    expect((await staff.follow(res)).body).toContain(`Invitación enviada a ${f.email}`);
    const user = await db()
      .selectFrom('users')
      .select(['id', 'role', 'facilitatorId'])
      .where('email', '=', f.email!)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: 'facilitator', facilitatorId: f.id });
    const mail = await db()
      .selectFrom('emailOutbox')
      .select(['template', 'bodyText'])
      .where('toAddress', '=', f.email!)
      .executeTakeFirstOrThrow();
    expect(mail.template).toBe('password_reset');
    expect(mail.bodyText).toContain('Recupera tu contraseña');

    const again = await staff.post(`/gestion/facilitadores/${f.id}/invitar/`);
    expect(again.headers.location).toBe(`/gestion/facilitadores/${f.id}/`);
    expect((await staff.follow(again)).body).toContain('Ya existe una cuenta con el correo');

    const noEmail = await createFacilitator(db(), { email: null });
    const refused = await staff.post(`/gestion/facilitadores/${noEmail.id}/invitar/`);
    expect(refused.headers.location).toBe(`/gestion/facilitadores/${noEmail.id}/`);
    expect((await staff.follow(refused)).body).toContain(
      'Escribe el correo del facilitador antes de invitarlo.',
    );
  });
});

describe('the facilitator role: only their own sessions', () => {
  let t: TestApp;
  let mine: TestClient;
  let ownWorkshop: { id: number };
  let otherWorkshop: { id: number };
  let ownEnrollment: { id: number };
  let otherEnrollment: { id: number };
  let myUserId: number;
  const db = () => t.database.db;
  beforeAll(async () => {
    t = await buildTestApp();
    const me = await createFacilitator(db(), { name: 'Francisca Morales' });
    const other = await createFacilitator(db(), { name: 'Otra Persona' });
    ownWorkshop = await createFacilitatorWorkshop(db(), me.id, {
      name: 'Mi cerámica',
      startsAt: '2026-03-05T14:00:00.000Z',
    });
    otherWorkshop = await createFacilitatorWorkshop(db(), other.id, {
      name: 'Su yoga',
      startsAt: '2026-03-06T14:00:00.000Z',
    });
    ownEnrollment = await createEnrollmentFor(db(), ownWorkshop.id, { fullName: 'Ana Mía', paidClp: 45000 });
    otherEnrollment = await createEnrollmentFor(db(), otherWorkshop.id, {
      fullName: 'Bea Ajena',
      paidClp: 45000,
    });
    const account = await createFacilitatorAccount(db(), me.id);
    myUserId = account.id;
    mine = new TestClient(t.app);
    await mine.login(account.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const attendedAt = async (id: number) =>
    (await db().selectFrom('enrollments').select('attendedAt').where('id', '=', id).executeTakeFirstOrThrow())
      .attendedAt;

  it('lists only their own sessions and opens their roster', async () => {
    const list = await mine.get('/gestion/mis-sesiones/');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Mi cerámica');
    expect(list.body).not.toContain('Su yoga');
    expect(list.body).toContain('href="/gestion/mis-sesiones/"');
    expect(list.body).not.toContain('href="/gestion/clientes/"');
    const roster = await mine.get(`/gestion/mis-sesiones/${ownWorkshop.id}/`);
    expect(roster.statusCode).toBe(200);
    expect(roster.body).toContain('Ana Mía');
  });

  it("cannot open another facilitator's roster (404, nothing of it shown)", async () => {
    const res = await mine.get(`/gestion/mis-sesiones/${otherWorkshop.id}/`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Bea Ajena');
    expect(res.body).not.toContain('Su yoga');
  });

  it('marks and clears attendance in their own session', async () => {
    const res = await mine.post(`/gestion/mis-sesiones/${ownWorkshop.id}/asistencia/`, {
      ids: String(ownEnrollment.id),
      presente: '1',
    });
    expect(res.statusCode).toBe(303);
    expect((await mine.follow(res)).body).toContain('Listo: asistencia marcada a 1 persona.');
    expect(await attendedAt(ownEnrollment.id)).not.toBeNull();
    await mine.post(`/gestion/mis-sesiones/${ownWorkshop.id}/asistencia/`, {
      ids: String(ownEnrollment.id),
      presente: '0',
    });
    expect(await attendedAt(ownEnrollment.id)).toBeNull();
  });

  it("cannot mark attendance in a session that is not theirs, directly or by smuggling the other session's enrollment", async () => {
    const direct = await mine.post(`/gestion/mis-sesiones/${otherWorkshop.id}/asistencia/`, {
      ids: String(otherEnrollment.id),
      presente: '1',
    });
    expect(direct.statusCode).toBe(404);
    const smuggled = await mine.post(`/gestion/mis-sesiones/${ownWorkshop.id}/asistencia/`, {
      ids: String(otherEnrollment.id),
      presente: '1',
    });
    expect((await mine.follow(smuggled)).body).toContain('No hubo cambios en la asistencia.');
    expect(await attendedAt(otherEnrollment.id)).toBeNull();
    const staffRoute = await mine.post(`/gestion/talleres/${otherWorkshop.id}/asistencia/`, {
      ids: String(otherEnrollment.id),
      presente: '1',
    });
    expect(staffRoute.statusCode).toBe(403);
    expect(await attendedAt(otherEnrollment.id)).toBeNull();
  });

  it('gets 403 on every other /gestion/ route, the users admin included (no escalation)', async () => {
    // The door pages (/gestion/asistencia/) are open to facilitators for their own sessions only:
    // test/flows/checkin.test.ts checks that another's session is a 404 there.
    const routes = t.app.routeTable.filter(
      (r) =>
        r.url.startsWith('/gestion') &&
        !r.url.startsWith('/gestion/mis-sesiones') &&
        !r.url.startsWith('/gestion/asistencia') &&
        r.method !== 'HEAD',
    );
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) {
      const url = concrete(route.url, String(otherWorkshop.id));
      const res: LightMyRequestResponse =
        route.method === 'GET' ? await mine.get(url) : await mine.post(url, {});
      expect(res.statusCode, `${route.method} ${url}`).toBe(403);
    }
    const escalate = await mine.post(`/gestion/usuarios/${myUserId}/rol/`, { role: 'admin' });
    expect(escalate.statusCode).toBe(403);
    const role = await db()
      .selectFrom('users')
      .select('role')
      .where('id', '=', myUserId)
      .executeTakeFirstOrThrow();
    expect(role.role).toBe('facilitator');
  });

  it('keeps staff, admins and customers out of the facilitator pages (403), visitors to the login', async () => {
    const staffUser = await createUser(db(), { role: 'admin' });
    const admin = new TestClient(t.app);
    await admin.login(staffUser.email, TEST_PASSWORD);
    expect((await admin.get('/gestion/mis-sesiones/')).statusCode).toBe(403);
    const write = await admin.post(`/gestion/mis-sesiones/${ownWorkshop.id}/asistencia/`, {
      ids: String(ownEnrollment.id),
      presente: '1',
    });
    expect(write.statusCode).toBe(403);
    expect(await attendedAt(ownEnrollment.id)).toBeNull();
    const visitor = await new TestClient(t.app).get(`/gestion/mis-sesiones/${ownWorkshop.id}/`);
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe(
      `/login/?next=${encodeURIComponent(`/gestion/mis-sesiones/${ownWorkshop.id}/`)}`,
    );
  });

  it('an admin cannot hand out the facilitator role, nor take it from a facilitator, in the users page', async () => {
    const adminUser = await createUser(db(), { role: 'admin' });
    const admin = new TestClient(t.app);
    await admin.login(adminUser.email, TEST_PASSWORD);
    const customer = await createUser(db(), { role: 'customer' });
    const give = await admin.post(`/gestion/usuarios/${customer.id}/rol/`, { role: 'facilitator' });
    expect(give.statusCode).toBe(303);
    expect((await admin.follow(give)).body).toContain('El rol de facilitador se da invitando');
    const take = await admin.post(`/gestion/usuarios/${myUserId}/rol/`, { role: 'staff' });
    expect((await admin.follow(take)).body).toContain('El rol de facilitador se da invitando');
    const role = await db()
      .selectFrom('users')
      .select('role')
      .where('id', '=', myUserId)
      .executeTakeFirstOrThrow();
    expect(role.role).toBe('facilitator');
  });
});
