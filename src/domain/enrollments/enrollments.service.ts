import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import type { EnrollmentStatus } from '../../db/schema';
import { addHours } from '../../lib/dates';
import { NotFoundError } from '../../lib/errors';
import { enrollmentEventUid, icsForWorkshop, icsForWorkshops } from '../../lib/ics';
import { attendancePolicy } from '../attendance-policy';
import { owedClp } from '../balance';
import {
  addToWaitlist,
  findLiveEntry,
  hasLiveOffer,
  NoLiveOfferError,
  releaseSeatsAndOffer,
  resolveWaitlistForEnrollment,
  SeatsStillAvailableError,
  takeSeat,
} from '../capacity';
import type { ServiceContext } from '../context';
import {
  addCustomerInterest,
  findCustomerForEnrollment,
  noteCustomerActivity,
  updateCustomerPhone,
} from '../customers';
import { releaseDiscountCode, restoreDiscountCode } from '../discounts';
import { queueEmail } from '../email';
import { redeemCredit, settleCreditOnCancel } from '../packs';
import { ticketImagePath, ticketPath, ticketToken } from '../tickets';
import { recordWebhookEvent } from '../webhooks';
import { findWorkshopForEnrollment, workshopAvailability, workshopPricing } from '../workshops';
import { cancellationPolicy, lateCancellationFee } from './cancellation-policy';
import {
  AlreadyEnrolledError,
  CancellationClosedError,
  EnrollmentAlreadyCancelledError,
  EnrollmentNotReinstatableError,
  InvalidSeatsError,
  NotEnoughSeatsError,
  WorkshopClosedError,
  WorkshopFullError,
} from './enrollments.errors';
import { findActiveEnrollment, findEnrollmentSummary, insertCompanions } from './enrollments.queries';

export type EnrollInput = {
  workshopId: number;
  customerId: number;
  /** A phone typed in the form; when new, it replaces the customer's. */
  phone?: string | null | undefined;
  /**
   * How it is paid: with money later on the payment page (the default), or now with one credit of
   * the customer's packs or one seat of their company's bundle (nothing left to pay).
   */
  payWith?: 'money' | 'pack_credit' | 'company_seat' | undefined;
  /** Seats booked, the customer's included (1–4; default 1): the price, credits and seats count them. */
  seats?: number | undefined;
  /** Companions' names in seat order (seats 2…); blank or missing ones stay unnamed. */
  companionNames?: (string | null | undefined)[] | undefined;
  /** False: the caller sends one confirmation for several enrollments (queueBookingConfirmation). */
  confirmation?: boolean;
};

/** The most seats one enrollment holds: the customer and three companions (a CHECK keeps it). */
export const MAX_SEATS = 4;

/**
 * Enrolls a customer in one short transaction. The seat is taken with the conditional UPDATE in
 * db/locks.ts as the LAST write, so the workshop row is locked (PostgreSQL) only for the commit;
 * a concurrent duplicate of the same customer is caught by the partial unique index
 * (ON CONFLICT DO NOTHING) rather than by an earlier read, which cannot see uncommitted rows.
 * Paying with a pack credit or a company seat spends it (packs.redeemCredit) in this same
 * transaction, just before the seat: a full workshop rolls the spend back, and a spend that finds no
 * credit left (NoPackCreditError, NoCompanySeatError) takes no seat.
 * Throws NotFoundError, WorkshopClosedError, AlreadyEnrolledError (with the existing id) or
 * WorkshopFullError; on any throw the caller's transaction rolls back, so nothing half-written stays.
 */
