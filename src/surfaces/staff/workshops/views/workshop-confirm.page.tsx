import { plural } from '../../../../domain/vocabulary';
import { formatDateTimeLong } from '../../../../lib/dates';
import { CsrfField, TextAreaField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  workshop: { id: number; name: string; startsAt: string; cancelledAt: string | null };
  action: 'eliminar' | 'cancelar';
  /** Enrollments that the action affects (all of them to delete; active ones to cancel). */
  enrollments: number;
  values: Record<string, string>;
  errors: Record<string, string>;
};

/** The confirmation step before deleting or cancelling a workshop. */
export function WorkshopConfirmPage({ ctx, workshop, action, enrollments, values, errors }: Props) {
  const deleting = action === 'eliminar';
  const title = deleting ? `Eliminar ${workshop.name}` : `Cancelar ${workshop.name}`;
  const detail = `/gestion/talleres/${workshop.id}/`;
  return (
    <StaffLayout
      ctx={ctx}
      title={title}
      crumbs={[
        ['Gestión', '/gestion/'],
        ['Talleres', '/gestion/talleres/'],
        [workshop.name, detail],
        [deleting ? 'Eliminar' : 'Cancelar'],
      ]}
    >
      <h1>{title}</h1>
      <p class="meta">{formatDateTimeLong(workshop.startsAt)}</p>
      {!deleting && workshop.cancelledAt ? (
        <p class="empty">Este taller ya fue cancelado.</p>
      ) : (
        <form method="post" action={`${detail}${action}/`} class="panel form-narrow" novalidate>
          <CsrfField token={ctx.csrfToken} />
          {deleting ? (
            enrollments > 0 ? (
              <p>
                Este taller tiene {plural(enrollments, 'inscripción', 'inscripciones')} (incluidas las
                anuladas). Para conservar el historial y los pagos <strong>no se eliminará</strong>: quedará
                inactivo y dejará de aparecer en el catálogo.
              </p>
            ) : (
              <p>Nadie se ha inscrito en este taller. Se eliminará de forma definitiva.</p>
            )
          ) : (
            <>
              <p>
                Se anularán {plural(enrollments, 'inscripción activa', 'inscripciones activas')}, se liberarán
                sus cupos, lo pagado quedará registrado como monto por devolver y avisaremos por correo a cada
                persona (y a la lista de espera). El taller quedará inactivo.
              </p>
              <TextAreaField
                name="nota"
                label="Mensaje para las personas inscritas (opcional)"
                value={values.nota}
                error={errors.nota}
                rows={3}
              />
            </>
          )}
          <div class={`field field-check${errors.confirmar ? ' field-invalid' : ''}`}>
            <label>
              <input type="checkbox" name="confirmar" value="si" /> Sí, quiero{' '}
              {deleting ? (enrollments > 0 ? 'desactivar' : 'eliminar') : 'cancelar'} este taller
            </label>
            {errors.confirmar && <small class="error">{errors.confirmar}</small>}
          </div>
          <button type="submit" class="button button-danger">
            {deleting
              ? enrollments > 0
                ? 'Desactivar taller'
                : 'Eliminar taller'
              : 'Cancelar taller y avisar'}
          </button>{' '}
          <a href={detail}>Volver</a>
        </form>
      )}
    </StaffLayout>
  );
}
