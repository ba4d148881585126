import { formatClp } from '../lib/money';
import { Field, SelectField } from './components';

const SEAT_LABELS = ['1 cupo (solo yo)', '2 cupos', '3 cupos', '4 cupos'];

/**
 * A booking's seats and its companions' names: a select of 1…`maxSeats` (the seats left, at most 4)
 * and, folded away, one optional name per companion's seat. Field names match `companionFields`.
 * `who` words the labels for the person booking ("yo") or for staff booking someone else.
 */
export function CompanionFields(props: {
  maxSeats: number;
  values?: Record<string, string>;
  errors?: Record<string, string | undefined>;
  /** The price of one seat, to say what the total will be; null when nothing is charged per seat. */
  unitPriceClp?: number | null;
  who?: 'self' | 'staff';
}) {
  const { values = {}, errors = {} } = props;
  const max = Math.max(1, Math.min(4, props.maxSeats));
  const labels = props.who === 'staff' ? ['1 cupo', '2 cupos', '3 cupos', '4 cupos'] : SEAT_LABELS;
  const named = [2, 3, 4].slice(0, max - 1);
  return (
    <div class="companions" data-test="companion-fields">
      <SelectField
        name="cupos"
        label="Cupos"
        options={labels.slice(0, max).map((label, i) => ({ value: String(i + 1), label }))}
        value={values.cupos ?? '1'}
        error={errors.cupos}
      />
      {props.unitPriceClp ? (
        <small class="hint companions-hint">
          {formatClp(props.unitPriceClp)} por cupo; pagas todo en un solo pago.
        </small>
      ) : null}
      {named.length > 0 && (
        <details class="companions-names" open={named.some((n) => values[`acompanante${n}`]) || undefined}>
          <summary>Nombres de acompañantes (opcional)</summary>
          {named.map((n) => (
            <Field
              name={`acompanante${n}`}
              label={`Acompañante ${n - 1}`}
              autocomplete="off"
              value={values[`acompanante${n}`] ?? ''}
              error={errors[`acompanante${n}`]}
            />
          ))}
        </details>
      )}
    </div>
  );
}
