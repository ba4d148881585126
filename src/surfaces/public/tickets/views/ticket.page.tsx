import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { TicketCard, type TicketCardProps } from '../../../../ui/ticket';

/** A ticket opened from its address (the e-mail, the calendar event, a customer's own camera). */
export function TicketPage({ ctx, ticket }: { ctx: PageContext; ticket: TicketCardProps }) {
  return (
    <Layout ctx={ctx} title="Mi entrada">
      <div class="ticket-page">
        <TicketCard {...ticket} />
      </div>
    </Layout>
  );
}
