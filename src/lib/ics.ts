/**
 * iCalendar (RFC 5545) for workshops: the file attached to enrollment confirmations and the
 * calendar feeds (the public one of upcoming workshops, each customer's private one).
 *
 * Times are written in UTC ("…Z"): every calendar converts them to the reader's zone, and there is
 * no VTIMEZONE to keep in sync with Chile's daylight-saving rules, which the government has moved
 * several times (the rejected alternative, TZID=America/Santiago, needs those rules embedded and
 * is wrong the day they change). Pure: no clock, no I/O.
 */

export type WorkshopEvent = {
  /** Stable per enrollment, so a re-sent or updated file replaces the event instead of adding one. */
  uid: string;
  name: string;
  startsAt: string;
  durationMinutes: number;
  modality: 'PRESENCIAL' | 'ONLINE';
  location: string | null;
  onlineUrl: string | null;
  description?: string | null;
  /** Absolute URL of the workshop page or the enrollment. */
  url?: string | null;
  /** Absolute URL of the enrollment's ticket ("Mi entrada"), with the QR code shown at the door. */
  ticketUrl?: string | null;
  /** Increase when the workshop changes (date moved), so calendars update the event. */
  sequence?: number;
  cancelled?: boolean;
};

const utcStamp = (iso: string | Date) =>
  (typeof iso === 'string' ? new Date(iso) : iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
export const escapeIcsText = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets are folded (CRLF + space) without splitting a UTF-8 character. */
export function foldIcsLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; continuation lines 74 after their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function eventLines(event: WorkshopEvent, now: Date, alarm: boolean): string[] {
  const start = new Date(event.startsAt);
  const end = new Date(start.getTime() + event.durationMinutes * 60_000);
  const where =
    event.modality === 'ONLINE'
      ? (event.onlineUrl ?? 'Online (te enviaremos el enlace antes del taller)')
      : (event.location ?? 'TMM Bienestar y Conexión, Valparaíso');
  const description = [
    event.description ?? '',
    event.modality === 'ONLINE' && event.onlineUrl ? `Enlace de conexión: ${event.onlineUrl}` : '',
    event.url ? `Más información: ${event.url}` : '',
    event.ticketUrl ? `Mi entrada (código QR para la llegada): ${event.ticketUrl}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcStamp(now)}`,
    `SEQUENCE:${event.sequence ?? 0}`,
    `DTSTART:${utcStamp(start)}`,
    `DTEND:${utcStamp(end)}`,
    `SUMMARY:${escapeIcsText(event.name)}`,
    `LOCATION:${escapeIcsText(where)}`,
    ...(description ? [`DESCRIPTION:${escapeIcsText(description)}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    ...(alarm
      ? [
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `DESCRIPTION:${escapeIcsText(event.name)}`,
          'TRIGGER:-PT2H',
          'END:VALARM',
        ]
      : []),
    'END:VEVENT',
  ];
}

const HEADER = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//TMM Bienestar y Conexion//Talleres//ES',
  'CALSCALE:GREGORIAN',
];

const lines = (all: string[]) => `${all.map(foldIcsLine).join('\r\n')}\r\n`;

/** One VEVENT for a workshop, as the text of a `.ics` file (CRLF line ends). */
export function icsForWorkshop(event: WorkshopEvent, ctx: { now: Date }): string {
  return lines([
    ...HEADER,
    `METHOD:${event.cancelled ? 'CANCEL' : 'PUBLISH'}`,
    ...eventLines(event, ctx.now, true),
    'END:VCALENDAR',
  ]);
}

/** Several workshops booked together (a series) as one `.ics` file: one VEVENT each, with reminders. */
export function icsForWorkshops(events: WorkshopEvent[], ctx: { now: Date }): string {
  return lines([
    ...HEADER,
    'METHOD:PUBLISH',
    ...events.flatMap((event) => eventLines(event, ctx.now, true)),
    'END:VCALENDAR',
  ]);
}

/**
 * A subscribed calendar (a feed): every event in one VCALENDAR with the name calendars show, and
 * the refresh interval they should poll at. Reminders only where the reader asked for the events
 * (their own bookings), not on the public list of everything on offer.
 */
export function icsFeed(
  events: WorkshopEvent[],
  ctx: { now: Date; name: string; reminders: boolean },
): string {
  return lines([
    ...HEADER,
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText(ctx.name)}`,
    'X-WR-TIMEZONE:America/Santiago',
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...events.flatMap((event) => eventLines(event, ctx.now, ctx.reminders)),
    'END:VCALENDAR',
  ]);
}

/** The uid of an enrollment's event: the same in the confirmation and in any later update. */
export const enrollmentEventUid = (enrollmentId: number, publicUrl: string) =>
  `inscripcion-${enrollmentId}@${new URL(publicUrl).hostname}`;
