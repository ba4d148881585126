import type { WorkshopPricing } from '../../../../domain/workshops';
import { formatDateTimeLong } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, Field } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  workshop: { id: number; name: string; priceClp: number };
  pricing: WorkshopPricing;
  values: Record<string, string>;
  errors: Record<string, string>;
};

/** A workshop's early-bird price: lower until some days before it starts. */
export function EarlyBirdPage({ ctx, workshop, pricing, values, errors }: Props) {
  const base = `/gestion/talleres/${workshop.id}/`;
  return (
    <StaffLayout
      ctx={ctx}
      title={`Preventa: ${workshop.name}`}
      crumbs={[
        ['Gestión', '/gestion/'],
        ['Talleres', '/gestion/talleres/'],
        [workshop.name, base],
        ['Preventa'],
      ]}
    >
      <h1>Precio de preventa</h1>
      <p>
        {workshop.name}: precio normal {formatClp(workshop.priceClp)}.{' '}
        <span data-test="early-bird-now">
          {pricing.earlyBird
            ? `Hoy aplica la preventa (${formatClp(pricing.priceClp)}) hasta el ${formatDateTimeLong(pricing.earlyBird.until)}.`
            : 'Hoy aplica el precio normal.'}
        </span>
      </p>
      <form method="post" action={`${base}preventa/`} class="panel form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {Object.keys(errors).length > 0 && (
          <p class="flash flash-error" role="alert">
            Revisa los campos marcados.
          </p>
        )}
        <Field
          name="precio_preventa"
          label="Precio de preventa (CLP)"
          inputmode="numeric"
          value={values.precio_preventa}
          error={errors.precio_preventa}
          hint="Menor que el precio normal. En blanco, sin preventa."
        />
        <Field
          name="dias_antes"
          label="Hasta cuántos días antes del taller"
          inputmode="numeric"
          value={values.dias_antes}
          error={errors.dias_antes}
          hint="Por ejemplo 14: la preventa termina 14 días antes de la hora de inicio."
        />
        <p class="meta">Las inscripciones ya hechas mantienen el precio con que se hicieron.</p>
        <p>
          <button type="submit" class="button">
            Guardar preventa
          </button>{' '}
          <a href={base} class="button button-secondary">
            Volver al taller
          </a>
        </p>
      </form>
    </StaffLayout>
  );
}
