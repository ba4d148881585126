/**
 * What stored e-mails show instead of a single-use link (password reset, e-mail confirmation): staff
 * read the outbox and the log, and a link there would let them act as the recipient. The worker
 * puts the real link back only into the copy it sends (outbox.private_link, forgotten once sent).
 */
export const PRIVATE_LINK_PLACEHOLDER = '[enlace privado]';

/** Replaces every occurrence of the link (absolute or as a bare path) in a rendered body. */
export function redactLink(body: string, absoluteUrl: string, path: string): string {
  return body.replaceAll(absoluteUrl, PRIVATE_LINK_PLACEHOLDER).replaceAll(path, PRIVATE_LINK_PLACEHOLDER);
}
