type Seats = { totalSeats: number; seatsTaken: number; seatsHeld: number };

/** The share of the seats taken, as a whole percentage (the list's "Ocupación (%)"). */
export const occupancyPercent = (w: Pick<Seats, 'totalSeats' | 'seatsTaken'>) =>
  w.totalSeats === 0 ? 0 : Math.round((w.seatsTaken / w.totalSeats) * 100);

/** "7 / 10 (70 %)" with the seats held for the waitlist, if any. */
export function Occupancy({ w }: { w: Seats }) {
  const left = w.totalSeats - w.seatsTaken - w.seatsHeld;
  const cls = left <= 0 ? 'seats-none' : left <= 3 ? 'seats-low' : 'seats-ok';
  return (
    <span class={cls} data-test="occupancy">
      {w.seatsTaken} / {w.totalSeats} ({occupancyPercent(w)} %)
      {w.seatsHeld > 0 && ` · ${w.seatsHeld} guardado${w.seatsHeld === 1 ? '' : 's'}`}
    </span>
  );
}

export function WorkshopStateChip({
  w,
  now,
}: {
  w: { isActive: boolean; cancelledAt: string | null; startsAt: string };
  now: string;
}) {
  if (w.cancelledAt) return <span class="badge badge-ANULADO">Cancelado</span>;
  if (!w.isActive) return <span class="chip">Inactivo</span>;
  if (w.startsAt <= now) return <span class="chip">Realizado</span>;
  return <span class="badge badge-PAGADO">Activo</span>;
}
