import type { ComponentChildren } from 'preact';
import type { PaymentAttempt, PaymentKind } from '../../../../db/schema';
import type { AttemptReceipt, RefundLimit } from '../../../../domain/payments';
import {
  ATTEMPT_ISSUE_LABELS,
  ATTEMPT_STATE_LABELS,
  MERCADOPAGO_PAYMENT_TYPE_LABELS,
  PAYMENT_KIND_LABELS,
  PAYMENT_PROVIDER_LABELS,
  RECONCILIATION_LABELS,
  WEBPAY_PAYMENT_TYPE_LABELS,
} from '../../../../domain/vocabulary';
import { formatDateTimeShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, Field } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { AttemptStateBadge } from './attempt-state';

type Props = {
  ctx: PageContext;
  attempt: PaymentAttempt;
  order: {
    customerId: number;
    customerName: string;
    customerEmail: string;
    workshopId: number | null;
    workshopName: string | null;
  };
  receipt: AttemptReceipt;
  ledger: {
    id: number;
    kind: PaymentKind;
    amountClp: number;
    reference: string;
    paidAt: string;
    recordedBy: string | null;
  }[];
  limit: RefundLimit;
  /** One token per rendered refund form: the same form sent twice refunds once. */
  refundKey: string;
  refundError?: string | undefined;
  refundValue?: string | undefined;
};

const Fact = (props: { label: string; children: ComponentChildren; test?: string }) => (
  <div>
    <dt>{props.label}</dt>
    <dd data-test={props.test}>{props.children}</dd>
  </div>
);

