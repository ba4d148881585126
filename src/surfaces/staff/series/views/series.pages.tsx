import type { SessionState, StaffSeriesView } from '../../../../domain/series';
import { plural, WEEKDAY_LABELS, weeklyRuleLabel } from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import { formatCalendarDate, formatDateTimeLong, formatSession } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import {
  Badge,
  type BadgeTone,
  CsrfField,
  DataList,
  Field,
  ResponsiveTable,
  SelectField,
  TextAreaField,
} from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { SERIES_LIST } from '../series.list';

const LIST = SERIES_LIST.path;

export function SeriesListPage({ ctx, query, page }: ListDataOf<typeof SERIES_LIST> & { ctx: PageContext }) {
  return (
    <StaffLayout ctx={ctx} title="Series" crumbs={[['Gestión', '/gestion/'], ['Series']]}>
      <div class="section-head">
        <h1>Series</h1>
        <p>
          <a href="/gestion/series/nueva/" class="button button-small">
            Nueva serie
          </a>
        </p>
      </div>
      <p class="meta">
        Talleres que se repiten cada semana: sus sesiones se crean con 12 semanas de anticipación.
      </p>
      <ListFilters basePath={LIST} query={query} placeholder="Nombre de la serie" />
      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Series"
        empty="No hay series que coincidan con la búsqueda."
        rowId={SERIES_LIST.rowId}
        columns={SERIES_LIST.columns}
      />
    </StaffLayout>
  );
}

type FormProps = {
  ctx: PageContext;
  /** The series being edited (its template only), or null for a new one. */
  series: { id: number; name: string } | null;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  categories: { id: number; name: string }[];
  locations: { id: number; name: string }[];
  facilitators: { id: number; name: string }[];
};

