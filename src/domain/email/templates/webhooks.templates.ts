import type { Template } from './content';

/** To the admins: a webhook endpoint was switched off, so its receiver stops getting events. */
export const webhookDisabled: Template<'webhook_disabled'> = (d, url) => ({
  subject: 'Webhook desactivado',
  preheader: `Dejamos de enviar eventos a ${d.url}.`,
  heading: 'Un webhook quedó desactivado',
  greeting: 'Hola, equipo:',
  blocks: [
    {
      kind: 'paragraph',
      text: `Dejamos de enviar eventos a ${d.url}${d.description ? ` (${d.description})` : ''}. ${d.reason} Los eventos nuevos no se le enviarán hasta que alguien lo active otra vez.`,
    },
    { kind: 'button', label: 'Revisar los webhooks', href: url(d.path) },
  ],
});
