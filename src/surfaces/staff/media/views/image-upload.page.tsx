import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  kind: 'producto' | 'taller' | 'facilitador';
  item: { id: number; name: string; imagePath: string | null };
  action: string;
  publicHref: string;
};

export function ImageUploadPage({ ctx, kind, item, action, publicHref }: Props) {
  return (
    <StaffLayout ctx={ctx} title={`Imagen de ${item.name}`}>
      <h1>
        Imagen del {kind}: {item.name}
      </h1>
      <div class="two-col">
        <section class="panel">
          <h2>Imagen actual</h2>
          {item.imagePath ? (
            <img
              class="media-preview"
              src={`/media/page/${item.imagePath}`}
              alt={`Imagen actual de ${item.name}`}
              data-test="current-image"
            />
          ) : (
            <p class="empty">
              {kind === 'facilitador'
                ? 'Este facilitador aún no tiene foto: los talleres muestran solo su nombre.'
                : `Este ${kind} aún no tiene imagen: se muestra una ilustración genérica.`}
            </p>
          )}
          <p>
            <a href={publicHref}>
              {kind === 'facilitador'
                ? 'Volver a la ficha del facilitador'
                : `Ver la página pública del ${kind}`}
            </a>
          </p>
        </section>
        <aside class="panel">
          <h2>Subir una imagen nueva</h2>
          <form method="post" action={action} enctype="multipart/form-data" data-test="image-upload-form">
            {/* The token goes first: the multipart body is read in order. */}
            <CsrfField token={ctx.csrfToken} />
            <div class="field">
              <label for="f-imagen">Imagen (JPEG, PNG o WebP, hasta 5 MB)</label>
              <input
                id="f-imagen"
                name="imagen"
                type="file"
                accept="image/jpeg,image/png,image/webp"
                required
              />
              <small class="hint">
                Guardamos una copia para las tarjetas (600 px) y otra para la página (1200 px). La imagen
                anterior se reemplaza.
              </small>
            </div>
            <button type="submit" class="button">
              Subir imagen
            </button>
          </form>
        </aside>
      </div>
    </StaffLayout>
  );
}
