/**
 * Everything a user reads is in America/Santiago; everything stored is UTC. Santiago changes
 * offset twice a year (-03/-04), so conversions go through Intl rather than a fixed offset.
 */
export const TIME_ZONE = 'America/Santiago';

// Built once: constructing an Intl.DateTimeFormat costs ~50 µs, and exports format thousands of dates.
const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

type SantiagoParts = Readonly<{
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}>;

// formatToParts is the costliest step of showing a date (issue 15's profile of the catalogue), and
// pages show the same few instants over and over: remembered per instant, bounded.
const partsCache = new Map<number, SantiagoParts>();
const PARTS_CACHE_SIZE = 10_000;

/** Santiago wall-clock parts of an instant. */
export function santiagoParts(date: Date): SantiagoParts {
  const time = date.getTime();
  const cached = partsCache.get(time);
  if (cached) return cached;
  const p = Object.fromEntries(
    partsFormat.formatToParts(date).map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  const parts = Object.freeze({
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  });
  if (partsCache.size >= PARTS_CACHE_SIZE) partsCache.clear();
  partsCache.set(time, parts);
  return parts;
}

/** Offset of Santiago from UTC at an instant, in minutes (e.g. -180). */
function offsetMinutes(date: Date): number {
  const p = santiagoParts(date);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/**
 * The UTC instant of a Santiago wall-clock time ("2026-03-14", "10:30").
 * A time skipped by the spring-forward change resolves to the next valid instant.
 */
export function santiagoToUtc(date: string, time = '00:00'): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  let result = new Date(guess - offsetMinutes(new Date(guess)) * 60000);
  // Second pass settles instants near an offset change.
  result = new Date(guess - offsetMinutes(result) * 60000);
  return result;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "YYYY-MM-DD" of the Santiago calendar day an instant falls on. */
export function santiagoDate(date: Date): string {
  const p = santiagoParts(date);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** "HH:MM" in Santiago. */
export function santiagoTime(date: Date): string {
  const p = santiagoParts(date);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

const longFormat = new Intl.DateTimeFormat('es-CL', {
  timeZone: TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortFormat = new Intl.DateTimeFormat('es-CL', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

const longCache = new Map<string, string>();

/** "sábado 14 de marzo de 2026, 10:30 hrs" */
export function formatDateTimeLong(iso: string | Date): string {
  const key = typeof iso === 'string' ? iso : iso.toISOString();
  const cached = longCache.get(key);
  if (cached) return cached;
  const date = new Date(key);
  const text = `${longFormat.format(date).replace(',', '')}, ${santiagoTime(date)} hrs`;
  if (longCache.size >= PARTS_CACHE_SIZE) longCache.clear();
  longCache.set(key, text);
  return text;
}

const dayFormat = new Intl.DateTimeFormat('es-CL', {
  timeZone: TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});

/** "sábado 14 de marzo": the Santiago day of an instant, without the year. */
export function formatDayLong(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return dayFormat.format(date).replace(',', '');
}

/** "sábado 14 de marzo" of a Santiago calendar date ("2026-03-14"), without any time-zone shift. */
export function formatCalendarDayLong(ymd: string): string {
  return formatDayLong(santiagoToUtc(ymd, '12:00'));
}

/**
 * "sábado 14 de marzo, 11:30 a 13:30 hrs": a session's day and its start and end times in
 * Santiago. The year is left out: the catalogue offers the coming months.
 */
export function formatSession(startsAt: string | Date, durationMinutes: number): string {
  const start = typeof startsAt === 'string' ? new Date(startsAt) : startsAt;
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  return `${formatDayLong(start)}, ${santiagoTime(start)} a ${santiagoTime(end)} hrs`;
}

/** "14-03-2026" */
export function formatDateShort(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return shortFormat.format(date);
}

/** "14-03-2026 10:30" */
export function formatDateTimeShort(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return `${shortFormat.format(date)} ${santiagoTime(date)}`;
}

/** A calendar date "1990-05-21" → "21-05-1990" without any time-zone shift. */
export function formatCalendarDate(ymd: string): string {
  const [y, m, d] = ymd.split('-');
  return `${d}-${m}-${y}`;
}

export const MONTHS_ES = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
] as const;

/** Month 1-12 → "Marzo". */
export function monthName(month: number): string {
  const name = MONTHS_ES[month - 1] ?? '';
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The UTC instant at which a Santiago calendar month starts (month 1-12; 13 rolls over). */
export function santiagoMonthStart(year: number, month: number): Date {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return santiagoToUtc(`${y}-${pad(m)}-01`, '00:00');
}

/**
 * Every day of a calendar month: "YYYY-MM-DD", the day number and its weekday counted from
 * Monday (0) to Sunday (6), as calendars in Chile start the week.
 */
export function monthDays(year: number, month: number): { date: string; day: number; weekday: number }[] {
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => ({
    date: `${year}-${pad(month)}-${pad(i + 1)}`,
    day: i + 1,
    weekday: (new Date(Date.UTC(year, month - 1, i + 1)).getUTCDay() + 6) % 7,
  }));
}

export function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + hours * 3600_000);
}