export async function enrollCustomer(
  trx: Tx,
  input: EnrollInput,
  ctx: ServiceContext,
): Promise<{ enrollmentId: number; workshopName: string }> {
  const workshop = await findWorkshopForEnrollment(trx, input.workshopId);
  if (!workshop) throw new NotFoundError('Ese taller no existe.');
  const availability = workshopAvailability(workshop, ctx.now);
  if (availability !== 'open') throw new WorkshopClosedError(availability);

  const seats = input.seats ?? 1;
  if (!Number.isInteger(seats) || seats < 1 || seats > MAX_SEATS) throw new InvalidSeatsError();

  const existing = await findActiveEnrollment(trx, input.customerId, workshop.id);
  if (existing) throw new AlreadyEnrolledError(existing.id);

  // A customer holding a live waitlist offer takes the held seats; one still waiting leaves the line.
  const { fromHold, heldSeats } = await resolveWaitlistForEnrollment(
    trx,
    { workshopId: workshop.id, customerId: input.customerId },
    ctx,
  );
  // A cheap early "no" for the crowd at a launch. Only an optimisation: the guard is takeSeats below.
  const free = workshop.totalSeats - workshop.seatsTaken - workshop.seatsHeld + heldSeats;
  if (free < seats) throw free <= 0 ? new WorkshopFullError() : new NotEnoughSeatsError(free);

  // Staff and the API name the customer by id; one that does not exist is a 404, never a 500.
  const customer = await findCustomerForEnrollment(trx, input.customerId);
  if (!customer) throw new NotFoundError('Ese cliente no existe.');
  const phone = input.phone?.trim();
  if (phone) await updateCustomerPhone(trx, customer, phone, ctx);

  const paidWith = input.payWith === 'pack_credit' || input.payWith === 'company_seat' ? input.payWith : null;
  // The price is fixed now: the early-bird price while it applies, the regular one after.
  const pricing = workshopPricing(workshop, ctx.now);
  // A credit or a company seat settles it like a free workshop: the money was counted when the
  // pack was sold (or is the company's agreement), never again here.
  const settled = pricing.priceClp === 0 || paidWith !== null;
  // One payment for the whole booking: the unit price times the seats.
  const amountDueClp = paidWith === null ? pricing.priceClp * seats : 0;
  const inserted = await trx
    .insertInto('enrollments')
    .values({
      customerId: customer.id,
      workshopId: workshop.id,
      amountDueClp,
      paidWith,
      isEarlyBird: paidWith === null && pricing.earlyBird !== null,
      seats,
      // A free workshop has nothing to pay: it is settled from the start and never expires.
      status: settled ? 'PAGADO' : 'PENDIENTE',
      createdAt: ctx.now.toISOString(),
      expiresAt:
        !settled && workshop.unpaidExpiryHours
          ? addHours(ctx.now, workshop.unpaidExpiryHours).toISOString()
          : null,
    })
    // The index is partial (status <> 'ANULADO'); the predicate must be a literal for PostgreSQL
    // to match it.
    .onConflict((oc) =>
      oc.columns(['customerId', 'workshopId']).where(sql<boolean>`status <> 'ANULADO'`).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    // A concurrent request of the same customer won; it has committed by now (the insert waited).
    const winner = await findActiveEnrollment(trx, input.customerId, workshop.id);
    throw new AlreadyEnrolledError(winner?.id ?? 0);
  }

  if (seats > 1) await insertCompanions(trx, inserted.id, seats, input.companionNames ?? [], ctx.now);
  if (workshop.categoryId !== null) await addCustomerInterest(trx, customer.id, workshop.categoryId);
  const ids = { enrollmentId: inserted.id, workshopId: workshop.id, customerId: customer.id };
  await recordWebhookEvent(trx, 'enrollment.created', ids, ctx);
  if (settled) await recordWebhookEvent(trx, 'enrollment.paid', ids, ctx);

  await noteCustomerActivity(trx, customer.id, settled ? 'customer' : 'prospect', ctx);

  if (input.confirmation !== false)
    await queueConfirmation(
      trx,
      { enrollmentId: inserted.id, customer, workshop, amountDueClp, seats, input },
      ctx,
    );

  if (paidWith !== null)
    await redeemCredit(
      trx,
      {
        source: paidWith === 'pack_credit' ? 'pack' : 'company',
        customerId: customer.id,
        companyId: customer.companyId,
        workshop,
        enrollmentId: inserted.id,
        credits: seats,
      },
      ctx,
    );

  const took = await takeSeat(trx, workshop.id, { fromHold, heldSeats, seats });
  if (!took) throw seats > 1 ? new NotEnoughSeatsError(null) : new WorkshopFullError();
  return { enrollmentId: inserted.id, workshopName: workshop.name };
}

