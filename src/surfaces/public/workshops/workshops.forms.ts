import { z } from 'zod';
import { MODALITIES, type Modality } from '../../../db/schema';
import type { CatalogueFilter } from '../../../domain/workshops';
import { monthName, santiagoMonthStart, santiagoParts } from '../../../lib/dates';
import { text } from '../../../lib/fields';
import { parsePage } from '../../../lib/pagination';

export const CATALOGUE_VIEWS = ['lista', 'calendario'] as const;
export type CatalogueView = (typeof CATALOGUE_VIEWS)[number];

/** A Santiago calendar month: "2026-12" → { year: 2026, month: 12 }. */
export type YearMonth = { year: number; month: number };

/** The month the calendar shows, with its neighbours for the previous and next links. */
export type CalendarMonth = YearMonth & {
  value: string;
  label: string;
  /** Start (inclusive) and end (exclusive) of the month in Santiago, as UTC instants. */
  from: Date;
  to: Date;
  /** "2026-11", or null when that month is before the current one (nothing is offered there). */
  previous: string | null;
  next: string | null;
};

export type CatalogueQuery = {
  view: CatalogueView;
  /** Category and modality; in the list, the month too (the calendar sets its own bounds). */
  filter: CatalogueFilter;
  page: number;
  /** The filters that were understood, to keep in links and re-fill the form. */
  values: { categoria?: string; modalidad?: string; mes?: string; sede?: string };
  /** Spanish notes about filters we could not understand (they are ignored, never a 500). */
  notices: string[];
  /** Only in the calendar view. */
  month: CalendarMonth | null;
};

const first = (raw: unknown): string | undefined =>
  typeof raw === 'string'
    ? raw.trim()
    : Array.isArray(raw) && typeof raw[0] === 'string'
      ? raw[0].trim()
      : undefined;

/** "YYYY-MM" between 2000 and 2100 (a repeated key: its first value); anything else is not a month. */
const monthParam = text()
  .pipe(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/))
  .transform((v): YearMonth => ({ year: Number(v.slice(0, 4)), month: Number(v.slice(5, 7)) }))
  .refine((v) => v.year >= 2000 && v.year <= 2100);

/**
 * The view and the month, from whatever the query string carries: an unknown view is the list,
 * a month that does not parse (a typo, a repeated key, "2026-13") is absent. Never throws.
 */
export const catalogueViewQuery = z.object({
  vista: text().pipe(z.enum(CATALOGUE_VIEWS)).catch('lista'),
  mes: monthParam.optional().catch(undefined),
});

const key = ({ year, month }: YearMonth) => `${year}-${String(month).padStart(2, '0')}`;
const shift = ({ year, month }: YearMonth, by: number): YearMonth => {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};
const before = (a: YearMonth, b: YearMonth) => a.year * 12 + a.month < b.year * 12 + b.month;

/** How far ahead the calendar's "next" link goes: the months the month filter offers. */
const CALENDAR_MONTHS_AHEAD = 12;

/**
 * The month the calendar shows: the one asked for, or the current Santiago month when none was
 * asked, it did not parse, or it is already over.
 */
export function calendarMonth(asked: YearMonth | undefined, now: Date): CalendarMonth {
  const current = { year: santiagoParts(now).year, month: santiagoParts(now).month };
  const shown = asked && !before(asked, current) ? asked : current;
  const previous = shift(shown, -1);
  const next = shift(shown, 1);
  return {
    ...shown,
    value: key(shown),
    label: `${monthName(shown.month)} ${shown.year}`,
    from: santiagoMonthStart(shown.year, shown.month),
    to: santiagoMonthStart(shown.year, shown.month + 1),
    previous: before(previous, current) ? null : key(previous),
    next: before(shift(current, CALENDAR_MONTHS_AHEAD - 1), next) ? null : key(next),
  };
}

/**
 * Reads the catalogue's query string (vista, categoria, modalidad, sede, mes=YYYY-MM, page). Old links
 * and hand-typed URLs carry anything: a value we do not understand is dropped with a notice.
 */
export function parseCatalogueQuery(query: Record<string, unknown>, now: Date): CatalogueQuery {
  const filter: CatalogueFilter = {};
  const values: CatalogueQuery['values'] = {};
  const notices: string[] = [];

  const categoria = first(query.categoria);
  if (categoria) {
    if (/^\d{1,9}$/.test(categoria)) {
      filter.categoryId = Number(categoria);
      values.categoria = categoria;
    } else notices.push('La categoría indicada no es válida; se muestran todas.');
  }

  const sede = first(query.sede);
  if (sede) {
    if (/^\d{1,9}$/.test(sede)) {
      filter.locationId = Number(sede);
      values.sede = sede;
    } else notices.push('La sede indicada no es válida; se muestran todas.');
  }

  const modalidad = first(query.modalidad)?.toUpperCase();
  if (modalidad) {
    if ((MODALITIES as readonly string[]).includes(modalidad)) {
      filter.modality = modalidad as Modality;
      values.modalidad = modalidad;
    } else notices.push('La modalidad indicada no es válida; se muestran todas.');
  }

  const { vista, mes } = catalogueViewQuery.parse(query);
  const badMonth = !mes && !!first(query.mes);
  if (vista === 'calendario') {
    const month = calendarMonth(mes, now);
    if (badMonth)
      notices.push('El mes indicado no es válido (usa el formato AAAA-MM); se muestra el mes actual.');
    return { view: vista, filter, page: 1, values, notices, month };
  }

  if (mes) {
    filter.from = santiagoMonthStart(mes.year, mes.month);
    filter.to = santiagoMonthStart(mes.year, mes.month + 1);
    values.mes = key(mes);
  } else if (badMonth)
    notices.push('El mes indicado no es válido (usa el formato AAAA-MM); se muestran todos.');

  return { view: vista, filter, page: parsePage(first(query.page)), values, notices, month: null };
}

/**
 * The catalogue filters that also narrow the public calendar feed and the booking widget, as
 * [query name, filter key]: what they show is "what is on offer", by category, modality or location
 * (sede); a new catalogue filter is one more row here.
 */
const PUBLIC_FILTERS = [
  ['categoria', 'categoryId'],
  ['modalidad', 'modality'],
  ['sede', 'locationId'],
] as const satisfies readonly (readonly [keyof CatalogueQuery['values'], keyof CatalogueFilter])[];

/** The part of a catalogue filter the feed and the widget apply (never the month: they show what is next). */
export function publicFilter(filter: CatalogueFilter): CatalogueFilter {
  return Object.fromEntries(PUBLIC_FILTERS.map(([, key]) => [key, filter[key]]));
}

/** "?categoria=3&modalidad=ONLINE" (or ""): the same filters in a link to the feed or the catalogue. */
export function publicFilterQuery(values: CatalogueQuery['values']): string {
  const params = new URLSearchParams();
  for (const [name] of PUBLIC_FILTERS) {
    const value = values[name];
    if (value) params.set(name, value);
  }
  return params.size > 0 ? `?${params}` : '';
}

/** The next twelve months in Santiago, for the month filter ("2026-03" → "Marzo 2026"). */
export function monthOptions(now: Date, count = CALENDAR_MONTHS_AHEAD): { value: string; label: string }[] {
  const { year, month } = santiagoParts(now);
  return Array.from({ length: count }, (_, i) => {
    const m = shift({ year, month }, i);
    return { value: key(m), label: `${monthName(m.month)} ${m.year}` };
  });
}
