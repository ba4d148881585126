import { AUDIT_ACTION_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeShort } from '../../../../lib/dates';
import { type AuditEntry, type AuditNames, auditLines } from '../audit-fields';
import type { AuditTrailData } from '../audit-names';

/** The recorded fields of one entry: "Campo: antes → después", in Spanish (see audit-fields.ts). */
export function AuditChanges({ entry, names }: { entry: AuditEntry; names: AuditNames }) {
  const lines = auditLines(entry, names);
  if (lines.length === 0) return <span class="meta">Sin detalle</span>;
  return (
    <dl class="audit-changes">
      {lines.map((line) => (
        <div>
          <dt>{line.label}</dt>
          <dd>
            {line.change === 'update' ? (
              <>
                <del>{line.before}</del> → <ins>{line.after}</ins>
              </>
            ) : (
              line.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Who made a change; a change through the API names its key ("Dueña (clave de API tmm_3f9a1c2e)"). */
export const actorName = (row: {
  actorName: string | null;
  actorEmail: string | null;
  apiKeyPrefix?: string | null;
}) => {
  const who = row.actorName || row.actorEmail || 'Sistema';
  return row.apiKeyPrefix ? `${who} (clave de API ${row.apiKeyPrefix})` : who;
};

/** The history of one record (customer, company, workshop…), shown on its page. */
export function AuditTrail({ trail, listHref }: { trail: AuditTrailData; listHref: string }) {
  return (
    <section class="panel" aria-labelledby="historial">
      <h2 id="historial">Historial de cambios</h2>
      {trail.rows.length === 0 ? (
        <p class="meta">Aún no hay cambios registrados.</p>
      ) : (
        <ol class="audit-trail">
          {trail.rows.map((row) => (
            <li data-test={`audit-${row.id}`}>
              <p class="meta">
                {formatDateTimeShort(row.createdAt)} · {actorName(row)} · {AUDIT_ACTION_LABELS[row.action]}
              </p>
              <AuditChanges entry={row} names={trail.names} />
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
