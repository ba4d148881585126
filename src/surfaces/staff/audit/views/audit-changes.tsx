import type { AuditAction } from '../../../../db/schema';
import { AUDIT_ACTION_LABELS, FULFILMENT_STATUS_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeShort } from '../../../../lib/dates';

/** Spanish names of the fields recorded in snapshots (fallback: the key itself). */
const FIELD_LABELS: Record<string, string> = {
  fullName: 'Nombre',
  email: 'Correo',
  phone: 'Teléfono',
  birthDate: 'Fecha de nacimiento',
  comuna: 'Comuna',
  rut: 'RUT',
  customerType: 'Tipo',
  companyId: 'Empresa (id)',
  company: 'Empresa',
  notes: 'Observaciones',
  lifecycleStage: 'Etapa',
  interests: 'Intereses',
  legalName: 'Razón social',
  address: 'Dirección',
  name: 'Nombre',
  description: 'Descripción',
  mergedIntoCustomerId: 'Fusionado con el cliente',
  mergedFromCustomerId: 'Recibió los datos del cliente',
  contactsUnlinked: 'Contactos desvinculados',
  role: 'Rol',
  isActive: 'Activo',
  amountClp: 'Monto',
  method: 'Medio de pago',
  status: 'Estado',
  fulfilmentStatus: 'Estado de entrega',
  courier: 'Empresa de despacho',
  trackingCode: 'N° de seguimiento',
};

/** Stored values shown by their label ("LISTO_PARA_RETIRO" → "Listo para retiro"). */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  fulfilmentStatus: FULFILMENT_STATUS_LABELS,
};

type Entry = {
  action: AuditAction;
  beforeJson: string | null;
  afterJson: string | null;
};

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

const labelled = (key: string, value: unknown): string =>
  (typeof value === 'string' && VALUE_LABELS[key]?.[value]) || show(value);

const show = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(show).join(', ') : '—';
  if (typeof value === 'boolean') return value ? 'sí' : 'no';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** The recorded fields of one entry: "Campo: antes → después". */
export function AuditChanges({ entry }: { entry: Entry }) {
  const before = parse(entry.beforeJson);
  const after = parse(entry.afterJson);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (keys.length === 0) return <span class="meta">Sin detalle</span>;
  return (
    <dl class="audit-changes">
      {keys.map((k) => (
        <div>
          <dt>{FIELD_LABELS[k] ?? k}</dt>
          <dd>
            {entry.action === 'update' ? (
              <>
                <del>{labelled(k, before[k])}</del> → <ins>{labelled(k, after[k])}</ins>
              </>
            ) : (
              labelled(k, entry.action === 'delete' && k in before ? before[k] : (after[k] ?? before[k]))
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

type TrailRow = Entry & {
  id: number;
  createdAt: string;
  actorName: string | null;
  actorEmail: string | null;
};

export const actorName = (row: { actorName: string | null; actorEmail: string | null }) =>
  row.actorName || row.actorEmail || 'Sistema';

/** The history of one record (customer, company), shown on its page. */
export function AuditTrail({ rows, listHref }: { rows: TrailRow[]; listHref: string }) {
  return (
    <section class="panel" aria-labelledby="historial">
      <h2 id="historial">Historial de cambios</h2>
      {rows.length === 0 ? (
        <p class="meta">Aún no hay cambios registrados.</p>
      ) : (
        <ol class="audit-trail">
          {rows.map((row) => (
            <li data-test={`audit-${row.id}`}>
              <p class="meta">
                {formatDateTimeShort(row.createdAt)} · {actorName(row)} · {AUDIT_ACTION_LABELS[row.action]}
              </p>
              <AuditChanges entry={row} />
            </li>
          ))}
        </ol>
      )}
      <p>
        <a href={listHref}>Ver en el registro de auditoría</a>
      </p>
    </section>
  );
}
