import { formatDateTimeLong } from '../lib/dates';

export type TicketCardProps = {
  customerName: string;
  workshopName: string;
  startsAt: string;
  durationMinutes: number;
  place: string;
  /** The QR code image (/entradas/<token>/qr.png). */
  imagePath: string;
  /** Why this ticket will not get anyone in, when it will not (cancelled enrollment or workshop). */
  void: string | null;
  attendedAt: string | null;
};

/**
 * "Mi entrada": the QR code as large as a phone screen allows (a scanner at the door reads it at
 * arm's length), with whose it is, for what and when, in large type for the person at the door.
 */
export function TicketCard(props: TicketCardProps) {
  return (
    <article class="panel ticket" data-test="ticket">
      <p class="ticket-kicker">Mi entrada</p>
      <h1 class="ticket-workshop">{props.workshopName}</h1>
      <p class="ticket-when">{formatDateTimeLong(props.startsAt)}</p>
      {props.void ? (
        <p class="flash flash-error" role="alert">
          {props.void}
        </p>
      ) : (
        <img class="ticket-qr" src={props.imagePath} alt="Código QR de tu entrada" width="320" height="320" />
      )}
      <p class="ticket-name">{props.customerName}</p>
      <p class="meta">
        {props.place} · {props.durationMinutes} minutos
      </p>
      {props.attendedAt ? (
        <p class="meta">Asistencia registrada el {formatDateTimeLong(props.attendedAt)}.</p>
      ) : (
        !props.void && <p class="meta">Muestra este código al llegar: con él registramos tu asistencia.</p>
      )}
    </article>
  );
}
