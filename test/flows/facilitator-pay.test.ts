import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { parseCsvExport } from '../support/csv';
import {
  createEnrollmentFor,
  createFacilitator,
  createFacilitatorWorkshop,
} from '../support/facilitator-factories';
import { createUser, TEST_PASSWORD } from '../support/factories';
import { createSeriesOf } from '../support/series-factories';

/** The back office of facilitator pay: rules on the facilitator's page, closing periods, the payroll. */
describe('facilitator pay in the back office', () => {
  let t: TestApp;
  let staff: TestClient;
  const db = () => t.database.db;
  beforeAll(async () => {
    t = await buildTestApp(); // the clock reads 2026-03-02
    const user = await createUser(db(), { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const rulesOf = (facilitatorId: number) =>
    db()
      .selectFrom('payRules as r')
      .leftJoin('workshops as w', 'w.id', 'r.workshopId')
      .select([
        'r.id',
        'r.kind',
        'r.amountClp',
        'r.percentBp',
        'r.workshopId',
        'r.bonusThreshold',
        'r.bonusClp',
        'r.effectiveFrom',
      ])
      .where((eb) =>
        eb.or([eb('r.facilitatorId', '=', facilitatorId), eb('w.facilitatorId', '=', facilitatorId)]),
      )
      .orderBy('r.id')
      .execute();

  it('adds rules from the facilitator page and marks every missing piece at once', async () => {
    const f = await createFacilitator(db(), { name: 'Regla Uno' });
    const mine = await createFacilitatorWorkshop(db(), f.id, {
      name: 'Acuarela',
      startsAt: '2026-01-10T14:00:00.000Z',
    });
    const other = await createFacilitatorWorkshop(db(), (await createFacilitator(db())).id);
    const url = `/gestion/facilitadores/${f.id}/reglas/`;

    const fixed = await staff.post(url, {
      tipo: 'fixed',
      monto: '30.000',
      base: 'attended',
      desde: '2026-01-01',
    });
    expect(fixed.statusCode).toBe(303);
    const share = await staff.post(url, {
      taller: String(mine.id),
      tipo: 'revenue_share',
      porcentaje: '40,5',
      base: 'booked',
      bono_desde: '8',
      bono: '$5.000',
      desde: '2026-01-01',
    });
    expect(share.statusCode).toBe(303);
    expect(await rulesOf(f.id)).toEqual([
      expect.objectContaining({
        kind: 'fixed',
        amountClp: 30000,
        percentBp: null,
        workshopId: null,
        effectiveFrom: '2026-01-01',
      }),
      expect.objectContaining({
        kind: 'revenue_share',
        amountClp: 0,
        percentBp: 4050,
        workshopId: mine.id,
        bonusThreshold: 8,
        bonusClp: 5000,
      }),
    ]);
    const page = await staff.get(`/gestion/facilitadores/${f.id}/`);
    expect(page.body).toContain('Monto fijo por sesión: $30.000');
    expect(page.body).toContain('40,5 % de lo recaudado + bono de $5.000 con más de 8 inscritos');

    const bad = await staff.post(url, {
      tipo: 'per_attendee',
      monto: 'mucho',
      base: 'attended',
      bono: '1000',
      desde: '',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Escribe el monto en pesos, sin decimales');
    expect(bad.body).toContain('Escribe sobre cuántos asistentes se paga el bono');
    expect(bad.body).toContain('Elige desde qué fecha rige la regla.');
    const badShare = await staff.post(url, {
      tipo: 'revenue_share',
      porcentaje: '140',
      base: 'attended',
      desde: '2026-02-01',
    });
    expect(badShare.body).toContain('Escribe un porcentaje entre 0,01 y 100');
    const notTheirs = await staff.post(url, {
      taller: String(other.id),
      tipo: 'fixed',
      monto: '1000',
      base: 'attended',
      desde: '2026-02-01',
    });
    expect(notTheirs.statusCode).toBe(422);
    expect(notTheirs.body).toContain('Ese taller no lo guía este facilitador');
    const sameDay = await staff.post(url, {
      tipo: 'fixed',
      monto: '1000',
      base: 'attended',
      desde: '2026-01-01',
    });
    expect(sameDay.body).toContain('Ya hay una regla de este alcance desde esa fecha');
    expect((await rulesOf(f.id)).length).toBe(2);
  });

  it('adds a rule for every session of a series the facilitator leads, and lists it on their page', async () => {
    const f = await createFacilitator(db(), { name: 'Regla Serie' });
    const s1 = await createFacilitatorWorkshop(db(), f.id, { startsAt: '2026-01-12T14:00:00.000Z' });
    const series = await createSeriesOf(db(), [s1], { name: 'Torno de los lunes' });
    const elsewhere = await createSeriesOf(db(), [
      await createFacilitatorWorkshop(db(), (await createFacilitator(db())).id),
    ]);
    const url = `/gestion/facilitadores/${f.id}/reglas/`;
    const form = await staff.get(`/gestion/facilitadores/${f.id}/`);
    expect(form.body).toContain(`<option value="${series.id}">Serie Torno de los lunes</option>`);
    expect(form.body).not.toContain(`<option value="${elsewhere.id}">`);

    const added = await staff.post(url, {
      serie: String(series.id),
      tipo: 'fixed',
      monto: '42.000',
      base: 'attended',
      desde: '2026-01-01',
    });
    expect(added.statusCode).toBe(303);
    const stored = await db()
      .selectFrom('payRules')
      .select(['facilitatorId', 'workshopId', 'seriesId', 'amountClp'])
      .where('seriesId', '=', series.id)
      .execute();
    expect(stored).toEqual([
      { facilitatorId: null, workshopId: null, seriesId: series.id, amountClp: 42000 },
    ]);
    const page = await staff.follow(added);
    expect(page.body).toContain('Serie Torno de los lunes: todas sus sesiones');
    expect(page.body).toContain('Monto fijo por sesión: $42.000');

    const both = await staff.post(url, {
      taller: String(s1.id),
      serie: String(series.id),
      tipo: 'fixed',
      monto: '1000',
      base: 'attended',
      desde: '2026-02-01',
    });
    expect(both.statusCode).toBe(422);
    expect(both.body).toContain('Elige un taller o una serie, no los dos.');
    const notTheirs = await staff.post(url, {
      serie: String(elsewhere.id),
      tipo: 'fixed',
      monto: '1000',
      base: 'attended',
      desde: '2026-02-01',
    });
    expect(notTheirs.statusCode).toBe(422);
    expect(notTheirs.body).toContain('Este facilitador no guía ninguna sesión de esa serie');
  });

  it("deletes a rule of the facilitator, never another facilitator's", async () => {
    const f = await createFacilitator(db());
    const g = await createFacilitator(db());
    await staff.post(`/gestion/facilitadores/${g.id}/reglas/`, {
      tipo: 'fixed',
      monto: '1000',
      base: 'attended',
      desde: '2026-01-01',
    });
    const [gRule] = await rulesOf(g.id);
    const wrong = await staff.post(`/gestion/facilitadores/${f.id}/reglas/${gRule!.id}/eliminar/`);
    expect(wrong.headers.location).toBe(`/gestion/facilitadores/${f.id}/`);
    expect((await staff.follow(wrong)).body).toContain(
      'No encontramos esa regla de pago entre las de este facilitador.',
    );
    expect((await rulesOf(g.id)).length).toBe(1);
    const right = await staff.post(`/gestion/facilitadores/${g.id}/reglas/${gRule!.id}/eliminar/`);
    expect(right.statusCode).toBe(303);
    expect((await rulesOf(g.id)).length).toBe(0);
  });

  it('closes a period into the payroll: gross, withholding and net per facilitator, in the page, CSV and XLSX', async () => {
    const f = await createFacilitator(db(), { name: 'Ana Planilla', rut: '12345678-5' });
    const w = await createFacilitatorWorkshop(db(), f.id, {
      name: 'Bordado',
      startsAt: '2026-02-07T14:00:00.000Z',
    });
    await createEnrollmentFor(db(), w.id, { paidClp: 40000, attended: true });
    await createEnrollmentFor(db(), w.id, { paidClp: 40000 });
    await staff.post(`/gestion/facilitadores/${f.id}/reglas/`, {
      tipo: 'per_attendee',
      monto: '16.667',
      base: 'booked',
      desde: '2026-01-01',
    });
    const norule = await createFacilitator(db(), { name: 'Sin Regla' });
    await createFacilitatorWorkshop(db(), norule.id, { name: 'Telar', startsAt: '2026-02-08T14:00:00.000Z' });

    const closed = await staff.post('/gestion/honorarios/cerrar/', {
      desde: '2026-02-01',
      hasta: '2026-02-28',
    });
    expect(closed.statusCode).toBe(303);
    const period = await db()
      .selectFrom('payPeriods')
      .select(['id', 'withholdingRateBp'])
      .where('startsOn', '=', '2026-02-01')
      .executeTakeFirstOrThrow();
    expect(period.withholdingRateBp).toBe(1525);
    expect(closed.headers.location).toBe(`/gestion/honorarios/planilla/?periodo=${period.id}`);
    const payroll = await staff.follow(closed);
    expect(payroll.body).toContain(
      'Período cerrado: 2 sesiones, $33.334 bruto. Ojo: 1 sesión no tenía regla de pago y quedaron en $0.',
    );
    // 33.334 × 15,25 % = 5.083,44 → $5.083; net $28.251
    expect(payroll.body).toContain('Ana Planilla');
    expect(payroll.body).toContain('$5.083');
    expect(payroll.body).toContain('$28.251');

    const csv = parseCsvExport(
      (await staff.get(`/gestion/honorarios/planilla/?periodo=${period.id}&formato=csv`)).body,
    );
    expect(csv[0]).toEqual([
      'Facilitador',
      'RUT',
      'Sesiones',
      'Bruto (CLP)',
      'Retención (CLP)',
      'Tasa de retención',
      'Líquido (CLP)',
    ]);
    expect(csv).toContainEqual(['Ana Planilla', '12.345.678-5', '1', '33334', '5083', '15,25 %', '28251']);
    expect(csv).toContainEqual(['Sin Regla', expect.any(String), '1', '0', '0', '15,25 %', '0']);
    const xlsx = await staff.get(`/gestion/honorarios/planilla/?periodo=${period.id}&formato=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    const lines = await staff.get(`/gestion/honorarios/sesiones/?periodo=${period.id}`);
    expect(lines.body).toContain('$16.667 por persona (inscritos)');
    expect(lines.body).toContain('Sin regla');
    const linesCsv = parseCsvExport(
      (await staff.get(`/gestion/honorarios/sesiones/?periodo=${period.id}&formato=csv`)).body,
    );
    expect(linesCsv[0]).toContain('Recaudado neto (CLP)');
    expect(linesCsv.find((r) => r[1] === 'Bordado')).toEqual(
      expect.arrayContaining(['2', '1', '80000', '33334']),
    );

    const home = await staff.get('/gestion/honorarios/');
    expect(home.body).toContain(`/gestion/honorarios/planilla/?periodo=${period.id}`);
    expect(home.body).toContain('01-02-2026 al 28-02-2026');
  });

  it('refuses an overlapping period with a clear Spanish message, and a period not over yet', async () => {
    await staff.post('/gestion/honorarios/cerrar/', { desde: '2026-01-01', hasta: '2026-01-31' });
    const overlap = await staff.post('/gestion/honorarios/cerrar/', {
      desde: '2026-01-15',
      hasta: '2026-02-10',
    });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.body).toContain(
      'Ese período se cruza con uno ya cerrado (del 01-01-2026 al 31-01-2026): elige fechas que no se superpongan.',
    );
    expect(overlap.body).toContain('value="2026-01-15"');
    const notOver = await staff.post('/gestion/honorarios/cerrar/', {
      desde: '2026-03-01',
      hasta: '2026-03-02',
    });
    expect(notOver.statusCode).toBe(422);
    expect(notOver.body).toContain('Solo puedes cerrar un período que ya terminó');
    const junk = await staff.post('/gestion/honorarios/cerrar/', { desde: 'ayer', hasta: '' });
    expect(junk.statusCode).toBe(422);
    expect(junk.body).toContain('Elige el primer día del período.');
  });

  it('sets the withholding rate for the next periods; a period keeps the rate it closed with', async () => {
    const saved = await staff.post('/gestion/honorarios/retencion/', { retencion: '16,5' });
    expect((await staff.follow(saved)).body).toContain(
      'Tasa de retención guardada: 16,5 % para los próximos períodos.',
    );
    const row = await db()
      .selectFrom('payrollSettings')
      .select('withholdingRateBp')
      .executeTakeFirstOrThrow();
    expect(row.withholdingRateBp).toBe(1650);
    const bad = await staff.post('/gestion/honorarios/retencion/', { retencion: 'quince' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Escribe la tasa en porcentaje, por ejemplo 15,25.');
    const feb = await db()
      .selectFrom('payPeriods')
      .select('withholdingRateBp')
      .where('startsOn', '=', '2026-02-01')
      .executeTakeFirstOrThrow();
    expect(feb.withholdingRateBp).toBe(1525);
    await staff.post('/gestion/honorarios/retencion/', { retencion: '15,25' });
  });

  it('answers 404 for a period that does not exist, and opens the latest period without one', async () => {
    expect((await staff.get('/gestion/honorarios/planilla/?periodo=999999')).statusCode).toBe(404);
    const latest = await staff.get('/gestion/honorarios/sesiones/');
    expect(latest.statusCode).toBe(200);
    expect(latest.body).toContain('Sesiones del 01-02-2026 al 28-02-2026');
  });
});
