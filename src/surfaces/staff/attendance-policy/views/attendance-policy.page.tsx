import { NO_SHOW_CHARGES } from '../../../../db/schema';
import { NO_SHOW_CHARGE_LABELS } from '../../../../domain/vocabulary';
import type { FormErrors } from '../../../../http/forms';
import { CheckboxField, CsrfField, Field, SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  action: string;
  /** null: the centre's default; otherwise the workshop whose policy this is. */
  workshop: { id: number; name: string } | null;
  values: Record<string, string>;
  errors: FormErrors;
  /** How customers read the policy in force (the same sentences as the workshop page). */
  preview: string[];
};

/** The attendance policy form: the centre's default, or one workshop's own. */
export function AttendancePolicyPage({ ctx, action, workshop, values, errors, preview }: Props) {
  const title = workshop ? `Política de asistencia: ${workshop.name}` : 'Política de asistencia del centro';
  return (
    <StaffLayout
      ctx={ctx}
      title={title}
      crumbs={
        workshop
          ? [
              ['Gestión', '/gestion/'],
              ['Talleres', '/gestion/talleres/'],
              [workshop.name, `/gestion/talleres/${workshop.id}/`],
              ['Política de asistencia'],
            ]
          : [['Gestión', '/gestion/'], ['Talleres', '/gestion/talleres/'], ['Política de asistencia']]
      }
    >
      <h1>{title}</h1>
      <p class="lead">
        Qué cuesta anular tarde o no llegar. Se aplica sola, una vez, pasado el período de gracia después del
        término de cada sesión en que se registró al menos una llegada.
        {workshop ? (
          <>
            {' '}
            Sin política propia rige la <a href="/gestion/talleres/politica-asistencia/">del centro</a>.
          </>
        ) : null}
      </p>
      <form method="post" action={action} class="panel form-narrow">
        <CsrfField token={ctx.csrfToken} />
        {workshop && (
          <CheckboxField name="propia" checked={values.propia === 'on'}>
            Este taller tiene su propia política
          </CheckboxField>
        )}
        <Field
          name="plazo"
          label="Anulación tardía: horas antes del inicio"
          inputmode="numeric"
          value={values.plazo}
          error={errors.plazo}
          hint="Si la persona anula con menos anticipación, cuesta lo mismo que no asistir."
        />
        <SelectField
          name="cobro"
          label="Qué cuesta no asistir"
          options={NO_SHOW_CHARGES.map((c) => ({ value: c, label: NO_SHOW_CHARGE_LABELS[c] }))}
          value={values.cobro}
          error={errors.cobro}
        />
        <Field
          name="cargo"
          label="Monto del cargo"
          inputmode="numeric"
          value={values.cargo}
          error={errors.cargo}
          hint="Solo si no asistir tiene un cargo. Se suma a lo que debe la inscripción; en una anulación tardía se descuenta de la devolución."
        />
        <button type="submit" class="button">
          Guardar política
        </button>
      </form>
      <section class="panel" aria-labelledby="como-se-lee">
        <h2 id="como-se-lee">Cómo la leen los clientes</h2>
        <ul data-test="policy-preview">
          {preview.map((p) => (
            <li>{p}</li>
          ))}
        </ul>
      </section>
    </StaffLayout>
  );
}
