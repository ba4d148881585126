import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigrator, migrateToLatest } from '../../src/db/migrator';
import { inTransaction } from '../../src/db/transaction';
import { createLocation } from '../../src/domain/locations';
import { createWorkshopByStaff } from '../../src/domain/workshops';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createEmptyTestDb } from '../support/db';
import { createCustomer, createUser, createWorkshop, TEST_PASSWORD, unique } from '../support/factories';

/** Locations (sedes): the migration, the catalogue filter, the workshop page, limited staff, the pages. */
describe('locations', () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'admin' });
    admin = new TestClient(t.app);
    await admin.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const ctx = () => ({ now: t.clock.now(), actor: null, publicUrl: 'http://localhost' });
  const location = (name = unique('Sede ')) =>
    inTransaction(t.database, (trx) =>
      createLocation(
        trx,
        { name, address: 'Av. Brasil 1500, Valparaíso', mapsUrl: null, rooms: 'Sala A\nSala B' },
        ctx(),
      ),
    );
  const workshopAt = async (locationId: number, name = unique('Taller ')) => {
    const w = await createWorkshop(db(), { name, startsAt: '2026-04-18T14:00:00.000Z' });
    await db().updateTable('workshops').set({ locationId }).where('id', '=', w.id).execute();
    return w;
  };
  const staffLimitedTo = async (locationIds: number[]) => {
    const user = await createUser(db(), { role: 'staff' });
    if (locationIds.length > 0)
      await db()
        .insertInto('userLocations')
        .values(locationIds.map((locationId) => ({ userId: user.id, locationId })))
        .execute();
    const client = new TestClient(t.app);
    await client.login(user.email, TEST_PASSWORD);
    return { user, client };
  };

  it('creates the default location from the centre address and gives it every existing workshop', async () => {
    const database = await createEmptyTestDb();
    try {
      await createMigrator(database.db).migrateTo('1900_series');
      await sql`insert into workshops (name, description, starts_at, duration_minutes, price_clp, total_seats, is_active, created_at, updated_at)
        values ('Antiguo', 'Antes de las sedes.', '2026-05-01T14:00:00.000Z', 60, 1000, 5, ${database.dialect === 'postgres' ? sql`true` : sql`1`}, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`.execute(
        database.db,
      );
      await migrateToLatest(database.db);
      const locations = await database.db.selectFrom('locations').select(['id', 'name', 'address']).execute();
      expect(locations).toEqual([
        {
          id: locations[0]!.id,
          name: 'Sede principal',
          address: 'Almirante Montt 123, Cerro Alegre, Valparaíso',
        },
      ]);
      const old = await database.db.selectFrom('workshops').select('locationId').executeTakeFirstOrThrow();
      expect(old.locationId).toBe(locations[0]!.id);
    } finally {
      await database.drop();
    }
  });

  it('puts a new workshop in the default location unless one is chosen', async () => {
    const other = await location();
    const base = {
      description: 'Prueba',
      categoryId: null,
      startsAt: new Date('2026-05-02T14:00:00.000Z'),
      durationMinutes: 60,
      modality: 'PRESENCIAL' as const,
      location: 'Sala A',
      onlineUrl: null,
      priceClp: 1000,
      totalSeats: 5,
      isActive: true,
      cancellationCutoffHours: 48,
      unpaidExpiryHours: null,
    };
    const plain = await inTransaction(t.database, (trx) =>
      createWorkshopByStaff(trx, { ...base, name: unique('Sin sede ') }, ctx()),
    );
    const chosen = await inTransaction(t.database, (trx) =>
      createWorkshopByStaff(trx, { ...base, name: unique('Con sede '), locationId: other }, ctx()),
    );
    const rows = await db()
      .selectFrom('workshops')
      .select(['id', 'locationId'])
      .where('id', 'in', [plain, chosen])
      .orderBy('id')
      .execute();
    const main = await db().selectFrom('locations').select('id').orderBy('id').executeTakeFirstOrThrow();
    expect(rows.map((r) => r.locationId)).toEqual([main.id, other]);
    await expect(
      inTransaction(t.database, (trx) =>
        createWorkshopByStaff(trx, { ...base, name: unique('Sede borrada '), locationId: 999999 }, ctx()),
      ),
    ).rejects.toThrow('Revisa los campos marcados.');
  });

  it('filters the catalogue list and calendar by location, and shows the location on the workshop page', async () => {
    const here = await location(unique('Sede Cerro '));
    const there = await location(unique('Sede Plan '));
    const a = await workshopAt(here);
    const b = await workshopAt(there);
    const list = await t.app.inject(`/talleres/?sede=${here}`);
    expect(list.body).toContain(a.name);
    expect(list.body).not.toContain(b.name);
    expect(list.body).toContain('id="f-sede"');
    const calendar = await t.app.inject(`/talleres/?vista=calendario&mes=2026-04&sede=${there}`);
    expect(calendar.body).toContain(b.name);
    expect(calendar.body).not.toContain(a.name);
    const bad = await t.app.inject('/talleres/?sede=abc');
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain('La sede indicada no es válida');
    const page = await t.app.inject(`/talleres/${a.id}/`);
    expect(page.body).toMatch(/data-test="workshop-location">Sede Cerro /);
    expect(page.body).toContain('Av. Brasil 1500, Valparaíso');
  });

  it('limits a staff member to their locations: the list, the workshop page, its roster and waitlist', async () => {
    const mine = await location();
    const theirs = await location();
    const own = await workshopAt(mine);
    const other = await workshopAt(theirs);
    const { client } = await staffLimitedTo([mine]);
    const list = await client.get('/gestion/talleres/?q=Taller');
    expect(list.body).toContain(own.name);
    expect(list.body).not.toContain(other.name);
    expect((await client.get(`/gestion/talleres/${own.id}/`)).statusCode).toBe(200);
    for (const path of ['', 'inscritos/', 'editar/', 'lista-espera/', 'cancelar/'])
      expect((await client.get(`/gestion/talleres/${other.id}/${path}`)).statusCode, path).toBe(404);
    const post = await client.post(`/gestion/talleres/${other.id}/cancelar/`, { nota: '' });
    expect(post.statusCode).toBe(404);
    expect(
      (
        await db()
          .selectFrom('workshops')
          .select('cancelledAt')
          .where('id', '=', other.id)
          .executeTakeFirstOrThrow()
      ).cancelledAt,
    ).toBeNull();
    // Staff with no location, and admins, see every workshop.
    const free = await staffLimitedTo([]);
    expect((await free.client.get(`/gestion/talleres/${other.id}/`)).statusCode).toBe(200);
    expect((await admin.get(`/gestion/talleres/${other.id}/`)).statusCode).toBe(200);
  });

  it("limits the enrollments list, its export and its bulk payment to the staff member's locations", async () => {
    const mine = await location();
    const theirs = await location();
    const tag = unique('Sede');
    const own = await workshopAt(mine, `${tag} propio`);
    const other = await workshopAt(theirs, `${tag} ajeno`);
    const customer = await createCustomer(db());
    const enroll = (workshopId: number) =>
      db()
        .insertInto('enrollments')
        .values({ customerId: customer.id, workshopId, amountDueClp: 10000, status: 'PENDIENTE' })
        .returning('id')
        .executeTakeFirstOrThrow();
    const ownEnrollment = await enroll(own.id);
    const otherEnrollment = await enroll(other.id);
    const { client } = await staffLimitedTo([mine]);

    const page = await client.get(`/gestion/inscripciones/?q=${encodeURIComponent(tag)}`);
    expect(page.body).toContain(`${tag} propio`);
    expect(page.body).not.toContain(`${tag} ajeno`);
    const csv = await client.get(`/gestion/inscripciones/?q=${encodeURIComponent(tag)}&formato=csv`);
    expect(csv.body).toContain(`${tag} propio`);
    expect(csv.body).not.toContain(`${tag} ajeno`);

    // Ids typed by hand: the other location's enrollment is left alone.
    const envio = /name="envio" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await client.post('/gestion/inscripciones/acciones/', {
      accion: 'pagar',
      metodo: 'efectivo',
      envio,
      ids: [String(ownEnrollment.id), String(otherEnrollment.id)],
    });
    expect(res.statusCode).toBe(303);
    const paid = await db()
      .selectFrom('payments')
      .select('enrollmentId')
      .where('enrollmentId', 'in', [ownEnrollment.id, otherEnrollment.id])
      .execute();
    expect(paid.map((p) => p.enrollmentId)).toEqual([ownEnrollment.id]);

    // An admin sees both.
    const all = await admin.get(`/gestion/inscripciones/?q=${encodeURIComponent(tag)}`);
    expect(all.body).toContain(`${tag} ajeno`);
  });

  it("shows a limited staff member the door of their locations' sessions only", async () => {
    const mine = await location();
    const theirs = await location();
    const tag = unique('Puerta');
    const today = async (locationId: number, name: string) => {
      const w = await createWorkshop(db(), {
        name,
        startsAt: new Date(t.clock.now().getTime() + 3600_000).toISOString(),
      });
      await db().updateTable('workshops').set({ locationId }).where('id', '=', w.id).execute();
      return w;
    };
    const own = await today(mine, `${tag} propia`);
    const other = await today(theirs, `${tag} ajena`);
    const { client } = await staffLimitedTo([mine]);
    const door = await client.get('/gestion/asistencia/');
    expect(door.body).toContain(`${tag} propia`);
    expect(door.body).not.toContain(`${tag} ajena`);
    expect((await client.get(`/gestion/asistencia/${own.id}/`)).statusCode).toBe(200);
    expect((await client.get(`/gestion/asistencia/${other.id}/`)).statusCode).toBe(404);
    expect(
      (await client.post(`/gestion/asistencia/${other.id}/registrar`, { codigo: '1.x' })).statusCode,
    ).toBe(404);
    expect((await admin.get('/gestion/asistencia/')).body).toContain(`${tag} ajena`);
  });

  it('lets staff create and edit locations and admins choose who is limited to each', async () => {
    const name = unique('Sede Viña ');
    const created = await admin.post('/gestion/sedes/nueva/', {
      nombre: name,
      direccion: 'Av. San Martín 200, Viña del Mar',
      mapa: '',
      salas: 'Sala 1\n\nSala 2\nSala 1',
    });
    expect(created.statusCode).toBe(303);
    const row = await db()
      .selectFrom('locations')
      .select(['id', 'rooms'])
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    expect(row.rooms).toBe('Sala 1\nSala 2');
    expect((await admin.get('/gestion/sedes/')).body).toContain(name);
    const invalid = await admin.post(`/gestion/sedes/${row.id}/editar/`, {
      nombre: '',
      direccion: 'x',
      mapa: 'ftp://x',
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('Escribe el nombre de la sede.');
    expect(invalid.body).toContain('debe empezar con https://');

    const { user, client } = await staffLimitedTo([]);
    expect(
      (await client.post(`/gestion/sedes/${row.id}/equipo/`, { equipo: String(user.id) })).statusCode,
    ).toBe(403);
    const saved = await admin.post(`/gestion/sedes/${row.id}/equipo/`, { equipo: String(user.id) });
    expect(saved.statusCode).toBe(303);
    const assigned = await db()
      .selectFrom('userLocations')
      .select('locationId')
      .where('userId', '=', user.id)
      .execute();
    expect(assigned).toEqual([{ locationId: row.id }]);
    expect((await admin.get(`/gestion/sedes/${row.id}/editar/`)).body).toContain(
      `id="f-equipo-${user.id}" name="equipo" value="${user.id}" checked`,
    );
  });

  it('splits the reports by location: enrollments and workshop revenue per sede', async () => {
    const name = unique('Sede Informe ');
    const here = await location(name);
    const w = await workshopAt(here);
    const customer = await db()
      .insertInto('customers')
      .values({
        fullName: 'Cliente Informe',
        email: `${unique('informe')}@example.cl`,
        searchText: 'informe',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const enrollment = await db()
      .insertInto('enrollments')
      .values({
        customerId: customer.id,
        workshopId: w.id,
        amountDueClp: 45000,
        amountPaidClp: 45000,
        status: 'PAGADO',
        createdAt: t.clock.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('payments')
      .values({
        enrollmentId: enrollment.id,
        amountClp: 45000,
        method: 'efectivo',
        reference: '',
        paidAt: t.clock.now().toISOString(),
      })
      .execute();
    const page = await admin.get('/gestion/reportes/');
    expect(page.statusCode).toBe(200);
    const section = page.body.slice(page.body.indexOf('Inscripciones por sede'));
    expect(section).toContain(name);
    expect(page.body.slice(page.body.indexOf('Ingresos por talleres, por sede'))).toContain('$45.000');
  });
});
