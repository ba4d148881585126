import { ButtonLink, PageHeader, Section } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';

type Props = { ctx: PageContext; address: string };

/** The new address of the customer's calendar, shown this once, with the ways to subscribe. */
export function CalendarFeedPage({ ctx, address }: Props) {
  const webcal = address.replace(/^https?:\/\//, 'webcal://');
  return (
    <Layout ctx={ctx} title="Tus talleres en tu calendario">
      <PageHeader
        title="Tus talleres en tu calendario"
        lead="Suscríbete una vez y tus inscripciones aparecerán solas en tu calendario, también las que hagas después."
        back={{ href: '/cuenta/perfil/', label: 'Mi cuenta' }}
      />
      <Section id="enlace" title="Tu enlace privado">
        <p>
          Guárdalo ahora: por seguridad no lo volveremos a mostrar. Si lo pierdes o lo compartiste por error,
          crea uno nuevo desde tu cuenta y este dejará de funcionar.
        </p>
        <label for="calendar-address">Dirección del calendario</label>
        <input
          id="calendar-address"
          type="text"
          readOnly
          value={address}
          class="copy-field"
          data-test="calendar-address"
        />
        <div class="button-row">
          <ButtonLink href={webcal}>Abrir en mi calendario</ButtonLink>
          <ButtonLink
            href={`https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`}
            variant="secondary"
          >
            Agregar a Google Calendar
          </ButtonLink>
        </div>
        <p class="meta">
          En Outlook: “Agregar calendario” → “Suscribirse desde la web” y pega la dirección. Los calendarios
          revisan los cambios cada algunas horas.
        </p>
      </Section>
    </Layout>
  );
}
