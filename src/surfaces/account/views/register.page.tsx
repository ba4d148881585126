import { COMMON_PASSWORDS, MIN_PASSWORD_LENGTH } from '../../../lib/password-policy';
import { CheckboxField, CsrfField, Field, JsonDataIsland, PageHeader } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';

type Props = {
  ctx: PageContext;
  values: Record<string, string | null | undefined>;
  errors: Record<string, string>;
};

export function RegisterPage({ ctx, values, errors }: Props) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={ctx} title="Crea tu cuenta" scripts={['/static/js/password-rules.js']}>
      <section class="panel form-narrow">
        <PageHeader
          title="Crea tu cuenta TMM"
          lead="Con tu cuenta te inscribes en talleres, compras kits y ves tu historial."
        />
        {hasErrors && (
          <div class="flash flash-error" role="alert">
            Por favor corrige los errores en el formulario.
          </div>
        )}
        <form method="post" action="/cuenta/registro/" novalidate data-password-form>
          <CsrfField token={ctx.csrfToken} />
          {values.next && <input type="hidden" name="next" value={values.next} />}
          <Field
            name="nombre"
            label="Nombre completo"
            value={values.nombre}
            error={errors.nombre}
            required
            autocomplete="name"
          />
          <Field
            name="email"
            label="Correo electrónico"
            type="email"
            value={values.email}
            error={errors.email}
            required
            autocomplete="email"
            inputmode="email"
          />
          <ContactFields values={values} errors={errors} />
          <Field
            name="password"
            label="Contraseña"
            type="password"
            error={errors.password}
            required
            autocomplete="new-password"
          />
          <Field
            name="password2"
            label="Repite la contraseña"
            type="password"
            error={errors.password2}
            required
            autocomplete="new-password"
          />
          <PasswordRules />
          <MarketingConsentField checked={Boolean(values.novedades)} />
          <p class="meta">
            Al crear tu cuenta aceptas los <a href="/terminos/">términos y condiciones</a> y nuestra{' '}
            <a href="/privacidad/">política de privacidad</a>.
          </p>
          <button type="submit" class="button button-block" id="registerSubmit">
            Crear mi cuenta
          </button>
        </form>
        <p>
          ¿Ya tienes cuenta? <a href="/login/">Inicia sesión</a>
        </p>
      </section>
    </Layout>
  );
}

/**
 * The marketing opt-in: never ticked unless the customer ticked it (sign-up) or said yes before
 * (profile). Its text links the privacy policy, which says what "novedades" are and how to stop them.
 */
export function MarketingConsentField({ checked }: { checked: boolean }) {
  return (
    <CheckboxField
      name="novedades"
      checked={checked}
      hint={
        <>
          Talleres nuevos y ofertas. Puedes darte de baja cuando quieras, desde tu cuenta o desde cada correo.
          Lee cómo cuidamos tus datos en nuestra <a href="/privacidad/">política de privacidad</a>.
        </>
      }
    >
      Quiero recibir novedades y talleres por correo
    </CheckboxField>
  );
}

/** The rules the server enforces; password-rules.js ticks them as the user types. */
export function PasswordRules() {
  return (
    <div class="password-rules" id="password-rules">
      <JsonDataIsland
        id="password-policy"
        data={{ minLength: MIN_PASSWORD_LENGTH, common: COMMON_PASSWORDS }}
      />
      <p>Tu contraseña debe cumplir:</p>
      <ul>
        <li data-rule="length">Al menos {MIN_PASSWORD_LENGTH} caracteres</li>
        <li data-rule="identity">No ser tu correo ni tu nombre</li>
        <li data-rule="common">No ser una contraseña común</li>
        <li data-rule="match">Las dos contraseñas coinciden</li>
      </ul>
    </div>
  );
}

/** Phone, birth date, comuna and RUT: the same fields and rules on sign-up and on the profile form. */
export function ContactFields({
  values,
  errors,
}: {
  values: Record<string, string | null | undefined>;
  errors: Record<string, string>;
}) {
  return (
    <>
      <Field
        name="telefono"
        label="Teléfono"
        type="tel"
        value={values.telefono}
        error={errors.telefono}
        required
        autocomplete="tel"
        inputmode="tel"
        placeholder="+56912345678"
      />
      <Field
        name="fecha_nacimiento"
        label="Fecha de nacimiento (opcional)"
        type="date"
        value={values.fecha_nacimiento}
        error={errors.fecha_nacimiento}
        autocomplete="bday"
      />
      <Field name="comuna" label="Comuna (opcional)" value={values.comuna} error={errors.comuna} />
      <Field
        name="rut"
        label="RUT (opcional)"
        value={values.rut}
        error={errors.rut}
        placeholder="12.345.678-5"
      />
    </>
  );
}