/** The enrollment's "Inscripción confirmada": its details, ticket, policy, pay link and its .ics. */
async function queueConfirmation(
  trx: Tx,
  args: {
    enrollmentId: number;
    customer: { id: number; email: string; fullName: string };
    workshop: Awaited<ReturnType<typeof findWorkshopForEnrollment>> & {};
    amountDueClp: number;
    seats: number;
    input: EnrollInput;
  },
  ctx: ServiceContext,
): Promise<void> {
  const { enrollmentId, customer, workshop, amountDueClp, seats, input } = args;
  const payPath = `/pago/${enrollmentId}/`;
  const ticket = await ticketToken(trx, enrollmentId);
  const policy = cancellationPolicy(
    { ...workshop, attendance: await attendancePolicy(trx, workshop.id) },
    ctx.now,
  );
  await queueEmail(
    trx,
    {
      template: 'enrollment_confirmation',
      to: customer.email,
      customerId: customer.id,
      enrollmentId,
      data: {
        name: customer.fullName,
        enrollmentId,
        workshopName: workshop.name,
        startsAt: workshop.startsAt,
        durationMinutes: workshop.durationMinutes,
        modality: workshop.modality,
        location: workshop.location,
        onlineUrl: workshop.onlineUrl,
        amountDueClp,
        payPath,
        workshopPath: `/talleres/${workshop.id}/`,
        ticketPath: ticketPath(ticket),
        ticketImagePath: ticketImagePath(ticket),
        policyPoints: policy.points,
        ...(seats > 1
          ? {
              seats,
              companions: Array.from(
                { length: seats - 1 },
                (_, i) => input.companionNames?.[i]?.trim() || `Acompañante ${i + 1}`,
              ),
            }
          : {}),
      },
      attachments: [
        {
          filename: 'taller.ics',
          contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          content: icsForWorkshop(
            {
              uid: enrollmentEventUid(enrollmentId, ctx.publicUrl),
              name: workshop.name,
              startsAt: workshop.startsAt,
              durationMinutes: workshop.durationMinutes,
              modality: workshop.modality,
              location: workshop.location,
              onlineUrl: workshop.onlineUrl,
              url: `${ctx.publicUrl}/talleres/${workshop.id}/`,
              ticketUrl: `${ctx.publicUrl}${ticketPath(ticket)}`,
            },
            ctx,
          ),
        },
      ],
    },
    ctx,
  );
}

/**
 * Several enrollments booked together (a whole series, made with `confirmation: false`): one
 * e-mail listing every session with its entry, the total, where to pay, the first session's
 * policy, and one .ics with every session (each event with its enrollment's uid, as a single
 * confirmation would have it).
 */
export async function queueBookingConfirmation(
  trx: Tx,
  input: { enrollmentIds: number[]; title: string; bookingPath: string },
  ctx: ServiceContext,
): Promise<void> {
  const sessions = [];
  for (const id of input.enrollmentIds) {
    const enrollment = (await findEnrollmentSummary(trx, id))!;
    const workshop = (await findWorkshopForEnrollment(trx, enrollment.workshopId))!;
    sessions.push({ enrollment, workshop, ticket: await ticketToken(trx, id) });
  }
  const first = sessions[0];
  if (!first) return;
  const policy = cancellationPolicy(
    { ...first.workshop, attendance: await attendancePolicy(trx, first.workshop.id) },
    ctx.now,
  );
  await queueEmail(
    trx,
    {
      template: 'booking_confirmation',
      to: first.enrollment.customerEmail,
      customerId: first.enrollment.customerId,
      enrollmentId: first.enrollment.id,
      data: {
        name: first.enrollment.customerName,
        title: input.title,
        totalClp: sessions.reduce((sum, s) => sum + s.enrollment.amountDueClp, 0),
        bookingPath: input.bookingPath,
        sessions: sessions.map((s) => ({
          enrollmentId: s.enrollment.id,
          workshopName: s.workshop.name,
          startsAt: s.workshop.startsAt,
          modality: s.workshop.modality,
          location: s.workshop.location,
          ticketPath: ticketPath(s.ticket),
        })),
        policyPoints: policy.points,
      },
      attachments: [
        {
          filename: 'sesiones.ics',
          contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          content: icsForWorkshops(
            sessions.map((s) => ({
              uid: enrollmentEventUid(s.enrollment.id, ctx.publicUrl),
              name: s.workshop.name,
              startsAt: s.workshop.startsAt,
              durationMinutes: s.workshop.durationMinutes,
              modality: s.workshop.modality,
              location: s.workshop.location,
              onlineUrl: s.workshop.onlineUrl,
              url: `${ctx.publicUrl}/talleres/${s.workshop.id}/`,
              ticketUrl: `${ctx.publicUrl}${ticketPath(s.ticket)}`,
            })),
            ctx,
          ),
        },
      ],
    },
    ctx,
  );
}

export type CancelInput = {
  enrollmentId: number;
  /** The customer asking; null when staff cancel (no ownership check, no cut-off). */
  customerId: number | null;
  waitlistHoldHours: number;
};

