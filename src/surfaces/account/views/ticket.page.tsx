import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';
import { TicketCard, type TicketCardProps } from '../../../ui/ticket';

/** "Mi entrada" from the account: the same ticket as its address shows, with the way back. */
export function AccountTicketPage({ ctx, ticket }: { ctx: PageContext; ticket: TicketCardProps }) {
  return (
    <Layout ctx={ctx} title="Mi entrada">
      <div class="ticket-page">
        <p>
          <a href="/cuenta/perfil/">← Mi cuenta</a>
        </p>
        <TicketCard {...ticket} />
      </div>
    </Layout>
  );
}