/** One online payment: what the provider said, what the ledger holds, and the refund form. */
export function AttemptDetailPage({
  ctx,
  attempt,
  order,
  receipt,
  ledger,
  limit,
  refundKey,
  refundError,
  refundValue,
}: Props) {
  const title = `Pago en línea N° ${attempt.id}`;
  const base = `/gestion/pagos-en-linea/${attempt.id}/`;
  const paymentType =
    receipt.paymentType &&
    ((attempt.provider === 'webpay' ? WEBPAY_PAYMENT_TYPE_LABELS : MERCADOPAGO_PAYMENT_TYPE_LABELS)[
      receipt.paymentType
    ] ??
      receipt.paymentType);
  let response = attempt.providerResponse ?? '';
  try {
    response = JSON.stringify(JSON.parse(response), null, 2);
  } catch {
    // Shown as stored.
  }
  return (
    <StaffLayout
      ctx={ctx}
      title={title}
      crumbs={[['Gestión', '/gestion/'], ['Pagos en línea', '/gestion/pagos-en-linea/'], [title]]}
    >
      <div class="section-head">
        <h1>{title}</h1>
        <p>
          <AttemptStateBadge
            state={attempt.state}
            issue={attempt.issue}
            label={ATTEMPT_STATE_LABELS[attempt.state]}
            data-test="attempt-state"
          />
        </p>
      </div>
      {attempt.issue && (
        <p
          class={attempt.issue === 'auto_refunded' ? 'notice' : 'flash flash-warning'}
          data-test="attempt-issue"
        >
          <strong>{ATTEMPT_ISSUE_LABELS[attempt.issue]}.</strong> {attempt.issueDetail}
        </p>
      )}
      <dl class="panel facts">
        <Fact label="Cliente">
          <a href={`/gestion/clientes/${order.customerId}/`}>{order.customerName}</a> ({order.customerEmail})
        </Fact>
        <Fact label="Concepto">
          {attempt.purpose === 'enrollment' ? (
            <>
              <a href={`/gestion/talleres/${order.workshopId}/`}>{order.workshopName}</a> (inscripción N°{' '}
              {attempt.enrollmentId})
            </>
          ) : (
            <a href={`/gestion/ventas/${attempt.saleId}/`}>Pedido N° {attempt.saleId}</a>
          )}
        </Fact>
        <Fact label="Medio">{PAYMENT_PROVIDER_LABELS[attempt.provider]}</Fact>
        <Fact label="Orden de compra">
          <code>{attempt.buyOrder}</code>
        </Fact>
        <Fact label="Monto" test="attempt-amount">
          {formatClp(attempt.amountClp)}
        </Fact>
        <Fact label="Devuelto" test="attempt-refunded">
          {formatClp(attempt.refundedClp)}
        </Fact>
        <Fact label="Respuesta del proveedor">{attempt.providerStatus ?? '—'}</Fact>
        {receipt.authorizationCode && <Fact label="Código de autorización">{receipt.authorizationCode}</Fact>}
        {receipt.operationId && <Fact label="N° de operación">{receipt.operationId}</Fact>}
        {paymentType && <Fact label="Tipo de pago">{paymentType}</Fact>}
        {receipt.cardLast4 && <Fact label="Tarjeta">terminada en {receipt.cardLast4.slice(-4)}</Fact>}
        <Fact label="Iniciado">{formatDateTimeShort(attempt.createdAt)}</Fact>
        {attempt.redirectedAt && (
          <Fact label="Enviado al proveedor">{formatDateTimeShort(attempt.redirectedAt)}</Fact>
        )}
        {attempt.returnedAt && (
          <Fact label="Volvió del proveedor">{formatDateTimeShort(attempt.returnedAt)}</Fact>
        )}
        {attempt.settledAt && <Fact label="Resuelto">{formatDateTimeShort(attempt.settledAt)}</Fact>}
        <Fact label="Conciliación" test="attempt-reconciliation">
          {attempt.reconciliation === null
            ? 'Sin conciliar'
            : `${RECONCILIATION_LABELS[attempt.reconciliation]}${attempt.reconciliationDetail ? `: ${attempt.reconciliationDetail}` : ''}`}
          {attempt.reconciledAt && <span class="meta"> ({formatDateTimeShort(attempt.reconciledAt)})</span>}
        </Fact>
      </dl>

      <section class="panel" aria-labelledby="libro">
        <h2 id="libro">En el libro de pagos</h2>
        {ledger.length === 0 ? (
          <p class="meta">Este pago no tiene movimientos en el libro de pagos.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Fecha</th>
                  <th scope="col">Tipo</th>
                  <th scope="col">Referencia</th>
                  <th scope="col">Registrado por</th>
                  <th scope="col" class="num">
                    Monto
                  </th>
                </tr>
              </thead>
              <tbody>
                {ledger.map((row) => (
                  <tr data-test={`ledger-${row.id}`}>
                    <td>{formatDateTimeShort(row.paidAt)}</td>
                    <td>{PAYMENT_KIND_LABELS[row.kind]}</td>
                    <td>{row.reference}</td>
                    <td>{row.recordedBy ?? 'Cliente (en línea)'}</td>
                    <td class="num">{formatClp(row.kind === 'REFUND' ? -row.amountClp : row.amountClp)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="panel" aria-labelledby="devolver">
        <h2 id="devolver">Devolver</h2>
        {limit.maxClp > 0 ? (
          <form method="post" action={`${base}devolver/`} class="stack form-narrow" data-test="refund-form">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="clave" value={refundKey} />
            <p>
              La devolución se hace en {PAYMENT_PROVIDER_LABELS[attempt.provider]}, al mismo medio con que
              pagó, y se le avisa por correo. Puedes devolver hasta <strong>{formatClp(limit.maxClp)}</strong>
              .
            </p>
            <Field
              name="monto"
              label="Monto a devolver"
              inputmode="numeric"
              value={refundValue}
              error={refundError}
              hint="En pesos, sin decimales. Webpay solo devuelve parcialmente pagos con tarjeta de crédito."
            />
            <div class="actions-row">
              <button type="submit" class="button" data-test="refund-part">
                Devolver este monto
              </button>
              <button
                type="submit"
                name="todo"
                value="1"
                class="button button-secondary"
                data-test="refund-all"
                data-confirm={`¿Devolver ${formatClp(limit.maxClp)}?`}
              >
                Devolver {formatClp(limit.maxClp)}
              </button>
            </div>
          </form>
        ) : (
          <p class="meta" data-test="refund-unavailable">
            {limit.reason}
          </p>
        )}
      </section>

      <section class="panel" aria-labelledby="proveedor">
        <h2 id="proveedor">Consultar al proveedor</h2>
        <form method="post" action={`${base}consultar/`} class="inline-form">
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="button button-small button-secondary" data-test="check-now">
            Consultar estado ahora
          </button>
        </form>
        {response && (
          <details>
            <summary>Última respuesta del proveedor</summary>
            <pre class="prewrap">{response}</pre>
          </details>
        )}
      </section>
    </StaffLayout>
  );
}
