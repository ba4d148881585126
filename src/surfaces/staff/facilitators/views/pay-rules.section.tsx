import { ATTENDEE_BASES, PAY_RULE_KINDS } from '../../../../db/schema';
import type { FacilitatorPayRule } from '../../../../domain/facilitator-pay';
import { ATTENDEE_BASIS_LABELS, PAY_RULE_KIND_LABELS } from '../../../../domain/vocabulary';
import { formatCalendarDate, formatDateShort } from '../../../../lib/dates';
import { CsrfField, Field, SelectField } from '../../../../ui/components';
import { payRuleText } from './pay-rule-text';

export type PayRulesProps = {
  facilitatorId: number;
  csrfToken: string;
  rules: FacilitatorPayRule[];
  workshops: { id: number; name: string; startsAt: string }[];
  series: { id: number; name: string }[];
  values: Record<string, string>;
  errors: Record<string, string>;
};

/** The facilitator's pay rules: the ones in place, and the form to add one from a date. */
export function PayRulesSection({
  facilitatorId,
  csrfToken,
  rules,
  workshops,
  series,
  values,
  errors,
}: PayRulesProps) {
  const base = `/gestion/facilitadores/${facilitatorId}/reglas/`;
  const v = (k: string) => values[k] ?? '';
  return (
    <section class="panel" aria-labelledby="reglas" id="reglas-de-pago">
      <h2 id="reglas">Reglas de pago</h2>
      <p class="meta">
        La regla de un taller manda sobre la de su serie, y la de una serie sobre la general. Cada regla rige
        desde su fecha hasta la siguiente del mismo alcance; los períodos ya cerrados no cambian.
      </p>
      {rules.length === 0 ? (
        <p class="empty">Aún no tiene reglas: sus sesiones se pagarían $0.</p>
      ) : (
        <ul class="pay-rules" data-test="pay-rules">
          {rules.map((r) => (
            <li>
              <div>
                <strong>
                  {r.scope === 'workshop'
                    ? `Solo ${r.workshopName ?? 'un taller'}${r.workshopStartsAt ? ` (${formatDateShort(r.workshopStartsAt)})` : ''}`
                    : r.scope === 'series'
                      ? `Serie ${r.seriesName ?? ''}: todas sus sesiones`
                      : 'Todos sus talleres'}
                </strong>{' '}
                <span class="meta">· desde {formatCalendarDate(r.effectiveFrom)}</span>
                <br />
                {payRuleText(r)}
              </div>
              <form method="post" action={`${base}${r.id}/eliminar/`} class="inline-form">
                <CsrfField token={csrfToken} />
                <button
                  type="submit"
                  class="link-button"
                  aria-label={`Eliminar la regla desde ${formatCalendarDate(r.effectiveFrom)}`}
                >
                  Eliminar
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <h3>Nueva regla</h3>
      <form method="post" action={base} novalidate data-test="pay-rule-form">
        <CsrfField token={csrfToken} />
        <div class="grid-2">
          <SelectField
            name="taller"
            label="Alcance"
            value={v('taller')}
            error={errors.taller}
            emptyLabel="Todos sus talleres (regla general)"
            options={workshops.map((w) => ({
              value: String(w.id),
              label: `Solo ${w.name} (${formatDateShort(w.startsAt)})`,
            }))}
          />
          <SelectField
            name="serie"
            label="O toda una serie"
            value={v('serie')}
            error={errors.serie}
            emptyLabel="Ninguna serie"
            options={series.map((x) => ({ value: String(x.id), label: `Serie ${x.name}` }))}
          />
          <Field
            name="desde"
            label="Rige desde"
            type="date"
            value={v('desde')}
            error={errors.desde}
            required
          />
          <SelectField
            name="tipo"
            label="Cómo se paga"
            value={v('tipo') || 'fixed'}
            error={errors.tipo}
            options={PAY_RULE_KINDS.map((k) => ({ value: k, label: PAY_RULE_KIND_LABELS[k] }))}
          />
          <SelectField
            name="base"
            label="Cuenta a"
            value={v('base') || 'attended'}
            error={errors.base}
            options={ATTENDEE_BASES.map((b) => ({ value: b, label: ATTENDEE_BASIS_LABELS[b] }))}
          />
          <Field
            name="monto"
            label="Monto (CLP)"
            value={v('monto')}
            error={errors.monto}
            inputmode="numeric"
            hint="Por sesión (monto fijo) o por persona (por asistente)."
          />
          <Field
            name="porcentaje"
            label="Porcentaje"
            value={v('porcentaje')}
            error={errors.porcentaje}
            inputmode="decimal"
            hint="Solo para porcentaje de lo recaudado: pagos de sus inscripciones menos devoluciones."
          />
          <Field
            name="bono_desde"
            label="Bono con más de (personas)"
            value={v('bono_desde')}
            error={errors.bono_desde}
            inputmode="numeric"
            hint="Opcional. Cuenta inscritos o asistentes, como la regla."
          />
          <Field name="bono" label="Bono (CLP)" value={v('bono')} error={errors.bono} inputmode="numeric" />
        </div>
        <button type="submit" class="button">
          Agregar regla
        </button>
      </form>
    </section>
  );
}
