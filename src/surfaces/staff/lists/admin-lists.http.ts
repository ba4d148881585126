import type { FastifyRequest } from 'fastify';
import { safeLocalPath } from '../../../http/guards';

/**
 * Where a bulk action returns: the filtered list it was sent from (the form's `volver` field, as
 * typed, so the same whether the form parsed or not), only when that is a local path inside the
 * same list, else the bare list. No values when the request failed before its body was read.
 */
export function returnPath(request: FastifyRequest, list: string): string {
  const path = safeLocalPath(request.formValues?.volver);
  return path?.startsWith(list) ? path : list;
}

/** The list itself with only the selected rows, as a download: "export selected". */
export function selectedExportUrl(list: string, ids: number[], format: 'csv' | 'xlsx' | undefined): string {
  const params = new URLSearchParams(ids.map((id) => ['ids', String(id)]));
  params.set('formato', format ?? 'csv');
  return `${list}?${params.toString()}`;
}
