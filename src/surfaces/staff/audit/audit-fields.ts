import type { AuditAction } from '../../../db/schema';
import {
  CUSTOMER_TYPE_LABELS,
  DISCOUNT_KIND_LABELS,
  DISCOUNT_SCOPE_LABELS,
  ENROLLMENT_STATUS_LABELS,
  FULFILMENT_STATUS_LABELS,
  INTERACTION_LABELS,
  LIFECYCLE_LABELS,
  MODALITY_LABELS,
  PAYMENT_METHOD_LABELS,
  PAYMENT_PROVIDER_LABELS,
  plural,
  ROLE_LABELS,
  SALE_STATUS_LABELS,
} from '../../../domain/vocabulary';
import { formatDuration } from '../../../domain/workshops';
import { formatCalendarDate, formatDateTimeShort } from '../../../lib/dates';
import { formatClp } from '../../../lib/money';
import { formatRut } from '../../../lib/rut';

/**
 * How the audit log reads to staff: each recorded field by its Spanish name, its value as the rest of
 * the back office shows it (money with formatClp, instants in Santiago time, stored values through
 * the vocabulary, a category or a customer by name). The snapshots stay as the services wrote them
 * (the database keeps the facts, in English keys and UTC); only the reading is translated, so old
 * entries read the same way. The first version printed the keys and raw values ("categoryId 4",
 * "startsAt 2026-12-12T14:00:00.000Z", "Etapa lead").
 */

/** Names of the records entries mention by id, read once per page (see audit-names.ts). */
export type AuditNames = {
  categories: ReadonlyMap<number, string>;
  customers: ReadonlyMap<number, string>;
};

type Format = (value: unknown, names: AuditNames) => string;

const EMPTY = '—';

function plain(value: unknown): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (Array.isArray(value)) return value.length ? value.map(plain).join(', ') : EMPTY;
  if (typeof value === 'boolean') return value ? 'Sí' : 'No';
  if (typeof value === 'number') return value.toLocaleString('es-CL');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A value only formatted when it has the expected type (an old or odd entry still reads as text). */
const when =
  <T>(is: (v: unknown) => v is T, format: (v: T, names: AuditNames) => string): Format =>
  (value, names) =>
    is(value) ? format(value, names) : plain(value);
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';

const labelled = (labels: Record<string, string>) => when(isString, (v) => labels[v] ?? v);
const money = when(isNumber, formatClp);
const instant = when(isString, (v) => (Number.isNaN(Date.parse(v)) ? v : formatDateTimeShort(v)));
const calendarDate = when(isString, (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? formatCalendarDate(v) : v));
const category = when(isNumber, (id, names) => names.categories.get(id) ?? `Categoría eliminada (N° ${id})`);
const customer = when(isNumber, (id, names) => names.customers.get(id) ?? `Cliente N° ${id}`);

