import type { WorkshopCardRow } from '../../../../domain/workshops';
import { formatDateTimeLong } from '../../../../lib/dates';
import { Picture } from '../../../../ui/picture';
import { WorkshopPrice } from './workshop-price';

export const MODALITY_LABEL = { PRESENCIAL: 'Presencial', ONLINE: 'Online' } as const;

/** "Quedan 3 cupos" / "Queda 1 cupo" / "Agotado", with the colour of the level. */
export function SeatsLeft({ seatsLeft, workshopId }: { seatsLeft: number; workshopId: number }) {
  const level = seatsLeft <= 0 ? 'none' : seatsLeft <= 3 ? 'low' : 'ok';
  const text = seatsLeft <= 0 ? 'Agotado' : seatsLeft === 1 ? 'Queda 1 cupo' : `Quedan ${seatsLeft} cupos`;
  return (
    <span class={`seats seats-${level}`} data-seats-for={workshopId} data-seats-left={seatsLeft}>
      {text}
    </span>
  );
}

/** A workshop in a grid; `eager` for the first card of a page, which is above the fold. */
export function WorkshopCard({ workshop, eager = false }: { workshop: WorkshopCardRow; eager?: boolean }) {
  return (
    <article class="card">
      {/* Decorative: the workshop's name is the heading right below it. */}
      <Picture class="card-img" name={workshop.imagePath} alt="" layout="card" eager={eager} />
      <div class="card-body">
        {workshop.categoryName && <span class="chip">{workshop.categoryName}</span>}
        <h3>
          <a href={`/talleres/${workshop.id}/`} data-test={`taller-link-${workshop.id}`}>
            {workshop.name}
          </a>
        </h3>
        <p class="meta">{formatDateTimeLong(workshop.startsAt)}</p>
        <p class="meta">{MODALITY_LABEL[workshop.modality]}</p>
        <p>
          <WorkshopPrice pricing={workshop.pricing} short /> ·{' '}
          <SeatsLeft seatsLeft={workshop.seatsLeft} workshopId={workshop.id} />
        </p>
        <div class="card-actions">
          <a class="button button-small" href={`/talleres/${workshop.id}/`}>
            Ver detalles e inscribirme
          </a>
        </div>
      </div>
    </article>
  );
}
