import type { Job } from '../../jobs/scheduler';
import { queuePaymentReminders, queueWorkshopReminders } from './reminders.service';

/** Reminders before a workshop and before an unpaid enrollment's workshop (listed in src/jobs.ts). */
export const remindersJob: Job = {
  name: 'email-reminders',
  intervalMs: 60_000,
  run: async ({ database, config, now }) => {
    const ctx = { now: now(), publicUrl: config.publicUrl };
    const workshop = await queueWorkshopReminders(database, config.workshopReminderHours, ctx);
    const payment = await queuePaymentReminders(database, config.paymentReminderDays, ctx);
    return { workshop, payment };
  },
};
