import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listLocationOptions } from '../../../domain/locations';
import {
  countCatalogueWorkshops,
  listCalendarWorkshops,
  listCatalogueWorkshops,
  listFeedWorkshops,
  listSeatsLeft,
  listWorkshopCategories,
  workshopsByDay,
} from '../../../domain/workshops';
import { idParams } from '../../../http/routes';
import { addHours, santiagoDate } from '../../../lib/dates';
import { icsFeed } from '../../../lib/ics';
import { makePage, pageWindow } from '../../../lib/pagination';
import { SeatsCache } from './seats-cache';
import { CalendarPage } from './views/calendar.page';
import { CataloguePage } from './views/catalogue.page';
import { renderWorkshopDetail } from './workshop-page';
import { monthOptions, parseCatalogueQuery, publicFilter } from './workshops.forms';

const PAGE_SIZE = 12;
/** A month of a real centre holds a few dozen workshops; the cap only bounds a freak month. */
const CALENDAR_LIMIT = 500;
/** Pages poll every few seconds; two seconds of staleness is invisible and halves the load. */
const SEATS_CACHE_CONTROL = 'public, max-age=2';
/** The public feed: the next six months of workshops, at most a few hundred events. */
const FEED_DAYS = 183;
const FEED_LIMIT = 500;

/** "1,2,3" → [1, 2, 3]: the ids of the cards on a page (at most 100); anything else is dropped. */
const idCsv = z
  .unknown()
  .optional()
  .transform((v) =>
    [
      ...new Set(
        String(Array.isArray(v) ? v[0] : (v ?? ''))
          .split(',')
          .map((s) => s.trim())
          .filter((s) => /^\d{1,9}$/.test(s))
          .map(Number),
      ),
    ].slice(0, 100),
  );

export async function workshopsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const seats = new SeatsCache((ids) => listSeatsLeft(app.deps.database.db, ids));

  app.get('/talleres/', { config: { anonymousCacheMs: 1000 } }, async (request, reply) => {
    const { db } = app.deps.database;
    const now = app.deps.clock();
    const query = parseCatalogueQuery(request.query as Record<string, unknown>, now);
    if (query.month) {
      const { month } = query;
      const [rows, categories, locations] = await app.sharedRead(
        `talleres:calendario:${month.value}:${JSON.stringify(query.filter)}`,
        1000,
        () =>
          Promise.all([
            listCalendarWorkshops(
              db,
              now,
              { ...query.filter, from: month.from, to: month.to },
              CALENDAR_LIMIT,
            ),
            listWorkshopCategories(db),
            listLocationOptions(db),
          ]),
      );
      return reply.page(CalendarPage, {
        query,
        month,
        days: workshopsByDay(month.year, month.month, rows),
        today: santiagoDate(now),
        categories,
        locations,
      });
    }
    // The list is the same for every visitor for a second: logged-in customers share the reads too.
    const { total, window, items, categories, locations } = await app.sharedRead(
      `talleres:lista:${query.page}:${JSON.stringify(query.filter)}`,
      1000,
      async () => {
        // Two reads: the total first, so a page number past the end shows the last page.
        const total = await countCatalogueWorkshops(db, now, query.filter);
        const window = pageWindow(query.page, PAGE_SIZE, total);
        const [items, categories, locations] = await Promise.all([
          listCatalogueWorkshops(db, now, query.filter, { limit: PAGE_SIZE, offset: window.offset }),
          listWorkshopCategories(db),
          listLocationOptions(db),
        ]);
        return { total, window, items, categories, locations };
      },
    );
    return reply.page(CataloguePage, {
      page: makePage(items, window.page, PAGE_SIZE, total),
      query,
      categories,
      locations,
      months: monthOptions(now),
    });
  });

  // The public calendar feed of what is on offer, with the catalogue's filters (?categoria=,
  // ?modalidad=; see publicFilter): a website or a calendar app subscribes to it. Online links stay
  // out (they are for the people enrolled).
  app.get('/talleres/calendario.ics', async (request, reply) => {
    const { db } = app.deps.database;
    const now = app.deps.clock();
    const { filter } = parseCatalogueQuery(request.query as Record<string, unknown>, now);
    const feedFilter = { ...publicFilter(filter), to: addHours(now, 24 * FEED_DAYS) };
    const rows = await app.sharedRead(`talleres:ics:${JSON.stringify(publicFilter(filter))}`, 60_000, () =>
      listFeedWorkshops(db, now, feedFilter, FEED_LIMIT),
    );
    const base = app.deps.config.publicUrl;
    const host = new URL(base).hostname;
    const body = icsFeed(
      rows.map((w) => ({
        uid: `taller-${w.id}@${host}`,
        name: w.name,
        description: w.description,
        startsAt: w.startsAt,
        durationMinutes: w.durationMinutes,
        modality: w.modality,
        location: w.location,
        onlineUrl: null,
        url: `${base}/talleres/${w.id}/`,
      })),
      { now, name: 'Talleres TMM', reminders: false },
    );
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(body);
  });

  app.get('/talleres/:id/', { schema: { params: idParams } }, (request, reply) =>
    renderWorkshopDetail(request, reply, request.params.id),
  );

  // Live seat counters: `?ids=1,2,3` for a page of cards, or one workshop.
  app.get(
    '/talleres/cupos.json',
    { schema: { querystring: z.object({ ids: idCsv }) } },
    async (request, reply) => {
      const left = await seats.get(request.query.ids);
      return reply
        .header('cache-control', SEATS_CACHE_CONTROL)
        .send({ cupos: Object.fromEntries([...left].map(([id, n]) => [String(id), n])) });
    },
  );

  app.get('/talleres/:id/cupos.json', { schema: { params: idParams } }, async (request, reply) => {
    const { id } = request.params;
    const left = (await seats.get([id])).get(id);
    if (left === undefined) return reply.code(404).send({ error: 'Ese taller no existe.' });
    return reply.header('cache-control', SEATS_CACHE_CONTROL).send({ id, cupos: left });
  });
}
