import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, TestClock } from '../../../test/support/app';
import { TestClient } from '../../../test/support/client';
import { parseCsvExport } from '../../../test/support/csv';
import { createCustomerAccount, createUser, TEST_PASSWORD } from '../../../test/support/factories';
import { buildReportsDataset } from '../../../test/support/reports-dataset';
import { readXlsx } from '../../../test/support/xlsx';
import { monthPeriod, rangePeriod } from './reports.period';
import { buildDashboard, type Dashboard } from './reports.service';

// Every expected figure below was worked out by hand from testing/dataset.ts.

let t: TestApp;
let data: Awaited<ReturnType<typeof buildReportsDataset>>;
let march: Dashboard;
let staff: TestClient;

beforeAll(async () => {
  t = await buildTestApp({ clock: new TestClock(new Date('2026-04-15T15:00:00.000Z')) });
  data = await buildReportsDataset(t.database.db);
  march = await buildDashboard(t.database.db, monthPeriod(2026, 3));
  const user = await createUser(t.database.db, { role: 'staff', username: 'reportes_staff' });
  staff = new TestClient(t.app);
  await staff.login(user.email, TEST_PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

const values = (slices: { label: string; value: number }[]) => slices.map((s) => [s.label, s.value]);

describe('report figures for March 2026', () => {
  it('counts money collected per source, refunds subtracted and the 23:30 payment of 31 March included', () => {
    expect(march.current.collectedWorkshops).toBe(95000);
    expect(march.current.collectedShop).toBe(35000);
    expect(march.current.collectedTotal).toBe(130000);
  });

  it('compares with February, which holds the payment made at 23:30 on 28 February', () => {
    expect(march.previous.label).toBe('Febrero 2026');
    expect(march.before.collectedWorkshops).toBe(30000);
    expect(march.before.collectedShop).toBe(10000);
    expect(march.before.averageTicket).toBe(20000);
    expect(march.before.newCustomers).toBe(1);
    expect(march.before.cancellations).toBe(0);
    expect(march.before.waitlistDemand).toBe(1);
  });

  it('computes the average ticket, new customers, cancellations and waitlist demand', () => {
    expect(march.current.averageTicket).toBe(32000);
    expect(march.current.newCustomers).toBe(2);
    expect(march.current.cancellations).toBe(1);
    expect(march.current.waitlistDemand).toBe(1);
  });

  it('adds up what is owed: unpaid parts of active enrollments plus unpaid kit orders', () => {
    expect(march.owed).toEqual({ enrollments: 70000, sales: 15000, total: 85000 });
  });

  it('buckets revenue by Santiago month over the last twelve months, with empty months at zero', () => {
    expect(march.months.map((m) => m.label)).toEqual([
      'Abril 2025',
      'Mayo 2025',
      'Junio 2025',
      'Julio 2025',
      'Agosto 2025',
      'Septiembre 2025',
      'Octubre 2025',
      'Noviembre 2025',
      'Diciembre 2025',
      'Enero 2026',
      'Febrero 2026',
      'Marzo 2026',
    ]);
    const byKey = Object.fromEntries(march.months.map((m) => [m.key, [m.workshops, m.shop]]));
    expect(byKey['2025-11']).toEqual([40000, 0]);
    expect(byKey['2025-12']).toEqual([0, 0]);
    expect(byKey['2026-01']).toEqual([0, 0]);
    expect(byKey['2026-02']).toEqual([30000, 10000]);
    expect(byKey['2026-03']).toEqual([95000, 35000]);
    expect(march.months.reduce((sum, m) => sum + m.total, 0)).toBe(210000);
  });

  it('breaks revenue down by category (kits by their lines), modality, customer type and company', () => {
    expect(values(march.revenueByCategory)).toEqual([
      ['Resina', 80000],
      ['Encuadernación', 50000],
    ]);
    expect(values(march.revenueByModality)).toEqual([
      ['Presencial', 65000],
      ['Online', 30000],
    ]);
    expect(values(march.revenueByCustomerType)).toEqual([
      ['Personas (B2C)', 100000],
      ['Empresas (B2B)', 30000],
    ]);
    expect(values(march.revenueByCompany)).toEqual([['Constructora Andes SpA', 30000]]);
  });

  it('counts active enrollments made in the period by category and modality, leaving out the cancelled one', () => {
    expect(values(march.enrollmentsByCategory)).toEqual([
      ['Resina', 2],
      ['Encuadernación', 1],
    ]);
    expect(values(march.enrollmentsByModality)).toEqual([
      ['Presencial', 2],
      ['Online', 1],
    ]);
  });

  it('measures occupancy per workshop held in the period, the one with no revenue included, and the average', () => {
    expect(march.occupancy.count).toBe(3);
    expect(march.occupancy.workshops.map((w) => [w.name, w.seatsTaken, w.totalSeats])).toEqual([
      ['Resina para principiantes', 3, 10],
      ['Meditación y mandalas', 0, 8],
      ['Encuadernación japonesa', 2, 20],
    ]);
    expect(march.occupancy.averagePercent).toBeCloseTo(40 / 3, 6);
  });

  it('ranks workshops by active enrollments and kits by units sold in paid orders', () => {
    expect(march.topWorkshops.map((w) => [w.name, w.enrollments])).toEqual([
      ['Resina para principiantes', 2],
      ['Encuadernación japonesa', 1],
    ]);
    expect(march.topKits.map((k) => [k.name, k.units, k.amount])).toEqual([
      ['Kit Encuadernación', 2, 20000],
      ['Kit Resina', 1, 15000],
    ]);
  });

  it('counts new customers per month', () => {
    const byKey = Object.fromEntries(march.months.map((m) => [m.key, m.newCustomers]));
    expect(byKey['2025-12']).toBe(1);
    expect(byKey['2026-01']).toBe(0);
    expect(byKey['2026-02']).toBe(1);
    expect(byKey['2026-03']).toBe(2);
  });

  it('uses day ranges in Santiago: 31 March alone holds only the 23:30 payment', async () => {
    const day = await buildDashboard(t.database.db, rangePeriod('2026-03-31', '2026-03-31'));
    expect(day.current.collectedWorkshops).toBe(30000);
    expect(day.current.collectedShop).toBe(0);
    expect(day.previous.label).toBe('30-03-2026');
    expect(day.before.collectedTotal).toBe(0);
  });
});

describe('the reports page', () => {
  it('shows this month against the previous one by default, in Spanish', async () => {
    const res = await staff.get('/gestion/reportes/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-test="period-label">Abril 2026</strong>');
    expect(res.body).toContain('comparado con Marzo 2026');
    expect(res.body).toMatch(/data-test="kpi-collected-previous">\$130\.000</);
    expect(res.body).toMatch(/data-test="kpi-collected-value">\$0</);
    expect(res.body).toContain('/static/vendor/chart.umd.min.js');
  });

  it('renders a chosen month with its figures, chart data and table alternatives', async () => {
    const res = await staff.get('/gestion/reportes/?mes=2026-03');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/data-test="kpi-collected-value">\$130\.000</);
    expect(res.body).toMatch(/data-test="kpi-owed-value">\$85\.000</);
    expect(res.body).toMatch(/data-test="kpi-ticket-value">\$32\.000</);
    expect(res.body).toContain('href="/gestion/reportes/ingresos/?mes=2026-03">Marzo 2026</a>');
    expect(res.body).toContain('data-chart="revenue-months"');
    expect(res.body).toContain('data-test="occupancy-average">13,3 %</td>');
    const island = /<script type="application\/json" id="reports-data">(.*?)<\/script>/s.exec(res.body)?.[1];
    const charts = JSON.parse(island!) as {
      id: string;
      labels: string[];
      datasets: { data: number[] }[];
      links?: string[];
    }[];
    const months = charts.find((c) => c.id === 'revenue-months')!;
    expect(months.labels.at(-1)).toBe('Marzo 2026');
    expect(months.datasets.map((d) => d.data.at(-1))).toEqual([95000, 35000]);
    expect(months.links?.at(-1)).toBe('/gestion/reportes/ingresos/?mes=2026-03');
    expect(charts.map((c) => c.id)).toEqual([
      'revenue-months',
      'revenue-category',
      'revenue-modality',
      'revenue-customer-type',
      'revenue-company',
      'enrollments-category',
      'enrollments-modality',
      'enrollments-location',
      'revenue-location',
      'occupancy',
      'top-workshops',
      'top-kits',
      'customers-months',
    ]);
    // Every chart that has data has its canvas and its table.
    expect(res.body.match(/<canvas /g)?.length).toBe(13);
    expect(res.body).not.toContain('DEBUG');
  });

  it('ignores a malformed period with a notice instead of failing', async () => {
    const res = await staff.get('/gestion/reportes/?mes=2026-13&desde=2026-02-30');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Ignoramos el rango de fechas');
    expect(res.body).toContain('Ignoramos el mes indicado');
    expect(res.body).toContain('data-test="period-label">Abril 2026</strong>');
  });

  it('escapes names inside the chart data island', async () => {
    await t.database.db
      .updateTable('workshops')
      .set({ name: 'Taller </script><script>alert(1)</script>' })
      .where('id', '=', data.workshops.w3.id)
      .execute();
    try {
      const res = await staff.get('/gestion/reportes/?mes=2026-03');
      expect(res.body).not.toContain('<script>alert(1)');
      expect(res.body).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)');
    } finally {
      await t.database.db
        .updateTable('workshops')
        .set({ name: 'Meditación y mandalas' })
        .where('id', '=', data.workshops.w3.id)
        .execute();
    }
  });

  it('is for staff only', async () => {
    const anonymous = await new TestClient(t.app).get('/gestion/reportes/');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login/?next=%2Fgestion%2Freportes%2F');
    const account = await createCustomerAccount(t.database.db);
    const customer = new TestClient(t.app);
    await customer.login(account.login, account.password);
    expect((await customer.get('/gestion/reportes/ingresos/?formato=csv')).statusCode).toBe(403);
  });

  it('serves Chart.js from our own origin with cache headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/static/vendor/chart.umd.min.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect(res.body.length).toBeGreaterThan(100_000);
  });
});