/** Create a series (template and weekly rule), or edit the template of one. */
export function SeriesFormPage({
  ctx,
  series,
  values,
  errors,
  categories,
  locations,
  facilitators,
}: FormProps) {
  const title = series ? `Editar ${series.name}` : 'Nueva serie';
  const action = series ? `/gestion/series/${series.id}/editar/` : '/gestion/series/nueva/';
  const v = (k: string) => {
    const value = values[k];
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  };
  const days = new Set([values.dias ?? []].flat().map(String));
  return (
    <StaffLayout
      ctx={ctx}
      title={title}
      crumbs={[
        ['Gestión', '/gestion/'],
        ['Series', LIST],
        ...(series ? ([[series.name, `/gestion/series/${series.id}/`]] as [string, string][]) : []),
        [series ? 'Editar' : 'Nueva'],
      ]}
    >
      <h1>{title}</h1>
      <form method="post" action={action} class="panel workshop-form" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {Object.keys(errors).length > 0 && (
          <p class="flash flash-error" role="alert">
            {errors._form ?? 'Revisa los campos marcados.'}
          </p>
        )}
        <fieldset>
          <legend>Cada sesión</legend>
          <Field name="nombre" label="Nombre" value={v('nombre')} error={errors.nombre} required />
          <TextAreaField
            name="descripcion"
            label="Descripción"
            value={v('descripcion')}
            error={errors.descripcion}
            rows={4}
            required
          />
          <SelectField
            name="categoria"
            label="Categoría (interés)"
            value={v('categoria')}
            error={errors.categoria}
            emptyLabel="Sin categoría"
            options={categories.map((c) => ({ value: String(c.id), label: c.name }))}
          />
          <Field
            name="precio"
            label="Precio por sesión"
            value={v('precio')}
            error={errors.precio}
            inputmode="numeric"
            required
          />
          <Field
            name="cupos"
            label="Cupos"
            value={v('cupos')}
            error={errors.cupos}
            inputmode="numeric"
            required
          />
          <Field
            name="duracion"
            label="Duración (minutos)"
            value={v('duracion')}
            error={errors.duracion}
            inputmode="numeric"
            required
          />
          <Field
            name="hora"
            label="Hora de inicio"
            type="time"
            value={v('hora')}
            error={errors.hora}
            required
          />
          <SelectField
            name="sede"
            label="Sede"
            value={v('sede')}
            error={errors.sede}
            options={locations.map((l) => ({ value: String(l.id), label: l.name }))}
          />
          <Field name="lugar" label="Sala o lugar" value={v('lugar')} error={errors.lugar} />
          <SelectField
            name="facilitador_id"
            label="Facilitador(a)"
            value={v('facilitador_id')}
            error={errors.facilitador_id}
            emptyLabel="Sin ficha de facilitador"
            options={facilitators.map((f) => ({ value: String(f.id), label: f.name }))}
          />
          <Field
            name="facilitador"
            label="Quién la guía (si no tiene ficha)"
            value={v('facilitador')}
            error={errors.facilitador}
            hint="Nombre como se muestra en la página; la ficha elegida arriba tiene preferencia."
          />
          <Field
            name="certificado"
            label="Certificado: asistencia mínima a la serie (%)"
            value={v('certificado')}
            error={errors.certificado}
            hint="En blanco, cada sesión con asistencia da su certificado. Con un número, solo lo reciben quienes asistieron a ese porcentaje de las sesiones realizadas."
            inputmode="numeric"
          />
        </fieldset>
        {series ? (
          <p class="meta">
            Los cambios se aplican a las sesiones por venir que nadie editó a mano en Talleres; las pasadas,
            las canceladas y las editadas a mano quedan como están. Quien esté inscrito recibe un correo si
            cambia la hora.
          </p>
        ) : (
          <fieldset>
            <legend>Cuándo se repite</legend>
            <fieldset
              class={`series-days${errors.dias ? ' field-invalid' : ''}`}
              aria-describedby={errors.dias ? 'f-dias-error' : undefined}
            >
              <legend>Días de la semana *</legend>
              {Object.entries(WEEKDAY_LABELS).map(([value, label]) => (
                <div class="check-field">
                  <input
                    type="checkbox"
                    id={`f-dias-${value}`}
                    name="dias"
                    value={value}
                    checked={days.has(value)}
                  />
                  <label for={`f-dias-${value}`}>{label}</label>
                </div>
              ))}
              {errors.dias && (
                <small id="f-dias-error" class="error">
                  {errors.dias}
                </small>
              )}
            </fieldset>
            <Field
              name="desde"
              label="Primera fecha"
              type="date"
              value={v('desde')}
              error={errors.desde}
              required
            />
            <SelectField
              name="termina"
              label="Termina"
              value={v('termina') || 'sesiones'}
              error={errors.termina}
              options={[
                { value: 'sesiones', label: 'Después de un número de sesiones' },
                { value: 'fecha', label: 'En una fecha' },
              ]}
            />
            <Field
              name="sesiones"
              label="Número de sesiones"
              value={v('sesiones')}
              error={errors.sesiones}
              inputmode="numeric"
            />
            <Field name="hasta" label="Última fecha" type="date" value={v('hasta')} error={errors.hasta} />
          </fieldset>
        )}
        <button type="submit" class="button">
          Guardar
        </button>{' '}
        <a href={series ? `/gestion/series/${series.id}/` : LIST}>Cancelar</a>
      </form>
    </StaffLayout>
  );
}

const STATE: Record<SessionState, [string, BadgeTone]> = {
  upcoming: ['Por venir', 'ok'],
  past: ['Realizada', 'neutral'],
  cancelled: ['Cancelada', 'err'],
};

