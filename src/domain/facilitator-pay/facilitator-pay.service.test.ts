import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db';
import {
  createEnrollmentFor,
  createFacilitator,
  createFacilitatorWorkshop,
} from '../../../test/support/facilitator-factories';
import { createUser } from '../../../test/support/factories';
import { createSeriesOf } from '../../../test/support/series-factories';
import { inTransaction } from '../../db/transaction';
import type { ServiceContext } from '../context';
import { PayPeriodNotOverError, PayPeriodOverlapError } from './pay.errors';
import { listPayroll, payrollTotals } from './pay-periods.queries';
import { closePayPeriod, setWithholdingRate } from './pay-periods.service';
import { honorarios, PAY_RULE_PRECEDENCE, percentOf } from './pay-rules';
import { addPayRule, deletePayRule, type PayRuleInput } from './pay-rules.service';

describe('facilitator pay: rules, periods and the boleta', () => {
  let database: TestDb;
  let ctx: ServiceContext;
  beforeAll(async () => {
    database = await createTestDb();
    const staff = await createUser(database.db, { role: 'staff' });
    ctx = {
      now: new Date('2027-01-15T15:00:00.000Z'),
      actor: { userId: staff.id, role: 'staff' },
      publicUrl: 'https://tmm.example.cl',
    };
  });
  afterAll(async () => database.drop());
  const db = () => database.db;

  const rule = (facilitatorId: number, over: Partial<PayRuleInput> = {}) =>
    inTransaction(database, (trx) =>
      addPayRule(
        trx,
        {
          facilitatorId,
          workshopId: null,
          seriesId: null,
          kind: 'fixed',
          amountClp: 30000,
          percentBp: null,
          attendeeBasis: 'attended',
          bonus: null,
          effectiveFrom: '2026-01-01',
          ...over,
        },
        ctx,
      ),
    );
  /** Each test closes its own month, so periods never overlap across tests. */
  const close = (startsOn: string, endsOn: string) =>
    inTransaction(database, (trx) => closePayPeriod(trx, { startsOn, endsOn }, ctx));
  const linesOf = (facilitatorId: number) =>
    db()
      .selectFrom('payLines')
      .selectAll()
      .where('facilitatorId', '=', facilitatorId)
      .orderBy('startsAt')
      .execute();
  /** A session at 11:00 Santiago (14:00 UTC in summer time) on a date. */
  const session = (facilitatorId: number, date: string, priceClp = 40000) =>
    createFacilitatorWorkshop(db(), facilitatorId, { startsAt: `${date}T14:00:00.000Z`, priceClp });

  it('pays by the workshop rule over the facilitator default (most specific wins)', async () => {
    const f = await createFacilitator(db());
    const special = await session(f.id, '2026-01-10');
    const ordinary = await session(f.id, '2026-01-12');
    await rule(f.id, { amountClp: 30000 });
    await rule(f.id, { workshopId: special.id, amountClp: 55000 });
    const result = await close('2026-01-01', '2026-01-31');
    expect(result.lines).toBe(2);
    const lines = await linesOf(f.id);
    expect(lines.map((l) => [l.workshopId, l.ruleScope, l.grossClp])).toEqual([
      [special.id, 'workshop', 55000],
      [ordinary.id, 'facilitator', 30000],
    ]);
    expect(PAY_RULE_PRECEDENCE).toEqual(['workshop', 'series', 'facilitator']);
  });

  it('pays a series session by its workshop rule, else its series rule, else the default, each from its effective date', async () => {
    const f = await createFacilitator(db());
    const substitute = await createFacilitator(db());
    const s1 = await session(f.id, '2025-05-05');
    const s2 = await session(f.id, '2025-05-12');
    const own = await session(f.id, '2025-05-14');
    const s3 = await session(f.id, '2025-05-19');
    const s4 = await session(f.id, '2025-05-26');
    const s5 = await session(substitute.id, '2025-05-28');
    const series = await createSeriesOf(db(), [s1, s2, s3, s4, s5]);
    await rule(f.id, { amountClp: 30000, effectiveFrom: '2025-01-01' });
    await rule(substitute.id, { amountClp: 10000, effectiveFrom: '2025-01-01' });
    await rule(f.id, { seriesId: series.id, amountClp: 40000, effectiveFrom: '2025-05-10' });
    await rule(f.id, { seriesId: series.id, amountClp: 45000, effectiveFrom: '2025-05-20' });
    await rule(f.id, { workshopId: s3.id, amountClp: 50000, effectiveFrom: '2025-05-01' });
    // A workshop rule from after its session does not apply: the series rule pays it.
    await rule(f.id, { workshopId: s4.id, amountClp: 99000, effectiveFrom: '2025-06-01' });
    await close('2025-05-01', '2025-05-31');
    const lines = [...(await linesOf(f.id)), ...(await linesOf(substitute.id))];
    expect(lines.map((l) => [l.workshopId, l.ruleScope, l.grossClp, l.ruleEffectiveFrom])).toEqual([
      [s1.id, 'facilitator', 30000, '2025-01-01'],
      [s2.id, 'series', 40000, '2025-05-10'],
      [own.id, 'facilitator', 30000, '2025-01-01'],
      [s3.id, 'workshop', 50000, '2025-05-01'],
      [s4.id, 'series', 45000, '2025-05-20'],
      // The series rule pays every session of the series, whoever leads it.
      [s5.id, 'series', 45000, '2025-05-20'],
    ]);
  });

  it('keeps closed lines of a series as they were when its rules change later', async () => {
    const f = await createFacilitator(db());
    const t1 = await session(f.id, '2025-06-09');
    const t2 = await session(f.id, '2025-06-16');
    await createEnrollmentFor(db(), t1.id, { paidClp: 20000, attended: true });
    const series = await createSeriesOf(db(), [t1, t2]);
    await rule(f.id, { amountClp: 5000, effectiveFrom: '2025-01-01' });
    const seriesRule = await rule(f.id, {
      seriesId: series.id,
      kind: 'per_attendee',
      amountClp: 12000,
      effectiveFrom: '2025-01-01',
    });
    await close('2025-06-01', '2025-06-30');
    const before = await linesOf(f.id);
    expect(before.map((l) => [l.ruleScope, l.grossClp])).toEqual([
      ['series', 12000],
      ['series', 0],
    ]);

    await rule(f.id, { seriesId: series.id, amountClp: 80000, effectiveFrom: '2025-06-01' });
    await inTransaction(database, (trx) =>
      deletePayRule(trx, { facilitatorId: f.id, ruleId: seriesRule }, ctx),
    );
    await db().updateTable('series').set({ name: 'Otro nombre' }).where('id', '=', series.id).execute();
    expect(await linesOf(f.id)).toEqual(before);
  });

  it('refuses a series rule for a series the facilitator leads no session of, a workshop and a series at once, and a second rule of the series on the same date', async () => {
    const f = await createFacilitator(db());
    const g = await createFacilitator(db());
    const mine = await session(f.id, '2025-07-07');
    const theirs = await createSeriesOf(db(), [await session(g.id, '2025-07-08')]);
    const series = await createSeriesOf(db(), [mine]);
    await expect(rule(f.id, { seriesId: theirs.id })).rejects.toMatchObject({
      fields: { serie: 'Este facilitador no guía ninguna sesión de esa serie: elige una de las suyas.' },
    });
    await expect(rule(f.id, { seriesId: series.id, workshopId: mine.id })).rejects.toMatchObject({
      fields: { serie: 'Elige un taller o una serie, no los dos.' },
    });
    await rule(f.id, { seriesId: series.id, effectiveFrom: '2025-07-01' });
    // A default and a workshop rule on the same date are other scopes: allowed.
    await rule(f.id, { effectiveFrom: '2025-07-01' });
    await rule(f.id, { workshopId: mine.id, effectiveFrom: '2025-07-01' });
    await expect(rule(f.id, { seriesId: series.id, effectiveFrom: '2025-07-01' })).rejects.toMatchObject({
      fields: { desde: expect.stringContaining('Ya hay una regla de este alcance desde esa fecha') },
    });
  });

  it('applies a rule from its effective date: a change mid-period pays the sessions before and after differently', async () => {
    const f = await createFacilitator(db());
    const before = await session(f.id, '2026-02-10');
    const onTheDay = await session(f.id, '2026-02-15');
    const after = await session(f.id, '2026-02-20');
    await rule(f.id, { amountClp: 30000, effectiveFrom: '2025-12-01' });
    await rule(f.id, { amountClp: 35000, effectiveFrom: '2026-02-15' });
    // A workshop rule that starts after its session does not apply: the default pays it.
    await rule(f.id, { workshopId: after.id, amountClp: 99000, effectiveFrom: '2026-03-01' });
    await close('2026-02-01', '2026-02-28');
    const lines = await linesOf(f.id);
    expect(lines.map((l) => [l.workshopId, l.grossClp, l.ruleEffectiveFrom])).toEqual([
      [before.id, 30000, '2025-12-01'],
      [onTheDay.id, 35000, '2026-02-15'],
      [after.id, 35000, '2026-02-15'],
    ]);
  });

  it('reads the session date in Santiago: 23:30 on the last day belongs to the period, 00:30 the next day does not', async () => {
    const f = await createFacilitator(db());
    await rule(f.id, { amountClp: 10000 });
    // 2026-03-31 23:30 in Santiago (UTC−3 until April 5) is 2026-04-01T02:30Z.
    const late = await createFacilitatorWorkshop(db(), f.id, { startsAt: '2026-04-01T02:30:00.000Z' });
    const nextDay = await createFacilitatorWorkshop(db(), f.id, { startsAt: '2026-04-01T03:30:00.000Z' });
    await close('2026-03-01', '2026-03-31');
    expect((await linesOf(f.id)).map((l) => l.workshopId)).toEqual([late.id]);
    await close('2026-04-01', '2026-04-30');
    expect((await linesOf(f.id)).map((l) => l.workshopId)).toEqual([late.id, nextDay.id]);
  });

  it('pays per attendee on the booked or on the attended count, the rule says which', async () => {
    const booked = await createFacilitator(db());
    const attended = await createFacilitator(db());
    for (const f of [booked, attended]) {
      const w = await session(f.id, '2026-05-09');
      await createEnrollmentFor(db(), w.id, { paidClp: 40000, attended: true });
      await createEnrollmentFor(db(), w.id, { paidClp: 40000, attended: true });
      await createEnrollmentFor(db(), w.id, { paidClp: 40000 });
      await createEnrollmentFor(db(), w.id, { status: 'PENDIENTE' });
      await createEnrollmentFor(db(), w.id, { status: 'ANULADO', attended: true });
    }
    await rule(booked.id, { kind: 'per_attendee', amountClp: 8000, attendeeBasis: 'booked' });
    await rule(attended.id, { kind: 'per_attendee', amountClp: 8000, attendeeBasis: 'attended' });
    await close('2026-05-01', '2026-05-31');
    const [b] = await linesOf(booked.id);
    const [a] = await linesOf(attended.id);
    expect([b!.bookedCount, b!.attendedCount, b!.grossClp]).toEqual([4, 2, 32000]);
    expect([a!.bookedCount, a!.attendedCount, a!.grossClp]).toEqual([4, 2, 16000]);
  });

  it('pays a share of the net revenue: paid amounts minus refunds, a cancelled booking whose money was kept included', async () => {
    const f = await createFacilitator(db());
    const w = await session(f.id, '2026-06-06');
    await createEnrollmentFor(db(), w.id, { paidClp: 45000, attended: true });
    await createEnrollmentFor(db(), w.id, { paidClp: 45000, refundedClp: 45000, status: 'ANULADO' });
    await createEnrollmentFor(db(), w.id, { paidClp: 45000, refundedClp: 20000, status: 'ANULADO' });
    await createEnrollmentFor(db(), w.id, { paidClp: 15000, amountDueClp: 45000, status: 'ABONADO' });
    await createEnrollmentFor(db(), w.id, { status: 'PENDIENTE' });
    await rule(f.id, { kind: 'revenue_share', percentBp: 4050 });
    await close('2026-06-01', '2026-06-30');
    const [line] = await linesOf(f.id);
    // 45.000 + 0 + 25.000 + 15.000 = 85.000; 40,5 % = 34.425
    expect(line!.revenueClp).toBe(85000);
    expect(line!.grossClp).toBe(34425);
    expect([line!.ruleKind, line!.rulePercentBp]).toEqual(['revenue_share', 4050]);
  });

  it('adds the bonus only above the threshold: N attendees do not get it, N + 1 do', async () => {
    const f = await createFacilitator(db());
    const atThreshold = await session(f.id, '2026-07-04');
    const above = await session(f.id, '2026-07-11');
    for (let i = 0; i < 3; i++)
      await createEnrollmentFor(db(), atThreshold.id, { paidClp: 1000, attended: true });
    for (let i = 0; i < 4; i++) await createEnrollmentFor(db(), above.id, { paidClp: 1000, attended: true });
    await rule(f.id, { amountClp: 20000, bonus: { threshold: 3, amountClp: 5000 } });
    await close('2026-07-01', '2026-07-31');
    const lines = await linesOf(f.id);
    expect(lines.map((l) => [l.attendedCount, l.baseClp, l.bonusClp, l.grossClp])).toEqual([
      [3, 20000, 0, 20000],
      [4, 20000, 5000, 25000],
    ]);
  });

  it('keeps closed lines as they were: later rules, deleted rules, attendance and refunds change nothing', async () => {
    const f = await createFacilitator(db());
    const w = await session(f.id, '2026-08-08');
    const e = await createEnrollmentFor(db(), w.id, { paidClp: 50000, attended: true });
    const ruleId = await rule(f.id, {
      kind: 'per_attendee',
      amountClp: 10000,
      bonus: { threshold: 0, amountClp: 1000 },
    });
    await close('2026-08-01', '2026-08-31');
    const before = await linesOf(f.id);
    expect(before[0]!.grossClp).toBe(11000);

    await rule(f.id, { amountClp: 90000, effectiveFrom: '2026-08-01' });
    await rule(f.id, { workshopId: w.id, amountClp: 70000, effectiveFrom: '2026-08-01' });
    await inTransaction(database, (trx) => deletePayRule(trx, { facilitatorId: f.id, ruleId }, ctx));
    await db().updateTable('enrollments').set({ attendedAt: null }).where('id', '=', e.id).execute();
    await db().updateTable('workshops').set({ name: 'Nombre nuevo' }).where('id', '=', w.id).execute();

    expect(await linesOf(f.id)).toEqual(before);
    const [payroll] = await listPayroll(
      db(),
      { periodId: before[0]!.periodId },
      { sort: 'nombre', dir: 'asc' },
      { offset: 0, limit: 50 },
    ).then((rows) => rows.filter((r) => r.facilitatorId === f.id));
    expect(payroll!.grossClp).toBe(11000);
  });

  it('refuses a period overlapping a closed one, in Spanish, and one that has not ended', async () => {
    await close('2026-09-01', '2026-09-30');
    await expect(close('2026-09-30', '2026-10-15')).rejects.toThrow(
      'Ese período se cruza con uno ya cerrado (del 01-09-2026 al 30-09-2026): elige fechas que no se superpongan.',
    );
    await expect(close('2026-08-15', '2026-09-05')).rejects.toBeInstanceOf(PayPeriodOverlapError);
    await expect(close('2027-01-01', '2027-01-15')).rejects.toBeInstanceOf(PayPeriodNotOverError);
    await expect(close('2026-11-10', '2026-11-01')).rejects.toThrow('Revisa los campos marcados.');
  });

  it('does not pay a session twice when its date moves into a later period', async () => {
    const f = await createFacilitator(db());
    await rule(f.id, { amountClp: 12000 });
    const w = await session(f.id, '2026-10-20');
    await close('2026-10-01', '2026-10-31');
    await db()
      .updateTable('workshops')
      .set({ startsAt: '2026-11-20T14:00:00.000Z' })
      .where('id', '=', w.id)
      .execute();
    const november = await close('2026-11-01', '2026-11-30');
    expect((await linesOf(f.id)).length).toBe(1);
    expect(november.lines).toBe(0);
  });

  it('withholds the boleta rate on each facilitator’s period gross, rounded to the peso (half up)', async () => {
    expect(honorarios(100000, 1525)).toEqual({ withholdingClp: 15250, netClp: 84750 });
    expect(honorarios(33333, 1525)).toEqual({ withholdingClp: 5083, netClp: 28250 }); // 5.083,28
    expect(honorarios(200, 1525)).toEqual({ withholdingClp: 31, netClp: 169 }); // 30,5 → 31
    expect(honorarios(0, 1525)).toEqual({ withholdingClp: 0, netClp: 0 });
    expect(percentOf(1, 5000)).toBe(1);

    const a = await createFacilitator(db());
    const b = await createFacilitator(db());
    await rule(a.id, { amountClp: 16667 });
    await rule(b.id, { amountClp: 50000 });
    for (const date of ['2026-12-05', '2026-12-12']) await session(a.id, date);
    await session(b.id, '2026-12-05');
    await inTransaction(database, (trx) => setWithholdingRate(trx, 1700, ctx));
    const { periodId } = await close('2026-12-01', '2026-12-31');
    await inTransaction(database, (trx) => setWithholdingRate(trx, 1525, ctx));
    const rows = await listPayroll(
      db(),
      { periodId },
      { sort: 'bruto', dir: 'desc' },
      { offset: 0, limit: 50 },
    );
    const mine = rows.filter((r) => r.facilitatorId === a.id || r.facilitatorId === b.id);
    // 33.334 × 17 % = 5.666,78 → 5.667 on the total (per session it would be 2 × 2.833,39 → 5.666).
    expect(mine.map((r) => [r.facilitatorId, r.sessions, r.grossClp, r.withholdingClp, r.netClp])).toEqual([
      [b.id, 1, 50000, 8500, 41500],
      [a.id, 2, 33334, 5667, 27667],
    ]);
    const totals = await payrollTotals(db(), { periodId });
    expect(totals.grossClp).toBe(totals.withholdingClp + totals.netClp);
    expect(totals.count).toBe(rows.length);
  });
});