/**
 * Cancels an enrollment: it becomes ANULADO (kept as history), its seat returns and is offered to
 * the waitlist in the same transaction, the cancellation e-mail is queued and any amount paid is
 * recorded as owed back. Customers may cancel until the workshop's cut-off; staff at any time.
 * The status change is a conditional UPDATE, so two racing cancellations free one seat.
 * Throws NotFoundError (not theirs), EnrollmentAlreadyCancelledError or CancellationClosedError.
 */
export async function cancelEnrollment(
  trx: Tx,
  input: CancelInput,
  ctx: ServiceContext,
): Promise<{
  workshopId: number;
  workshopName: string;
  refundDueClp: number;
  credit: 'returned' | 'forfeited' | null;
}> {
  const enrollment = await findEnrollmentSummary(trx, input.enrollmentId);
  if (!enrollment || (input.customerId !== null && enrollment.customerId !== input.customerId))
    throw new NotFoundError('No encontramos esa inscripción.');
  if (enrollment.status === 'ANULADO') throw new EnrollmentAlreadyCancelledError();
  const cutoff = addHours(new Date(enrollment.startsAt), -enrollment.cancellationCutoffHours);
  let keepClp = 0;
  if (input.customerId !== null) {
    if (ctx.now >= cutoff) throw new CancellationClosedError(enrollment.cancellationCutoffHours);
    // Staff cancel for reasons of their own (the centre's mistake, an illness they accept): no fee.
    keepClp = lateCancellationFee(await attendancePolicy(trx, enrollment.workshopId), enrollment, ctx.now);
  }
  const result = await annul(trx, enrollment.id, ctx, {
    waitlistHoldHours: input.waitlistHoldHours,
    onlyIfPending: false,
    keepClp,
  });
  // A credit comes back before the cut-off and is lost after it (only staff cancel that late).
  const credit = await settleCreditOnCancel(
    trx,
    { enrollmentId: enrollment.id, returnCredit: ctx.now < cutoff, credits: enrollment.seats },
    ctx,
  );
  return { ...result, credit };
}

/**
 * Cancels one PENDIENTE enrollment whose unpaid hold lapsed. Returns false when another worker (or a
 * payment) got there first: the claim is `UPDATE … WHERE status = 'PENDIENTE' AND expires_at <= now`.
 */
export async function expireUnpaidEnrollment(
  trx: Tx,
  input: { enrollmentId: number; waitlistHoldHours: number },
  ctx: ServiceContext,
): Promise<boolean> {
  try {
    await annul(trx, input.enrollmentId, ctx, {
      waitlistHoldHours: input.waitlistHoldHours,
      onlyIfPending: true,
    });
    return true;
  } catch (error) {
    if (error instanceof EnrollmentAlreadyCancelledError) return false;
    throw error;
  }
}

async function annul(
  trx: Tx,
  enrollmentId: number,
  ctx: ServiceContext,
  options: { waitlistHoldHours: number; onlyIfPending: boolean; keepClp?: number },
) {
  // A lapsed hold keeps its deadline; a cancellation on purpose clears it. A payment arriving late
  // reads the difference (reinstateLapsedEnrollment).
  let claim = trx
    .updateTable('enrollments')
    .set({
      status: 'ANULADO',
      cancelledAt: ctx.now.toISOString(),
      // A late cancellation's fee (never more than was paid) stays with the centre.
      refundDueClp: sql<number>`amount_paid_clp - ${options.keepClp ?? 0}`,
      ...(options.onlyIfPending ? {} : { expiresAt: null }),
    })
    .where('id', '=', enrollmentId);
  claim = options.onlyIfPending
    ? claim.where('status', '=', 'PENDIENTE').where('expiresAt', '<=', ctx.now.toISOString())
    : claim.where('status', '<>', 'ANULADO');
  const claimed = await claim
    .returning(['workshopId', 'customerId', 'refundDueClp', 'seats'])
    .executeTakeFirst();
  if (!claimed) throw new EnrollmentAlreadyCancelledError();
  // An enrollment cancelled with nothing paid gives its discount code's use back; one that was
  // paid (even in part) keeps it: the customer bought at that price, and the refund is of that price.
  if (claimed.refundDueClp === 0) await releaseDiscountCode(trx, { enrollmentId }, ctx);

  const summary = (await findEnrollmentSummary(trx, enrollmentId))!;
  await recordWebhookEvent(
    trx,
    'enrollment.cancelled',
    { enrollmentId, workshopId: claimed.workshopId, customerId: claimed.customerId },
    ctx,
  );
  await queueEmail(
    trx,
    {
      template: 'cancellation',
      to: summary.customerEmail,
      customerId: summary.customerId,
      enrollmentId,
      data: {
        name: summary.customerName,
        workshopName: summary.workshopName,
        startsAt: summary.startsAt,
        refundDueClp: claimed.refundDueClp,
      },
    },
    ctx,
  );
  await releaseSeatsAndOffer(
    trx,
    { workshopId: claimed.workshopId, count: claimed.seats, holdHours: options.waitlistHoldHours },
    ctx,
  );
  return {
    workshopId: claimed.workshopId,
    workshopName: summary.workshopName,
    refundDueClp: claimed.refundDueClp,
  };
}

