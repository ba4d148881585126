import { CsrfField, Field } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';

type Props = {
  ctx: PageContext;
  email: string;
  values: Record<string, string | null | undefined>;
  errors: Record<string, string>;
};

export function ProfileEditPage({ ctx, email, values, errors }: Props) {
  return (
    <Layout ctx={ctx} title="Editar mis datos">
      <section class="panel form-narrow">
        <h1>Editar mis datos</h1>
        <p class="meta">Correo: {email}</p>
        <form method="post" action="/cuenta/perfil/editar/" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Field
            name="nombre"
            label="Nombre completo"
            value={values.nombre}
            error={errors.nombre}
            required
            autocomplete="name"
          />
          <Field
            name="telefono"
            label="Teléfono"
            type="tel"
            value={values.telefono}
            error={errors.telefono}
            required
            autocomplete="tel"
            inputmode="tel"
          />
          <Field
            name="fecha_nacimiento"
            label="Fecha de nacimiento (opcional)"
            type="date"
            value={values.fecha_nacimiento}
            error={errors.fecha_nacimiento}
          />
          <Field name="comuna" label="Comuna (opcional)" value={values.comuna} error={errors.comuna} />
          <Field
            name="rut"
            label="RUT (opcional)"
            value={values.rut}
            error={errors.rut}
            placeholder="12.345.678-5"
          />
          <button type="submit" class="button button-block" id="profileSubmit">
            Guardar cambios
          </button>
        </form>
        <p>
          <a href="/cuenta/perfil/">Volver a mi perfil</a>
        </p>
      </section>
    </Layout>
  );
}