describe('the revenue breakdown', () => {
  const rowIds = (body: string) => [...body.matchAll(/data-test="payment-(\d+)"/g)].map((m) => Number(m[1]));

  it('lists every payment of the month once, refunds negative, newest first, with the total', async () => {
    const res = await staff.get('/gestion/reportes/ingresos/?mes=2026-03');
    expect(res.statusCode).toBe(200);
    const p = data.marchPayments;
    expect(rowIds(res.body)).toEqual([p.p4, p.p6, p.p5, p.p2, p.p1, p.p3]);
    expect(res.body).toContain('data-test="payment-count">6</span>');
    expect(res.body).toContain('data-test="payment-total">$130.000</strong>');
    expect(res.body).toContain(`href="/gestion/clientes/${data.customers.carla.id}/">Carla Díaz</a>`);
    expect(res.body).toContain('31-03-2026 23:30');
    expect(res.body).toContain('-$30.000');
    expect(res.body).toContain('Compra de kits');
    expect(res.body).toContain('Kit Encuadernación ×2');
  });

  it('filters by source, category, status and method', async () => {
    const kits = await staff.get('/gestion/reportes/ingresos/?mes=2026-03&origen=kits');
    expect(rowIds(kits.body)).toEqual([data.marchPayments.p2]);
    expect(kits.body).toContain('data-test="payment-total">$35.000</strong>');

    const resina = await staff.get(
      `/gestion/reportes/ingresos/?mes=2026-03&categoria=${data.categories.resina.id}`,
    );
    expect(rowIds(resina.body).sort()).toEqual(
      [data.marchPayments.p1, data.marchPayments.p2, data.marchPayments.p3].sort(),
    );
    expect(resina.body).toContain('data-test="payment-total">$100.000</strong>');

    const cancelled = await staff.get('/gestion/reportes/ingresos/?mes=2026-03&estado=ANULADO');
    expect(rowIds(cancelled.body)).toEqual([data.marchPayments.p6, data.marchPayments.p5]);
    expect(cancelled.body).toContain('data-test="payment-total">$0</strong>');

    const card = await staff.get(
      '/gestion/reportes/ingresos/?desde=2026-02-01&hasta=2026-03-31&metodo=tarjeta',
    );
    expect(card.body).toContain('data-test="payment-count">2</span>');
    expect(card.body).toContain('data-test="payment-total">$55.000</strong>');

    const partial = await staff.get('/gestion/reportes/ingresos/?mes=2026-03&estado=ABONADO&origen=talleres');
    expect(rowIds(partial.body)).toEqual([data.marchPayments.p3]);
  });

  it('ignores invalid filter values with Spanish notices, never an error', async () => {
    const res = await staff.get(
      '/gestion/reportes/ingresos/?mes=2026-03&origen=tienda&categoria=abc&estado=PERDIDO&metodo=bitcoin&formato=pdf&page=-4',
    );
    expect(res.statusCode).toBe(200);
    for (const notice of [
      'Ignoramos el origen indicado',
      'Ignoramos la categoría indicada',
      'Ignoramos el estado indicado',
      'Ignoramos el método de pago indicado',
      'Ignoramos el formato pedido',
    ])
      expect(res.body).toContain(notice);
    expect(res.body).toContain('data-test="payment-count">6</span>');
    const missing = await staff.get(
      '/gestion/reportes/ingresos/?categoria=999999&desde=2026-04-01&hasta=2026-03-01',
    );
    expect(missing.statusCode).toBe(200);
    expect(missing.body).toContain('&quot;desde&quot; es posterior a &quot;hasta&quot;');
  });

  it('paginates while keeping the filters in the links', async () => {
    // 55 cash payments in January 2024, outside every other window of these tests.
    const enrollmentId = (
      await t.database.db
        .selectFrom('enrollments')
        .select('id')
        .where('customerId', '=', data.customers.beto.id)
        .where('workshopId', '=', data.workshops.w4.id)
        .executeTakeFirstOrThrow()
    ).id;
    await t.database.db
      .insertInto('payments')
      .values(
        Array.from({ length: 55 }, (_, i) => ({
          enrollmentId,
          amountClp: 1000,
          method: 'efectivo' as const,
          reference: `PAGE-${i}`,
          paidAt: new Date(Date.UTC(2024, 0, 10, 12, i)).toISOString(),
        })),
      )
      .execute();
    const first = await staff.get('/gestion/reportes/ingresos/?mes=2024-01&metodo=efectivo');
    expect(rowIds(first.body)).toHaveLength(50);
    expect(first.body).toContain('data-test="payment-total">$55.000</strong>');
    expect(first.body).toContain(
      'href="/gestion/reportes/ingresos/?desde=2024-01-01&amp;hasta=2024-01-31&amp;metodo=efectivo&amp;page=2"',
    );
    const second = await staff.get(
      '/gestion/reportes/ingresos/?desde=2024-01-01&hasta=2024-01-31&metodo=efectivo&page=2',
    );
    expect(rowIds(second.body)).toHaveLength(5);
    expect(new Set([...rowIds(first.body), ...rowIds(second.body)]).size).toBe(55);
    const beyond = await staff.get('/gestion/reportes/ingresos/?mes=2024-01&page=99');
    expect(rowIds(beyond.body)).toHaveLength(5);
  });

  it('exports the full filtered list as CSV with a BOM, Spanish dates and signed amounts', async () => {
    const res = await staff.get('/gestion/reportes/ingresos/?mes=2026-03&formato=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="ingresos-2026-03-01-al-2026-03-31.csv"',
    );
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString('utf8')).toMatch(/^\uFEFFFecha;Tipo;Origen;Concepto;.*\r\n/);
    const rows = parseCsvExport(raw);
    expect(rows[0]).toEqual([
      'Fecha',
      'Tipo',
      'Origen',
      'Concepto',
      'Categoría',
      'Cliente',
      'Estado',
      'Método',
      'Monto (CLP)',
    ]);
    expect(rows).toHaveLength(7);
    expect(rows[1]).toEqual([
      '31-03-2026 23:30',
      'Pago',
      'Talleres',
      'Encuadernación japonesa',
      'Encuadernación',
      'Carla Díaz',
      'Pagado',
      'Transferencia',
      '30000',
    ]);
    expect(rows[2]).toEqual([
      '22-03-2026 12:00',
      'Devolución',
      'Talleres',
      'Encuadernación japonesa',
      'Encuadernación',
      'Dani Pérez',
      'Anulado',
      'Efectivo',
      '-30000',
    ]);
    expect(rows[4]).toEqual([
      '10-03-2026 15:00',
      'Pago',
      'Kits',
      expect.stringMatching(/^Compra de kits #\d+: Kit Resina, Kit Encuadernación ×2$/),
      '',
      'Ana Muñoz',
      'Pagado',
      'Pago en línea (simulado)',
      '35000',
    ]);
    const total = rows.slice(1).reduce((sum, row) => sum + Number(row.at(-1)), 0);
    expect(total).toBe(130000);
  });

  it('exports XLSX whose sheet holds the rows, amounts as numbers, and the total', async () => {
    const res = await staff.get('/gestion/reportes/ingresos/?mes=2026-03&origen=talleres&formato=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const [sheet] = await readXlsx(res.rawPayload);
    expect(sheet!.name).toBe('Ingresos');
    const rows = sheet!.rows;
    expect(rows).toHaveLength(1 + 5 + 1);
    const cells = rows.flat();
    expect(cells).toContain('Carla Díaz');
    expect(cells).toContain('Devolución');
    expect(rows[1]![8]).toBe(30000);
    expect(rows.map((r) => r[8])).toContain(-30000);
    expect(rows[6]).toEqual(['Total', null, null, null, null, null, null, null, 95000]);
    expect(cells.some((c) => String(c).includes('Compra de kits'))).toBe(false);
  });
});

describe('reports of a centre with no data yet', () => {
  it('renders both pages with empty states and zeros instead of failing', async () => {
    const empty = await buildTestApp();
    try {
      const user = await createUser(empty.database.db, { role: 'admin' });
      const client = new TestClient(empty.app);
      await client.login(user.email, TEST_PASSWORD);
      const page = await client.get('/gestion/reportes/');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Sin datos en este período.');
      expect(page.body).not.toContain('<canvas');
      expect(page.body).toMatch(/data-test="kpi-ticket-value">—</);
      const breakdown = await client.get('/gestion/reportes/ingresos/');
      expect(breakdown.statusCode).toBe(200);
      expect(breakdown.body).toContain('No hay pagos con estos filtros.');
      const csv = await client.get('/gestion/reportes/ingresos/?formato=csv');
      expect(csv.rawPayload.toString('utf8')).toBe(
        '\uFEFFFecha;Tipo;Origen;Concepto;Categoría;Cliente;Estado;Método;Monto (CLP)\r\n',
      );
    } finally {
      await empty.close();
    }
  });
});
