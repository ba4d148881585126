import type { Template } from './content';

/** What staff write to customers (/gestion/email/), placeholders already filled in. */
export const staffMessage: Template<'staff_message'> = (d, url) => ({
  subject: d.subject,
  preheader: d.body.slice(0, 120),
  heading: d.subject,
  greeting: `Hola, ${d.name}`,
  blocks: [{ kind: 'paragraph', text: d.body }],
  signature: d.senderName ? `${d.senderName}, equipo TMM` : undefined,
  unsubscribeUrl: d.unsubscribePath ? url(d.unsubscribePath) : null,
});
