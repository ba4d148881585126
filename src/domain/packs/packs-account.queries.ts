import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { balanceSql, listEligiblePacks, type WorkshopTerms } from './packs.queries';

/** What a customer could pay this workshop with besides money: their packs, their company's seats. */
export type CreditOptions = {
  pack: { credits: number; name: string; expiresAt: string } | null;
  company: { seats: number; name: string } | null;
};

/**
 * The credits the workshop page offers: the customer's eligible packs (the one spent first named)
 * and the seats left in their company's bundles. Read without locks: the spend re-checks.
 */
export async function findCreditOptions(
  db: Db,
  customerId: number,
  workshop: WorkshopTerms,
  now: Date,
): Promise<CreditOptions> {
  const packs = await listEligiblePacks(db, { customerId }, workshop, now);
  const company = await db
    .selectFrom('customers')
    .innerJoin('companies', 'companies.id', 'customers.companyId')
    .select(['companies.id', 'companies.legalName'])
    .where('customers.id', '=', customerId)
    .executeTakeFirst();
  const bundles = company ? await listEligiblePacks(db, { companyId: company.id }, workshop, now) : [];
  const first = packs[0];
  return {
    pack: first
      ? {
          credits: packs.reduce((sum, p) => sum + p.balance, 0),
          name: first.name,
          expiresAt: first.expiresAt,
        }
      : null,
    company:
      company && bundles.length > 0
        ? { seats: bundles.reduce((sum, p) => sum + p.balance, 0), name: company.legalName }
        : null,
  };
}

export type AccountPack = {
  id: number;
  name: string;
  credits: number;
  balance: number;
  status: 'ACTIVO' | 'VENCIDO' | 'ANULADO';
  purchasedAt: string;
  expiresAt: string;
  entries: {
    id: number;
    kind: 'purchase' | 'redeem' | 'refund' | 'forfeit' | 'expire' | 'adjustment';
    credits: number;
    createdAt: string;
    reason: string | null;
    workshopName: string | null;
    workshopStartsAt: string | null;
  }[];
};

/** "Mis bonos": the customer's packs (active first, then by expiry) with their history, newest first. */
export async function listCustomerPacks(db: Db, customerId: number): Promise<AccountPack[]> {
  const packs = await db
    .selectFrom('packs')
    .select((eb) => [
      'packs.id',
      'packs.name',
      'packs.credits',
      'packs.status',
      'packs.purchasedAt',
      'packs.expiresAt',
      balanceSql(eb).as('balance'),
    ])
    .where('packs.customerId', '=', customerId)
    .orderBy(sql`case when packs.status = 'ACTIVO' then 0 else 1 end`)
    .orderBy('packs.expiresAt')
    .execute();
  const entries = await listEntriesOf(
    db,
    packs.map((p) => p.id),
  );
  return packs.map((p) => ({
    ...p,
    balance: Number(p.balance),
    entries: entries.filter((e) => e.packId === p.id),
  }));
}

/** The ledger rows of some packs, newest first, with the workshop an enrollment entry was for. */
export async function listEntriesOf(db: Db, packIds: number[]) {
  if (packIds.length === 0) return [];
  return db
    .selectFrom('packCreditEntries')
    .leftJoin('enrollments', 'enrollments.id', 'packCreditEntries.enrollmentId')
    .leftJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .leftJoin('customers', 'customers.id', 'enrollments.customerId')
    .leftJoin('users', 'users.id', 'packCreditEntries.userId')
    .select([
      'packCreditEntries.id',
      'packCreditEntries.packId',
      'packCreditEntries.kind',
      'packCreditEntries.credits',
      'packCreditEntries.createdAt',
      'packCreditEntries.reason',
      'packCreditEntries.enrollmentId',
      'workshops.name as workshopName',
      'workshops.startsAt as workshopStartsAt',
      'customers.fullName as customerName',
      'users.name as userName',
    ])
    .where('packCreditEntries.packId', 'in', packIds)
    .orderBy('packCreditEntries.id', 'desc')
    .execute();
}

/**
 * The company bundles a customer is the contact of, with each bundle's roster (who enrolled with
 * a seat, in which workshop, and whether the seat came back).
 */
export async function listContactBundles(db: Db, contactCustomerId: number) {
  const bundles = await db
    .selectFrom('packs')
    .innerJoin('companies', 'companies.id', 'packs.companyId')
    .select((eb) => [
      'packs.id',
      'packs.name',
      'packs.credits',
      'packs.status',
      'packs.purchasedAt',
      'packs.expiresAt',
      'companies.legalName',
      'companies.rut',
      balanceSql(eb).as('balance'),
    ])
    .where('packs.contactCustomerId', '=', contactCustomerId)
    .orderBy('packs.expiresAt', 'desc')
    .execute();
  const entries = await listEntriesOf(
    db,
    bundles.map((b) => b.id),
  );
  return bundles.map((b) => ({
    ...b,
    balance: Number(b.balance),
    roster: entries
      .filter((e) => e.packId === b.id && e.kind === 'redeem')
      .reverse()
      .map((e) => ({
        enrollmentId: e.enrollmentId,
        customerName: e.customerName,
        workshopName: e.workshopName,
        workshopStartsAt: e.workshopStartsAt,
        usedAt: e.createdAt,
        seatReturned: entries.some((r) => r.enrollmentId === e.enrollmentId && r.kind === 'refund'),
      })),
  }));
}
