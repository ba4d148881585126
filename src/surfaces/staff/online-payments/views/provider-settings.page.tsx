import type { ProviderSettingView } from '../../../../domain/payments';
import { PAYMENT_PROVIDER_HINTS, PAYMENT_PROVIDER_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeShort } from '../../../../lib/dates';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = { ctx: PageContext; providers: ProviderSettingView[] };

/** Which providers customers see on the payment pages; credentials come from the configuration. */
export function ProviderSettingsPage({ ctx, providers }: Props) {
  const simulatedWithReal =
    providers.find((p) => p.provider === 'simulated')?.offered &&
    providers.some((p) => p.provider !== 'simulated' && p.offered);
  return (
    <StaffLayout
      ctx={ctx}
      title="Medios de pago"
      crumbs={[['Gestión', '/gestion/'], ['Pagos en línea', '/gestion/pagos-en-linea/'], ['Medios de pago']]}
    >
      <div class="section-head">
        <h1>Medios de pago</h1>
      </div>
      <p>
        Elige qué medios ven los clientes al pagar una inscripción o un pedido. Las credenciales de Webpay y
        Mercado Pago se configuran en el servidor (ver el README); aquí solo se activan.
      </p>
      {simulatedWithReal && (
        <p class="flash flash-warning" data-test="simulated-warning">
          El pago simulado sigue activo: cualquiera puede marcar su inscripción o pedido como pagado sin
          pagar. Desactívalo cuando cobres de verdad.
        </p>
      )}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Medio</th>
              <th scope="col">Credenciales</th>
              <th scope="col">Para los clientes</th>
              <th scope="col">
                <span class="visually-hidden">Acción</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {providers.map((p) => (
              <tr data-test={`provider-row-${p.provider}`}>
                <td>
                  <strong>{PAYMENT_PROVIDER_LABELS[p.provider]}</strong>
                  <br />
                  <span class="meta">{PAYMENT_PROVIDER_HINTS[p.provider]}</span>
                </td>
                <td>
                  {p.provider === 'simulated'
                    ? 'No necesita'
                    : p.configured
                      ? `Configurado: ${p.environment}`
                      : 'Sin configurar'}
                </td>
                <td data-test={`provider-state-${p.provider}`}>
                  {p.offered ? 'Activo' : p.enabled ? 'Activo, pero sin credenciales' : 'Inactivo'}
                  {p.updatedAt && <span class="meta"> · {formatDateTimeShort(p.updatedAt)}</span>}
                </td>
                <td>
                  {(p.configured || p.enabled) && (
                    <form method="post" action="/gestion/pagos-en-linea/medios/" class="inline-form">
                      <CsrfField token={ctx.csrfToken} />
                      <input type="hidden" name="proveedor" value={p.provider} />
                      <input type="hidden" name="activo" value={p.enabled ? '0' : '1'} />
                      <button
                        type="submit"
                        class={`button button-small${p.enabled ? ' button-secondary' : ''}`}
                        data-test={`toggle-${p.provider}`}
                      >
                        {p.enabled ? 'Desactivar' : 'Activar'}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </StaffLayout>
  );
}
