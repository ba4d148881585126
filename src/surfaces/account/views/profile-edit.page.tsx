import { CsrfField, Field, PageHeader } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';
import { ContactFields, MarketingConsentField } from './register.page';

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
        <PageHeader
          title="Editar mis datos"
          back={{ href: '/cuenta/perfil/', label: 'Volver a mi cuenta' }}
        />
        <p class="meta wrap-anywhere">Correo: {email}</p>
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
          <ContactFields values={values} errors={errors} />
          <MarketingConsentField checked={Boolean(values.novedades)} />
          <button type="submit" class="button button-block" id="profileSubmit">
            Guardar cambios
          </button>
        </form>
      </section>
    </Layout>
  );
}
