import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { parseCsvExport } from '../support/csv';
import { createFacilitator } from '../support/facilitator-factories';
import {
  createCustomer,
  createInterest,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../support/factories';

/** Attendance and no-show rates per workshop and per category (issue 19, part 5). */
describe('attendance report', () => {
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
  /** A past session with `enrolled` active enrollments of which `attended` were checked in. */
  const session = async (
    categoryId: number,
    enrolled: number,
    attended: number,
    cancelled = 0,
    startsAt = '2026-02-10T14:00:00.000Z',
  ) => {
    const w = await createWorkshop(db(), {
      startsAt,
      categoryId,
      name: unique('Sesión '),
    });
    for (let i = 0; i < enrolled + cancelled; i++) {
      const c = await createCustomer(db());
      await db()
        .insertInto('enrollments')
        .values({
          customerId: c.id,
          workshopId: w.id,
          amountDueClp: 0,
          status: i < enrolled ? 'PAGADO' : 'ANULADO',
          attendedAt: i < attended ? startsAt : null,
        })
        .execute();
    }
    return w;
  };

  it('gives attendance and no-show rates per workshop and per category, over sessions where the door was kept', async () => {
    const resina = await createInterest(db(), unique('Resina '));
    const mindful = await createInterest(db(), unique('Mindfulness '));
    const a = await session(resina.id, 4, 3, 2);
    const b = await session(resina.id, 6, 3);
    const unkept = await session(mindful.id, 5, 0);
    const c = await session(mindful.id, 2, 2);

    const page = await staff.get('/gestion/reportes/asistencia/?desde=2026-02-01&hasta=2026-02-28');
    expect(page.statusCode).toBe(200);
    const row = (id: number) => {
      const match = new RegExp(`data-test="attendance-${id}"[\\s\\S]*?</tr>`).exec(page.body);
      return match ? match[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') : '';
    };
    expect(row(a.id)).toContain('4 3 1 75% 25%');
    expect(row(b.id)).toContain('6 3 3 50% 50%');
    expect(row(unkept.id)).toContain('0 0 0 — —');
    expect(row(c.id)).toContain('2 2 0 100% 0%');

    const csv = parseCsvExport(
      (await staff.get('/gestion/reportes/asistencia/?desde=2026-02-01&hasta=2026-02-28&formato=csv')).body,
    );
    expect(csv[0]).toEqual([
      'Taller',
      'Fecha',
      'Categoría',
      'Inscritas',
      'Asistieron',
      'No asistieron',
      '% asistencia',
      '% inasistencia',
    ]);
    const category = (name: string) => csv.find((r) => r[0] === `Categoría: ${name}`)!.slice(3);
    expect(category(resina.name)).toEqual(['10', '6', '4', '60', '40']);
    expect(category(mindful.name)).toEqual(['2', '2', '0', '100', '0']);

    const xlsx = await staff.get(
      '/gestion/reportes/asistencia/?desde=2026-02-01&hasta=2026-02-28&formato=xlsx',
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
  it('splits the rates per series and per facilitator', async () => {
    const cat = await createInterest(db(), unique('Telar '));
    const lead = await createFacilitator(db(), { name: unique('Facilitadora del reporte ') });
    const series = await db()
      .insertInto('series')
      .values({
        name: unique('Serie del reporte '),
        description: 'Cuatro martes.',
        categoryId: cat.id,
        priceClp: 0,
        totalSeats: 10,
        durationMinutes: 90,
        location: null,
        facilitatorName: null,
        weekdays: '2',
        startTime: '11:00',
        startsOn: '2026-01-06',
        endsOn: null,
        sessionCount: 4,
        locationId: null,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    const first = await session(cat.id, 4, 4, 0, '2026-01-06T14:00:00.000Z');
    const second = await session(cat.id, 4, 2, 0, '2026-01-13T14:00:00.000Z');
    const alone = await session(cat.id, 5, 1, 0, '2026-01-15T14:00:00.000Z');
    for (const [w, day] of [
      [first, '2026-01-06'],
      [second, '2026-01-13'],
    ] as const)
      await db()
        .insertInto('seriesSessions')
        .values({ seriesId: series.id, workshopId: w.id, sessionDate: day, appliedFields: '{}' })
        .execute();
    for (const w of [first, alone])
      await db().updateTable('workshops').set({ facilitatorId: lead.id }).where('id', '=', w.id).execute();

    const csv = parseCsvExport(
      (await staff.get('/gestion/reportes/asistencia/?desde=2026-01-01&hasta=2026-01-31&formato=csv')).body,
    );
    const line = (label: string) => csv.find((r) => r[0] === label)?.slice(3);
    expect(line(`Serie: ${series.name}`)).toEqual(['8', '6', '2', '75', '25']);
    expect(line(`Facilitador(a): ${lead.name}`)).toEqual(['9', '5', '4', '55.6', '44.4']);
    const page = (await staff.get('/gestion/reportes/asistencia/?desde=2026-01-01&hasta=2026-01-31')).body;
    expect(page).toContain('Asistencia por serie');
    expect(page).toContain('Asistencia por facilitador(a)');
  });
});