const FIELDS: Record<string, { label: string; format?: Format }> = {
  // Customers, companies, interests, interactions
  fullName: { label: 'Nombre' },
  email: { label: 'Correo' },
  phone: { label: 'Teléfono' },
  birthDate: { label: 'Fecha de nacimiento', format: calendarDate },
  comuna: { label: 'Comuna' },
  rut: { label: 'RUT', format: when(isString, formatRut) },
  customerType: { label: 'Tipo', format: labelled(CUSTOMER_TYPE_LABELS) },
  company: { label: 'Empresa' },
  notes: { label: 'Observaciones' },
  lifecycleStage: { label: 'Etapa', format: labelled(LIFECYCLE_LABELS) },
  interests: { label: 'Intereses' },
  mergedIntoCustomerId: { label: 'Fusionado con', format: customer },
  mergedFromCustomerId: { label: 'Recibió los datos de', format: customer },
  legalName: { label: 'Razón social' },
  address: { label: 'Dirección' },
  contactsUnlinked: { label: 'Contactos desvinculados' },
  name: { label: 'Nombre' },
  description: { label: 'Descripción' },
  customers: { label: 'Clientes con este interés' },
  workshops: { label: 'Talleres de esta categoría' },
  products: { label: 'Productos de esta categoría' },
  customerId: { label: 'Cliente', format: customer },
  kind: { label: 'Tipo', format: labelled(INTERACTION_LABELS) },
  summary: { label: 'Resumen' },
  followUpOn: { label: 'Seguimiento', format: calendarDate },
  // Workshops and products
  categoryId: { label: 'Categoría', format: category },
  startsAt: { label: 'Fecha y hora', format: instant },
  durationMinutes: { label: 'Duración', format: when(isNumber, formatDuration) },
  modality: { label: 'Modalidad', format: labelled(MODALITY_LABELS) },
  location: { label: 'Lugar' },
  onlineUrl: { label: 'Enlace' },
  priceClp: { label: 'Precio', format: money },
  totalSeats: { label: 'Cupos' },
  isActive: { label: 'Activo' },
  cancellationCutoffHours: {
    label: 'Plazo para anular',
    format: when(isNumber, (v) => `${plural(v, 'hora')} antes`),
  },
  unpaidExpiryHours: {
    label: 'Cupos impagos',
    format: (v, names) =>
      v === null ? 'no vencen' : when(isNumber, (h) => `se liberan a las ${plural(h, 'hora')}`)(v, names),
  },
  cancelledAt: { label: 'Cancelado el', format: instant },
  cancelledEnrollments: { label: 'Inscripciones anuladas' },
  refundDueClp: { label: 'Por devolver', format: money },
  stock: { label: 'Stock' },
  lowStockThreshold: { label: 'Umbral de stock bajo' },
  isAvailable: { label: 'Disponible' },
  // Money, orders and accounts
  status: { label: 'Estado', format: labelled({ ...SALE_STATUS_LABELS, ...ENROLLMENT_STATUS_LABELS }) },
  method: { label: 'Medio de pago', format: labelled(PAYMENT_METHOD_LABELS) },
  reference: { label: 'Referencia' },
  amountClp: { label: 'Monto', format: money },
  amountPaidClp: { label: 'Pagado', format: money },
  enrollmentId: { label: 'Inscripción', format: when(isNumber, (id) => `N° ${id}`) },
  role: { label: 'Rol', format: labelled(ROLE_LABELS) },
  // Kit orders on their way to the customer
  fulfilmentStatus: { label: 'Estado de entrega', format: labelled(FULFILMENT_STATUS_LABELS) },
  courier: { label: 'Empresa de despacho' },
  trackingCode: { label: 'N° de seguimiento' },
  // Online payments: refunds through a provider, and the providers customers see
  refundedClp: { label: 'Devuelto', format: money },
  provider: { label: 'Medio de pago', format: labelled(PAYMENT_PROVIDER_LABELS) },
  enabled: { label: 'Visible para los clientes' },
  // Discount codes and early-bird prices
  code: { label: 'Código' },
  discountKind: { label: 'Tipo de descuento', format: labelled(DISCOUNT_KIND_LABELS) },
  value: { label: 'Descuento' },
  validFrom: { label: 'Válido desde', format: calendarDate },
  validUntil: { label: 'Válido hasta', format: calendarDate },
  maxUses: { label: 'Usos en total' },
  maxUsesPerCustomer: { label: 'Usos por cliente' },
  minAmountClp: { label: 'Compra mínima', format: money },
  scope: { label: 'Se aplica a', format: labelled(DISCOUNT_SCOPE_LABELS) },
  itemIds: { label: 'Talleres o categorías (N°)' },
  earlyPriceClp: { label: 'Precio de preventa', format: money },
  earlyUntilDays: { label: 'Preventa hasta (días antes)' },
};

export type AuditEntry = { action: AuditAction; beforeJson: string | null; afterJson: string | null };

/** One line of an entry: a field and its value (created or deleted) or its change (updated). */
export type AuditLine =
  | { label: string; change: 'value'; value: string }
  | { label: string; change: 'update'; before: string; after: string };

const parse = (json: string | null): Record<string, unknown> => {
  if (!json) return {};
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
};

/** The ids an entry mentions, for the page to read their names once (see AuditNames). */
export function mentionedIds(entries: AuditEntry[]): { categories: number[]; customers: number[] } {
  const categories = new Set<number>();
  const customers = new Set<number>();
  for (const entry of entries)
    for (const snapshot of [parse(entry.beforeJson), parse(entry.afterJson)])
      for (const [key, value] of Object.entries(snapshot)) {
        if (typeof value !== 'number') continue;
        const format = FIELDS[key]?.format;
        if (format === category) categories.add(value);
        if (format === customer) customers.add(value);
      }
  return { categories: [...categories], customers: [...customers] };
}

/** The recorded fields of an entry, in Spanish, formatted. */
export function auditLines(entry: AuditEntry, names: AuditNames): AuditLine[] {
  const before = parse(entry.beforeJson);
  const after = parse(entry.afterJson);
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].map((key) => {
    const field = FIELDS[key];
    const label = field?.label ?? key;
    const format = (value: unknown) =>
      value === null || value === undefined || value === '' ? EMPTY : (field?.format ?? plain)(value, names);
    if (entry.action === 'update')
      return { label, change: 'update', before: format(before[key]), after: format(after[key]) };
    const value = entry.action === 'delete' && key in before ? before[key] : (after[key] ?? before[key]);
    return { label, change: 'value', value: format(value) };
  });
}

/** The same lines as one text, for the export ("Precio: $22.000 → $23.000; Cupos: 12 → 14"). */
export function auditLinesText(entry: AuditEntry, names: AuditNames): string {
  return auditLines(entry, names)
    .map((l) => (l.change === 'update' ? `${l.label}: ${l.before} → ${l.after}` : `${l.label}: ${l.value}`))
    .join('; ');
}
