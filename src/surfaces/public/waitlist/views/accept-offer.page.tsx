import { formatDateTimeLong } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, Field } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';

type Props = {
  ctx: PageContext;
  workshop: { id: number; name: string; startsAt: string; priceClp: number };
  offerExpiresAt: string | null;
  /** Seats the offer holds (a party waited for all of them); 1 by default. */
  seats?: number;
};

export function AcceptOfferPage({ ctx, workshop, offerExpiresAt, seats = 1 }: Props) {
  return (
    <Layout ctx={ctx} title={`Tu cupo en ${workshop.name}`}>
      <section class="panel form-narrow">
        <h1>Tu cupo en {workshop.name}</h1>
        <p>{formatDateTimeLong(workshop.startsAt)}</p>
        {offerExpiresAt ? (
          <>
            {seats > 1 ? (
              <p data-test="offer-live">
                Se liberaron {seats} cupos y los guardamos para ti hasta el{' '}
                {formatDateTimeLong(offerExpiresAt)}. Confírmalos para inscribirte (
                {formatClp(workshop.priceClp * seats)} en total).
              </p>
            ) : (
              <p data-test="offer-live">
                Se liberó un cupo y lo guardamos para ti hasta el {formatDateTimeLong(offerExpiresAt)}.
                Confírmalo para inscribirte ({formatClp(workshop.priceClp)}).
              </p>
            )}
            <form method="post" action={`/talleres/${workshop.id}/lista-espera/aceptar/`} class="pay-actions">
              <CsrfField token={ctx.csrfToken} />
              {Array.from({ length: seats - 1 }, (_, i) => (
                <Field
                  name={`acompanante${i + 2}`}
                  label={`Acompañante ${i + 1} (opcional)`}
                  autocomplete="off"
                />
              ))}
              <button type="submit" class="button button-block">
                {seats > 1 ? `Tomar mis ${seats} cupos` : 'Tomar mi cupo'}
              </button>
            </form>
            <form method="post" action={`/talleres/${workshop.id}/lista-espera/salir/`}>
              <CsrfField token={ctx.csrfToken} />
              <button type="submit" class="link-button">
                No puedo ir: liberar el cupo para otra persona
              </button>
            </form>
          </>
        ) : (
          <p data-test="offer-none">
            No tienes una oferta de cupo vigente para este taller. Si el plazo venció, el cupo pasó a la
            siguiente persona de la lista.
          </p>
        )}
        <p>
          <a href={`/talleres/${workshop.id}/`}>Ver el taller</a>
        </p>
      </section>
    </Layout>
  );
}
