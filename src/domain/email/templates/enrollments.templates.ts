import { formatDateTimeLong } from '../../../lib/dates';
import { formatClp } from '../../../lib/money';
import type { Block, Template } from './content';

type Place = { modality: 'PRESENCIAL' | 'ONLINE'; location: string | null; onlineUrl: string | null };

const placeRow = (d: Place): [string, string] =>
  d.modality === 'ONLINE'
    ? ['Enlace de conexión', d.onlineUrl ?? 'Te lo enviaremos antes del taller']
    : ['Lugar', d.location ?? 'Taller TMM, Valparaíso'];

/** A booking for companions says how many seats and for whom. */
const seatsRows = (d: { seats?: number; companions?: string[] }): [string, string][] =>
  (d.seats ?? 1) > 1 ? [['Cupos', `${d.seats}: tú y ${(d.companions ?? []).join(', ')}`]] : [];

const modalityLabel = (d: Place) => (d.modality === 'ONLINE' ? 'Online' : 'Presencial');

const refundParagraph = (amountClp: number): Block | null =>
  amountClp > 0
    ? {
        kind: 'paragraph',
        text: `Te devolveremos ${formatClp(amountClp)}; nos pondremos en contacto para coordinarlo.`,
      }
    : null;

export const enrollmentConfirmation: Template<'enrollment_confirmation'> = (d, url) => {
  const when = formatDateTimeLong(d.startsAt);
  return {
    subject: `Inscripción confirmada: ${d.workshopName}`,
    preheader: `Tu cupo está reservado para el ${when}.`,
    heading: 'Inscripción confirmada',
    greeting: `¡Hola, ${d.name}!`,
    blocks: [
      {
        kind: 'paragraph',
        text:
          (d.seats ?? 1) > 1
            ? `Tus ${d.seats} cupos en «${d.workshopName}» están reservados. ¡Los esperamos!`
            : `Tu cupo en «${d.workshopName}» está reservado. ¡Te esperamos!`,
      },
      {
        kind: 'details',
        rows: [
          ['Taller', d.workshopName],
          ['Fecha y hora', when],
          ['Duración', `${d.durationMinutes} minutos`],
          ['Modalidad', modalityLabel(d)],
          placeRow(d),
          ...seatsRows(d),
          ['Monto', formatClp(d.amountDueClp)],
          ['N° de inscripción', String(d.enrollmentId)],
        ],
      },
      d.description ? { kind: 'paragraph', text: d.description } : null,
      d.ticketPath && d.ticketImagePath
        ? {
            kind: 'image',
            src: url(d.ticketImagePath),
            alt: 'Código QR de tu entrada',
            widthPx: 220,
            href: url(d.ticketPath),
            label: 'Ver mi entrada',
          }
        : null,
      d.ticketPath
        ? { kind: 'note', text: 'Muestra este código QR al llegar: con él registramos tu asistencia.' }
        : null,
      d.amountDueClp > 0 ? { kind: 'button', label: 'Pagar mi inscripción', href: url(d.payPath) } : null,
      d.workshopPath ? { kind: 'link', label: 'Ver el taller', href: url(d.workshopPath) } : null,
      d.policyPoints?.length ? { kind: 'paragraph', text: 'Anulación y asistencia:' } : null,
      d.policyPoints?.length ? { kind: 'list', items: d.policyPoints } : null,
      { kind: 'note', text: 'Adjuntamos el evento (archivo .ics) para que lo agregues a tu calendario.' },
    ],
  };
};

export const cancellation: Template<'cancellation'> = (d, url) => ({
  subject: `Inscripción anulada: ${d.workshopName}`,
  preheader: `Tu cupo en «${d.workshopName}» fue anulado.`,
  heading: 'Cancelación de cupo',
  greeting: `Hola, ${d.name}`,
  blocks: [
    {
      kind: 'paragraph',
      text: `Tu cupo para el taller «${d.workshopName}» (${formatDateTimeLong(d.startsAt)}) fue anulado.`,
    },
    refundParagraph(d.refundDueClp),
    { kind: 'paragraph', text: 'Si crees que esto es un error, por favor contáctanos.' },
    { kind: 'button', label: 'Ver otros talleres', href: url('/talleres/') },
  ],
});

export const waitlistOffer: Template<'waitlist_offer'> = (d, url) => ({
  subject: `¡Se liberó un cupo en ${d.workshopName}!`,
  preheader: `Te guardamos el cupo hasta el ${formatDateTimeLong(d.holdExpiresAt)}.`,
  heading: '¡Se liberó un cupo!',
  greeting: `¡Hola, ${d.name}!`,
  blocks: [
    {
      kind: 'paragraph',
      text: `Estabas en la lista de espera de «${d.workshopName}» y se liberó un cupo. Te lo guardamos por un tiempo limitado.`,
    },
    {
      kind: 'details',
      rows: [
        ['Taller', d.workshopName],
        ['Fecha y hora', formatDateTimeLong(d.startsAt)],
        ['Tu cupo se guarda hasta', formatDateTimeLong(d.holdExpiresAt)],
      ],
    },
    { kind: 'button', label: 'Tomar mi cupo', href: url(d.offerPath) },
    {
      kind: 'note',
      text: 'Si no lo tomas antes de esa hora, el cupo pasa a la siguiente persona de la lista.',
    },
  ],
});

