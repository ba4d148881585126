import type { ComponentChildren } from 'preact';
import { type Block, isWebUrl } from './content';

// E-mail clients ignore <style> blocks and external CSS unevenly, so every style is inline.
export const PINK = '#d63384';
export const INK = '#2b2230';
export const MUTED = '#5e5363';

const TEXT = `margin:0 0 16px;font-size:16px;line-height:1.55;color:${INK}`;
const NOTE = `margin:0 0 16px;font-size:14px;line-height:1.5;color:${MUTED}`;

/**
 * An anchor only for an http(s) address; anything else (a javascript: URL typed into a workshop's
 * online link, say) is shown as plain text.
 */
export function WebLink({
  href,
  style,
  children,
}: {
  href: string;
  style: string;
  children: ComponentChildren;
}) {
  return isWebUrl(href) ? (
    <a href={href} style={style}>
      {children}
    </a>
  ) : (
    children
  );
}

/** A blank line starts a new paragraph and a single newline breaks the line, as typed. */
function Paragraphs({ text, style }: { text: string; style: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((paragraph) => (
        <p style={style}>{paragraph.split('\n').flatMap((line, i) => (i === 0 ? [line] : [<br />, line]))}</p>
      ))}
    </>
  );
}

function Button({ label, href }: { label: string; href: string }) {
  // The button is a styled link; the address is repeated below it for clients that hide styles
  // or strip the link, and for people who prefer to copy it.
  return (
    <>
      <p style="margin:24px 0 8px">
        <WebLink
          href={href}
          style={`background:${PINK};color:#ffffff;padding:13px 24px;border-radius:999px;text-decoration:none;font-weight:bold;font-size:16px;display:inline-block`}
        >
          {label}
        </WebLink>
      </p>
      <p style={`margin:0 0 20px;font-size:12px;line-height:1.4;color:${MUTED};word-break:break-all`}>
        Si el botón no funciona, copia este enlace en tu navegador:{' '}
        <WebLink href={href} style={`color:${PINK}`}>
          {href}
        </WebLink>
      </p>
    </>
  );
}

function Details({ rows }: { rows: [label: string, value: string][] }) {
  return (
    <div style="margin:0 0 18px;padding:14px 16px;background:#fbe4ef;border-radius:10px">
      {rows.map(([label, value]) => (
        <p style={`margin:0 0 8px;font-size:15px;line-height:1.45;color:${INK}`}>
          <span
            style={`display:block;font-size:12px;letter-spacing:.04em;text-transform:uppercase;color:${MUTED}`}
          >
            {label}
          </span>
          <WebLink href={value} style={`color:${PINK};word-break:break-all`}>
            {value}
          </WebLink>
        </p>
      ))}
    </div>
  );
}

export function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'paragraph':
      return <Paragraphs text={block.text} style={TEXT} />;
    case 'note':
      return <Paragraphs text={block.text} style={NOTE} />;
    case 'button':
      return <Button label={block.label} href={block.href} />;
    case 'link':
      return (
        <p style={TEXT}>
          <WebLink href={block.href} style={`color:${PINK};font-weight:bold`}>
            {block.label}
          </WebLink>
        </p>
      );
    case 'details':
      return <Details rows={block.rows} />;
    case 'list':
      return (
        <ul style={`margin:0 0 16px;padding-left:20px;font-size:16px;line-height:1.55;color:${INK}`}>
          {block.items.map((item) => (
            <li style="margin:0 0 6px">{item}</li>
          ))}
        </ul>
      );
    case 'image':
      return (
        <div style="margin:0 0 16px;text-align:center">
          {isWebUrl(block.src) ? (
            <img
              src={block.src}
              alt={block.alt}
              width={block.widthPx}
              height={block.widthPx}
              style={`display:block;margin:0 auto 8px;width:${block.widthPx}px;height:${block.widthPx}px;border:0`}
            />
          ) : null}
          <WebLink href={block.href} style={`color:${PINK};font-weight:bold`}>
            {block.label}
          </WebLink>
        </div>
      );
  }
}
