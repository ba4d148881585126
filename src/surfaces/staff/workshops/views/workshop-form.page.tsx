import { MODALITIES } from '../../../../db/schema';
import { MODALITY_LABELS } from '../../../../domain/vocabulary';
import { CsrfField, Field, SelectField, TextAreaField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  workshop: { id: number; name: string } | null;
  values: Record<string, string>;
  errors: Record<string, string>;
  categories: { id: number; name: string }[];
  facilitators: { id: number; name: string }[];
  locations: { id: number; name: string }[];
};

/** Create and edit a workshop: every field, the date and start time included (Santiago time). */
export function WorkshopFormPage({
  ctx,
  workshop,
  values,
  errors,
  categories,
  facilitators,
  locations,
}: Props) {
  const title = workshop ? `Editar ${workshop.name}` : 'Nuevo taller';
  const action = workshop ? `/gestion/talleres/${workshop.id}/editar/` : '/gestion/talleres/nuevo/';
  const v = (k: string) => values[k] ?? '';
  return (
    <StaffLayout
      ctx={ctx}
      title={title}
      crumbs={[
        ['Gestión', '/gestion/'],
        ['Talleres', '/gestion/talleres/'],
        ...(workshop ? ([[workshop.name, `/gestion/talleres/${workshop.id}/`]] as [string, string][]) : []),
        [workshop ? 'Editar' : 'Nuevo'],
      ]}
    >
      <h1>{title}</h1>
      <form method="post" action={action} class="panel workshop-form" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {Object.keys(errors).length > 0 && (
          <p class="flash flash-error" role="alert">
            Revisa los campos marcados.
          </p>
        )}
        <fieldset>
          <legend>El taller</legend>
          <Field name="nombre" label="Nombre" value={v('nombre')} error={errors.nombre} required />
          <TextAreaField
            name="descripcion"
            label="Descripción"
            value={v('descripcion')}
            error={errors.descripcion}
            rows={5}
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
        </fieldset>
        <fieldset>
          <legend>Lo que ve quien se inscribe</legend>
          <TextAreaField
            name="incluye"
            label="Qué incluye"
            value={v('incluye')}
            error={errors.incluye}
            rows={4}
            hint="Una cosa por línea: materiales, lo que se lleva a casa, la once…"
          />
          <TextAreaField
            name="traer"
            label="Qué traer"
            value={v('traer')}
            error={errors.traer}
            rows={3}
            hint="Una cosa por línea. Vacío si no hace falta traer nada."
          />
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
            label="Quién lo guía (si no tiene ficha)"
            value={v('facilitador')}
            error={errors.facilitador}
            hint="Nombre como se muestra en la página; la ficha elegida arriba tiene preferencia."
          />
        </fieldset>
        <fieldset>
          <legend>Cuándo y dónde</legend>
          <div class="grid-2">
            <Field name="fecha" label="Fecha" type="date" value={v('fecha')} error={errors.fecha} required />
            <Field
              name="hora"
              label="Hora de inicio"
              type="time"
              value={v('hora')}
              error={errors.hora}
              hint="Hora de Chile continental (Santiago)."
              required
            />
          </div>
          <Field
            name="duracion"
            label="Duración (minutos)"
            type="number"
            min={1}
            max={1440}
            value={v('duracion')}
            error={errors.duracion}
            required
          />
          <SelectField
            name="modalidad"
            label="Modalidad"
            value={v('modalidad')}
            error={errors.modalidad}
            options={MODALITIES.map((m) => ({ value: m, label: MODALITY_LABELS[m] }))}
            required
          />
          <SelectField
            name="sede"
            label="Sede"
            value={v('sede')}
            error={errors.sede}
            options={locations.map((l) => ({ value: String(l.id), label: l.name }))}
          />
          <Field name="lugar" label="Lugar (presencial)" value={v('lugar')} error={errors.lugar} />
          <Field
            name="enlace"
            label="Enlace de conexión (online)"
            type="url"
            value={v('enlace')}
            error={errors.enlace}
            hint="Se envía a los inscritos en la confirmación y el recordatorio."
          />
          {workshop && (
            <p class="meta">
              Si cambias la fecha u hora, avisaremos por correo a todas las personas inscritas.
            </p>
          )}
        </fieldset>
        <fieldset>
          <legend>Cupos y pagos</legend>
          <Field
            name="precio"
            label="Precio (CLP)"
            inputmode="numeric"
            value={v('precio')}
            error={errors.precio}
            hint="Sin decimales; 0 si es gratuito."
            required
          />
          <Field
            name="cupos"
            label="Cupos totales"
            type="number"
            min={1}
            value={v('cupos')}
            error={errors.cupos}
            hint={workshop ? 'No puede quedar por debajo de los cupos ya ocupados.' : undefined}
            required
          />
          <Field
            name="plazo_anulacion"
            label="Plazo para anular en línea (horas antes del taller)"
            type="number"
            min={0}
            max={720}
            value={v('plazo_anulacion')}
            error={errors.plazo_anulacion}
            required
          />
          <Field
            name="vencimiento_impago"
            label="Liberar cupos impagos después de (horas)"
            type="number"
            min={1}
            max={720}
            value={v('vencimiento_impago')}
            error={errors.vencimiento_impago}
            hint="Vacío: las inscripciones pendientes no vencen."
          />
          <div class="field field-check">
            <label>
              <input type="checkbox" name="activo" value="on" checked={v('activo') === 'on'} /> Activo
              (visible en el catálogo)
            </label>
          </div>
        </fieldset>
        <button type="submit" class="button">
          Guardar
        </button>{' '}
        <a href={workshop ? `/gestion/talleres/${workshop.id}/` : '/gestion/talleres/'}>Cancelar</a>
      </form>
    </StaffLayout>
  );
}
