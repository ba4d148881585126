import type { Db } from '../../db/database';
import { TIME_ZONE } from '../../lib/dates';
import { type PackPeriodFigures, packPeriodFigures } from '../packs';
import {
  CUSTOMER_SEGMENT_LABELS,
  ENROLLMENT_STATUS_LABELS,
  MODALITY_LABELS,
  PAYMENT_METHOD_LABELS,
} from '../vocabulary';
import { lastMonthOf, type MonthRange, monthsEnding, type Period, previousPeriod } from './reports.period';
import {
  enrollmentsByWorkshop,
  listPaymentsAfter,
  listSaleLines,
  moneyOwed,
  newCustomersByMonth,
  type Occupancy,
  occupancy,
  type PaymentFilter,
  type PaymentRow,
  periodKpis,
  type RevenueSlice,
  revenueByMonth,
  revenueSlices,
  type TopKit,
  type TopWorkshop,
  topKits,
  workshopRevenueByLocation,
} from './reports.queries';

/**
 * The reports' figures, assembled from the aggregates of reports.queries.ts. Read-only: nothing here
 * writes. What happens in JS is labelling and rolling up a few already-aggregated groups.
 */

/** Where revenue comes from, as the report names it. */
export const SOURCES = { talleres: 'Talleres', kits: 'Kits' } as const;

export const OCCUPANCY_LIMIT = 30;
const TOP_LIMIT = 5;
const COMPANY_LIMIT = 10;

export type Kpis = {
  collectedWorkshops: number;
  collectedShop: number;
  collectedTotal: number;
  /** Payments received (refunds not subtracted) per paid purchase; null when nothing was paid. */
  averageTicket: number | null;
  newCustomers: number;
  cancellations: number;
  waitlistDemand: number;
};

export type Slice = { key: string; label: string; value: number };

export type Dashboard = {
  period: Period;
  previous: Period;
  current: Kpis;
  before: Kpis;
  owed: { enrollments: number; sales: number; total: number };
  months: (MonthRange & { workshops: number; shop: number; total: number; newCustomers: number })[];
  revenueByCategory: Slice[];
  revenueByModality: Slice[];
  revenueByCustomerType: Slice[];
  revenueByCompany: Slice[];
  enrollmentsByCategory: Slice[];
  enrollmentsByModality: Slice[];
  /** Enrollments and workshop revenue per location (sede). */
  enrollmentsByLocation: Slice[];
  revenueByLocation: Slice[];
  occupancy: Occupancy;
  topWorkshops: TopWorkshop[];
  topKits: TopKit[];
};

const NO_CATEGORY = 'Sin categoría';

async function kpis(db: Db, period: Period): Promise<Kpis> {
  const k = await periodKpis(db, period);
  return {
    collectedWorkshops: k.collectedWorkshops,
    collectedShop: k.collectedShop,
    collectedTotal: k.collectedWorkshops + k.collectedShop,
    averageTicket: k.paidPurchases > 0 ? Math.round(k.grossPayments / k.paidPurchases) : null,
    newCustomers: k.newCustomers,
    cancellations: k.cancellations,
    waitlistDemand: k.waitlistDemand,
  };
}

/** Sums already-aggregated groups per key, largest first (ties by label). */
export function rollUp<T>(
  rows: T[],
  key: (row: T) => { key: string; label: string } | null,
  value: (row: T) => number,
) {
  const totals = new Map<string, Slice>();
  for (const row of rows) {
    const k = key(row);
    if (!k) continue;
    const slice = totals.get(k.key) ?? { ...k, value: 0 };
    slice.value += value(row);
    totals.set(k.key, slice);
  }
  return [...totals.values()].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'es'));
}

const byCategory = (r: { categoryId: number | null; categoryName: string | null }) => ({
  key: String(r.categoryId ?? 'none'),
  label: r.categoryName ?? NO_CATEGORY,
});

const byLocation = (r: { locationId: number | null; locationName: string | null }) => ({
  key: String(r.locationId ?? 'none'),
  label: r.locationName ?? 'Sin sede',
});

function companies(slices: RevenueSlice[]): Slice[] {
  const all = rollUp(
    slices,
    (r) => (r.companyId === null ? null : { key: String(r.companyId), label: r.companyName ?? '' }),
    (r) => r.amount,
  );
  if (all.length <= COMPANY_LIMIT) return all;
  const rest = all.slice(COMPANY_LIMIT).reduce((sum, s) => sum + s.value, 0);
  return [
    ...all.slice(0, COMPANY_LIMIT),
    { key: 'rest', label: `Otras ${all.length - COMPANY_LIMIT} empresas`, value: rest },
  ];
}

