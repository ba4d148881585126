import type { PaymentKind, PaymentMethod } from '../../../../db/schema';
import type { SaleFulfilment, SaleLineView, SaleView } from '../../../../domain/sales';
import {
  PAYMENT_KIND_LABELS,
  PAYMENT_METHOD_LABELS,
  SALE_STATUS_LABELS,
  STAFF_PAYMENT_METHODS,
} from '../../../../domain/vocabulary';
import { formatDateTimeShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import type { AuditTrailData } from '../../audit/audit-names';
import { AuditTrail } from '../../audit/views/audit-changes';
import { SaleFulfilmentSection } from './sale-fulfilment';

type Props = {
  ctx: PageContext;
  sale: SaleView;
  fulfilment: SaleFulfilment;
  lines: SaleLineView[];
  payments: {
    id: number;
    kind: PaymentKind;
    amountClp: number;
    method: PaymentMethod;
    reference: string;
    paidAt: string;
    recordedBy: string | null;
  }[];
  audit: AuditTrailData;
  now: string;
} & Omit<Parameters<typeof SaleFulfilmentSection>[0], 'csrfToken' | 'saleId' | 'f'>;

export function SaleDetailPage({
  ctx,
  sale,
  lines,
  payments,
  audit,
  now,
  fulfilment,
  next,
  steps,
  pickup,
}: Props) {
  const title = `Pedido N° ${sale.id}`;
  const overdue = sale.status === 'PENDIENTE' && sale.expiresAt !== null && sale.expiresAt <= now;
  return (
    <StaffLayout
      ctx={ctx}
      title={title}
      crumbs={[['Gestión', '/gestion/'], ['Ventas', '/gestion/ventas/'], [title]]}
    >
      <div class="section-head">
        <h1>{title}</h1>
        <p>
          <span class={`badge badge-${sale.status}`} data-test="sale-status">
            {SALE_STATUS_LABELS[sale.status]}
          </span>
        </p>
      </div>
      <dl class="panel facts">
        <div>
          <dt>Cliente</dt>
          <dd>
            <a href={`/gestion/clientes/${sale.customerId}/`}>{sale.customerName}</a> ({sale.customerEmail})
          </dd>
        </div>
        <div>
          <dt>Fecha</dt>
          <dd>{formatDateTimeShort(sale.createdAt)}</dd>
        </div>
        {sale.status === 'PENDIENTE' && sale.expiresAt && (
          <div>
            <dt>Plazo de pago</dt>
            <dd>
              {formatDateTimeShort(sale.expiresAt)}
              {overdue && ' (vencido: se anulará automáticamente)'}
            </dd>
          </div>
        )}
        {sale.paidAt && (
          <div>
            <dt>Pagado el</dt>
            <dd>{formatDateTimeShort(sale.paidAt)}</dd>
          </div>
        )}
        {sale.cancelledAt && (
          <div>
            <dt>Anulado el</dt>
            <dd>{formatDateTimeShort(sale.cancelledAt)}</dd>
          </div>
        )}
      </dl>

      <section class="panel" aria-labelledby="detalle">
        <h2 id="detalle">Detalle</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Producto</th>
                <th scope="col" class="num">
                  Cantidad
                </th>
                <th scope="col" class="num">
                  Precio unitario
                </th>
                <th scope="col" class="num">
                  Subtotal
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr>
                  <td>
                    <a href={`/gestion/productos/${l.productId}/editar/`}>{l.name}</a>
                  </td>
                  <td class="num">{l.quantity}</td>
                  <td class="num">{formatClp(l.unitPriceClp)}</td>
                  <td class="num">{formatClp(l.unitPriceClp * l.quantity)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {fulfilment.method === 'delivery' && (
                <tr>
                  <th scope="row" colSpan={3}>
                    Despacho ({fulfilment.address?.region})
                  </th>
                  <td class="num">{formatClp(fulfilment.shippingClp)}</td>
                </tr>
              )}
              {sale.discountClp > 0 && (
                <tr>
                  <th scope="row" colSpan={3}>
                    Código de descuento
                  </th>
                  <td class="num" data-test="sale-discount">
                    −{formatClp(sale.discountClp)}
                  </td>
                </tr>
              )}
              <tr>
                <th scope="row" colSpan={3}>
                  Total
                </th>
                <td class="num">
                  <strong>{formatClp(sale.totalClp)}</strong>
                </td>
              </tr>
              {sale.status === 'PENDIENTE' && sale.giftCardClp > 0 && (
                <>
                  <tr>
                    <th scope="row" colSpan={3}>
                      Retenido en tarjeta de regalo
                    </th>
                    <td class="num" data-test="sale-gift-card">
                      −{formatClp(sale.giftCardClp)}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row" colSpan={3}>
                      Por pagar
                    </th>
                    <td class="num">
                      <strong>{formatClp(sale.totalClp - sale.giftCardClp)}</strong>
                    </td>
                  </tr>
                </>
              )}
            </tfoot>
          </table>
        </div>
      </section>

      {sale.status !== 'ANULADO' && (
        <SaleFulfilmentSection
          csrfToken={ctx.csrfToken}
          saleId={sale.id}
          f={fulfilment}
          next={next}
          steps={steps}
          pickup={pickup}
        />
      )}

      <section class="panel" aria-labelledby="pagos">
        <h2 id="pagos">Pagos</h2>
        {payments.length === 0 ? (
          <p class="meta">
            Sin pagos registrados.
            {sale.status === 'PENDIENTE' &&
              sale.giftCardClp > 0 &&
              ` Una tarjeta de regalo retiene ${formatClp(sale.giftCardClp)}: se registra como pago cuando se pague el resto.`}
          </p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Fecha</th>
                  <th scope="col">Tipo</th>
                  <th scope="col">Medio</th>
                  <th scope="col">Referencia</th>
                  <th scope="col">Registrado por</th>
                  <th scope="col" class="num">
                    Monto
                  </th>
                </tr>
              </thead>
              <tbody>
                {payments.map((p) => (
                  <tr>
                    <td>{formatDateTimeShort(p.paidAt)}</td>
                    <td>{PAYMENT_KIND_LABELS[p.kind]}</td>
                    <td>{PAYMENT_METHOD_LABELS[p.method]}</td>
                    <td>{p.reference}</td>
                    <td>{p.recordedBy ?? '—'}</td>
                    <td class="num">{formatClp(p.amountClp)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {sale.status === 'PENDIENTE' && (
        <div class="two-col">
          <form method="post" action={`/gestion/ventas/${sale.id}/pago/`} class="panel">
            <h2>Registrar pago</h2>
            <CsrfField token={ctx.csrfToken} />
            <div class="field">
              <label for="f-metodo">Medio de pago</label>
              <select id="f-metodo" name="metodo">
                {STAFF_PAYMENT_METHODS.map((m) => (
                  <option value={m}>{PAYMENT_METHOD_LABELS[m]}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="f-referencia">Referencia (opcional)</label>
              <input
                id="f-referencia"
                name="referencia"
                maxLength={100}
                placeholder="N° de transferencia o boleta"
              />
            </div>
            <p>
              <button type="submit" class="button">
                Registrar pago de {formatClp(sale.totalClp - sale.giftCardClp)}
              </button>
            </p>
          </form>
          <form method="post" action={`/gestion/ventas/${sale.id}/anular/`} class="panel">
            <h2>Anular pedido</h2>
            <CsrfField token={ctx.csrfToken} />
            <p>
              El pedido queda anulado y sus productos vuelven al stock. El cliente ya no podrá pagarlo.
              {sale.giftCardClp > 0 &&
                ` Los ${formatClp(sale.giftCardClp)} de su tarjeta de regalo vuelven a la tarjeta.`}
            </p>
            <p>
              <button type="submit" class="button button-danger">
                Anular pedido N° {sale.id}
              </button>
            </p>
          </form>
        </div>
      )}

      <AuditTrail trail={audit} listHref={`/gestion/auditoria/?entidad=sale&q=${sale.id}`} />
    </StaffLayout>
  );
}
