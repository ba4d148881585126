import type { listSessionCertificates } from '../../../../domain/certificates';
import { formatDateTimeLong, formatDateTimeShort } from '../../../../lib/dates';
import { CsrfField, EmptyState, ResponsiveTable } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  workshop: { id: number; name: string; startsAt: string };
  rows: Awaited<ReturnType<typeof listSessionCertificates>>;
  /** How many attended and have no certificate yet. */
  pending: number;
};

/** A session's certificates of attendance: issue them (one or all attended), see and revoke them. */
export function SessionCertificatesPage({ ctx, workshop, rows, pending }: Props) {
  const base = `/gestion/talleres/${workshop.id}/certificados/`;
  return (
    <StaffLayout
      ctx={ctx}
      title={`Certificados: ${workshop.name}`}
      crumbs={[
        ['Gestión', '/gestion/'],
        ['Talleres', '/gestion/talleres/'],
        [workshop.name, `/gestion/talleres/${workshop.id}/`],
        ['Certificados'],
      ]}
    >
      <h1>Certificados de asistencia</h1>
      <p class="lead">
        {workshop.name} · {formatDateTimeLong(workshop.startsAt)}. Solo reciben certificado las personas con
        su llegada registrada; cada certificado se envía por correo con el PDF.
      </p>
      {pending > 0 && (
        <form method="post" action={`${base}emitir`} class="actions-row">
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="button">
            Emitir para todos los asistentes ({pending})
          </button>
        </form>
      )}
      {rows.length === 0 ? (
        <EmptyState>No hay personas inscritas.</EmptyState>
      ) : (
        <ResponsiveTable
          caption="Personas inscritas y sus certificados"
          rows={rows}
          rowAttributes={(r) => ({ 'data-test': `certificate-row-${r.enrollmentId}` })}
          columns={[
            { label: 'Persona', title: true, cell: (r) => r.customerName },
            {
              label: 'Asistencia',
              cell: (r) => (r.attendedAt ? `Llegó (${formatDateTimeShort(r.attendedAt)})` : 'Sin registrar'),
            },
            {
              label: 'Certificado',
              cell: (r) =>
                r.uuid ? (
                  <a href={`/certificados/${r.uuid}/`}>Emitido el {formatDateTimeShort(r.issuedAt ?? '')}</a>
                ) : (
                  '—'
                ),
            },
            {
              label: 'Acciones',
              actions: true,
              cell: (r) =>
                r.certificateId ? (
                  <form
                    method="post"
                    action={`${base}${r.certificateId}/revocar`}
                    class="inline-form"
                    data-confirm="¿Revocar este certificado? La página de verificación dirá que ya no es válido."
                  >
                    <CsrfField token={ctx.csrfToken} />
                    <label class="visually-hidden" for={`motivo-${r.certificateId}`}>
                      Motivo
                    </label>
                    <input
                      id={`motivo-${r.certificateId}`}
                      name="motivo"
                      placeholder="Motivo"
                      required
                      maxLength={300}
                    />
                    <button type="submit" class="button button-small button-danger">
                      Revocar
                    </button>
                  </form>
                ) : r.attendedAt ? (
                  <form
                    method="post"
                    action={`${base}inscripciones/${r.enrollmentId}/emitir`}
                    class="inline-form"
                  >
                    <CsrfField token={ctx.csrfToken} />
                    <button type="submit" class="button button-small">
                      Emitir
                    </button>
                  </form>
                ) : null,
            },
          ]}
        />
      )}
    </StaffLayout>
  );
}
