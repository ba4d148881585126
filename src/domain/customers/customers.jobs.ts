import { inTransaction } from '../../db/transaction';
import type { Job } from '../../jobs/scheduler';
import { searchable } from '../../lib/text';
import { companySearchText } from './companies.service';
import { customerSearchText, markInactiveCustomers } from './customers.service';

/**
 * The lifecycle's inactivity rule, once a day: customers with no enrollment, order or payment in
 * 12 months become inactive. One conditional UPDATE, so several processes running it agree.
 */
export const inactiveCustomersJob: Job = {
  name: 'mark-inactive-customers',
  intervalMs: 24 * 3600_000,
  run: async ({ database, now, log }) => {
    const moved = await inTransaction(database, (trx) => markInactiveCustomers(trx, { now: now() }));
    if (moved > 0) log.info({ moved }, 'customers marked inactive');
    return moved;
  },
};

const BATCH = 500;

/**
 * Fills search_text for rows written without it (the demo seed, older scripts), so the back
 * office finds them. Each row is rewritten only while its search_text is still blank: idempotent
 * and harmless when two processes race.
 */
export const backfillSearchTextJob: Job = {
  name: 'backfill-search-text',
  intervalMs: 10 * 60_000,
  run: async ({ database }) => {
    const { db } = database;
    const [customers, companies, interests] = await Promise.all([
      db
        .selectFrom('customers')
        .select(['id', 'fullName', 'email', 'phone', 'rut'])
        .where('searchText', '=', '')
        .limit(BATCH)
        .execute(),
      db
        .selectFrom('companies')
        .select(['id', 'legalName', 'rut', 'phone'])
        .where('searchText', '=', '')
        .limit(BATCH)
        .execute(),
      db.selectFrom('interests').select(['id', 'name']).where('searchText', '=', '').limit(BATCH).execute(),
    ]);
    if (customers.length + companies.length + interests.length === 0) return 0;
    await inTransaction(database, async (trx) => {
      for (const c of customers)
        await trx
          .updateTable('customers')
          .set({ searchText: customerSearchText(c) })
          .where('id', '=', c.id)
          .where('searchText', '=', '')
          .execute();
      for (const c of companies)
        await trx
          .updateTable('companies')
          .set({ searchText: companySearchText(c) })
          .where('id', '=', c.id)
          .where('searchText', '=', '')
          .execute();
      for (const i of interests)
        await trx
          .updateTable('interests')
          .set({ searchText: searchable(i.name) })
          .where('id', '=', i.id)
          .where('searchText', '=', '')
          .execute();
    });
    return customers.length + companies.length + interests.length;
  },
};

export const customerJobs: Job[] = [inactiveCustomersJob, backfillSearchTextJob];
