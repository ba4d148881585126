import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { createLocation } from '../../src/domain/locations';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createCustomerAccount, createInterest, createUser, createWorkshop } from '../support/factories';

/** A minimal RFC 5545 reader: the calendar's own properties and each VEVENT's, unfolded and unescaped. */
function parseFeed(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  const calendar: Record<string, string> = {};
  const events: Record<string, string>[] = [];
  let depth: string[] = [];
  for (const line of lines) {
    const [, name = '', value = ''] = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/.exec(line) ?? [];
    const text = value.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');
    if (name === 'BEGIN') {
      depth = [...depth, value];
      if (value === 'VEVENT') events.push({});
    } else if (name === 'END') depth = depth.slice(0, -1);
    else if (depth.at(-1) === 'VEVENT') events.at(-1)![name] = text;
    else if (depth.at(-1) === 'VCALENDAR') calendar[name] = text;
  }
  expect(depth).toEqual([]);
  return { calendar, events };
}

const secretOf = (page: string) => /\/calendario\/([A-Za-z0-9_-]{32})\.ics/.exec(page)?.[1];

describe('calendar feeds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('publishes the upcoming workshops on offer, filtered like the catalogue, without online links', async () => {
    const db = t.database.db;
    const resina = await createInterest(db, 'Resina del feed');
    const soon = new Date(t.clock.now().getTime() + 5 * 24 * 3600_000).toISOString();
    const inPerson = await createWorkshop(db, {
      name: 'Bandejas, flores y resina',
      startsAt: soon,
      categoryId: resina.id,
      location: 'Almirante Montt 123, Valparaíso',
    });
    const online = await createWorkshop(db, {
      name: 'Meditación online del feed',
      startsAt: soon,
      modality: 'ONLINE',
    });
    await db
      .updateTable('workshops')
      .set({ onlineUrl: 'https://meet.example.cl/secreto' })
      .where('id', '=', online.id)
      .execute();
    await createWorkshop(db, { name: 'Taller inactivo del feed', startsAt: soon, isActive: false });
    await createWorkshop(db, {
      name: 'Taller pasado del feed',
      startsAt: new Date(t.clock.now().getTime() - 24 * 3600_000).toISOString(),
    });

    const res = await t.app.inject('/talleres/calendario.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { calendar, events } = parseFeed(res.body);
    expect(calendar['X-WR-CALNAME']).toBe('Talleres TMM');
    const names = events.map((e) => e.SUMMARY);
    expect(names).toContain('Bandejas, flores y resina');
    expect(names).toContain('Meditación online del feed');
    expect(names).not.toContain('Taller inactivo del feed');
    expect(names).not.toContain('Taller pasado del feed');
    const tray = events.find((e) => e.SUMMARY === 'Bandejas, flores y resina')!;
    expect(tray.LOCATION).toBe('Almirante Montt 123, Valparaíso');
    expect(tray.URL).toMatch(new RegExp(`/talleres/${inPerson.id}/$`));
    expect(tray.UID).toMatch(new RegExp(`^taller-${inPerson.id}@`));
    expect(res.body).not.toContain('meet.example.cl/secreto');
    expect(res.body).not.toContain('BEGIN:VALARM');

    // The calendar view offers the feed with its own filters.
    const view = (await t.app.inject(`/talleres/?vista=calendario&categoria=${resina.id}`)).body;
    expect(view).toContain(`href="/talleres/calendario.ics?categoria=${resina.id}"`);
    const filtered = parseFeed((await t.app.inject(`/talleres/calendario.ics?categoria=${resina.id}`)).body);
    expect(filtered.events.map((e) => e.SUMMARY)).toEqual(['Bandejas, flores y resina']);
    const onlineOnly = parseFeed((await t.app.inject('/talleres/calendario.ics?modalidad=ONLINE')).body);
    expect(onlineOnly.events.map((e) => e.SUMMARY)).toContain('Meditación online del feed');
    expect(onlineOnly.events.map((e) => e.SUMMARY)).not.toContain('Bandejas, flores y resina');
  });

  it('gives a customer a private feed of their bookings, shown once, stored only as a hash, replaceable and revocable', async () => {
    const db = t.database.db;
    const account = await createCustomerAccount(db);
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    const soon = new Date(t.clock.now().getTime() + 3 * 24 * 3600_000).toISOString();
    const kept = await createWorkshop(db, { name: 'Encuadernación de mi feed', startsAt: soon });
    const dropped = await createWorkshop(db, {
      name: 'Timbres que anulé',
      startsAt: soon,
      cancellationCutoffHours: 1,
    });
    const online = await createWorkshop(db, {
      name: 'Respiración online mía',
      startsAt: soon,
      modality: 'ONLINE',
    });
    await db
      .updateTable('workshops')
      .set({ onlineUrl: 'https://meet.example.cl/mi-sala' })
      .where('id', '=', online.id)
      .execute();
    for (const w of [kept, dropped, online]) {
      expect((await client.post(`/talleres/${w.id}/`, { telefono: '+56912345678' })).statusCode).toBe(303);
    }
    const droppedEnrollment = await db
      .selectFrom('enrollments')
      .select('id')
      .where('workshopId', '=', dropped.id)
      .executeTakeFirstOrThrow();
    expect((await client.post(`/cuenta/inscripciones/${droppedEnrollment.id}/anular/`)).statusCode).toBe(303);

    expect((await client.get('/cuenta/perfil/')).body).toContain('Crear enlace de calendario');
    const made = await client.post('/cuenta/calendario/');
    expect(made.statusCode).toBe(200);
    const secret = secretOf(made.body)!;
    expect(secret).toBeTruthy();
    const stored = await db
      .selectFrom('users')
      .select('calendarFeedHash')
      .where('id', '=', account.user.id)
      .executeTakeFirstOrThrow();
    expect(stored.calendarFeedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.calendarFeedHash).not.toContain(secret);
    // Shown once: the account page says a feed exists but never repeats its address.
    const profile = (await client.get('/cuenta/perfil/')).body;
    expect(profile).toContain('Crear un enlace nuevo');
    expect(profile).not.toContain(secret);

    // The calendar app has no session: the secret is the key.
    const feed = await t.app.inject(`/calendario/${secret}.ics`);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['cache-control']).toBe('private, no-store');
    const { calendar, events } = parseFeed(feed.body);
    expect(calendar['X-WR-CALNAME']).toBe('Mis talleres TMM');
    const byName = Object.fromEntries(events.map((e) => [e.SUMMARY, e]));
    expect(byName['Encuadernación de mi feed']!.STATUS).toBe('CONFIRMED');
    expect(byName['Timbres que anulé']!.STATUS).toBe('CANCELLED');
    expect(byName['Respiración online mía']!.LOCATION).toBe('https://meet.example.cl/mi-sala');
    expect(byName['Encuadernación de mi feed']!.UID).toMatch(/^inscripcion-\d+@/);
    expect(feed.body).toContain('BEGIN:VALARM');

    // A new address replaces the old one.
    const renewed = secretOf((await client.post('/cuenta/calendario/')).body)!;
    expect(renewed).not.toBe(secret);
    expect((await t.app.inject(`/calendario/${secret}.ics`)).statusCode).toBe(404);
    expect((await t.app.inject(`/calendario/${renewed}.ics`)).statusCode).toBe(200);

    // Switched off: the address stops working, and the page says so in Spanish.
    expect((await client.post('/cuenta/calendario/desactivar/')).statusCode).toBe(303);
    const gone = await t.app.inject(`/calendario/${renewed}.ics`);
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('Este enlace de calendario no existe o fue desactivado.');
    expect((await client.get('/cuenta/perfil/')).body).toContain('Crear enlace de calendario');
  });

  it('answers guesses and visitors without an account plainly', async () => {
    expect((await t.app.inject('/calendario/nada.ics')).statusCode).toBe(404);
    expect((await t.app.inject(`/calendario/${'a'.repeat(32)}.ics`)).statusCode).toBe(404);
    expect((await t.app.inject(`/calendario/${'a'.repeat(32)}`)).statusCode).toBe(404);
    const anonymous = new TestClient(t.app);
    const res = await anonymous.post('/cuenta/calendario/');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/login\//);
    // Staff have no customer record: nothing to subscribe to, and no feed page to open.
    const staff = await createUser(t.database.db, { role: 'staff' });
    const office = new TestClient(t.app);
    await office.login(staff.email, 'clave-de-prueba-123');
    expect((await office.get('/cuenta/perfil/')).body).not.toContain('Crear enlace de calendario');
  });
  it('links the per-category feed from the catalogue list, without the month, and the feed holds only that category', async () => {
    const db = t.database.db;
    const bordado = await createInterest(db, 'Bordado del feed por categoría');
    const soon = new Date(t.clock.now().getTime() + 6 * 24 * 3600_000).toISOString();
    await createWorkshop(db, { name: 'Bordado libre en bastidor', startsAt: soon, categoryId: bordado.id });
    await createWorkshop(db, { name: 'Otro taller sin bordado', startsAt: soon });

    const list = (await t.app.inject(`/talleres/?categoria=${bordado.id}&mes=2026-03`)).body;
    expect(list).toContain(
      `href="/talleres/calendario.ics?categoria=${bordado.id}" data-test="calendar-feed"`,
    );
    expect((await t.app.inject('/talleres/')).body).toContain(
      'href="/talleres/calendario.ics" data-test="calendar-feed"',
    );

    const feed = await t.app.inject(`/talleres/calendario.ics?categoria=${bordado.id}`);
    expect(feed.statusCode).toBe(200);
    const { events } = parseFeed(feed.body);
    expect(events.map((e) => e.SUMMARY)).toEqual(['Bordado libre en bastidor']);
    // A category that has nothing on offer is an empty calendar, not an error.
    const other = await createInterest(db, 'Categoría sin talleres del feed');
    expect(
      parseFeed((await t.app.inject(`/talleres/calendario.ics?categoria=${other.id}`)).body).events,
    ).toEqual([]);
    expect((await t.app.inject('/talleres/calendario.ics?categoria=xyz')).statusCode).toBe(200);
  });
  it('filters the public feed and the widget by location (sede), and links the feed with the sede kept', async () => {
    const db = t.database.db;
    const ctx = { now: t.clock.now(), actor: null, publicUrl: 'http://localhost' };
    const sedeId = await inTransaction(t.database, (trx) =>
      createLocation(
        trx,
        { name: 'Sede del feed', address: 'Av. Brasil 1500, Valparaíso', mapsUrl: null, rooms: '' },
        ctx,
      ),
    );
    const soon = new Date(t.clock.now().getTime() + 5 * 24 * 3600_000).toISOString();
    const there = await createWorkshop(db, { name: 'Cerámica en la sede del feed', startsAt: soon });
    await db.updateTable('workshops').set({ locationId: sedeId }).where('id', '=', there.id).execute();
    await createWorkshop(db, { name: 'Cerámica en la sede principal', startsAt: soon });

    const list = (await t.app.inject(`/talleres/?sede=${sedeId}`)).body;
    expect(list).toContain(`href="/talleres/calendario.ics?sede=${sedeId}" data-test="calendar-feed"`);
    const { events } = parseFeed((await t.app.inject(`/talleres/calendario.ics?sede=${sedeId}`)).body);
    expect(events.map((e) => e.SUMMARY)).toEqual(['Cerámica en la sede del feed']);
    const widget = (await t.app.inject(`/widget/talleres/?sede=${sedeId}`)).body;
    expect(widget).toContain('Cerámica en la sede del feed');
    expect(widget).not.toContain('Cerámica en la sede principal');
  });
});
