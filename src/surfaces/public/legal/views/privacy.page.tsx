import { PageHeader, ResponsiveTable } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { LEGAL_UPDATED } from '../legal';

type Use = { purpose: string; data: string; basis: string };

/** What the application keeps, why and on which legal basis (the rows match what it really stores). */
const USES: Use[] = [
  {
    purpose: 'Crear y mantener tu cuenta',
    data: 'Nombre, correo, teléfono, contraseña (guardada cifrada, nunca en texto legible)',
    basis: 'Ejecución del contrato que aceptas al registrarte',
  },
  {
    purpose: 'Inscribirte en talleres, ofrecerte cupos de la lista de espera y avisarte de cambios',
    data: 'Tus inscripciones, tu lugar en listas de espera, tu teléfono y correo',
    basis: 'Ejecución del contrato',
  },
  {
    purpose: 'Cobrar, emitir comprobantes y devolver dinero',
    data: 'Montos, medio de pago, fecha y referencia de cada pago o devolución; tus pedidos de kits',
    basis: 'Ejecución del contrato y obligaciones legales (tributarias y contables)',
  },
  {
    purpose: 'Completar tu ficha si lo deseas',
    data: 'RUT, fecha de nacimiento y comuna (todos opcionales)',
    basis: 'Tu consentimiento, al escribirlos; puedes borrarlos cuando quieras',
  },
  {
    purpose: 'Enviarte novedades: talleres nuevos y ofertas',
    data: 'Nombre, correo y los temas de los talleres a los que has asistido',
    basis: 'Tu consentimiento (la casilla de novedades), que puedes retirar en cualquier momento',
  },
  {
    purpose: 'Proteger las cuentas y el sitio',
    data: 'Dirección IP e intentos fallidos de inicio de sesión, cookies de sesión y de dispositivo',
    basis: 'Interés legítimo en la seguridad de tu cuenta',
  },
  {
    purpose: 'Conocer cómo funciona el centro (cupos vendidos, ingresos por mes)',
    data: 'Estadísticas agregadas de inscripciones y ventas, sin identificar a nadie',
    basis: 'Interés legítimo',
  },
];

/**
 * Política de privacidad under the Ley 19.628 and the Ley 21.719 (in force from 1 December 2026):
 * who is responsible, what data and why, legal bases, who receives it, how long it is kept, the
 * rights (access, rectification, deletion, opposition, portability, blocking) and how to use them.
 */
