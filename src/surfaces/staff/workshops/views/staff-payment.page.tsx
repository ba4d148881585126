import {
  ENROLLMENT_STATUS_LABELS,
  PAYMENT_METHOD_LABELS,
  STAFF_PAYMENT_METHODS,
} from '../../../../domain/vocabulary';
import type { FormErrors } from '../../../../http/forms';
import { formatDateShort, formatDateTimeLong } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, Field, SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

export type StaffPaymentTarget = {
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
  owedClp: number;
  refundDueClp: number;
  createdAt: string;
};

type Props = {
  ctx: PageContext;
  enrollment: StaffPaymentTarget;
  /** A payment received, or money given back for a cancelled enrollment. */
  mode: 'payment' | 'refund';
  action: string;
  /** Where "Cancelar" goes, and the breadcrumb before this page. */
  back: { href: string; label: string };
  token: string;
  values?: Record<string, string>;
  errors?: FormErrors;
};

const capitalised = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/**
 * Register a payment (or a refund) for one enrollment, with a reference (transfer number, voucher).
 * The same page shows a rejected amount again with its message (422), from the debtors list or
 * from the workshop page's quick form.
 */
export function StaffPaymentPage({ ctx, enrollment: d, mode, action, back, token, values, errors }: Props) {
  const owed = mode === 'payment' ? d.owedClp : d.refundDueClp;
  const title = mode === 'payment' ? 'Registrar pago' : 'Registrar devolución';
  const nothingToDo = owed === 0 || (mode === 'payment' && d.status === 'ANULADO');
  return (
    <StaffLayout
      ctx={ctx}
      title={`${title} · ${d.fullName}`}
      crumbs={[['Gestión', '/gestion/'], [back.label, back.href], [title]]}
    >
      <h1>{title}</h1>
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
        <dt>{mode === 'payment' ? 'Saldo' : 'Por devolver'}</dt>
        <dd data-test="debtor-balance">{formatClp(owed)}</dd>
      </dl>
      {nothingToDo ? (
        <p class="empty">
          {mode === 'payment'
            ? 'Esta inscripción no tiene saldo por pagar.'
            : 'Esta inscripción no tiene montos por devolver.'}
        </p>
      ) : (
        <form method="post" action={action} class="panel form-narrow">
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="clave" value={token} />
          <Field
            name="monto"
            label="Monto (CLP)"
            inputmode="numeric"
            value={values?.monto ?? String(owed)}
            error={errors?.monto}
            hint={
              mode === 'payment'
                ? 'En pesos, sin decimales (45000 o 45.000). Un monto menor al saldo queda como abono.'
                : 'En pesos, sin decimales (45000 o 45.000), hasta lo que queda por devolver.'
            }
          />
          <SelectField
            name="metodo"
            label="Medio de pago"
            options={STAFF_PAYMENT_METHODS.map((m) => ({
              value: m,
              label: capitalised(PAYMENT_METHOD_LABELS[m]),
            }))}
            value={values?.metodo ?? null}
            error={errors?.metodo}
          />
          <Field
            name="referencia"
            label="Referencia (opcional)"
            value={values?.referencia}
            error={errors?.referencia}
            placeholder="N° de transferencia o comprobante"
          />
          <button type="submit" class="button">
            {title}
          </button>{' '}
          <button type="submit" class="button button-secondary" name="saldo_completo" value="1">
            {mode === 'payment'
              ? `Pagar saldo completo (${formatClp(owed)})`
              : `Devolver todo (${formatClp(owed)})`}
          </button>{' '}
          <a href={back.href}>Cancelar</a>
        </form>
      )}
    </StaffLayout>
  );
}
