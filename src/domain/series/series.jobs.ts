import { inTransaction } from '../../db/transaction';
import type { Job } from '../../jobs/scheduler';
import { santiagoDate } from '../../lib/dates';
import { listSeriesToGenerate } from './series.queries';
import { generateSessions } from './series.service';

/**
 * Keeps twelve weeks of every series' sessions generated as the weeks go by. One transaction per
 * series; a series whose generation fails (another process made the same date first, a session name
 * taken by a workshop) is logged and tried again on the next run, the others go on.
 */
export const generateSeriesSessionsJob: Job = {
  name: 'generate-series-sessions',
  intervalMs: 60 * 60_000,
  run: async ({ database, config, now, log }) => {
    let made = 0;
    for (const { id } of await listSeriesToGenerate(database.db, santiagoDate(now()))) {
      const ctx = { now: now(), actor: null, publicUrl: config.publicUrl };
      try {
        made += await inTransaction(database, (trx) => generateSessions(trx, id, ctx));
      } catch (error) {
        log.error({ err: error, seriesId: id }, 'series sessions not generated');
      }
    }
    if (made > 0) log.info({ made }, 'series sessions generated');
    return made;
  },
};
