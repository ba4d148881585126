import type { Db, Tx } from '../../db/database';
import type { OnlineProvider } from '../../db/schema';
import { formatDateShort, santiagoDate } from '../../lib/dates';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import {
  AlreadyEnrolledError,
  type CancelWorkshopResult,
  cancelWholeWorkshop,
  enrollCustomer,
  queueBookingConfirmation,
  updateWorkshopByStaff,
  WorkshopFullError,
} from '../enrollments';
import { findFacilitator } from '../facilitators';
import { defaultLocationId, findLocation } from '../locations';
import {
  AlreadyPaidError,
  type OnlinePaymentsDeps,
  paySimulatedEnrollments,
  startEnrollmentsOnlinePayment,
} from '../payments';
import { createWorkshopByStaff, DEFAULT_CANCELLATION_CUTOFF_HOURS, findAdminWorkshop } from '../workshops';
import { SeriesAlreadyBookedError, SeriesFullError, SeriesNothingToBookError } from './series.errors';
import {
  findBooking,
  findSeries,
  listBookingEnrollments,
  listSeriesSessions,
  listSessionDates,
  type SeriesRow,
} from './series.queries';
import {
  generationHorizon,
  parseWeekdays,
  ruleDates,
  sessionStart,
  storeWeekdays,
  type WeeklyRule,
} from './series.rules';

/**
 * Series: a template and a weekly rule that become ordinary workshops, one per date, twelve weeks
 * ahead. The workshops module writes the workshops (createWorkshopByStaff, and through enrollments
 * the edits and cancellations that notify people); this module writes only which workshop is which
 * series' session (series_sessions) and the bookings of a whole series.
 */

export type SeriesTemplate = {
  name: string;
  description: string;
  categoryId: number | null;
  priceClp: number;
  totalSeats: number;
  durationMinutes: number;
  location: string | null;
  facilitatorName: string | null;
  /** Who leads its sessions, as a facilitator record; left out: none. */
  facilitatorId?: number | null;
  startTime: string;
  /** The location (sede) of its sessions; null: the default location. */
  locationId: number | null;
  /**
   * 1–100: certificates only for whoever attended this share of the sessions held; null: per
   * session. Left out: null for a new series, unchanged on an edit.
   */
  certificateMinPercent?: number | null;
};

export type SeriesInput = SeriesTemplate & Omit<WeeklyRule, 'startTime'>;

const NAME_TAKEN = 'Ya existe una serie con ese nombre: elige otro.';
export const CERTIFICATE_MINIMUM_MESSAGE =
  'La asistencia mínima va en porcentaje, un número entero entre 1 y 100; déjala en blanco para dar certificado por sesión.';

/** A session's workshop name: the series' name and its date, since workshop names are unique. */
const sessionName = (seriesName: string, date: string) =>
  `${seriesName} · ${formatDateShort(sessionStart(date, '12:00'))}`;

/** What the series writes into a session's workshop, in a fixed order (compared as JSON). */
function templateFields(t: SeriesTemplate, date: string) {
  return {
    name: sessionName(t.name, date),
    description: t.description,
    categoryId: t.categoryId,
    priceClp: t.priceClp,
    totalSeats: t.totalSeats,
    durationMinutes: t.durationMinutes,
    location: t.location,
    facilitatorName: t.facilitatorName,
    startsAt: sessionStart(date, t.startTime).toISOString(),
    locationId: t.locationId,
    facilitatorId: t.facilitatorId ?? null,
  };
}

type WorkshopFields = ReturnType<typeof templateFields>;

/** The template's fields of a workshop as one string; equal strings mean nobody changed them. */
const fieldsOf = (w: WorkshopFields): string =>
  JSON.stringify([
    w.name,
    w.description,
    w.categoryId,
    w.priceClp,
    w.totalSeats,
    w.durationMinutes,
    w.location,
    w.facilitatorName,
    w.startsAt,
    w.locationId,
    w.facilitatorId,
  ]);

