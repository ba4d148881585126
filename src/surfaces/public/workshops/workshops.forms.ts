import { MODALITIES, type Modality } from '../../../db/schema';
import type { CatalogueFilter } from '../../../domain/workshops';
import { monthName, santiagoMonthStart, santiagoParts } from '../../../lib/dates';
import { parsePage } from '../../../lib/pagination';

export type CatalogueQuery = {
  filter: CatalogueFilter;
  page: number;
  /** The filters that were understood, to keep in links and re-fill the form. */
  values: { categoria?: string; modalidad?: string; mes?: string };
  /** Spanish notes about filters we could not understand (they are ignored, never a 500). */
  notices: string[];
};

const first = (raw: unknown): string | undefined =>
  typeof raw === 'string'
    ? raw.trim()
    : Array.isArray(raw) && typeof raw[0] === 'string'
      ? raw[0].trim()
      : undefined;

/**
 * Reads the catalogue's query string (categoria, modalidad, mes=YYYY-MM, page). Old links and
 * hand-typed URLs carry anything: a value we do not understand is dropped with a notice.
 */
export function parseCatalogueQuery(query: Record<string, unknown>): CatalogueQuery {
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

  const modalidad = first(query.modalidad)?.toUpperCase();
  if (modalidad) {
    if ((MODALITIES as readonly string[]).includes(modalidad)) {
      filter.modality = modalidad as Modality;
      values.modalidad = modalidad;
    } else notices.push('La modalidad indicada no es válida; se muestran todas.');
  }

  const mes = first(query.mes);
  if (mes) {
    const match = /^(\d{4})-(\d{2})$/.exec(mes);
    const year = Number(match?.[1]);
    const month = Number(match?.[2]);
    if (match && month >= 1 && month <= 12 && year >= 2000 && year <= 2100) {
      filter.from = santiagoMonthStart(year, month);
      filter.to = santiagoMonthStart(year, month + 1);
      values.mes = mes;
    } else notices.push('El mes indicado no es válido (usa el formato AAAA-MM); se muestran todos.');
  }

  return { filter, page: parsePage(first(query.page)), values, notices };
}

/** The next twelve months in Santiago, for the month filter ("2026-03" → "Marzo 2026"). */
export function monthOptions(now: Date, count = 12): { value: string; label: string }[] {
  const { year, month } = santiagoParts(now);
  return Array.from({ length: count }, (_, i) => {
    const m = ((month - 1 + i) % 12) + 1;
    const y = year + Math.floor((month - 1 + i) / 12);
    return { value: `${y}-${String(m).padStart(2, '0')}`, label: `${monthName(m)} ${y}` };
  });
}
