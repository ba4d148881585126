import { formatDateShort, formatDateTimeLong } from '../../../lib/dates';
import { formatClp } from '../../../lib/money';
import { CsrfField } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { StaffLayout } from '../../backoffice/views/staff-layout';
import {
  ENROLLMENT_STATUS_LABELS,
  METHOD_LABELS,
  STAFF_METHODS,
} from '../../workshops-admin/workshops-admin.labels';

type Props = {
  ctx: PageContext;
  debtor: {
    id: number;
    customerId: number;
    fullName: string;
    email: string;
    workshopId: number;
    workshopName: string;
    startsAt: string;
    status: keyof typeof ENROLLMENT_STATUS_LABELS;
    amountDueClp: number;
    amountPaidClp: number;
    createdAt: string;
  };
  token: string;
  now: string;
};

/** Register a payment for one enrollment, with a reference (transfer number, voucher). */
export function DebtorPaymentPage({ ctx, debtor: d, token }: Props) {
  const owed = Math.max(0, d.amountDueClp - d.amountPaidClp);
  return (
    <StaffLayout
      ctx={ctx}
      title={`Registrar pago · ${d.fullName}`}
      crumbs={[['Gestión', '/gestion/'], ['Deudores', '/gestion/deudores/'], ['Registrar pago']]}
    >
      <h1>Registrar pago</h1>
      <dl class="facts panel">
        <dt>Cliente</dt>
        <dd>
          <a href={`/gestion/clientes/${d.customerId}/`}>{d.fullName}</a> · {d.email}
        </dd>
        <dt>Taller</dt>
        <dd>
          <a href={`/gestion/talleres/${d.workshopId}/`}>{d.workshopName}</a> ·{' '}
          {formatDateTimeLong(d.startsAt)}
        </dd>
        <dt>Estado</dt>
        <dd>
          <span class={`badge badge-${d.status}`}>{ENROLLMENT_STATUS_LABELS[d.status]}</span> · inscrito(a) el{' '}
          {formatDateShort(d.createdAt)}
        </dd>
        <dt>Pagado</dt>
        <dd>
          {formatClp(d.amountPaidClp)} de {formatClp(d.amountDueClp)}
        </dd>
        <dt>Saldo</dt>
        <dd data-test="debtor-balance">{formatClp(owed)}</dd>
      </dl>
      {owed === 0 || d.status === 'ANULADO' ? (
        <p class="empty">Esta inscripción no tiene saldo por pagar.</p>
      ) : (
        <form method="post" action={`/gestion/deudores/${d.id}/pago/`} class="panel form-narrow">
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="clave" value={token} />
          <div class="field">
            <label for="f-monto">Monto (CLP)</label>
            <input id="f-monto" name="monto" inputMode="numeric" value={String(owed)} />
            <small class="hint">Un monto menor al saldo queda como abono.</small>
          </div>
          <div class="field">
            <label for="f-metodo">Medio de pago</label>
            <select id="f-metodo" name="metodo">
              {STAFF_METHODS.map((m) => (
                <option value={m}>{METHOD_LABELS[m][0]!.toUpperCase() + METHOD_LABELS[m].slice(1)}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-referencia">Referencia (opcional)</label>
            <input
              id="f-referencia"
              name="referencia"
              maxLength={100}
              placeholder="N° de transferencia o comprobante"
            />
          </div>
          <button type="submit" class="button">
            Registrar pago
          </button>{' '}
          <a href="/gestion/deudores/">Cancelar</a>
        </form>
      )}
    </StaffLayout>
  );
}