/** A facilitator chosen for a series must exist (a stale form after one was removed). */
async function assertFacilitator(trx: Tx, facilitatorId: number | null | undefined) {
  if (facilitatorId == null) return;
  if (!(await findFacilitator(trx, facilitatorId)))
    throw new ValidationError({ facilitador_id: 'Ese facilitador ya no existe: elige otro.' });
}

const ruleOf = (s: SeriesRow): WeeklyRule => ({
  weekdays: parseWeekdays(s.weekdays),
  startTime: s.startTime,
  startsOn: s.startsOn,
  endsOn: s.endsOn,
  sessionCount: s.sessionCount,
});

function validateRule(input: SeriesInput, ctx: Pick<ServiceContext, 'now'>) {
  const errors: Record<string, string> = {};
  if (input.weekdays.length === 0) errors.dias = 'Elige al menos un día de la semana.';
  if (input.startsOn < santiagoDate(ctx.now)) errors.desde = 'La serie no puede empezar en el pasado.';
  if (input.endsOn !== null && input.endsOn < input.startsOn)
    errors.hasta = 'La fecha final debe ser igual o posterior a la de inicio.';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

/** The certificate minimum is a percentage of the sessions held; blank (null) means per session. */
function validateCertificateMinimum(percent: number | null | undefined) {
  if (percent != null && !(Number.isInteger(percent) && percent >= 1 && percent <= 100))
    throw new ValidationError({ certificado: CERTIFICATE_MINIMUM_MESSAGE });
}

/** The series' location: the one chosen (it must exist) or the default one. */
async function resolveLocation(trx: Tx, locationId: number | null): Promise<number> {
  if (locationId === null) return defaultLocationId(trx);
  if (!(await findLocation(trx, locationId)))
    throw new ValidationError({ sede: 'Esa sede ya no existe: elige otra.' });
  return locationId;
}

async function assertNameFree(trx: Tx, name: string, exceptId: number | null) {
  let query = trx.selectFrom('series').select('id').where('name', '=', name);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new ValidationError({ nombre: NAME_TAKEN });
}

/**
 * Creates a series and generates its first twelve weeks of sessions in the same transaction.
 * Throws ValidationError (name taken, no weekday, a start in the past, an end before the start,
 * and createWorkshopByStaff's own: a session name taken by another workshop, a category gone).
 */
export async function createSeries(trx: Tx, input: SeriesInput, ctx: ServiceContext): Promise<number> {
  validateRule(input, ctx);
  validateCertificateMinimum(input.certificateMinPercent);
  await assertNameFree(trx, input.name, null);
  await assertFacilitator(trx, input.facilitatorId);
  const locationId = await resolveLocation(trx, input.locationId);
  const now = ctx.now.toISOString();
  const row = await trx
    .insertInto('series')
    .values({
      name: input.name,
      description: input.description,
      categoryId: input.categoryId,
      priceClp: input.priceClp,
      totalSeats: input.totalSeats,
      durationMinutes: input.durationMinutes,
      location: input.location,
      facilitatorName: input.facilitatorName,
      facilitatorId: input.facilitatorId ?? null,
      weekdays: storeWeekdays(input.weekdays),
      startTime: input.startTime,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      sessionCount: input.sessionCount,
      locationId,
      certificateMinPercent: input.certificateMinPercent,
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(
    trx,
    {
      entityType: 'series',
      entityId: row.id,
      action: 'create',
      after: { ...input, weekdays: storeWeekdays(input.weekdays) },
    },
    ctx,
  );
  await generateSessions(trx, row.id, ctx);
  return row.id;
}

/**
 * Makes the workshops of every date of the rule from today to twelve weeks on that do not exist
 * yet; a date whose start has passed is never made. Idempotent: dates already made are skipped, and
 * two generators racing meet on the unique (series, date) and the unique workshop name, so one of
 * them fails and rolls back. Returns how many sessions it made.
 */
export async function generateSessions(trx: Tx, seriesId: number, ctx: ServiceContext): Promise<number> {
  const series = await findSeries(trx, seriesId);
  if (!series) throw new NotFoundError('Esa serie no existe.');
  const existing = await listSessionDates(trx, seriesId);
  const dates = ruleDates(ruleOf(series), generationHorizon(santiagoDate(ctx.now)));
  let made = 0;
  for (const date of dates) {
    if (existing.has(date)) continue;
    const fields = templateFields(series, date);
    if (fields.startsAt <= ctx.now.toISOString()) continue;
    const workshopId = await createWorkshopByStaff(
      trx,
      {
        ...fields,
        startsAt: new Date(fields.startsAt),
        locationId: fields.locationId ?? undefined,
        modality: 'PRESENCIAL',
        onlineUrl: null,
        isActive: true,
        cancellationCutoffHours: DEFAULT_CANCELLATION_CUTOFF_HOURS,
        unpaidExpiryHours: null,
      },
      ctx,
    );
    await trx
      .insertInto('seriesSessions')
      .values({ seriesId, workshopId, sessionDate: date, appliedFields: fieldsOf(fields) })
      .execute();
    made++;
  }
  return made;
}

export type UpdateSeriesResult = { updated: number; keptByHand: number; notified: number };

/**
 * Saves a series' template and applies it to its sessions still to come that nobody edited by hand
 * (a workshop whose fields still equal what the series last wrote, `applied_fields`); past and
 * cancelled sessions and hand-edited ones keep what they have. Each session goes through
 * updateWorkshopByStaff, so a new time notifies its attendees and more seats go to its waitlist.
 * The weekly rule (days, dates) is not edited: a different rule is a new series. Throws
 * NotFoundError or ValidationError (name taken; seats below those taken in a session, named).
 */
export async function updateSeriesTemplate(
  trx: Tx,
  id: number,
  input: SeriesTemplate & { waitlistHoldHours: number },
  ctx: ServiceContext,
): Promise<UpdateSeriesResult> {
  const before = await findSeries(trx, id);
  if (!before) throw new NotFoundError('Esa serie no existe.');
  validateCertificateMinimum(input.certificateMinPercent);
  await assertNameFree(trx, input.name, id);
  await assertFacilitator(trx, input.facilitatorId);
  const locationId = await resolveLocation(trx, input.locationId);
  await trx
    .updateTable('series')
    .set({
      locationId,
      name: input.name,
      description: input.description,
      categoryId: input.categoryId,
      priceClp: input.priceClp,
      totalSeats: input.totalSeats,
      durationMinutes: input.durationMinutes,
      location: input.location,
      facilitatorName: input.facilitatorName,
      facilitatorId: input.facilitatorId ?? null,
      startTime: input.startTime,
      certificateMinPercent: input.certificateMinPercent,
      updatedAt: ctx.now.toISOString(),
    })
    .where('id', '=', id)
    .execute();

  const result: UpdateSeriesResult = { updated: 0, keptByHand: 0, notified: 0 };
  for (const session of await listSeriesSessions(trx, id)) {
    if (session.startsAt <= ctx.now.toISOString() || session.cancelledAt !== null) continue;
    const workshop = (await findAdminWorkshop(trx, session.workshopId))!;
    if (fieldsOf({ ...workshop }) !== session.appliedFields) {
      result.keptByHand++;
      continue;
    }
    const fields = templateFields({ ...input, locationId }, session.sessionDate);
    try {
      const changed = await updateWorkshopByStaff(
        trx,
        session.workshopId,
        {
          ...fields,
          startsAt: new Date(fields.startsAt),
          locationId: fields.locationId ?? undefined,
          modality: workshop.modality,
          onlineUrl: workshop.onlineUrl,
          isActive: workshop.isActive,
          cancellationCutoffHours: workshop.cancellationCutoffHours,
          unpaidExpiryHours: workshop.unpaidExpiryHours,
          waitlistHoldHours: input.waitlistHoldHours,
        },
        ctx,
      );
      result.notified += changed.notified;
    } catch (error) {
      if (error instanceof ValidationError && error.fields.cupos)
        throw new ValidationError({ cupos: `${session.name}: ${error.fields.cupos}` });
      throw error;
    }
    await trx
      .updateTable('seriesSessions')
      .set({ appliedFields: fieldsOf(fields) })
      .where('workshopId', '=', session.workshopId)
      .execute();
    result.updated++;
  }
  const { id: _id, categoryName: _c, locationName: _l, facilitatorRecordName: _f, ...was } = before;
  await recordAudit(
    trx,
    { entityType: 'series', entityId: id, action: 'update', before: was, after: { ...was, ...input } },
    ctx,
  );
  return result;
}

/**
 * Cancels one session of a series the way any workshop is cancelled (cancelWholeWorkshop: every
 * enrollment annulled with what was paid owed back, attendees and waitlist told). Throws
 * NotFoundError when the workshop is not a session of this series, and cancelWholeWorkshop's errors.
 */
export async function cancelSeriesSession(
  trx: Tx,
  input: { seriesId: number; workshopId: number; note: string | null },
  ctx: ServiceContext,
): Promise<CancelWorkshopResult> {
  const link = await trx
    .selectFrom('seriesSessions')
    .select('workshopId')
    .where('seriesId', '=', input.seriesId)
    .where('workshopId', '=', input.workshopId)
    .executeTakeFirst();
  if (!link) throw new NotFoundError('Esa sesión no es de esta serie.');
  return cancelWholeWorkshop(trx, input.workshopId, { note: input.note }, ctx);
}

/**
 * Books every session of a series still to come (cancelled ones left out) for one customer, all or
 * nothing, with one confirmation e-mail for all of them: one enrollment per session through
 * enrollCustomer, each owing its price, in ascending
 * workshop id, so every series booking takes workshop row locks in the same order and two of them
 * never deadlock on PostgreSQL. A full session or one the customer already holds throws
 * (SeriesFullError, SeriesAlreadyBookedError) and the caller's transaction rolls back every seat
 * taken before it. Throws SeriesNothingToBookError when no session is left, NotFoundError.
 */
export async function bookSeries(
  trx: Tx,
  input: { seriesId: number; customerId: number },
  ctx: ServiceContext,
): Promise<{ bookingId: number; seriesName: string; sessions: number }> {
  const series = await findSeries(trx, input.seriesId);
  if (!series) throw new NotFoundError('Esa serie no existe.');
  const sessions = (await listSeriesSessions(trx, input.seriesId))
    .filter((s) => s.startsAt > ctx.now.toISOString() && s.cancelledAt === null && s.isActive)
    .sort((a, b) => a.workshopId - b.workshopId);
  if (sessions.length === 0) throw new SeriesNothingToBookError();

  const enrollmentIds: number[] = [];
  for (const session of sessions) {
    try {
      const { enrollmentId } = await enrollCustomer(
        trx,
        { workshopId: session.workshopId, customerId: input.customerId, confirmation: false },
        ctx,
      );
      enrollmentIds.push(enrollmentId);
    } catch (error) {
      if (error instanceof WorkshopFullError) throw new SeriesFullError(session.name);
      if (error instanceof AlreadyEnrolledError) throw new SeriesAlreadyBookedError(session.name);
      throw error;
    }
  }
  const booking = await trx
    .insertInto('seriesBookings')
    .values({ seriesId: series.id, customerId: input.customerId, createdAt: ctx.now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('seriesBookingEnrollments')
    .values(enrollmentIds.map((enrollmentId) => ({ bookingId: booking.id, enrollmentId })))
    .execute();
  // One e-mail for the booking, in date order, instead of one per session.
  const byDate = new Map(sessions.map((s, i) => [enrollmentIds[i]!, s.startsAt]));
  await queueBookingConfirmation(
    trx,
    {
      enrollmentIds: [...enrollmentIds].sort((a, b) => byDate.get(a)!.localeCompare(byDate.get(b)!)),
      title: series.name,
      bookingPath: `/series/reservas/${booking.id}/`,
    },
    ctx,
  );
  return { bookingId: booking.id, seriesName: series.name, sessions: enrollmentIds.length };
}

/** A series booking if it is this customer's (staff see any); NotFoundError otherwise. */
export async function visibleBooking(
  trx: Db | Tx,
  id: number,
  viewer: { customerId: number | null; isStaff: boolean },
) {
  const booking = await findBooking(trx, id);
  if (!booking || (!viewer.isStaff && booking.customerId !== viewer.customerId))
    throw new NotFoundError('No encontramos esa reserva.');
  return { ...booking, enrollments: await listBookingEnrollments(trx, id) };
}

/**
 * Pays a whole series booking at once with the simulated page: each enrollment that still owes is
 * paid in full (one ledger row each, idempotent per enrollment) and one receipt covers them, in one
 * transaction. Returns how many were paid and the total. Throws NotFoundError and the payment's
 * errors (the simulated page turned off).
 */
export async function paySeriesBookingSimulated(
  trx: Tx,
  input: { bookingId: number; customerId: number | null; isStaff: boolean },
  ctx: ServiceContext,
): Promise<{ paid: number; amountClp: number }> {
  const booking = await visibleBooking(trx, input.bookingId, input);
  return paySimulatedEnrollments(
    trx,
    {
      enrollmentIds: booking.enrollments.map((e) => e.id),
      description: `Serie ${booking.seriesName}: ${booking.enrollments.length} ${booking.enrollments.length === 1 ? 'sesión' : 'sesiones'}`,
    },
    ctx,
  );
}

/**
 * Starts paying a whole series booking online in one payment: one attempt at the provider for what
 * every session still owes, each session's share kept (see startEnrollmentsOnlinePayment: on
 * approval every enrollment is paid in one transaction, or the money goes back whole). Returns the
 * attempt's id. Throws NotFoundError (not this customer's booking), AlreadyPaidError (nothing owed)
 * and the online payment's errors.
 */
export async function startSeriesBookingPayment(
  deps: OnlinePaymentsDeps,
  input: { bookingId: number; customerId: number | null; isStaff: boolean; provider: OnlineProvider | null },
  ctx: ServiceContext,
): Promise<number> {
  const booking = await visibleBooking(deps.database.db, input.bookingId, input);
  const owing = booking.enrollments.filter((e) => e.status !== 'ANULADO' && e.owedClp > 0);
  if (owing.length === 0) throw new AlreadyPaidError();
  return startEnrollmentsOnlinePayment(
    deps,
    {
      enrollmentIds: owing.map((e) => e.id),
      provider: input.provider,
      description: `Serie ${booking.seriesName}: ${owing.length} ${owing.length === 1 ? 'sesión' : 'sesiones'}`,
    },
    ctx,
  );
}

/**
 * What the public page of a series shows: the series, its sessions still to come that are not
 * cancelled (with seats left), what booking them all costs, and whether it can be booked (every one
 * of them has a seat). Null when the series does not exist.
 */
export async function publicSeriesView(db: Db, id: number, now: Date) {
  const series = await findSeries(db, id);
  if (!series) return null;
  const sessions = (await listSeriesSessions(db, id))
    .filter((s) => s.startsAt > now.toISOString() && s.cancelledAt === null && s.isActive)
    .map((s) => ({ ...s, seatsLeft: Math.max(0, s.totalSeats - s.seatsTaken - s.seatsHeld) }));
  return {
    series,
    sessions,
    totalClp: sessions.reduce((sum, s) => sum + s.priceClp, 0),
    bookable: sessions.length > 0 && sessions.every((s) => s.seatsLeft > 0),
  };
}
export type PublicSeriesView = NonNullable<Awaited<ReturnType<typeof publicSeriesView>>>;

/** A session's state as the back office shows it. */
export type SessionState = 'upcoming' | 'past' | 'cancelled';

/** The series and its sessions, each with its state on `now` and its seats left. Null when unknown. */
export async function staffSeriesView(db: Db, id: number, now: Date) {
  const series = await findSeries(db, id);
  if (!series) return null;
  const sessions = (await listSeriesSessions(db, id)).map((s) => ({
    ...s,
    state: (s.cancelledAt !== null
      ? 'cancelled'
      : s.startsAt <= now.toISOString()
        ? 'past'
        : 'upcoming') as SessionState,
  }));
  return { series, sessions };
}
export type StaffSeriesView = NonNullable<Awaited<ReturnType<typeof staffSeriesView>>>;
