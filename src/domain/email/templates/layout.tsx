import { BlockView, INK, MUTED, PINK, WebLink } from './blocks';
import { CLOSING, type Email, POSTAL_LINE } from './content';

const BACKGROUND = '#fdf8fb';
const LINE = '#eadfe6';

/**
 * The one layout of every e-mail: the centre's pink over a white card, one fluid column that
 * reads well on a phone. It avoids tables (the rejected alternative, the classic table layout,
 * exists for Outlook 2007-era clients that our customers do not use). Text and attributes are
 * escaped by Preact, as in every page.
 */
export function EmailLayout({ email }: { email: Email }) {
  return (
    <html lang="es">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{email.subject}</title>
      </head>
      <body
        style={`margin:0;padding:0;background:${BACKGROUND};font-family:Arial,Helvetica,sans-serif;color:${INK}`}
      >
        <div style={`display:none;max-height:0;overflow:hidden;opacity:0;color:${BACKGROUND}`}>
          {email.preheader}
        </div>
        <div style="max-width:560px;margin:0 auto;padding:24px 14px">
          <p
            style={`margin:0 0 14px;font-size:14px;font-weight:bold;letter-spacing:.06em;text-transform:uppercase;color:${PINK}`}
          >
            TMM · Bienestar y Conexión
          </p>
          <div
            style={`background:#ffffff;border:1px solid ${LINE};border-top:4px solid ${PINK};border-radius:14px;padding:22px 20px`}
          >
            <h1 style={`margin:0 0 16px;font-size:22px;line-height:1.3;color:${PINK}`}>{email.heading}</h1>
            <p style={`margin:0 0 16px;font-size:16px;line-height:1.55;font-weight:bold;color:${INK}`}>
              {email.greeting}
            </p>
            {email.blocks.map((block) => (
              <BlockView block={block} />
            ))}
            <p style={`margin:24px 0 0;font-size:16px;line-height:1.55;color:${INK}`}>
              {CLOSING}
              <br />
              {email.signature}
            </p>
          </div>
          <div style="padding:14px 6px 0">
            <p style={`margin:0;font-size:12px;color:${MUTED}`}>
              {POSTAL_LINE} ·{' '}
              <WebLink href={email.siteUrl} style={`color:${MUTED}`}>
                {email.siteUrl.replace(/^https?:\/\//, '')}
              </WebLink>
            </p>
            {email.unsubscribeUrl && (
              <p style={`margin:8px 0 0;font-size:12px;color:${MUTED}`}>
                Recibes este correo porque eres parte de la comunidad TMM.{' '}
                <WebLink href={email.unsubscribeUrl} style={`color:${MUTED}`}>
                  Darme de baja de las novedades
                </WebLink>
              </p>
            )}
          </div>
        </div>
      </body>
    </html>
  );
}
