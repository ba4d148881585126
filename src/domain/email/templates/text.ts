import { type Block, CLOSING, type Email, POSTAL_LINE } from './content';

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
    case 'note':
      return block.text;
    case 'button':
    case 'link':
      return `${block.label}:\n${block.href}`;
    case 'details':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'image':
      return `${block.label}:\n${block.href}`;
  }
}

/** The plain-text part: the same blocks as the HTML, with every link written out in full. */
export function emailText(email: Email): string {
  return [
    `${email.heading}\n${'='.repeat(Math.min(email.heading.length, 60))}`,
    email.greeting,
    ...email.blocks.map(blockText),
    `${CLOSING}\n${email.signature}`,
    ...(email.unsubscribeUrl
      ? [`¿No quieres recibir más novedades? Date de baja aquí:\n${email.unsubscribeUrl}`]
      : []),
    `${POSTAL_LINE} · ${email.siteUrl}`,
  ]
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n');
}