/** A series: its template, its rule, and every session made so far with a way to cancel one. */
export function SeriesDetailPage({ ctx, series, sessions }: StaffSeriesView & { ctx: PageContext }) {
  const path = `/gestion/series/${series.id}/`;
  return (
    <StaffLayout
      ctx={ctx}
      title={series.name}
      crumbs={[['Gestión', '/gestion/'], ['Series', LIST], [series.name]]}
    >
      <div class="section-head">
        <h1>{series.name}</h1>
        <p>
          <a href={`${path}editar/`} class="button button-small">
            Editar serie
          </a>{' '}
          <a href={`/series/${series.id}/`}>Ver página pública</a>
        </p>
      </div>
      <section class="panel" aria-labelledby="plantilla">
        <h2 id="plantilla">Plantilla y regla</h2>
        <DataList
          items={[
            { label: 'Cuándo', value: weeklyRuleLabel(series.weekdays, series.startTime) },
            { label: 'Desde', value: formatCalendarDate(series.startsOn) },
            {
              label: 'Hasta',
              value: series.endsOn
                ? formatCalendarDate(series.endsOn)
                : plural(series.sessionCount ?? 0, 'sesión', 'sesiones'),
            },
            { label: 'Precio por sesión', value: formatClp(series.priceClp) },
            { label: 'Cupos', value: series.totalSeats },
            { label: 'Duración', value: `${series.durationMinutes} min` },
            { label: 'Categoría', value: series.categoryName },
            { label: 'Sede', value: series.locationName },
            { label: 'Sala o lugar', value: series.location },
            { label: 'Quién la guía', value: series.facilitatorRecordName ?? series.facilitatorName },
            {
              label: 'Certificado',
              value:
                series.certificateMinPercent === null
                  ? 'Por cada sesión con asistencia'
                  : `Con al menos ${series.certificateMinPercent} % de asistencia a la serie`,
            },
          ]}
        />
      </section>
      <section class="panel section" aria-labelledby="sesiones">
        <h2 id="sesiones">Sesiones ({sessions.length})</h2>
        <ResponsiveTable
          caption="Sesiones de la serie"
          rows={sessions}
          rowAttributes={(s) => ({ 'data-test': `session-${s.state}` })}
          columns={[
            {
              label: 'Sesión',
              title: true,
              cell: (s) => (
                <a href={`/gestion/talleres/${s.workshopId}/`}>
                  {formatSession(s.startsAt, series.durationMinutes)}
                </a>
              ),
            },
            { label: 'Estado', cell: (s) => <Badge tone={STATE[s.state][1]}>{STATE[s.state][0]}</Badge> },
            { label: 'Inscritos', numeric: true, cell: (s) => `${s.seatsTaken} de ${s.totalSeats}` },
            { label: 'Precio', numeric: true, cell: (s) => formatClp(s.priceClp) },
            {
              label: 'Acciones',
              actions: true,
              cell: (s) =>
                s.state === 'upcoming' ? (
                  <a href={`${path}sesiones/${s.workshopId}/cancelar/`}>Cancelar sesión</a>
                ) : null,
            },
          ]}
        />
      </section>
    </StaffLayout>
  );
}

type CancelProps = {
  ctx: PageContext;
  series: { id: number; name: string };
  session: { workshopId: number; startsAt: string; seatsTaken: number; cancelledAt: string | null };
  values: Record<string, string>;
  errors: Record<string, string>;
};

/** The confirmation before cancelling one session: who is told and what happens to their money. */
export function CancelSessionPage({ ctx, series, session, values, errors }: CancelProps) {
  const path = `/gestion/series/${series.id}/`;
  return (
    <StaffLayout
      ctx={ctx}
      title={`Cancelar sesión de ${series.name}`}
      crumbs={[['Gestión', '/gestion/'], ['Series', LIST], [series.name, path], ['Cancelar sesión']]}
    >
      <h1>Cancelar sesión</h1>
      <p class="meta">
        {series.name} · {formatDateTimeLong(session.startsAt)}
      </p>
      {session.cancelledAt ? (
        <p class="empty">Esta sesión ya fue cancelada.</p>
      ) : (
        <form
          method="post"
          action={`${path}sesiones/${session.workshopId}/cancelar/`}
          class="panel form-narrow"
          novalidate
        >
          <CsrfField token={ctx.csrfToken} />
          <p>
            Se anulan {plural(session.seatsTaken, 'inscripción', 'inscripciones')}; lo pagado queda como
            devolución pendiente y cada persona recibe un correo. Las demás sesiones de la serie siguen igual.
          </p>
          <TextAreaField
            name="nota"
            label="Mensaje para los inscritos (opcional)"
            value={values.nota}
            error={errors.nota}
            rows={3}
          />
          <button type="submit" class="button button-danger">
            Cancelar esta sesión
          </button>{' '}
          <a href={path}>Volver</a>
        </form>
      )}
    </StaffLayout>
  );
}
