import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';

type Props = {
  ctx: PageContext;
  state: 'valid' | 'revoked';
  customerName: string;
  workshopName: string;
  when: string;
  hours: string;
  facilitatorName: string | null;
  issuedOn: string;
  revokedOn: string | null;
};

/** The public answer to "is this certificate real?" (a made-up code is a 404 before this page). */
export function CertificateCheckPage(props: Props) {
  const valid = props.state === 'valid';
  return (
    <Layout ctx={props.ctx} title="Verificación de certificado">
      <section class="panel form-narrow certificate-check" data-test={`certificate-${props.state}`}>
        <p class={`certificate-verdict ${valid ? 'is-valid' : 'is-revoked'}`}>
          {valid ? '✓ Certificado auténtico' : '✗ Certificado revocado'}
        </p>
        <h1>Certificado de asistencia</h1>
        {valid ? (
          <p>Este certificado fue emitido por TMM Bienestar y Conexión y está vigente.</p>
        ) : (
          <p>
            Este certificado fue emitido por TMM Bienestar y Conexión, pero fue revocado el {props.revokedOn}:
            ya no es válido.
          </p>
        )}
        <dl class="certificate-facts">
          <dt>Nombre</dt>
          <dd>{props.customerName}</dd>
          <dt>Taller</dt>
          <dd>{props.workshopName}</dd>
          <dt>Fecha</dt>
          <dd>{props.when}</dd>
          <dt>Duración</dt>
          <dd>{props.hours}</dd>
          {props.facilitatorName && (
            <>
              <dt>Facilitado por</dt>
              <dd>{props.facilitatorName}</dd>
            </>
          )}
          <dt>Emitido el</dt>
          <dd>{props.issuedOn}</dd>
        </dl>
      </section>
    </Layout>
  );
}
