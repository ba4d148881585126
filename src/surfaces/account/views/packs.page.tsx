import type { AccountPack } from '../../../domain/packs';
import { PACK_ENTRY_LABELS, PACK_STATUS_LABELS, plural } from '../../../domain/vocabulary';
import { formatDateShort } from '../../../lib/dates';
import {
  Badge,
  type BadgeTone,
  ButtonLink,
  EmptyState,
  LedgerHistory,
  PageHeader,
  Section,
} from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';

type Props = { ctx: PageContext; packs: AccountPack[]; isCompanyContact: boolean };

const STATUS_TONES: Record<AccountPack['status'], BadgeTone> = {
  ACTIVO: 'ok',
  VENCIDO: 'neutral',
  ANULADO: 'neutral',
};

/** A ledger row as the customer reads it: what happened, and for which workshop. */
function entryText(e: AccountPack['entries'][number]): string {
  const label = PACK_ENTRY_LABELS[e.kind];
  if (e.workshopName) return `${label}: ${e.workshopName}`;
  return e.reason && e.kind === 'adjustment' ? `${label} (${e.reason})` : label;
}

/** "Mis bonos": each pack with its credits left, its expiry and its history. */
export function PacksPage({ ctx, packs, isCompanyContact }: Props) {
  const active = packs.filter((p) => p.status === 'ACTIVO');
  const closed = packs.filter((p) => p.status !== 'ACTIVO');
  return (
    <Layout ctx={ctx} title="Mis bonos">
      <PageHeader
        title="Mis bonos"
        lead="Con un bono pagas cada inscripción con un crédito. Si anulas antes del plazo del taller, el crédito vuelve a tu bono."
        back={{ href: '/cuenta/perfil/', label: 'Mi cuenta' }}
      />
      {isCompanyContact && (
        <p>
          <ButtonLink href="/cuenta/empresa/" variant="secondary" size="small" data-test="company-seats-link">
            Ver los cupos de mi empresa
          </ButtonLink>
        </p>
      )}
      {packs.length === 0 ? (
        <EmptyState action={{ href: '/productos/', label: 'Ver bonos en la tienda' }}>
          Aún no tienes bonos.
        </EmptyState>
      ) : (
        <>
          {active.length > 0 && <PackList packs={active} />}
          {closed.length > 0 && (
            <Section id="anteriores" title="Bonos anteriores">
              <PackList packs={closed} />
            </Section>
          )}
        </>
      )}
    </Layout>
  );
}

function PackList({ packs }: { packs: AccountPack[] }) {
  return (
    <ul class="pack-cards">
      {packs.map((p) => (
        <li class="pack-card" data-test={`pack-${p.id}`}>
          <h2>
            {p.name} <Badge tone={STATUS_TONES[p.status]}>{PACK_STATUS_LABELS[p.status]}</Badge>
          </h2>
          <p class="pack-balance" data-test="pack-balance">
            {plural(p.balance, 'crédito', 'créditos')}
          </p>
          <p class="pack-meta">
            de {p.credits} · comprado el {formatDateShort(p.purchasedAt)} ·{' '}
            {p.status === 'ACTIVO' ? 'vence' : 'venció'} el {formatDateShort(p.expiresAt)}
          </p>
          <LedgerHistory
            open={p.status === 'ACTIVO'}
            entries={p.entries.map((e) => ({
              kind: e.kind,
              text: entryText(e),
              date: formatDateShort(e.createdAt),
              amount: e.credits,
              label: e.credits > 0 ? `+${e.credits}` : String(e.credits),
            }))}
          />
        </li>
      ))}
    </ul>
  );
}