/**
 * Puts a customer in line for a full workshop. Throws WorkshopClosedError, AlreadyEnrolledError,
 * SeatsStillAvailableError (enroll instead) or AlreadyOnWaitlistError. Returns the place in line.
 */
export async function joinWaitlist(
  trx: Tx,
  input: { workshopId: number; customerId: number; seats?: number | undefined },
  ctx: ServiceContext,
): Promise<{ position: number }> {
  const seats = input.seats ?? 1;
  if (!Number.isInteger(seats) || seats < 1 || seats > MAX_SEATS) throw new InvalidSeatsError();
  const workshop = await findWorkshopForEnrollment(trx, input.workshopId);
  if (!workshop) throw new NotFoundError('Ese taller no existe.');
  const availability = workshopAvailability(workshop, ctx.now);
  if (availability !== 'open') throw new WorkshopClosedError(availability);
  const enrolled = await findActiveEnrollment(trx, input.customerId, workshop.id);
  if (enrolled) throw new AlreadyEnrolledError(enrolled.id);
  // A party may wait while fewer seats than it needs are free.
  if (workshop.seatsTaken + workshop.seatsHeld + seats <= workshop.totalSeats)
    throw new SeatsStillAvailableError();
  return addToWaitlist(trx, { workshopId: workshop.id, customerId: input.customerId, seats }, ctx);
}

/**
 * Turns a live waitlist offer into an enrollment on the held seats, as many as the entry waited for
 * (enrollCustomer converts the hold). Throws NoLiveOfferError when there is none or it lapsed, plus
 * enrollCustomer's errors.
 */
export async function acceptWaitlistOffer(
  trx: Tx,
  input: {
    workshopId: number;
    customerId: number;
    phone?: string | null;
    companionNames?: (string | null | undefined)[] | undefined;
  },
  ctx: ServiceContext,
): Promise<{ enrollmentId: number; workshopName: string }> {
  if (!(await hasLiveOffer(trx, input, ctx))) throw new NoLiveOfferError();
  const entry = await findLiveEntry(trx, input.workshopId, input.customerId);
  return enrollCustomer(trx, { ...input, seats: entry?.seats ?? 1 }, ctx);
}

/**
 * An enrollment whose unpaid hold lapsed while its payment was on its way (the provider approved
 * it late) takes a seat again and becomes PENDIENTE, so the payment can then be counted. Only a
 * lapsed hold comes back (ANULADO with its deadline kept and nothing paid), never an enrollment
 * cancelled on purpose; the workshop must still be open, the customer not enrolled again, and a seat
 * free (or held for them on the waitlist). Throws EnrollmentNotReinstatableError with the reason;
 * the caller's transaction then rolls back whatever this wrote.
 */
export async function reinstateLapsedEnrollment(trx: Tx, enrollmentId: number, ctx: ServiceContext) {
  const enrollment = await findEnrollmentSummary(trx, enrollmentId);
  if (enrollment?.status !== 'ANULADO' || enrollment.expiresAt === null)
    throw new EnrollmentNotReinstatableError('La inscripción fue anulada antes de que llegara el pago.');
  if (enrollment.amountPaidClp !== 0 || enrollment.refundDueClp !== 0)
    throw new EnrollmentNotReinstatableError('La inscripción anulada tiene pagos o devoluciones.');
  const workshop = await findWorkshopForEnrollment(trx, enrollment.workshopId);
  if (!workshop || workshopAvailability(workshop, ctx.now) !== 'open')
    throw new EnrollmentNotReinstatableError('El taller ya no admite inscripciones.');
  if (await findActiveEnrollment(trx, enrollment.customerId, workshop.id))
    throw new EnrollmentNotReinstatableError('La persona ya tiene otra inscripción en este taller.');
  const { fromHold, heldSeats } = await resolveWaitlistForEnrollment(
    trx,
    { workshopId: workshop.id, customerId: enrollment.customerId },
    ctx,
  );
  if (!(await takeSeat(trx, workshop.id, { fromHold, heldSeats, seats: enrollment.seats })))
    throw new EnrollmentNotReinstatableError('El cupo ya fue tomado por otra persona.');
  const reinstated = await trx
    .updateTable('enrollments')
    .set({ status: 'PENDIENTE', cancelledAt: null, expiresAt: null })
    .where('id', '=', enrollment.id)
    .where('status', '=', 'ANULADO')
    .where('expiresAt', 'is not', null)
    .executeTakeFirst();
  if (Number(reinstated.numUpdatedRows) !== 1)
    throw new EnrollmentNotReinstatableError('La inscripción cambió mientras llegaba el pago.');
  await restoreDiscountCode(trx, { enrollmentId: enrollment.id });
}

