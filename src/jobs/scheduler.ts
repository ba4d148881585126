import type { Config } from '../config';
import type { Database } from '../db/database';

/**
 * Background work (sending the outbox, expiring unpaid holds and lapsed waitlist offers,
 * reminders) runs on a timer inside the app process by default, or in its own process with
 * `tmm worker`. Every job must be safe to run in several processes at once: each claims its rows
 * with a conditional UPDATE, so two workers never do the same work twice.
 */
export type JobDeps = { database: Database; config: Config; now: () => Date; log: JobLog };
export type JobLog = {
  info: (obj: object, msg?: string) => void;
  error: (obj: object, msg?: string) => void;
};

export type Job = {
  name: string;
  intervalMs: number;
  run: (deps: JobDeps) => Promise<unknown>;
};

export type Scheduler = { stop: () => Promise<void>; runOnce: () => Promise<void> };

export function startScheduler(jobs: Job[], deps: JobDeps): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  const runJob = async (job: Job) => {
    try {
      await job.run(deps);
    } catch (error) {
      deps.log.error({ err: error, job: job.name }, 'background job failed');
    }
  };

  for (const job of jobs) {
    let busy = false;
    const tick = () => {
      // A slow run is never overlapped by the next tick of the same job.
      if (stopped || busy) return;
      busy = true;
      const p = runJob(job).finally(() => {
        busy = false;
        running.delete(p);
      });
      running.add(p);
    };
    const timer = setInterval(tick, job.intervalMs);
    timer.unref();
    timers.push(timer);
    setImmediate(tick);
  }

  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
    async runOnce() {
      for (const job of jobs) await runJob(job);
    },
  };
}
