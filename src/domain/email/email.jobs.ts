import type { Config } from '../../config';
import type { Job } from '../../jobs/scheduler';
import { newWorkerId, sendDueEmails } from './outbox.worker';
import { queuePaymentReminders, queueWorkshopReminders } from './reminders.service';
import { createMailTransport, type MailTransport } from './transport';

/** The e-mail feature's background jobs (listed in src/jobs/index.ts). */

const workerId = newWorkerId();

// One transport per process and configuration: creating it is cheap, but it holds the SMTP
// settings parsed once, and the file transport's directory.
let current: { key: string; transport: MailTransport } | undefined;
function transportFor(config: Config): MailTransport {
  const key = `${config.smtpUrl ?? ''}|${config.dataDir}`;
  if (current?.key !== key) {
    current?.transport.close();
    current = { key, transport: createMailTransport(config) };
  }
  return current.transport;
}

export const outboxJob: Job = {
  name: 'email-outbox',
  // Frequent and cheap: an idle run is one indexed SELECT.
  intervalMs: 2_000,
  run: (deps) => sendDueEmails(deps, transportFor(deps.config), { workerId }),
};

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

export const emailJobs: Job[] = [outboxJob, remindersJob];
