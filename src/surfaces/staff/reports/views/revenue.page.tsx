import { PAYMENT_METHODS } from '../../../../db/schema';
import type { DescribedPayment, Period } from '../../../../domain/reports';
import { SOURCES } from '../../../../domain/reports';
import { ENROLLMENT_STATUS_LABELS, PAYMENT_METHOD_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import type { Page } from '../../../../lib/pagination';
import { EmptyState, Pagination, SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { formatCount } from './format';

type Props = {
  ctx: PageContext;
  period: Period;
  params: Record<string, string>;
  categories: { id: number; name: string }[];
  payments: Page<DescribedPayment>;
  totalClp: number;
  notices: string[];
};

const BASE = '/gestion/reportes/ingresos/';

export function RevenuePage({ ctx, period, params, categories, payments, totalClp, notices }: Props) {
  const exportHref = (format: 'csv' | 'xlsx') =>
    `${BASE}?${new URLSearchParams({ ...params, formato: format })}`;
  return (
    <StaffLayout ctx={ctx} title="Desglose de ingresos">
      <p>
        <a
          href={`/gestion/reportes/?${new URLSearchParams(period.mes ? { mes: period.mes } : { desde: period.desde, hasta: period.hasta })}`}
        >
          ← Volver a los reportes
        </a>
      </p>
      <h1>Desglose de ingresos</h1>
      <p class="lead" data-test="period-label">
        {period.label}
      </p>

      <form method="get" action={BASE} class="panel filters" aria-label="Filtrar pagos">
        <div class="field">
          <label for="f-desde">Desde</label>
          <input id="f-desde" type="date" name="desde" value={params.desde} />
        </div>
        <div class="field">
          <label for="f-hasta">Hasta</label>
          <input id="f-hasta" type="date" name="hasta" value={params.hasta} />
        </div>
        <SelectField
          name="origen"
          label="Origen"
          emptyLabel="Talleres y kits"
          value={params.origen}
          options={Object.entries(SOURCES).map(([value, label]) => ({ value, label }))}
        />
        <SelectField
          name="categoria"
          label="Categoría"
          emptyLabel="Todas"
          value={params.categoria}
          options={categories.map((c) => ({ value: String(c.id), label: c.name }))}
        />
        <SelectField
          name="estado"
          label="Estado"
          emptyLabel="Todos"
          value={params.estado}
          options={Object.entries(ENROLLMENT_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <SelectField
          name="metodo"
          label="Método de pago"
          emptyLabel="Todos"
          value={params.metodo}
          options={PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }))}
        />
        <button type="submit" class="button">
          Filtrar
        </button>
      </form>

      {notices.length > 0 && (
        <div class="flash flash-warning" role="status" data-test="notices">
          {notices.map((n) => (
            <p>{n}</p>
          ))}
        </div>
      )}

      <div class="revenue-summary">
        <p>
          <span data-test="payment-count">{formatCount(payments.total)}</span>{' '}
          {payments.total === 1 ? 'movimiento' : 'movimientos'} · Total:{' '}
          <strong data-test="payment-total">{formatClp(totalClp)}</strong>
        </p>
        {payments.total > 0 && (
          <p class="export-links">
            Descargar: <a href={exportHref('csv')}>CSV</a> · <a href={exportHref('xlsx')}>Excel (XLSX)</a>
          </p>
        )}
      </div>

      {payments.total === 0 ? (
        <EmptyState>No hay pagos con estos filtros.</EmptyState>
      ) : (
        <>
          <div class="table-wrap">
            <table data-test="payments-table">
              <caption class="visually-hidden">Pagos y devoluciones</caption>
              <thead>
                <tr>
                  <th scope="col">Fecha</th>
                  <th scope="col">Cliente</th>
                  <th scope="col">Concepto</th>
                  <th scope="col">Estado</th>
                  <th scope="col">Método</th>
                  <th scope="col" class="num">
                    Monto
                  </th>
                </tr>
              </thead>
              <tbody>
                {payments.items.map((p) => (
                  <tr data-test={`payment-${p.id}`}>
                    <td>{formatDateTimeShort(p.paidAt)}</td>
                    <td>
                      <a href={`/gestion/clientes/${p.customerId}/`}>{p.customerName}</a>
                    </td>
                    <td>
                      {p.concept}
                      {p.categoryName && (
                        <>
                          {' '}
                          <span class="chip">{p.categoryName}</span>
                        </>
                      )}
                      {p.kind === 'REFUND' && (
                        <>
                          {' '}
                          <span class="badge badge-ANULADO">Devolución</span>
                        </>
                      )}
                    </td>
                    <td>
                      {p.status && (
                        <span class={`badge badge-${p.status}`}>
                          {ENROLLMENT_STATUS_LABELS[p.status as keyof typeof ENROLLMENT_STATUS_LABELS] ??
                            p.status}
                        </span>
                      )}
                    </td>
                    <td>{PAYMENT_METHOD_LABELS[p.method]}</td>
                    <td class="num">{formatClp(p.signedAmount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="meta">
            Mostrando {formatCount(payments.from)}–{formatCount(payments.to)} de {formatCount(payments.total)}
            .
          </p>
          <Pagination page={payments.page} pages={payments.pages} query={params} basePath={BASE} />
        </>
      )}
    </StaffLayout>
  );
}
