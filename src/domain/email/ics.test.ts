import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db';
import { inTransaction } from '../../db/transaction';
import { santiagoDate, santiagoTime } from '../../lib/dates';
import { foldIcsLine, icsForWorkshop, type WorkshopEvent } from '../../lib/ics';
import { queueEmail } from './email.service';

/** A minimal RFC 5545 reader: unfolds lines and returns the VEVENT's properties, unescaped. */
function parseIcs(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  const event: Record<string, string> = {};
  let depth: string[] = [];
  for (const line of lines) {
    const [, name = '', value = ''] = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/.exec(line) ?? [];
    if (name === 'BEGIN') depth = [...depth, value];
    else if (name === 'END') depth = depth.slice(0, -1);
    else if (depth.at(-1) === 'VEVENT')
      event[name] = value.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');
  }
  return event;
}

const parseUtc = (stamp: string) => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp);
  expect(m, `${stamp} is a UTC date-time`).not.toBeNull();
  const [, y, mo, d, h, mi, s] = m!.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
};

const base: WorkshopEvent = {
  uid: 'inscripcion-41@tmm.example.cl',
  name: 'Resina, color; y brillo',
  startsAt: '2026-06-13T14:30:00.000Z',
  durationMinutes: 120,
  modality: 'PRESENCIAL',
  location: 'Almirante Montt 123, Cerro Alegre, Valparaíso',
  onlineUrl: null,
  description: 'Trae ropa cómoda.\nLos materiales están incluidos.',
  url: 'https://tmm.example.cl/talleres/7/',
};
const now = new Date('2026-03-02T15:00:00.000Z');

describe('icsForWorkshop', () => {
  it('puts the workshop at the right local time in Santiago, in winter and in summer', () => {
    const winter = parseIcs(icsForWorkshop(base, { now }));
    const start = parseUtc(winter.DTSTART!);
    expect(santiagoDate(start)).toBe('2026-06-13');
    expect(santiagoTime(start)).toBe('10:30');
    expect(santiagoTime(parseUtc(winter.DTEND!))).toBe('12:30');

    const summer = parseIcs(icsForWorkshop({ ...base, startsAt: '2026-01-10T13:00:00.000Z' }, { now }));
    expect(santiagoDate(parseUtc(summer.DTSTART!))).toBe('2026-01-10');
    expect(santiagoTime(parseUtc(summer.DTSTART!))).toBe('10:00');
  });

  it('has the fields calendars need, with text escaped and read back unchanged', () => {
    const event = parseIcs(icsForWorkshop(base, { now }));
    expect(event.UID).toBe('inscripcion-41@tmm.example.cl');
    expect(event.DTSTAMP).toBe('20260302T150000Z');
    expect(event.SUMMARY).toBe('Resina, color; y brillo');
    expect(event.LOCATION).toBe('Almirante Montt 123, Cerro Alegre, Valparaíso');
    expect(event.DESCRIPTION).toContain('Trae ropa cómoda.\nLos materiales están incluidos.');
    expect(event.DESCRIPTION).toContain('https://tmm.example.cl/talleres/7/');
    expect(event.STATUS).toBe('CONFIRMED');
  });

  it('uses the online link as the location of an online workshop', () => {
    const event = parseIcs(
      icsForWorkshop(
        { ...base, modality: 'ONLINE', location: null, onlineUrl: 'https://meet.example.com/abc' },
        { now },
      ),
    );
    expect(event.LOCATION).toBe('https://meet.example.com/abc');
    expect(event.DESCRIPTION).toContain('Enlace de conexión: https://meet.example.com/abc');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const text = icsForWorkshop({ ...base, description: 'ñandú '.repeat(60) }, { now });
    for (const line of text.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text).not.toContain('\uFFFD');
    expect(parseIcs(text).DESCRIPTION).toContain('ñandú '.repeat(60).trim());
    expect(foldIcsLine('SUMMARY:corto')).toBe('SUMMARY:corto');
  });
});

describe('enrollment confirmation e-mails', () => {
  let database: TestDb;
  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('carry the calendar file even when the caller attaches none', async () => {
    const id = await inTransaction(database, (trx) =>
      queueEmail(
        trx,
        {
          template: 'enrollment_confirmation',
          to: 'ana@example.cl',
          data: {
            name: 'Ana',
            enrollmentId: 5,
            workshopName: 'Timbres',
            startsAt: '2026-06-13T14:30:00.000Z',
            durationMinutes: 90,
            modality: 'PRESENCIAL',
            location: 'Valparaíso',
            onlineUrl: null,
            amountDueClp: 30000,
            payPath: '/pago/5/',
          },
        },
        { now, publicUrl: 'https://tmm.example.cl' },
      ),
    );
    const row = await database.db
      .selectFrom('emailOutbox')
      .select('attachments')
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    const [attachment] = JSON.parse(row.attachments!) as { filename: string; content: string }[];
    expect(attachment!.filename).toBe('taller-tmm.ics');
    const event = parseIcs(attachment!.content);
    expect(event.UID).toBe('inscripcion-5@tmm.example.cl');
    expect(santiagoTime(parseUtc(event.DTEND!))).toBe('12:00');
  });
});
