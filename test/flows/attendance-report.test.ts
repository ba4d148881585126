import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  const session = async (categoryId: number, enrolled: number, attended: number, cancelled = 0) => {
    const w = await createWorkshop(db(), {
      startsAt: '2026-02-10T14:00:00.000Z',
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
          attendedAt: i < attended ? '2026-02-10T14:05:00.000Z' : null,
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
});
