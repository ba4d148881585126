import { MODALITY_LABELS, plural } from '../../../../domain/vocabulary';
import type { WorkshopCardRow } from '../../../../domain/workshops';
import { formatSession } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';

type Props = {
  workshops: WorkshopCardRow[];
  /** Absolute links: the widget lives on another site, and booking completes on ours. */
  publicUrl: string;
  /** The catalogue filter the widget was asked for, kept in "Ver todos". */
  cataloguePath: string;
};

/**
 * The embeddable widget: upcoming workshops with their seats left, inside another site's iframe.
 * A page of its own (no site header, menu or footer, its own small stylesheet): it has to fit a
 * 360 px column. Every link opens our site in a new tab, where the booking is made and paid; the
 * frame never holds a form, so nothing is typed into a page the visitor cannot see the address of.
 */
export function WidgetPage({ workshops, publicUrl, cataloguePath }: Props) {
  const opens = ' (se abre en una pestaña nueva)';
  return (
    <html lang="es-CL">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>Próximos talleres · TMM</title>
        <link rel="stylesheet" href="/static/css/widget.css" />
        <script src="/static/js/widget-frame.js" defer />
      </head>
      <body>
        <main class="w">
          <h1 class="w-title">Próximos talleres</h1>
          {workshops.length === 0 ? (
            <p class="w-empty">Por ahora no hay talleres abiertos. Vuelve pronto.</p>
          ) : (
            <ul class="w-list">
              {workshops.map((w) => {
                const full = w.seatsLeft <= 0;
                const href = `${publicUrl}/talleres/${w.id}/`;
                return (
                  <li class="w-item" data-test="widget-workshop">
                    <h2 class="w-name">{w.name}</h2>
                    <p class="w-when">{formatSession(w.startsAt, w.durationMinutes)}</p>
                    <p class="w-meta">
                      {[
                        MODALITY_LABELS[w.modality],
                        w.categoryName,
                        w.priceClp === 0 ? 'Gratis' : formatClp(w.priceClp),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                    <p
                      class={
                        full ? 'w-seats w-seats-none' : w.seatsLeft <= 3 ? 'w-seats w-seats-low' : 'w-seats'
                      }
                    >
                      {full
                        ? 'Agotado: hay lista de espera'
                        : w.seatsLeft === 1
                          ? 'Queda 1 cupo'
                          : `Quedan ${plural(w.seatsLeft, 'cupo')}`}
                    </p>
                    <a
                      class={full ? 'w-button w-button-quiet' : 'w-button'}
                      href={href}
                      target="_blank"
                      rel="noopener"
                      aria-label={`${full ? 'Ver' : 'Inscribirme en'} ${w.name}${opens}`}
                    >
                      {full ? 'Ver taller' : 'Inscribirme'}
                    </a>
                  </li>
                );
              })}
            </ul>
          )}
          <p class="w-more">
            <a href={`${publicUrl}${cataloguePath}`} target="_blank" rel="noopener">
              Ver todos los talleres<span class="w-hidden">{opens}</span>
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
