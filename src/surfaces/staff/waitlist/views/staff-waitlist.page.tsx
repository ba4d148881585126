import type { WaitlistRow } from '../../../../domain/capacity';
import { WAITLIST_STATUS_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeShort } from '../../../../lib/dates';
import { EmptyState } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  workshop: {
    id: number;
    name: string;
    startsAt: string;
    totalSeats: number;
    seatsTaken: number;
    seatsHeld: number;
  };
  entries: WaitlistRow[];
};

export function StaffWaitlistPage({ ctx, workshop, entries }: Props) {
  let place = 0;
  return (
    <StaffLayout ctx={ctx} title={`Lista de espera: ${workshop.name}`}>
      <h1>Lista de espera: {workshop.name}</h1>
      <p class="meta">
        {formatDateTimeShort(workshop.startsAt)} · {workshop.seatsTaken} de {workshop.totalSeats} cupos
        tomados · {workshop.seatsHeld} guardados para ofertas
      </p>
      {entries.length === 0 ? (
        <EmptyState>Nadie está en la lista de espera de este taller.</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th class="num">Lugar</th>
                <th>Cliente</th>
                <th class="num">Cupos</th>
                <th>Contacto</th>
                <th>Estado</th>
                <th>Desde</th>
                <th>Oferta vence</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td class="num">{e.status === 'WAITING' ? ++place : '—'}</td>
                  <td>{e.fullName}</td>
                  <td class="num" data-test="waitlist-seats">
                    {e.seats}
                  </td>
                  <td>
                    {e.email}
                    {e.phone ? ` · ${e.phone}` : ''}
                  </td>
                  <td>{WAITLIST_STATUS_LABELS[e.status]}</td>
                  <td>{formatDateTimeShort(e.createdAt)}</td>
                  <td>
                    {e.offerExpiresAt && e.status === 'OFFERED' ? formatDateTimeShort(e.offerExpiresAt) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffLayout>
  );
}
