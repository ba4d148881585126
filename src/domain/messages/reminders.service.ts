import type { Database } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { addHours } from '../../lib/dates';
import { listReminderCandidates, queueEmails } from '../email';

/**
 * Automatic reminders, queued by a background job. Each enrollment gets at most one of each,
 * even when the job runs twice or in two processes at once: the outbox's unique dedupe key
 * (`workshop_reminder:<enrollment id>`) makes the second insert a no-op. Candidates are read in
 * one query per kind and inserted in one batch.
 */

type ReminderCtx = { now: Date; publicUrl: string };

/** Reminder `hoursBefore` the start, for every active enrollment of a workshop that still runs. */
export async function queueWorkshopReminders(
  database: Database,
  hoursBefore: number,
  ctx: ReminderCtx,
): Promise<number> {
  if (hoursBefore <= 0) return 0;
  const candidates = await listReminderCandidates(database.db, {
    fromIso: ctx.now.toISOString(),
    untilIso: addHours(ctx.now, hoursBefore).toISOString(),
    dedupePrefix: 'workshop_reminder:',
    unpaidOnly: false,
  });
  if (candidates.length === 0) return 0;
  const ids = await inTransaction(database, (trx) =>
    queueEmails(
      trx,
      candidates.map((c) => ({
        template: 'workshop_reminder' as const,
        to: c.email,
        customerId: c.customerId,
        enrollmentId: c.enrollmentId,
        dedupeKey: `workshop_reminder:${c.enrollmentId}`,
        data: {
          name: c.fullName,
          workshopName: c.workshopName,
          startsAt: c.startsAt,
          modality: c.modality,
          location: c.location,
          onlineUrl: c.onlineUrl,
        },
      })),
      ctx,
    ),
  );
  return ids.length;
}

/**
 * Payment reminder `daysBefore` the workshop for enrollments with money still owed (PENDIENTE or
 * ABONADO). `daysBefore` 0 turns the reminder off (PAYMENT_REMINDER_DAYS=0).
 */
export async function queuePaymentReminders(
  database: Database,
  daysBefore: number,
  ctx: ReminderCtx,
): Promise<number> {
  if (daysBefore <= 0) return 0;
  const candidates = await listReminderCandidates(database.db, {
    fromIso: ctx.now.toISOString(),
    untilIso: addHours(ctx.now, daysBefore * 24).toISOString(),
    dedupePrefix: 'payment_reminder:',
    unpaidOnly: true,
  });
  if (candidates.length === 0) return 0;
  const ids = await inTransaction(database, (trx) =>
    queueEmails(
      trx,
      candidates.map((c) => ({
        template: 'payment_reminder' as const,
        to: c.email,
        customerId: c.customerId,
        enrollmentId: c.enrollmentId,
        dedupeKey: `payment_reminder:${c.enrollmentId}`,
        data: {
          name: c.fullName,
          workshopName: c.workshopName,
          startsAt: c.startsAt,
          balanceClp: c.owedClp,
          payPath: `/pago/${c.enrollmentId}/`,
        },
      })),
      ctx,
    ),
  );
  return ids.length;
}
