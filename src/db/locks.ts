import { sql } from 'kysely';
import type { Tx } from './database';

/**
 * The one place where capacity (workshop seats, product stock) changes. Each helper is a
 * single conditional UPDATE that succeeds only while capacity remains, and reports whether it
 * did. This is correct on both dialects without row locks: PostgreSQL re-evaluates the WHERE
 * after waiting on a concurrent writer, SQLite serialises writers. The rejected alternative,
 * SELECT … FOR UPDATE then UPDATE, does not exist in SQLite, and read-then-write without a lock
 * oversells on PostgreSQL (measured: 264 of 20 seats).
 */

/** Test-only switch for the race tests' control run: replace the guarded update by read-then-write. */
export const lockingControl = { unsafeReadThenWrite: false };

/** Takes `count` seats of a workshop. Returns false when not enough seats are free. */
export async function takeSeats(trx: Tx, workshopId: number, count = 1, fromHold = 0): Promise<boolean> {
  if (lockingControl.unsafeReadThenWrite) {
    const row = await trx
      .selectFrom('workshops')
      .select(['seatsTaken', 'seatsHeld', 'totalSeats'])
      .where('id', '=', workshopId)
      .executeTakeFirst();
    if (!row || row.seatsTaken + row.seatsHeld - fromHold + count > row.totalSeats) return false;
    await trx
      .updateTable('workshops')
      .set({ seatsTaken: row.seatsTaken + count, seatsHeld: row.seatsHeld - fromHold })
      .where('id', '=', workshopId)
      .execute();
    return true;
  }
  const result = await trx
    .updateTable('workshops')
    .set({
      seatsTaken: sql<number>`seats_taken + ${count}`,
      seatsHeld: sql<number>`seats_held - ${fromHold}`,
    })
    .where('id', '=', workshopId)
    .where('seatsHeld', '>=', fromHold)
    .where(sql<boolean>`seats_taken + seats_held - ${fromHold} + ${count} <= total_seats`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives seats back (cancellation, expiry). Never goes below zero. */
export async function releaseSeats(trx: Tx, workshopId: number, count = 1): Promise<void> {
  await trx
    .updateTable('workshops')
    .set({ seatsTaken: sql<number>`seats_taken - ${count}` })
    .where('id', '=', workshopId)
    .where('seatsTaken', '>=', count)
    .execute();
}

/**
 * Moves `count` free seats into the held pool (a waitlist offer, for a party of `count`). Returns
 * false when fewer are free.
 */
export async function holdSeat(trx: Tx, workshopId: number, count = 1): Promise<boolean> {
  const result = await trx
    .updateTable('workshops')
    .set({ seatsHeld: sql<number>`seats_held + ${count}` })
    .where('id', '=', workshopId)
    .where(sql<boolean>`seats_taken + seats_held + ${count} <= total_seats`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Returns `count` held seats to the free pool (an offer lapsed or was declined). */
export async function releaseHold(trx: Tx, workshopId: number, count = 1): Promise<void> {
  await trx
    .updateTable('workshops')
    .set({ seatsHeld: sql<number>`seats_held - ${count}` })
    .where('id', '=', workshopId)
    .where('seatsHeld', '>=', count)
    .execute();
}

/** Takes `quantity` units of a product. Returns false when the stock on hand is short. */
export async function takeStock(trx: Tx, productId: number, quantity: number): Promise<boolean> {
  if (lockingControl.unsafeReadThenWrite) {
    const row = await trx
      .selectFrom('products')
      .select('stock')
      .where('id', '=', productId)
      .executeTakeFirst();
    if (!row || row.stock < quantity) return false;
    await trx
      .updateTable('products')
      .set({ stock: row.stock - quantity })
      .where('id', '=', productId)
      .execute();
    return true;
  }
  const result = await trx
    .updateTable('products')
    .set({ stock: sql<number>`stock - ${quantity}` })
    .where('id', '=', productId)
    .where('stock', '>=', quantity)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Puts units back on the shelf (an order expired or was cancelled). */
export async function returnStock(trx: Tx, productId: number, quantity: number): Promise<void> {
  await trx
    .updateTable('products')
    .set({ stock: sql<number>`stock + ${quantity}` })
    .where('id', '=', productId)
    .execute();
}