/**
 * Counts a payment on an enrollment: amount paid goes up and the status becomes PAGADO when nothing
 * is left, otherwise ABONADO; an unpaid hold stops expiring. Conditional on the amount paid the
 * caller read (`WHERE amount_paid_clp = <read>`), so two payments racing cannot both count: false
 * when another got there first or the enrollment was cancelled meanwhile.
 */
export async function applyPayment(
  trx: Tx,
  enrollment: { id: number; amountDueClp: number; amountPaidClp: number },
  amountClp: number,
): Promise<{ applied: boolean; status: 'PAGADO' | 'ABONADO'; amountPaidClp: number }> {
  const amountPaidClp = enrollment.amountPaidClp + amountClp;
  const status = amountPaidClp >= enrollment.amountDueClp ? 'PAGADO' : 'ABONADO';
  const updated = await trx
    .updateTable('enrollments')
    .set({ amountPaidClp, status, expiresAt: null })
    .where('id', '=', enrollment.id)
    .where('amountPaidClp', '=', enrollment.amountPaidClp)
    .where('status', '<>', 'ANULADO')
    .executeTakeFirst();
  return { applied: Number(updated.numUpdatedRows) === 1, status, amountPaidClp };
}

/**
 * Counts money given back: amount paid and refund due both go down, so "payments minus refunds =
 * amount paid" keeps holding. On an enrollment still active (a companion's seat given up) the price
 * goes down too: cancelCompanion kept the seat's paid share in the price until the money went back,
 * so that paid ≤ due holds meanwhile. Conditional on what the caller read; false when it changed.
 */
export async function applyRefund(
  trx: Tx,
  enrollment: { id: number; amountPaidClp: number; refundDueClp: number },
  amountClp: number,
): Promise<boolean> {
  const updated = await trx
    .updateTable('enrollments')
    .set({
      amountPaidClp: enrollment.amountPaidClp - amountClp,
      refundDueClp: enrollment.refundDueClp - amountClp,
      amountDueClp: sql<number>`case when status = 'ANULADO' then amount_due_clp else amount_due_clp - ${amountClp} end`,
    })
    .where('id', '=', enrollment.id)
    .where('refundDueClp', '=', enrollment.refundDueClp)
    .where('amountPaidClp', '=', enrollment.amountPaidClp)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Enrollment states in which something can still be paid. */
const PAYABLE: EnrollmentStatus[] = ['PENDIENTE', 'ABONADO'];

/**
 * What the profile offers for each enrollment: the amount owed, a payment link while something
 * is owed, and cancellation until the workshop starts (the cancellation service applies the
 * cut-off and refund rules when the form is sent). An enrollment is upcoming while its workshop
 * is still to come and it is not cancelled; the rest is the customer's history.
 */
export function enrollmentActions(
  e: {
    status: EnrollmentStatus;
    amountDueClp: number;
    amountPaidClp: number;
    startsAt: string;
    workshopCancelledAt: string | null;
  },
  now: Date,
) {
  const owed = owedClp(e);
  const notStarted = e.startsAt > now.toISOString();
  return {
    owedClp: owed,
    canPay: owed > 0 && PAYABLE.includes(e.status) && e.workshopCancelledAt === null,
    canCancel: e.status !== 'ANULADO' && notStarted && e.workshopCancelledAt === null,
    isUpcoming: notStarted && e.status !== 'ANULADO',
    /** "Mi entrada" on the account: the QR code to show at the door, for a seat still to be used. */
    hasTicket: notStarted && e.status !== 'ANULADO' && e.workshopCancelledAt === null,
  };
}
