import type { FastifyReply, FastifyRequest } from 'fastify';
import { attendancePolicy } from '../../../domain/attendance-policy';
import { countAhead, findLiveEntry } from '../../../domain/capacity';
import { findCustomerContact } from '../../../domain/customers';
import { cancellationPolicy, findActiveEnrollment } from '../../../domain/enrollments';
import { findCreditOptions } from '../../../domain/packs';
import { findSessionLink } from '../../../domain/series';
import { findWorkshopDetail, workshopAvailability, workshopPricing } from '../../../domain/workshops';
import type { InvalidForm } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { type ViewerState, WorkshopDetailPage } from './views/workshop-detail.page';

/**
 * A workshop's page for this visitor: what they can do there (enroll, pay, wait, take an offer).
 * Also shows it again with the enrollment form's errors (the status is already 422 then).
 * Throws NotFoundError for an unknown id.
 */
export async function renderWorkshopDetail(
  request: FastifyRequest,
  reply: FastifyReply,
  workshopId: number,
  form: InvalidForm | null = null,
) {
  const { db } = request.server.deps.database;
  // The workshop's public part is the same for everyone for a second (seats.js keeps the count
  // live; an enrollment re-checks the seat in its own transaction). A page re-shown with the
  // enrollment form's errors reads it fresh.
  const workshop = form
    ? await findWorkshopDetail(db, workshopId)
    : await request.server.sharedRead(`taller:${workshopId}`, 1000, () => findWorkshopDetail(db, workshopId));
  if (!workshop) throw new NotFoundError('Ese taller no existe.');
  const now = request.server.deps.clock();
  const availability = workshopAvailability(workshop, now);
  let viewer: ViewerState | null = null;
  if (request.user) {
    const customerId = request.user.customerId;
    const customer = customerId ? await findCustomerContact(db, customerId) : undefined;
    const [enrollment, entry, credits] = customerId
      ? await Promise.all([
          findActiveEnrollment(db, customerId, workshop.id),
          findLiveEntry(db, workshop.id, customerId),
          findCreditOptions(db, customerId, workshop, now),
        ])
      : [undefined, undefined, null];
    viewer = {
      customerName: customer?.fullName ?? (request.user.name || request.user.email),
      phone: customer?.phone ?? null,
      enrollment: enrollment ? { id: enrollment.id, status: enrollment.status } : null,
      credits,
      waitlist: entry
        ? {
            status: entry.status as 'WAITING' | 'OFFERED',
            position: entry.status === 'WAITING' ? (await countAhead(db, workshop.id, entry)) + 1 : 0,
            offerExpiresAt: entry.offerExpiresAt,
          }
        : null,
    };
  }
  return reply.page(WorkshopDetailPage, {
    workshop,
    availability,
    policy: cancellationPolicy({ ...workshop, attendance: await attendancePolicy(db, workshop.id) }, now),
    viewer,
    series: await findSessionLink(db, workshop.id),
    pricing: workshopPricing(workshop, now),
    values: form?.values ?? {},
    errors: form?.errors ?? {},
  });
}
