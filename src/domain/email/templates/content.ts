import type { TemplateData, TemplateName } from './types';

/**
 * What an e-mail says, as typed data. A template only describes its content with these few
 * blocks; layout.tsx renders them to HTML with Preact and text.ts to plain text, so the two parts
 * of an e-mail cannot say different things. The rejected alternative, templates written as JSX
 * with the text part read back from the component tree, would let any markup into a template
 * that the text renderer then has to guess at.
 */
export type Block =
  | { kind: 'paragraph'; text: string }
  /** Secondary text, smaller and muted: what to do if this was not you, what happens next. */
  | { kind: 'note'; text: string }
  /** The e-mail's main action; its address is also printed for clients that break the button. */
  | { kind: 'button'; label: string; href: string }
  | { kind: 'link'; label: string; href: string }
  /** Label and value pairs; a value that is a web address becomes a link (online classes). */
  | { kind: 'details'; rows: [label: string, value: string][] }
  | { kind: 'list'; items: string[] }
  /**
   * A picture by absolute address (the ticket's QR code): mail apps block data: images and many
   * hide images until asked, so the same address goes right under it as a link.
   */
  | { kind: 'image'; src: string; alt: string; widthPx: number; href: string; label: string };

export type EmailContent = {
  subject: string;
  /** Shown by mail apps next to the subject in the inbox list, hidden in the message itself. */
  preheader: string;
  heading: string;
  greeting: string;
  /** null stands for a block the data leaves out (nothing to pay, no note), so lists read in order. */
  blocks: (Block | null)[];
  /** Who signs, when not the team (a staff member's message). */
  signature?: string;
  unsubscribeUrl?: string | null;
};

/** Makes a path absolute with the site's public URL. */
export type UrlFor = (path: string) => string;

export type Template<T extends TemplateName> = (data: TemplateData[T], url: UrlFor) => EmailContent;

/** A template's content with what every e-mail shares filled in: what both renderers take. */
export type Email = Omit<EmailContent, 'blocks' | 'signature' | 'unsubscribeUrl'> & {
  blocks: Block[];
  signature: string;
  unsubscribeUrl: string | null;
  /** The site's home page, linked from the footer of every e-mail. */
  siteUrl: string;
};

export const TEAM_SIGNATURE = 'Equipo TMM Bienestar y Conexión';
export const CLOSING = 'Con cariño,';
export const POSTAL_LINE = 'TMM Bienestar y Conexión · Valparaíso, Chile';

/** A link we are willing to put in an href: only http(s), anything else is shown as text. */
export const isWebUrl = (href: string) => /^https?:\/\/[^\s<>"]+$/i.test(href);
