import type { AttendanceLine, AttendanceReport, Period } from '../../../../domain/reports';
import { formatDateTimeShort } from '../../../../lib/dates';
import { EmptyState, ResponsiveTable } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  period: Period;
  report: AttendanceReport;
  notices: string[];
  /** The period as query parameters, for the export links. */
  params: Record<string, string>;
};

const percent = (rate: number | null) =>
  rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toLocaleString('es-CL')}%`;

const rateColumns = [
  { label: 'Inscritas', numeric: true, cell: (l: AttendanceLine) => l.enrolled },
  { label: 'Asistieron', numeric: true, cell: (l: AttendanceLine) => l.attended },
  { label: 'No asistieron', numeric: true, cell: (l: AttendanceLine) => l.noShows },
  { label: 'Asistencia', numeric: true, cell: (l: AttendanceLine) => percent(l.attendanceRate) },
  { label: 'Inasistencia', numeric: true, cell: (l: AttendanceLine) => percent(l.noShowRate) },
];

/** Attendance and no-show rates of a period, per category and per workshop. */
export function AttendanceReportPage({ ctx, period, report, notices, params }: Props) {
  const query = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...params, ...extra }).toString()}`;
  return (
    <StaffLayout
      ctx={ctx}
      title="Asistencia"
      crumbs={[['Gestión', '/gestion/'], ['Reportes', '/gestion/reportes/'], ['Asistencia']]}
    >
      <h1>Asistencia e inasistencia</h1>
      <p class="lead">
        <strong>{period.label}</strong>. Cuentan solo las sesiones ya realizadas en que se registró al menos
        una llegada ({report.total.keptSessions} de {report.total.sessions}).
      </p>
      {notices.map((n) => (
        <p class="flash flash-warning">{n}</p>
      ))}
      <form method="get" action="/gestion/reportes/asistencia/" class="panel filters">
        <div class="field">
          <label for="f-desde">Desde</label>
          <input id="f-desde" name="desde" type="date" value={period.desde} />
        </div>
        <div class="field">
          <label for="f-hasta">Hasta</label>
          <input id="f-hasta" name="hasta" type="date" value={period.hasta} />
        </div>
        <button type="submit" class="button button-secondary">
          Ver
        </button>
      </form>
      <p>
        <a href={query({ formato: 'csv' })} download>
          Descargar CSV
        </a>{' '}
        ·{' '}
        <a href={query({ formato: 'xlsx' })} download>
          Descargar XLSX
        </a>
      </p>
      {report.byWorkshop.length === 0 ? (
        <EmptyState>No hubo sesiones con personas inscritas en este período.</EmptyState>
      ) : (
        <>
          <h2>Por categoría</h2>
          <ResponsiveTable
            caption="Asistencia por categoría"
            rows={[...report.byCategory, report.total]}
            columns={[{ label: 'Categoría', title: true, cell: (l) => l.label }, ...rateColumns]}
          />
          {report.bySeries.length > 0 && (
            <>
              <h2>Por serie</h2>
              <ResponsiveTable
                caption="Asistencia por serie"
                rows={report.bySeries}
                rowAttributes={(l) => ({ 'data-test': `attendance-series-${l.label}` })}
                columns={[{ label: 'Serie', title: true, cell: (l) => l.label }, ...rateColumns]}
              />
            </>
          )}
          <h2>Por facilitador(a)</h2>
          <ResponsiveTable
            caption="Asistencia por facilitador(a)"
            rows={report.byFacilitator}
            rowAttributes={(l) => ({ 'data-test': `attendance-facilitator-${l.label}` })}
            columns={[{ label: 'Facilitador(a)', title: true, cell: (l) => l.label }, ...rateColumns]}
          />
          <h2>Por taller</h2>
          <ResponsiveTable
            caption="Asistencia por taller"
            rows={report.byWorkshop}
            rowAttributes={(l) => ({ 'data-test': `attendance-${l.id}` })}
            columns={[
              {
                label: 'Taller',
                title: true,
                cell: (l) => <a href={`/gestion/talleres/${l.id}/`}>{l.label}</a>,
              },
              { label: 'Fecha', cell: (l) => formatDateTimeShort(l.startsAt) },
              { label: 'Categoría', cell: (l) => l.category },
              ...rateColumns,
            ]}
          />
        </>
      )}
    </StaffLayout>
  );
}