export const workshopReminder: Template<'workshop_reminder'> = (d) => {
  const when = formatDateTimeLong(d.startsAt);
  return {
    subject: `Recordatorio: ${d.workshopName}`,
    preheader: `Te esperamos el ${when}.`,
    heading: '¡Nos vemos pronto!',
    greeting: `¡Hola, ${d.name}!`,
    blocks: [
      { kind: 'paragraph', text: `Te recordamos que te esperamos en «${d.workshopName}».` },
      { kind: 'details', rows: [['Fecha y hora', when], ['Modalidad', modalityLabel(d)], placeRow(d)] },
      {
        kind: 'note',
        text:
          d.modality === 'ONLINE'
            ? 'Te sugerimos conectarte unos minutos antes para probar audio y cámara.'
            : 'Te sugerimos llegar unos minutos antes. Los materiales están incluidos.',
      },
    ],
  };
};

export const workshopChanged: Template<'workshop_changed'> = (d, url) => {
  const when = formatDateTimeLong(d.startsAt);
  const note: Block | null = d.note ? { kind: 'paragraph', text: d.note } : null;
  if (d.cancelled)
    return {
      subject: `Taller cancelado: ${d.workshopName}`,
      preheader: `«${d.workshopName}» fue cancelado.`,
      heading: 'Taller cancelado',
      greeting: `Hola, ${d.name}`,
      blocks: [
        {
          kind: 'paragraph',
          text: `Lamentamos contarte que el taller «${d.workshopName}» (${when}) fue cancelado. Tu cupo quedó liberado.`,
        },
        refundParagraph(d.refundDueClp ?? 0),
        note,
        { kind: 'button', label: 'Ver otros talleres', href: url('/talleres/') },
      ],
    };
  return {
    subject: `Cambio de fecha: ${d.workshopName}`,
    preheader: `Nueva fecha: ${when}.`,
    heading: 'Cambio de fecha',
    greeting: `Hola, ${d.name}`,
    blocks: [
      { kind: 'paragraph', text: `El taller «${d.workshopName}» cambió de fecha. Tu cupo se mantiene.` },
      {
        kind: 'details',
        rows: [
          ...(d.previousStartsAt
            ? [['Fecha anterior', formatDateTimeLong(d.previousStartsAt)] as [string, string]]
            : []),
          ['Nueva fecha', when],
        ],
      },
      note,
      { kind: 'link', label: 'Ver mis inscripciones', href: url('/cuenta/perfil/') },
      {
        kind: 'note',
        text: 'Si la nueva fecha no te acomoda, responde este correo y lo resolvemos juntos.',
      },
    ],
  };
};

export const certificateIssued: Template<'certificate_issued'> = (d, url) => ({
  subject: `Tu certificado de asistencia: ${d.workshopName}`,
  preheader: 'Adjuntamos tu certificado en PDF.',
  heading: 'Certificado de asistencia',
  greeting: `¡Hola, ${d.name}!`,
  blocks: [
    {
      kind: 'paragraph',
      text: `Gracias por participar en «${d.workshopName}» (${formatDateTimeLong(d.startsAt)}). Adjuntamos tu certificado de asistencia en PDF.`,
    },
    { kind: 'button', label: 'Descargar mi certificado', href: url(d.downloadPath) },
    {
      kind: 'note',
      text: `Quien reciba tu certificado puede comprobar que es auténtico en ${url(d.verifyPath)}`,
    },
  ],
});

/**
 * A whole series booked at once: one e-mail listing every session (each with its own entry for the
 * door), one calendar file with all of them, and one link to pay them together — not one e-mail
 * per session.
 */
export const bookingConfirmation: Template<'booking_confirmation'> = (d, url) => ({
  subject: `Reserva confirmada: ${d.title}`,
  preheader: `Tus ${d.sessions.length} sesiones están reservadas; la primera es el ${formatDateTimeLong(d.sessions[0]?.startsAt ?? '')}.`,
  heading: 'Reserva confirmada',
  greeting: `¡Hola, ${d.name}!`,
  blocks: [
    {
      kind: 'paragraph',
      text: `Reservaste ${d.sessions.length} sesiones de «${d.title}». ¡Te esperamos!`,
    },
    {
      kind: 'list',
      items: d.sessions.map(
        (s) =>
          `${formatDateTimeLong(s.startsAt)}: ${s.workshopName} (${s.modality === 'ONLINE' ? 'online' : (s.location ?? 'Taller TMM, Valparaíso')})`,
      ),
    },
    { kind: 'details', rows: [['Total', formatClp(d.totalClp)]] },
    d.totalClp > 0 ? { kind: 'button', label: 'Pagar mi reserva', href: url(d.bookingPath) } : null,
    {
      kind: 'paragraph',
      text: 'Tus entradas (un código QR por sesión, para registrar tu asistencia al llegar):',
    },
    ...d.sessions.map(
      (s): Block => ({
        kind: 'link',
        label: `Entrada del ${formatDateTimeLong(s.startsAt)}`,
        href: url(s.ticketPath),
      }),
    ),
    d.policyPoints?.length ? { kind: 'paragraph', text: 'Anulación y asistencia:' } : null,
    d.policyPoints?.length ? { kind: 'list', items: d.policyPoints } : null,
    { kind: 'note', text: 'Adjuntamos las sesiones (archivo .ics) para que las agregues a tu calendario.' },
  ],
});