/** Everything the reports page shows for a period, compared with the period before. */
export async function buildDashboard(db: Db, period: Period): Promise<Dashboard> {
  const previous = previousPeriod(period);
  const last = lastMonthOf(period);
  const monthRanges = monthsEnding(last.year, last.month, 12);
  const [current, before, owed, monthly, customersMonthly, slices, enrollments, occ, kits, locationRevenue] =
    await Promise.all([
      kpis(db, period),
      kpis(db, previous),
      moneyOwed(db),
      revenueByMonth(db, monthRanges),
      newCustomersByMonth(db, monthRanges),
      revenueSlices(db, period),
      enrollmentsByWorkshop(db, period),
      occupancy(db, period, OCCUPANCY_LIMIT),
      topKits(db, period, TOP_LIMIT),
      workshopRevenueByLocation(db, period),
    ]);
  return {
    period,
    previous,
    current,
    before,
    owed: { ...owed, total: owed.enrollments + owed.sales },
    months: monthRanges.map((m, i) => {
      const r = monthly[i]!;
      return { ...m, ...r, total: r.workshops + r.shop, newCustomers: customersMonthly[i]! };
    }),
    revenueByCategory: rollUp(slices, byCategory, (r) => r.amount),
    revenueByModality: rollUp(
      slices,
      (r) => (r.modality ? { key: r.modality, label: MODALITY_LABELS[r.modality] } : null),
      (r) => r.amount,
    ),
    revenueByCustomerType: rollUp(
      slices,
      (r) => ({ key: r.customerType, label: CUSTOMER_SEGMENT_LABELS[r.customerType] }),
      (r) => r.amount,
    ),
    revenueByCompany: companies(slices),
    enrollmentsByCategory: rollUp(enrollments, byCategory, (r) => r.enrollments),
    enrollmentsByModality: rollUp(
      enrollments,
      (r) => ({ key: r.modality, label: MODALITY_LABELS[r.modality] }),
      (r) => r.enrollments,
    ),
    enrollmentsByLocation: rollUp(enrollments, byLocation, (r) => r.enrollments),
    revenueByLocation: rollUp(locationRevenue, byLocation, (r) => r.amount),
    occupancy: occ,
    // The most enrollments first; ties: the older workshop.
    topWorkshops: [...enrollments]
      .sort((a, b) => b.enrollments - a.enrollments || a.id - b.id)
      .slice(0, TOP_LIMIT)
      .map(({ id, name, enrollments: count }) => ({ id, name, enrollments: count })),
    topKits: kits,
  };
}

/**
 * The packs of the period, as the packs module defines them (revenue when sold, credits at their
 * pack's price). Their money is already in "Recaudado en kits" when the order is paid, and an
 * enrollment paid with a credit records no payment, so nothing here is added to the money in. The
 * liability is taken at the period's end, or now for a period still running.
 */
export async function buildPackReport(db: Db, period: Period, now: Date): Promise<PackPeriodFigures> {
  const ended = new Date(period.to) <= now;
  return packPeriodFigures(db, period, ended ? period.to : now.toISOString());
}

// ---------------------------------------------------------------------------------------------
// Exports of the revenue breakdown.

export const EXPORT_HEADER = [
  'Fecha',
  'Tipo',
  'Origen',
  'Concepto',
  'Categoría',
  'Cliente',
  'Estado',
  'Método',
  'Monto (CLP)',
];
/** More rows than this is a mistake in the filters, not a report: the user is asked to narrow them. */
export const EXPORT_MAX_ROWS = 200_000;
const EXPORT_CHUNK = 2_000;

export type DescribedPayment = PaymentRow & { concept: string; signedAmount: number };

/** What a payment paid for, in words: the workshop, or the kits of the order. */
export async function describePayments(db: Db, rows: PaymentRow[]): Promise<DescribedPayment[]> {
  const saleIds = [...new Set(rows.map((r) => r.saleId).filter((id): id is number => id !== null))];
  const lines = new Map<number, string[]>();
  for (const line of await listSaleLines(db, saleIds)) {
    const list = lines.get(line.saleId) ?? [];
    list.push(line.quantity > 1 ? `${line.productName} ×${line.quantity}` : line.productName);
    lines.set(line.saleId, list);
  }
  return rows.map((r) => ({
    ...r,
    concept:
      r.saleId !== null
        ? `Compra de kits #${r.saleId}: ${(lines.get(r.saleId) ?? []).join(', ')}`
        : (r.workshopName ?? `Inscripción #${r.enrollmentId}`),
    signedAmount: r.kind === 'REFUND' ? -r.amountClp : r.amountClp,
  }));
}

// One formatter for the whole export: building an Intl.DateTimeFormat per row (as the general date
// helpers do) cost about a second per 20,000 rows.
const exportDateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "31-03-2026 23:30" in Santiago, like formatDateTimeShort. */
export function formatExportDate(iso: string): string {
  const p = Object.fromEntries(exportDateFormat.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}`;
}

export function exportRow(p: DescribedPayment): (string | number)[] {
  return [
    formatExportDate(p.paidAt),
    p.kind === 'REFUND' ? 'Devolución' : 'Pago',
    p.saleId !== null ? SOURCES.kits : SOURCES.talleres,
    p.concept,
    p.categoryName ?? '',
    p.customerName,
    p.status ? (ENROLLMENT_STATUS_LABELS[p.status as keyof typeof ENROLLMENT_STATUS_LABELS] ?? p.status) : '',
    PAYMENT_METHOD_LABELS[p.method],
    p.signedAmount,
  ];
}

/** Every payment of the filter, newest first, read in chunks by cursor (no OFFSET scans). */
export async function* exportRows(db: Db, filter: PaymentFilter): AsyncGenerator<(string | number)[]> {
  let cursor: { paidAt: string; id: number } | null = null;
  for (;;) {
    const rows = await listPaymentsAfter(db, filter, cursor, EXPORT_CHUNK);
    for (const p of await describePayments(db, rows)) yield exportRow(p);
    if (rows.length < EXPORT_CHUNK) return;
    const lastRow = rows[rows.length - 1]!;
    cursor = { paidAt: lastRow.paidAt, id: lastRow.id };
  }
}
