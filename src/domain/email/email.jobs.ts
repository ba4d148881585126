import type { Config } from '../../config';
import type { Job } from '../../jobs/scheduler';
import { newWorkerId, sendDueEmails } from './outbox.worker';
import { createMailTransport, type MailTransport } from './transport';

/** The outbox's background job (listed in src/jobs.ts). */

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

export const emailJobs: Job[] = [outboxJob];
