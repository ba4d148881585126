import { plural } from '../../../../domain/vocabulary';
import { PageHeader } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { LEGAL_UPDATED, type LegalRules } from '../legal';

type Props = { ctx: PageContext; rules: LegalRules };

/**
 * Términos y condiciones: how enrolling, paying, cancelling and buying kits work, written from the
 * rules the application applies (cancellation cut-off, refunds of what was paid, waitlist holds,
 * order expiry), and the consumer's rights under the Ley 19.496.
 */
export function TermsPage({ ctx, rules }: Props) {
  const { centre } = ctx;
  const hold = plural(rules.waitlistHoldHours, 'hora');
  const orderExpiry = plural(rules.orderExpiryHours, 'hora');
  const cutoff = plural(rules.defaultCancellationCutoffHours, 'hora');
  return (
    <Layout ctx={ctx} title="Términos y condiciones">
      <article class="prose">
        <PageHeader
          title="Términos y condiciones"
          lead={`Cómo funcionan las inscripciones, los pagos, las anulaciones y la compra de kits en ${centre.name}.`}
        />
        <p class="meta">Última actualización: {LEGAL_UPDATED}.</p>

        <nav class="toc" aria-labelledby="toc-terminos">
          <strong id="toc-terminos">En esta página</strong>
          <ol>
            <li>
              <a href="#quienes-somos">Quiénes somos</a>
            </li>
            <li>
              <a href="#cuenta">Tu cuenta</a>
            </li>
            <li>
              <a href="#inscripciones">Inscripción en talleres</a>
            </li>
            <li>
              <a href="#pagos">Pagos</a>
            </li>
            <li>
              <a href="#anulaciones">Anulaciones y devoluciones</a>
            </li>
            <li>
              <a href="#retracto">Derecho a retracto</a>
            </li>
            <li>
              <a href="#kits">Compra de kits</a>
            </li>
            <li>
              <a href="#correos">Correos que te enviamos</a>
            </li>
            <li>
              <a href="#otros">Otras condiciones</a>
            </li>
          </ol>
        </nav>

        <h2 id="quienes-somos">1. Quiénes somos</h2>
        <p>
          {centre.name} (en adelante, «TMM») es un centro de talleres de manualidades y mindfulness ubicado en{' '}
          {centre.address}. Puedes escribirnos a <a href={`mailto:${centre.email}`}>{centre.email}</a> o por
          WhatsApp al <a href={centre.whatsapp.href}>{centre.whatsapp.label}</a>.
        </p>
        <p>
          Al crear una cuenta, inscribirte en un taller o comprar un kit en este sitio aceptas estos términos.
          Te recomendamos leerlos con calma; si algo no queda claro, pregúntanos antes de pagar.
        </p>

        <h2 id="cuenta">2. Tu cuenta</h2>
        <ul>
          <li>
            Para inscribirte o comprar necesitas una cuenta con tu nombre, tu correo y tu teléfono. La cuenta
            se activa cuando abres el enlace que te enviamos por correo.
          </li>
          <li>
            Tu contraseña es personal. Si crees que otra persona la conoce, cámbiala desde «Mi cuenta» o pide
            un enlace para elegir una nueva.
          </li>
          <li>
            Mantén tus datos al día desde «Mi cuenta»: los usamos para avisarte de cualquier cambio en tus
            talleres.
          </li>
        </ul>

        <h2 id="inscripciones">3. Inscripción en talleres</h2>
        <ul>
          <li>
            Cada taller tiene cupos limitados. Tu cupo queda reservado en cuanto confirmas la inscripción, y
            te enviamos un correo con los datos del taller.
          </li>
          <li>
            El precio es el publicado en la ficha del taller al momento de inscribirte, en pesos chilenos e
            impuestos incluidos. Si el precio cambia después, tu inscripción mantiene el precio con que te
            inscribiste.
          </li>
          <li>Puedes tener una sola inscripción vigente por taller.</li>
          <li>
            En los talleres online te enviamos por correo el enlace de conexión. En los presenciales, la
            dirección aparece en la ficha del taller y en el correo de confirmación.
          </li>
          <li>
            <strong>Lista de espera.</strong> Si un taller está completo puedes unirte a su lista de espera.
            Cuando se libera un cupo se lo ofrecemos a la primera persona de la lista y se lo guardamos
            durante {hold}. Si no lo toma en ese plazo, pasa a la siguiente. Estar en la lista de espera no
            tiene costo y no te obliga a nada.
          </li>
        </ul>

        <h2 id="pagos">4. Pagos</h2>
        <ul>
          <li>
            Puedes pagar en línea desde la página de pago de tu inscripción o desde «Mi cuenta», o en el
            centro (efectivo, transferencia o tarjeta); el equipo registra esos pagos en tu cuenta.
          </li>
          <li>
            Se aceptan abonos: puedes pagar una parte y el saldo antes del taller. En «Mi cuenta» ves siempre
            lo que has pagado y lo que falta.
          </li>
          <li>Por cada pago te enviamos un comprobante por correo.</li>
          <li>
            Algunos talleres indican un plazo para pagar. Si una inscripción sigue sin pago cuando vence ese
            plazo, se anula sola y el cupo queda libre para otra persona; te avisamos por correo.
          </li>
          <li>
            Mientras el sitio esté en su etapa de demostración, el pago en línea es simulado: no se realiza
            ningún cargo a tu tarjeta ni a tu cuenta bancaria.
          </li>
        </ul>

        <h2 id="anulaciones">5. Anulaciones y devoluciones</h2>
        <h3>Si tú anulas</h3>
        <ul>
          <li>
            Puedes anular tu inscripción desde «Mi cuenta» hasta el plazo de anulación del taller, que es de{' '}
            {cutoff} antes de su inicio salvo que el taller indique otro.
          </li>
          <li>
            Si anulas dentro de ese plazo, te devolvemos el total de lo que hayas pagado, sin descuentos. Nos
            pondremos en contacto para coordinar la devolución, que hacemos por transferencia o por el mismo
            medio con que pagaste, en un plazo máximo de 45 días.
          </li>
          <li>
            Pasado ese plazo ya no es posible anular en línea. Escríbenos y buscaremos una solución juntos,
            por ejemplo, cambiarte a otra fecha del mismo taller si hay cupos.
          </li>
          <li>Si no asistes a un taller sin haberlo anulado, no corresponde devolución.</li>
        </ul>
        <h3>Si TMM cancela o cambia un taller</h3>
        <ul>
          <li>
            Si cancelamos un taller, anulamos todas sus inscripciones, te avisamos por correo y te devolvemos
            el total pagado.
          </li>
          <li>
            Si cambiamos la fecha u hora, te avisamos por correo. Si la nueva fecha no te acomoda, puedes
            anular tu inscripción desde «Mi cuenta» o escribirnos, y te devolvemos lo pagado.
          </li>
        </ul>

        <h2 id="retracto">6. Derecho a retracto</h2>
        <p>
          La Ley N° 19.496 sobre protección de los derechos de los consumidores (artículo 3 bis) te permite
          retractarte de los servicios y productos que contratas a distancia, como en este sitio. En TMM no
          excluimos ese derecho:
        </p>
        <ul>
          <li>
            <strong>Talleres:</strong> puedes retractarte dentro de los 10 días siguientes a tu inscripción,
            siempre que el taller no se haya realizado todavía. Si estás dentro de ese plazo pero ya pasó el
            plazo de anulación en línea, escríbenos y anulamos la inscripción nosotros.
          </li>
          <li>
            <strong>Kits:</strong> puedes retractarte dentro de los 10 días siguientes a recibir el kit,
            devolviéndolo sin usar, en buen estado y con su embalaje original.
          </li>
          <li>
            Te devolvemos lo pagado sin retener gastos, a la brevedad y en cualquier caso antes de 45 días
            desde que nos comunicas el retracto.
          </li>
        </ul>

        <h2 id="kits">7. Compra de kits</h2>
        <ul>
          <li>
            Al finalizar la compra reservamos los productos de tu pedido. Tienes {orderExpiry} para pagarlo;
            si no se paga en ese plazo, el pedido se anula solo y los productos vuelven a la tienda.
          </li>
          <li>Mientras un pedido esté pendiente de pago puedes anularlo desde su página de pago.</li>
          <li>
            Los kits se retiran en el centro ({centre.address}) o se entregan en tu próximo taller;
            coordinamos la entrega por correo o WhatsApp.
          </li>
          <li>
            Si un kit llega con fallas, tienes la garantía legal: dentro de los 6 meses siguientes a la
            entrega puedes elegir entre su cambio, su reparación o la devolución de lo pagado.
          </li>
        </ul>

        <h2 id="correos">8. Correos que te enviamos</h2>
        <p>
          Siempre te enviamos los correos necesarios para tus inscripciones y compras: confirmaciones,
          comprobantes, recordatorios de tus talleres y avisos de cambios. Los correos de novedades (talleres
          nuevos, ofertas) solo te llegan si los aceptaste, y puedes dejar de recibirlos cuando quieras con el
          enlace que trae cada uno o desde «Mi cuenta». Más detalles en nuestra{' '}
          <a href="/privacidad/">política de privacidad</a>.
        </p>

        <h2 id="otros">9. Otras condiciones</h2>
        <ul>
          <li>
            Los materiales necesarios para cada taller están incluidos en su precio, salvo que la ficha del
            taller diga otra cosa.
          </li>
          <li>No publicamos fotos en las que aparezcas sin pedirte autorización antes.</li>
          <li>
            Podemos actualizar estos términos; los cambios no afectan las inscripciones ni compras ya hechas y
            publicamos siempre la fecha de la última actualización.
          </li>
          <li>
            Estos términos se rigen por las leyes de Chile. Si tienes un reclamo, escríbenos primero: queremos
            resolverlo. También puedes acudir al Servicio Nacional del Consumidor (SERNAC).
          </li>
        </ul>
      </article>
    </Layout>
  );
}
