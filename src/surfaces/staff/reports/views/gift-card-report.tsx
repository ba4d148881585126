import type { GiftCardReport } from '../../../../domain/gift-cards';
import { plural } from '../../../../domain/vocabulary';
import { formatClp } from '../../../../lib/money';

/**
 * Gift cards in the reports: sold in the period (revenue counted when sold), spent in it, and the
 * liability today (balances of the cards still vigente), which is what an accountant asks for.
 */
export function GiftCardReportSection({ report }: { report: GiftCardReport }) {
  return (
    <section class="panel" aria-labelledby="tarjetas-regalo" data-test="gift-card-report">
      <h2 id="tarjetas-regalo">Tarjetas de regalo</h2>
      <dl class="list-totals">
        <div>
          <dt>Vendidas en el período</dt>
          <dd data-test="gift-cards-sold">{formatClp(report.soldClp)}</dd>
        </div>
        <div>
          <dt>Usadas en el período</dt>
          <dd data-test="gift-cards-redeemed">{formatClp(report.redeemedClp)}</dd>
        </div>
        <div>
          <dt>Pasivo hoy (saldos vigentes)</dt>
          <dd data-test="gift-cards-liability">{formatClp(report.liabilityClp)}</dd>
        </div>
      </dl>
      <p class="meta">
        {plural(report.soldCount, 'tarjeta vendida', 'tarjetas vendidas')} en el período ·{' '}
        {plural(report.outstandingCount, 'tarjeta vigente con saldo', 'tarjetas vigentes con saldo')}. El
        ingreso de una tarjeta se cuenta al venderla; lo que se paga con ella no vuelve a contarse como
        ingreso. <a href="/gestion/tarjetas-regalo/">Ver tarjetas</a>
      </p>
    </section>
  );
}
