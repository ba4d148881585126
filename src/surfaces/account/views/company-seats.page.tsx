import { PACK_STATUS_LABELS, plural } from '../../../domain/vocabulary';
import { formatDateShort, formatDateTimeLong } from '../../../lib/dates';
import { formatRut } from '../../../lib/rut';
import { Badge, EmptyState, PageHeader, ResponsiveTable, Section } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';

export type ContactBundle = {
  id: number;
  name: string;
  credits: number;
  balance: number;
  status: 'ACTIVO' | 'VENCIDO' | 'ANULADO';
  purchasedAt: string;
  expiresAt: string;
  legalName: string;
  rut: string | null;
  roster: {
    enrollmentId: number | null;
    customerName: string | null;
    workshopName: string | null;
    workshopStartsAt: string | null;
    usedAt: string;
    seatReturned: boolean;
  }[];
};

type Props = { ctx: PageContext; bundles: ContactBundle[] };

/** The company contact's page: each seat bundle of their company, the seats left and who used them. */
export function CompanySeatsPage({ ctx, bundles }: Props) {
  return (
    <Layout ctx={ctx} title="Cupos de mi empresa">
      <PageHeader
        title="Cupos de mi empresa"
        lead="Las personas de tu empresa se inscriben con un cupo del convenio, sin pagar. Aquí ves quién los usó y cuántos quedan."
        back={{ href: '/cuenta/bonos/', label: 'Mis bonos' }}
      />
      {bundles.length === 0 ? (
        <EmptyState>No eres el contacto de ningún convenio de empresa.</EmptyState>
      ) : (
        bundles.map((b) => (
          <Section id={`convenio-${b.id}`} title={b.legalName}>
            <div class="pack-card" data-test={`bundle-${b.id}`}>
              <p class="pack-balance" data-test="bundle-balance">
                {plural(b.balance, 'cupo disponible', 'cupos disponibles')}
              </p>
              <p class="pack-meta">
                de {b.credits}
                {b.rut ? ` · RUT ${formatRut(b.rut)}` : ''} · {b.status === 'ACTIVO' ? 'vence' : 'venció'} el{' '}
                {formatDateShort(b.expiresAt)}{' '}
                {b.status !== 'ACTIVO' && <Badge tone="neutral">{PACK_STATUS_LABELS[b.status]}</Badge>}
              </p>
              {b.roster.length === 0 ? (
                <p class="meta">Nadie ha usado cupos todavía.</p>
              ) : (
                <ResponsiveTable
                  caption={`Inscripciones con cupos de ${b.legalName}`}
                  rows={b.roster}
                  columns={[
                    { label: 'Persona', title: true, cell: (r) => r.customerName },
                    { label: 'Taller', cell: (r) => r.workshopName },
                    {
                      label: 'Fecha',
                      cell: (r) => (r.workshopStartsAt ? formatDateTimeLong(r.workshopStartsAt) : null),
                    },
                    {
                      label: 'Cupo',
                      cell: (r) =>
                        r.seatReturned ? (
                          <Badge tone="neutral">Anulada, cupo devuelto</Badge>
                        ) : (
                          <Badge tone="ok">Usado</Badge>
                        ),
                    },
                  ]}
                />
              )}
            </div>
          </Section>
        ))
      )}
    </Layout>
  );
}
