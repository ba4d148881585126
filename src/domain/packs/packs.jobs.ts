import { inTransaction } from '../../db/transaction';
import type { Job } from '../../jobs/scheduler';
import { addHours } from '../../lib/dates';
import { queueEmail } from '../email';
import {
  claimReminder,
  findPackRecipient,
  listExpiredPackIds,
  listPacksToRemind,
  packBalance,
} from './packs.queries';
import { expirePack } from './packs.service';

const BATCH = 200;
/** How long before its expiry a pack with credits left is reminded. */
export const REMINDER_DAYS = 7;

/**
 * Expires packs whose validity ended (an expire entry for what was left) and reminds each pack's
 * owner 7 days before. Each pack is claimed by a conditional UPDATE in its own transaction
 * (status for the expiry, reminded_at for the reminder), so two workers do each once.
 */
export const packsJob: Job = {
  name: 'packs-expiry',
  intervalMs: 10 * 60_000,
  run: async ({ database, config, now, log }) => {
    let expired = 0;
    for (const packId of await listExpiredPackIds(database.db, now(), BATCH)) {
      if (await inTransaction(database, (trx) => expirePack(trx, packId, { now: now() }))) expired++;
    }
    let reminded = 0;
    const at = now();
    for (const packId of await listPacksToRemind(database.db, at, addHours(at, REMINDER_DAYS * 24), BATCH)) {
      const ctx = { now: now(), actor: null, publicUrl: config.publicUrl };
      const sent = await inTransaction(database, async (trx) => {
        if (!(await claimReminder(trx, packId, ctx.now))) return false;
        const pack = await findPackRecipient(trx, packId);
        const balance = await packBalance(trx, packId);
        if (!pack?.email || balance <= 0) return false;
        await queueEmail(
          trx,
          {
            template: 'pack_expiry_reminder',
            to: pack.email,
            customerId: pack.recipientId,
            data: {
              name: pack.fullName ?? '',
              packName: pack.name,
              balance,
              expiresAt: pack.expiresAt,
              path: pack.companyId === null ? '/cuenta/bonos/' : '/cuenta/empresa/',
            },
            dedupeKey: `pack-${packId}-expiry-reminder`,
          },
          ctx,
        );
        return true;
      });
      if (sent) reminded++;
    }
    if (expired + reminded > 0) log.info({ expired, reminded }, 'packs expired and reminded');
    return expired + reminded;
  },
};
