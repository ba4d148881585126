import { z } from 'zod';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../db/schema';
import type { PaymentFilter } from '../../../domain/reports';
import { choosePeriod, type Period } from '../../../domain/reports';
import { ENROLLMENT_STATUS_LABELS } from '../../../domain/vocabulary';
import { parsePage } from '../../../lib/pagination';

/**
 * The reports read their filters from the query string. A value that does not parse is dropped
 * with a notice the page shows; a bad link never becomes an error page (the original answered 500).
 */

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The dashboard's period, as the query names it: choosePeriod reads it and says what it ignored. */
export const periodQuery = z.object({
  mes: z.unknown().optional(),
  desde: z.unknown().optional(),
  hasta: z.unknown().optional(),
});

/** A filter of the revenue breakdown, trimmed; a repeated key is a value no filter accepts. */
const param = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? '?' : ''));

/** The revenue breakdown's query string; parseBreakdownQuery checks each value. */
export const breakdownQuery = z.object({
  desde: param,
  hasta: param,
  mes: param,
  origen: param,
  categoria: param,
  estado: param,
  metodo: param,
  formato: param,
  page: z.unknown().optional().transform(parsePage),
});

export type BreakdownQuery = {
  period: Period;
  filter: PaymentFilter;
  page: number;
  format: ExportFormat | null;
  notices: string[];
  /** The filters as they go back into links (pagination, exports, the form). */
  params: Record<string, string>;
};

export function parseBreakdownQuery(
  query: z.output<typeof breakdownQuery>,
  now: Date,
  categoryIds: Set<number>,
): BreakdownQuery {
  const { period, notices } = choosePeriod({ desde: query.desde, hasta: query.hasta, mes: query.mes }, now);
  const params: Record<string, string> = { desde: period.desde, hasta: period.hasta };

  const sourceRaw = query.origen;
  let source: PaymentFilter['source'] = null;
  if (sourceRaw === 'talleres' || sourceRaw === 'kits') source = sourceRaw;
  else if (sourceRaw) notices.push('Ignoramos el origen indicado: elige Talleres o Kits.');

  const categoryRaw = query.categoria;
  let categoryId: number | null = null;
  if (categoryRaw) {
    const id = /^\d{1,9}$/.test(categoryRaw) ? Number(categoryRaw) : 0;
    if (categoryIds.has(id)) categoryId = id;
    else notices.push('Ignoramos la categoría indicada: no existe.');
  }

  const statusRaw = query.estado;
  let status: PaymentFilter['status'] = null;
  if (statusRaw in ENROLLMENT_STATUS_LABELS) status = statusRaw as keyof typeof ENROLLMENT_STATUS_LABELS;
  else if (statusRaw)
    notices.push('Ignoramos el estado indicado: elige Pendiente, Pagado, Abonado o Anulado.');

  const methodRaw = query.metodo;
  let method: PaymentMethod | null = null;
  if ((PAYMENT_METHODS as readonly string[]).includes(methodRaw)) method = methodRaw as PaymentMethod;
  else if (methodRaw) notices.push('Ignoramos el método de pago indicado.');

  const formatRaw = query.formato;
  let format: ExportFormat | null = null;
  if ((EXPORT_FORMATS as readonly string[]).includes(formatRaw)) format = formatRaw as ExportFormat;
  else if (formatRaw) notices.push('Ignoramos el formato pedido: las descargas son CSV o XLSX.');

  if (source) params.origen = source;
  if (categoryId !== null) params.categoria = String(categoryId);
  if (status) params.estado = status;
  if (method) params.metodo = method;

  return {
    period,
    filter: { from: period.from, to: period.to, source, categoryId, status, method },
    page: query.page,
    format,
    notices,
    params,
  };
}
