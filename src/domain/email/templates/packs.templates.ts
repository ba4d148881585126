import { formatDateTimeLong } from '../../../lib/dates';
import { plural } from '../../vocabulary';
import type { Template } from './content';

/** Seven days before a pack (or a company bundle) expires with credits left: once per pack. */
export const packExpiryReminder: Template<'pack_expiry_reminder'> = (d, url) => ({
  subject: `Tu bono «${d.packName}» vence pronto`,
  preheader: `Te quedan ${plural(d.balance, 'crédito', 'créditos')}.`,
  heading: 'Tu bono vence pronto',
  greeting: `¡Hola, ${d.name}!`,
  blocks: [
    {
      kind: 'paragraph',
      text: `Te quedan ${plural(d.balance, 'crédito', 'créditos')} en «${d.packName}». Úsalos antes de que venza: los créditos sin usar se pierden.`,
    },
    {
      kind: 'details',
      rows: [
        ['Bono', d.packName],
        ['Créditos disponibles', String(d.balance)],
        ['Vence', formatDateTimeLong(d.expiresAt)],
      ],
    },
    { kind: 'button', label: 'Ver talleres', href: url('/talleres/') },
    { kind: 'link', label: 'Ver mis bonos', href: url(d.path) },
  ],
});
