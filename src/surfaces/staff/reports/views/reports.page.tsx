import type { GiftCardReport } from '../../../../domain/gift-cards';
import type { PackPeriodFigures } from '../../../../domain/packs';
import type { Dashboard, Slice } from '../../../../domain/reports';
import { formatDateTimeShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { JsonDataIsland } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { ChartFigure, type ChartSpec } from './charts';
import { formatChange, formatCount, formatPercent } from './format';
import { GiftCardReportSection } from './gift-card-report';
import { PacksReport } from './packs-report';

type Props = {
  ctx: PageContext;
  dashboard: Dashboard;
  packs: PackPeriodFigures;
  notices: string[];
  giftCards: GiftCardReport;
};

const BREAKDOWN = '/gestion/reportes/ingresos/';

function breakdownLink(params: Record<string, string>) {
  return `${BREAKDOWN}?${new URLSearchParams(params).toString()}`;
}

function Kpi(props: {
  id: string;
  label: string;
  current: number | null;
  previous: number | null;
  money?: boolean;
  hint?: string;
  previousLabel: string;
  href?: string;
}) {
  const show = (n: number | null) => (n === null ? '—' : props.money ? formatClp(n) : formatCount(n));
  const change =
    props.current !== null && props.previous !== null ? formatChange(props.current, props.previous) : null;
  return (
    <div class="kpi panel" data-test={`kpi-${props.id}`}>
      <p class="kpi-label">{props.href ? <a href={props.href}>{props.label}</a> : props.label}</p>
      <p class="kpi-value" data-test={`kpi-${props.id}-value`}>
        {show(props.current)}
      </p>
      {props.previous !== null && (
        <p class="meta">
          {props.previousLabel}: <span data-test={`kpi-${props.id}-previous`}>{show(props.previous)}</span>
          {change && (
            <>
              {' '}
              <span class={`kpi-change kpi-${change.trend}`}>{change.text}</span>
            </>
          )}
        </p>
      )}
      {props.hint && <p class="meta kpi-hint">{props.hint}</p>}
    </div>
  );
}

/** A chart of slices (category, modality…) with its table alternative, captioned by the chart's title. */
function SliceChart(props: {
  spec: ChartSpec;
  title: string;
  note?: string;
  head: string;
  unit: 'clp' | 'count';
  slices: Slice[];
  links?: string[];
}) {
  return (
    <ChartFigure spec={props.spec} title={props.title} note={props.note} empty={props.slices.length === 0}>
      <SliceTable
        caption={props.title}
        head={props.head}
        unit={props.unit}
        slices={props.slices}
        links={props.links}
      />
    </ChartFigure>
  );
}

function SliceTable(props: {
  caption: string;
  head: string;
  unit: 'clp' | 'count';
  slices: Slice[];
  links?: string[];
}) {
  const total = props.slices.reduce((sum, s) => sum + s.value, 0);
  const show = (n: number) => (props.unit === 'clp' ? formatClp(n) : formatCount(n));
  return (
    <table>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.head}</th>
          <th scope="col" class="num">
            {props.unit === 'clp' ? 'Monto' : 'Inscripciones'}
          </th>
          <th scope="col" class="num">
            %
          </th>
        </tr>
      </thead>
      <tbody>
        {props.slices.map((s, i) => (
          <tr data-test={`row-${s.key}`}>
            <th scope="row">{props.links?.[i] ? <a href={props.links[i]}>{s.label}</a> : s.label}</th>
            <td class="num">{show(s.value)}</td>
            <td class="num">{total !== 0 ? formatPercent((s.value / total) * 100) : '—'}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td class="num">{show(total)}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

function sliceSpec(
  id: string,
  type: ChartSpec['type'],
  label: string,
  unit: 'clp' | 'count',
  slices: Slice[],
  links?: string[],
): ChartSpec {
  return {
    id,
    type,
    unit,
    horizontal: type === 'bar' && slices.length > 4,
    labels: slices.map((s) => s.label),
    datasets: [{ label, data: slices.map((s) => s.value) }],
    ...(links ? { links } : {}),
  };
}

export function ReportsPage({ ctx, dashboard: d, packs, notices, giftCards }: Props) {
  const periodParams: Record<string, string> = d.period.mes
    ? { mes: d.period.mes }
    : { desde: d.period.desde, hasta: d.period.hasta };
  const prevLabel = d.previous.label;
  const categoryLinks = d.revenueByCategory.map((s) =>
    s.key === 'none' ? breakdownLink(periodParams) : breakdownLink({ ...periodParams, categoria: s.key }),
  );

  const charts: ChartSpec[] = [
    {
      id: 'revenue-months',
      type: 'bar',
      unit: 'clp',
      stacked: true,
      labels: d.months.map((m) => m.label),
      datasets: [
        { label: 'Talleres', data: d.months.map((m) => m.workshops) },
        { label: 'Kits', data: d.months.map((m) => m.shop) },
      ],
      links: d.months.map((m) => breakdownLink({ mes: m.key })),
    },
    sliceSpec('revenue-category', 'bar', 'Ingresos', 'clp', d.revenueByCategory, categoryLinks),
    sliceSpec('revenue-modality', 'doughnut', 'Ingresos', 'clp', d.revenueByModality),
    sliceSpec('revenue-customer-type', 'doughnut', 'Ingresos', 'clp', d.revenueByCustomerType),
    sliceSpec('revenue-company', 'bar', 'Ingresos', 'clp', d.revenueByCompany),
    sliceSpec('enrollments-category', 'bar', 'Inscripciones', 'count', d.enrollmentsByCategory),
    sliceSpec('enrollments-modality', 'doughnut', 'Inscripciones', 'count', d.enrollmentsByModality),
    sliceSpec('enrollments-location', 'bar', 'Inscripciones', 'count', d.enrollmentsByLocation),
    sliceSpec('revenue-location', 'bar', 'Ingresos', 'clp', d.revenueByLocation),
    {
      id: 'occupancy',
      type: 'bar',
      unit: 'percent',
      horizontal: true,
      labels: d.occupancy.workshops.map((w) => w.name),
      datasets: [
        {
          label: 'Ocupación',
          data: d.occupancy.workshops.map((w) => Math.round((1000 * w.seatsTaken) / w.totalSeats) / 10),
        },
      ],
    },
    {
      id: 'top-workshops',
      type: 'bar',
      unit: 'count',
      horizontal: true,
      labels: d.topWorkshops.map((w) => w.name),
      datasets: [{ label: 'Inscripciones activas', data: d.topWorkshops.map((w) => w.enrollments) }],
    },
    {
      id: 'top-kits',
      type: 'bar',
      unit: 'count',
      horizontal: true,
      labels: d.topKits.map((k) => k.name),
      datasets: [{ label: 'Unidades vendidas', data: d.topKits.map((k) => k.units) }],
    },
    {
      id: 'customers-months',
      type: 'bar',
      unit: 'count',
      labels: d.months.map((m) => m.label),
      datasets: [{ label: 'Clientes nuevos', data: d.months.map((m) => m.newCustomers) }],
    },
  ];
  const spec = (id: string) => charts.find((c) => c.id === id)!;
  const monthsEmpty = d.months.every((m) => m.workshops === 0 && m.shop === 0);

  return (
    <StaffLayout
      ctx={ctx}
      title="Reportes"
      scripts={['/static/vendor/chart.umd.min.js', '/static/js/reports.js']}
    >
      <div class="reports">
        <h1>Reportes</h1>
        <p class="lead">
          <strong data-test="period-label">{d.period.label}</strong>, comparado con {prevLabel}.{' '}
          <a href={breakdownLink(periodParams)}>Ver el desglose de ingresos</a> ·{' '}
          <a href={`/gestion/reportes/asistencia/?${new URLSearchParams(periodParams).toString()}`}>
            Ver asistencia e inasistencia
          </a>
        </p>

        <div class="panel report-period">
          <form method="get" action="/gestion/reportes/" class="filters" aria-label="Elegir un mes">
            <div class="field">
              <label for="f-mes">Mes</label>
              <input id="f-mes" type="month" name="mes" value={d.period.mes ?? ''} />
            </div>
            <button type="submit" class="button button-secondary">
              Ver mes
            </button>
          </form>
          <form
            method="get"
            action="/gestion/reportes/"
            class="filters"
            aria-label="Elegir un rango de fechas"
          >
            <div class="field">
              <label for="f-desde">Desde</label>
              <input id="f-desde" type="date" name="desde" value={d.period.desde} />
            </div>
            <div class="field">
              <label for="f-hasta">Hasta</label>
              <input id="f-hasta" type="date" name="hasta" value={d.period.hasta} />
            </div>
            <button type="submit" class="button button-secondary">
              Ver rango
            </button>
          </form>
        </div>

        {notices.length > 0 && (
          <div class="flash flash-warning" role="status" data-test="notices">
            {notices.map((n) => (
              <p>{n}</p>
            ))}
          </div>
        )}

        <h2>Resumen</h2>
        <div class="kpi-grid">
          <Kpi
            id="collected"
            label="Recaudado total"
            money
            current={d.current.collectedTotal}
            previous={d.before.collectedTotal}
            previousLabel={prevLabel}
            hint="Pagos recibidos menos devoluciones, talleres y kits."
            href={breakdownLink(periodParams)}
          />
          <Kpi
            id="collected-workshops"
            label="Recaudado en talleres"
            money
            current={d.current.collectedWorkshops}
            previous={d.before.collectedWorkshops}
            previousLabel={prevLabel}
            href={breakdownLink({ ...periodParams, origen: 'talleres' })}
          />
          <Kpi
            id="collected-shop"
            label="Recaudado en kits"
            money
            current={d.current.collectedShop}
            previous={d.before.collectedShop}
            previousLabel={prevLabel}
            hint="Lo pagado en la tienda, bonos y tarjetas de regalo incluidos."
            href={breakdownLink({ ...periodParams, origen: 'kits' })}
          />
          <Kpi
            id="owed"
            label="Por cobrar hoy"
            money
            current={d.owed.total}
            previous={null}
            previousLabel={prevLabel}
            hint={`Inscripciones vigentes: ${formatClp(d.owed.enrollments)} · compras de kits sin pagar: ${formatClp(d.owed.sales)}.`}
          />
          <Kpi
            id="ticket"
            label="Ticket promedio"
            money
            current={d.current.averageTicket}
            previous={d.before.averageTicket}
            previousLabel={prevLabel}
            hint="Pagos recibidos dividido por inscripciones y compras pagadas."
          />
          <Kpi
            id="new-customers"
            label="Clientes nuevos"
            current={d.current.newCustomers}
            previous={d.before.newCustomers}
            previousLabel={prevLabel}
          />
          <Kpi
            id="cancellations"
            label="Inscripciones anuladas"
            current={d.current.cancellations}
            previous={d.before.cancellations}
            previousLabel={prevLabel}
          />
          <Kpi
            id="waitlist"
            label="Demanda en lista de espera"
            current={d.current.waitlistDemand}
            previous={d.before.waitlistDemand}
            previousLabel={prevLabel}
            hint="Personas que se anotaron en una lista de espera."
          />
        </div>

        <h2>Ingresos</h2>
        <ChartFigure
          spec={spec('revenue-months')}
          title="Ingresos por mes (últimos 12 meses)"
          note="Haz clic en una barra para ver los pagos de ese mes."
          empty={monthsEmpty}
        >
          <table>
            <caption class="visually-hidden">Ingresos por mes</caption>
            <thead>
              <tr>
                <th scope="col">Mes</th>
                <th scope="col" class="num">
                  Talleres
                </th>
                <th scope="col" class="num">
                  Kits
                </th>
                <th scope="col" class="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {d.months.map((m) => (
                <tr data-test={`month-${m.key}`}>
                  <th scope="row">
                    <a href={breakdownLink({ mes: m.key })}>{m.label}</a>
                  </th>
                  <td class="num">{formatClp(m.workshops)}</td>
                  <td class="num">{formatClp(m.shop)}</td>
                  <td class="num">{formatClp(m.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ChartFigure>

        <div class="report-grid">
          <SliceChart
            spec={spec('revenue-category')}
            title="Ingresos por categoría"
            note="Talleres y kits; una compra de kits de varias categorías se reparte según sus productos."
            head="Categoría"
            unit="clp"
            slices={d.revenueByCategory}
            links={categoryLinks}
          />
          <SliceChart
            spec={spec('revenue-modality')}
            title="Ingresos por modalidad"
            note="Solo talleres (los kits no tienen modalidad)."
            head="Modalidad"
            unit="clp"
            slices={d.revenueByModality}
          />
          <SliceChart
            spec={spec('revenue-customer-type')}
            title="Ingresos por tipo de cliente"
            head="Tipo de cliente"
            unit="clp"
            slices={d.revenueByCustomerType}
          />
          <SliceChart
            spec={spec('revenue-company')}
            title="Ingresos por empresa (B2B)"
            head="Empresa"
            unit="clp"
            slices={d.revenueByCompany}
          />
        </div>

        <PacksReport
          packs={packs}
          lastDay={d.period.hasta}
          running={packs.liability.asOf !== d.period.to}
          listHref={`/gestion/bonos/?${new URLSearchParams({ desde: d.period.desde, hasta: d.period.hasta }).toString()}`}
        />

        <h2>Inscripciones y ocupación</h2>
        <p class="meta">
          Estas cifras cuentan <strong>inscripciones</strong> vigentes hechas en el período, no clientes: una
          persona inscrita en dos talleres cuenta dos veces.
        </p>
        <div class="report-grid">
          <SliceChart
            spec={spec('enrollments-category')}
            title="Inscripciones por categoría"
            head="Categoría"
            unit="count"
            slices={d.enrollmentsByCategory}
          />
          <SliceChart
            spec={spec('enrollments-modality')}
            title="Inscripciones por modalidad"
            head="Modalidad"
            unit="count"
            slices={d.enrollmentsByModality}
          />
          <SliceChart
            spec={spec('enrollments-location')}
            title="Inscripciones por sede"
            head="Sede"
            unit="count"
            slices={d.enrollmentsByLocation}
          />
          <SliceChart
            spec={spec('revenue-location')}
            title="Ingresos por talleres, por sede"
            head="Sede"
            unit="clp"
            slices={d.revenueByLocation}
          />
        </div>

        <ChartFigure
          spec={spec('occupancy')}
          title="Ocupación por taller"
          note={
            d.occupancy.count === 0
              ? undefined
              : `Talleres realizados o por realizar en el período: ${formatCount(d.occupancy.count)}. Ocupación promedio: ${formatPercent(d.occupancy.averagePercent ?? 0)}.${d.occupancy.count > d.occupancy.workshops.length ? ` Se muestran los primeros ${d.occupancy.workshops.length} por fecha.` : ''}`
          }
          empty={d.occupancy.workshops.length === 0}
        >
          <table>
            <caption class="visually-hidden">Ocupación por taller</caption>
            <thead>
              <tr>
                <th scope="col">Taller</th>
                <th scope="col">Fecha</th>
                <th scope="col" class="num">
                  Cupos tomados
                </th>
                <th scope="col" class="num">
                  Cupos totales
                </th>
                <th scope="col" class="num">
                  Ocupación
                </th>
              </tr>
            </thead>
            <tbody>
              {d.occupancy.workshops.map((w) => (
                <tr data-test={`occupancy-${w.id}`}>
                  <th scope="row">{w.name}</th>
                  <td>{formatDateTimeShort(w.startsAt)}</td>
                  <td class="num">{formatCount(w.seatsTaken)}</td>
                  <td class="num">{formatCount(w.totalSeats)}</td>
                  <td class="num">{formatPercent((100 * w.seatsTaken) / w.totalSeats)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  Ocupación promedio
                </th>
                <td class="num" data-test="occupancy-average">
                  {formatPercent(d.occupancy.averagePercent ?? 0)}
                </td>
              </tr>
            </tfoot>
          </table>
        </ChartFigure>

        <div class="report-grid">
          <ChartFigure
            spec={spec('top-workshops')}
            title="Talleres más inscritos"
            note="Inscripciones vigentes hechas en el período."
            empty={d.topWorkshops.length === 0}
          >
            <table>
              <caption class="visually-hidden">Talleres más inscritos</caption>
              <thead>
                <tr>
                  <th scope="col">Taller</th>
                  <th scope="col" class="num">
                    Inscripciones
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.topWorkshops.map((w) => (
                  <tr data-test={`top-workshop-${w.id}`}>
                    <th scope="row">{w.name}</th>
                    <td class="num">{formatCount(w.enrollments)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ChartFigure>
          <ChartFigure
            spec={spec('top-kits')}
            title="Kits más vendidos"
            note="Unidades en compras pagadas en el período."
            empty={d.topKits.length === 0}
          >
            <table>
              <caption class="visually-hidden">Kits más vendidos</caption>
              <thead>
                <tr>
                  <th scope="col">Kit</th>
                  <th scope="col" class="num">
                    Unidades
                  </th>
                  <th scope="col" class="num">
                    Monto
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.topKits.map((k) => (
                  <tr data-test={`top-kit-${k.id}`}>
                    <th scope="row">{k.name}</th>
                    <td class="num">{formatCount(k.units)}</td>
                    <td class="num">{formatClp(k.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ChartFigure>
        </div>

        <h2>Clientes</h2>
        <ChartFigure
          spec={spec('customers-months')}
          title="Clientes nuevos por mes (últimos 12 meses)"
          empty={d.months.every((m) => m.newCustomers === 0)}
        >
          <table>
            <caption class="visually-hidden">Clientes nuevos por mes</caption>
            <thead>
              <tr>
                <th scope="col">Mes</th>
                <th scope="col" class="num">
                  Clientes nuevos
                </th>
              </tr>
            </thead>
            <tbody>
              {d.months.map((m) => (
                <tr data-test={`customers-${m.key}`}>
                  <th scope="row">{m.label}</th>
                  <td class="num">{formatCount(m.newCustomers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ChartFigure>
        <JsonDataIsland id="reports-data" data={charts} />
      </div>
      <GiftCardReportSection report={giftCards} />
    </StaffLayout>
  );
}
