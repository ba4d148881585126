import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { countAhead, findLiveEntry } from '../../../domain/capacity';
import { findCustomerContact } from '../../../domain/customers';
import { findActiveEnrollment } from '../../../domain/enrollments';
import {
  countCatalogueWorkshops,
  findWorkshopDetail,
  listCatalogueWorkshops,
  listSeatsLeft,
  listWorkshopCategories,
  workshopAvailability,
} from '../../../domain/workshops';
import type { FormErrors } from '../../../http/forms';
import { routeId } from '../../../http/params';
import { NotFoundError } from '../../../lib/errors';
import { makePage, pageWindow } from '../../../lib/pagination';
import { SeatsCache } from './seats-cache';
import { CataloguePage } from './views/catalogue.page';
import { type ViewerState, WorkshopDetailPage } from './views/workshop-detail.page';
import { monthOptions, parseCatalogueQuery } from './workshops.forms';

const PAGE_SIZE = 12;
/** Pages poll every few seconds; two seconds of staleness is invisible and halves the load. */
const SEATS_CACHE_CONTROL = 'public, max-age=2';

/**
 * Renders a workshop's page for this visitor (also used to re-show it with form errors, 422).
 * Throws NotFoundError for an unknown id.
 */
export async function renderWorkshopDetail(
  request: FastifyRequest,
  reply: FastifyReply,
  workshopId: number,
  form: { values: Record<string, string>; errors: FormErrors; status: number } | null = null,
) {
  const { db } = request.server.deps.database;
  const workshop = await findWorkshopDetail(db, workshopId);
  if (!workshop) throw new NotFoundError('Ese taller no existe.');
  const availability = workshopAvailability(workshop, request.server.deps.clock());
  let viewer: ViewerState | null = null;
  if (request.user) {
    const customerId = request.user.customerId;
    const customer = customerId ? await findCustomerContact(db, customerId) : undefined;
    const [enrollment, entry] = customerId
      ? await Promise.all([
          findActiveEnrollment(db, customerId, workshop.id),
          findLiveEntry(db, workshop.id, customerId),
        ])
      : [undefined, undefined];
    viewer = {
      customerName: customer?.fullName ?? (request.user.name || request.user.email),
      phone: customer?.phone ?? null,
      enrollment: enrollment ? { id: enrollment.id, status: enrollment.status } : null,
      waitlist: entry
        ? {
            status: entry.status as 'WAITING' | 'OFFERED',
            position: entry.status === 'WAITING' ? (await countAhead(db, workshop.id, entry)) + 1 : 0,
            offerExpiresAt: entry.offerExpiresAt,
          }
        : null,
    };
  }
  return reply.page(
    WorkshopDetailPage,
    { workshop, availability, viewer, values: form?.values ?? {}, errors: form?.errors ?? {} },
    form?.status ?? 200,
  );
}

export async function workshopsRoutes(app: FastifyInstance) {
  const seats = new SeatsCache((ids) => listSeatsLeft(app.deps.database.db, ids));

  app.get<{ Querystring: Record<string, unknown> }>(
    '/talleres/',
    { config: { anonymousCacheMs: 1000 } },
    async (request, reply) => {
      const { db } = app.deps.database;
      const now = app.deps.clock();
      const query = parseCatalogueQuery(request.query);
      // Two reads: the total first, so a page number past the end shows the last page.
      const total = await countCatalogueWorkshops(db, now, query.filter);
      const window = pageWindow(query.page, PAGE_SIZE, total);
      const [items, categories] = await Promise.all([
        listCatalogueWorkshops(db, now, query.filter, { limit: PAGE_SIZE, offset: window.offset }),
        listWorkshopCategories(db),
      ]);
      return reply.page(CataloguePage, {
        page: makePage(items, window.page, PAGE_SIZE, total),
        query,
        categories,
        months: monthOptions(now),
      });
    },
  );

  app.get<{ Params: { id: string } }>('/talleres/:id/', async (request, reply) =>
    renderWorkshopDetail(request, reply, routeId(request.params.id)),
  );

  // Live seat counters: `?ids=1,2,3` for a page of cards, or one workshop.
  app.get<{ Querystring: { ids?: string } }>('/talleres/cupos.json', async (request, reply) => {
    const ids = [
      ...new Set(
        String(request.query.ids ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter((s) => /^\d{1,9}$/.test(s))
          .map(Number),
      ),
    ].slice(0, 100);
    const left = await seats.get(ids);
    return reply
      .header('cache-control', SEATS_CACHE_CONTROL)
      .send({ cupos: Object.fromEntries([...left].map(([id, n]) => [String(id), n])) });
  });

  app.get<{ Params: { id: string } }>('/talleres/:id/cupos.json', async (request, reply) => {
    const raw = request.params.id;
    const id = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
    const left = id === null ? undefined : (await seats.get([id])).get(id);
    if (left === undefined) return reply.code(404).send({ error: 'Ese taller no existe.' });
    return reply.header('cache-control', SEATS_CACHE_CONTROL).send({ id, cupos: left });
  });
}