export function PrivacyPage({ ctx }: { ctx: PageContext }) {
  const { centre } = ctx;
  const mail = <a href={`mailto:${centre.email}`}>{centre.email}</a>;
  return (
    <Layout ctx={ctx} title="Política de privacidad">
      <article class="prose">
        <PageHeader
          title="Política de privacidad"
          lead="Qué datos tuyos guardamos, para qué, cuánto tiempo y cómo puedes ejercer tus derechos."
        />
        <p class="meta">Última actualización: {LEGAL_UPDATED}.</p>

        <h2 id="responsable">Quién es responsable de tus datos</h2>
        <p>
          {centre.name}, con domicilio en {centre.address}, es responsable del tratamiento de los datos
          personales que nos entregas en este sitio y en el centro. Para cualquier consulta sobre tus datos
          escríbenos a {mail} o por WhatsApp al <a href={centre.whatsapp.href}>{centre.whatsapp.label}</a>.
        </p>
        <p>
          Tratamos tus datos conforme a la Ley N° 19.628 sobre protección de la vida privada y a la Ley N°
          21.719, que la moderniza y rige desde el 1 de diciembre de 2026. Solo pedimos los datos que
          necesitamos, los usamos para los fines que aquí explicamos y no los vendemos a nadie.
        </p>

        <h2 id="datos">Qué datos tratamos, para qué y con qué base legal</h2>
        <ResponsiveTable
          caption="Datos, fines y bases legales"
          rows={USES}
          columns={[
            { label: 'Para qué', title: true, cell: (u) => u.purpose },
            { label: 'Qué datos', cell: (u) => u.data },
            { label: 'Base legal', cell: (u) => u.basis },
          ]}
        />
        <p>
          No tratamos datos sensibles (como salud u origen étnico) ni tomamos decisiones sobre ti de forma
          automatizada. Los menores de 18 años deben inscribirse a través de su madre, padre o tutor.
        </p>

        <h2 id="novedades">Correos de novedades</h2>
        <p>
          Solo te enviamos novedades si marcaste la casilla «Quiero recibir novedades y talleres por correo»
          al registrarte o en «Mi cuenta», y guardamos la fecha en que lo hiciste. Puedes retirar ese
          consentimiento cuando quieras desde «Mi cuenta» o con el enlace «darme de baja» que trae cada correo
          de novedades. Los correos de tus inscripciones y compras (confirmaciones, comprobantes,
          recordatorios) te seguirán llegando porque son parte del servicio.
        </p>

        <h2 id="destinatarios">Con quién compartimos tus datos</h2>
        <ul>
          <li>
            Con el equipo de TMM que atiende los talleres, la tienda y los pagos, solo en lo que cada persona
            necesita para su trabajo.
          </li>
          <li>
            Con los proveedores que nos prestan servicios —alojamiento del sitio y envío de correos—, que
            tratan los datos solo por encargo nuestro, bajo contrato y con medidas de seguridad. Si alguno de
            ellos los trata fuera de Chile, exigimos que ofrezca un nivel de protección adecuado.
          </li>
          <li>Con autoridades, cuando la ley nos obligue a entregarlos.</li>
        </ul>

        <h2 id="conservacion">Cuánto tiempo los guardamos</h2>
        <ul>
          <li>
            Los datos de tu cuenta, mientras la mantengas. Si pides eliminarla, borramos o anonimizamos tus
            datos, salvo los que la ley nos obliga a conservar.
          </li>
          <li>
            Los registros de pagos, devoluciones y ventas, durante 6 años, como exige la normativa tributaria.
          </li>
          <li>Un registro que no se activa con el enlace del correo se borra al día siguiente de vencer.</li>
          <li>
            Los intentos fallidos de inicio de sesión, un día; las sesiones, hasta que cierras sesión o vencen
            (14 días).
          </li>
          <li>Tu consentimiento para novedades, hasta que lo retires.</li>
        </ul>

        <h2 id="cookies">Cookies</h2>
        <p>
          Usamos solo cookies necesarias para que el sitio funcione: la de tu sesión (para mantenerte
          conectada o conectado, 14 días), una de seguridad para los formularios y una que recuerda los
          dispositivos desde los que ya entraste a tu cuenta (un año), para que nadie pueda bloquearla
          escribiendo contraseñas equivocadas desde otro lugar. No usamos cookies de publicidad ni de
          seguimiento.
        </p>

        <h2 id="derechos">Tus derechos</h2>
        <p>Sobre tus datos personales tienes derecho a:</p>
        <ul>
          <li>
            <strong>Acceso:</strong> saber qué datos tuyos tenemos, de dónde salieron, para qué los usamos y a
            quién se los entregamos.
          </li>
          <li>
            <strong>Rectificación:</strong> corregir los que estén equivocados o incompletos. Casi todos los
            puedes cambiar tú mismo en «Mi cuenta».
          </li>
          <li>
            <strong>Supresión:</strong> pedir que los eliminemos cuando ya no sean necesarios, cuando retires
            tu consentimiento o cuando se hayan tratado sin base legal.
          </li>
          <li>
            <strong>Oposición:</strong> oponerte a que los usemos para un fin determinado, como el envío de
            novedades.
          </li>
          <li>
            <strong>Portabilidad:</strong> recibir tus datos en un formato estructurado y de uso común (por
            ejemplo, una planilla), o pedir que se los enviemos a otra persona o empresa.
          </li>
          <li>
            <strong>Bloqueo:</strong> pedir que suspendamos temporalmente el uso de tus datos mientras
            resolvemos una solicitud tuya de rectificación, supresión u oposición.
          </li>
        </ul>

        <h2 id="como-ejercer">Cómo ejercer tus derechos</h2>
        <ol>
          <li>
            Escríbenos a {mail} desde el correo de tu cuenta, indicando qué derecho quieres ejercer y sobre
            qué datos. Si escribes desde otro correo, te pediremos acreditar tu identidad.
          </li>
          <li>Es gratis. Te responderemos dentro de 30 días corridos desde que recibamos tu solicitud.</li>
          <li>
            Si no respondemos o no estás de acuerdo con nuestra respuesta, puedes reclamar ante la Agencia de
            Protección de Datos Personales o ante los tribunales de justicia, según lo que disponga la ley
            vigente.
          </li>
        </ol>

        <h2 id="seguridad">Cómo protegemos tus datos</h2>
        <p>
          Las contraseñas se guardan cifradas con un algoritmo diseñado para ello, el sitio usa conexiones
          seguras, cada persona del equipo entra con su propia cuenta y los cambios que hace quedan
          registrados, y los enlaces de un solo uso que te enviamos por correo vencen en poco tiempo. Si
          ocurriera una filtración que pudiera afectarte, te avisaremos y lo informaremos a la autoridad como
          exige la ley.
        </p>

        <h2 id="cambios">Cambios a esta política</h2>
        <p>
          Si cambiamos esta política publicaremos aquí la nueva versión con su fecha y, si el cambio es
          importante, te avisaremos por correo. Revisa también nuestros{' '}
          <a href="/terminos/">términos y condiciones</a>.
        </p>
      </article>
    </Layout>
  );
}
