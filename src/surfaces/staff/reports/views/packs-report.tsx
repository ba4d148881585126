import type { CreditMovement, PackPeriodFigures } from '../../../../domain/packs';
import { plural } from '../../../../domain/vocabulary';
import { formatCalendarDate } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { formatCount } from './format';

type Props = {
  packs: PackPeriodFigures;
  /** The period's last day ("YYYY-MM-DD") and whether it is still running (liability as of now). */
  lastDay: string;
  running: boolean;
  /** The period as /gestion/bonos/ filters it (desde, hasta). */
  listHref: string;
};

function MovementRow(props: { id: string; label: string; movement: CreditMovement; signed?: boolean }) {
  const { credits, valueClp } = props.movement;
  const sign = props.signed && credits > 0 ? '+' : '';
  return (
    <tr data-test={`packs-${props.id}`}>
      <th scope="row">{props.label}</th>
      <td class="num">
        {sign}
        {formatCount(credits)}
      </td>
      <td class="num">
        {sign}
        {formatClp(valueClp)}
      </td>
    </tr>
  );
}

/**
 * The packs of the period for the accountant: revenue when sold, credits moved, and the liability of
 * unused credits. The movements are the ledger's, so they add up to the change in the liability.
 */
export function PacksReport({ packs: p, lastDay, running, listHref }: Props) {
  return (
    <section class="panel packs-report" aria-labelledby="packs-report-title" data-test="packs-report">
      <h2 id="packs-report-title">Bonos</h2>
      <div class="kpi-grid">
        <div class="kpi" data-test="packs-sold">
          <p class="kpi-label">
            <a href={listHref}>Bonos vendidos</a>
          </p>
          <p class="kpi-value" data-test="packs-sold-value">
            {formatCount(p.sold.count)}
          </p>
          {p.sold.bundles > 0 && (
            <p class="meta">
              De ellos, {plural(p.sold.bundles, 'convenio', 'convenios')} de empresa (
              {formatClp(p.sold.bundlesClp)}).
            </p>
          )}
        </div>
        <div class="kpi" data-test="packs-revenue">
          <p class="kpi-label">Vendido en bonos</p>
          <p class="kpi-value" data-test="packs-revenue-value">
            {formatClp(p.sold.revenueClp)}
          </p>
          <p class="meta kpi-hint">Se cuenta al vender el bono, no al usarlo. Sin los bonos devueltos.</p>
        </div>
        <div class="kpi" data-test="packs-liability">
          <p class="kpi-label">Pasivo por créditos sin usar</p>
          <p class="kpi-value" data-test="packs-liability-value">
            {formatClp(p.liability.valueClp)}
          </p>
          <p class="meta kpi-hint">
            {plural(p.liability.credits, 'crédito vigente', 'créditos vigentes')}{' '}
            {running ? 'hoy' : `al cierre del ${formatCalendarDate(lastDay)}`}.
          </p>
        </div>
      </div>
      <h3>Créditos en el período</h3>
      <div class="table-wrap report-table">
        <table>
          <caption class="visually-hidden">Créditos en el período</caption>
          <thead>
            <tr>
              <th scope="col">Movimiento</th>
              <th scope="col" class="num">
                Créditos
              </th>
              <th scope="col" class="num">
                Valor
              </th>
            </tr>
          </thead>
          <tbody>
            <MovementRow id="purchased" label="Comprados" movement={p.purchased} />
            <MovementRow id="redeemed" label="Canjeados en inscripciones" movement={p.redeemed} />
            <MovementRow id="returned" label="Devueltos por anulaciones a tiempo" movement={p.returned} />
            <MovementRow id="late" label="No devueltos por anulación tardía" movement={p.lateCancelled} />
            <MovementRow id="forfeited" label="Anulados por devolución del bono" movement={p.forfeited} />
            <MovementRow id="expired" label="Vencidos" movement={p.expired} />
            <MovementRow id="adjusted" label="Ajustes del equipo" movement={p.adjusted} signed />
          </tbody>
        </table>
      </div>
      <p class="meta">
        Cada crédito vale el precio de su bono dividido por sus créditos. Lo pagado por los bonos de la tienda
        ya está en lo recaudado en kits; una inscripción pagada con un crédito no suma ingresos otra vez.
      </p>
    </section>
  );
}
