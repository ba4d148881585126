import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { SignupRequestsTable, UserTokenPurpose } from '../../db/schema';

export async function findAccountUser(db: Db | Tx, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'username', 'name', 'passwordHash', 'emailVerifiedAt', 'isActive'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function insertUserToken(
  trx: Tx,
  token: { userId: number; purpose: UserTokenPurpose; tokenHash: string; expiresAt: Date; now: Date },
) {
  await trx
    .insertInto('userTokens')
    .values({
      userId: token.userId,
      purpose: token.purpose,
      tokenHash: token.tokenHash,
      expiresAt: token.expiresAt.toISOString(),
      createdAt: token.now.toISOString(),
    })
    .execute();
}

/** The user of a token that is unused and unexpired, without using it (to show the reset form). */
export async function findUsableToken(db: Db | Tx, tokenHash: string, purpose: UserTokenPurpose, now: Date) {
  return db
    .selectFrom('userTokens')
    .innerJoin('users', 'users.id', 'userTokens.userId')
    .select(['users.id as userId', 'users.email', 'users.name', 'users.username'])
    .where('userTokens.tokenHash', '=', tokenHash)
    .where('userTokens.purpose', '=', purpose)
    .where('userTokens.usedAt', 'is', null)
    .where('userTokens.expiresAt', '>', now.toISOString())
    .where('users.isActive', '=', true)
    .executeTakeFirst();
}

/**
 * Uses a token: a conditional UPDATE, so of two simultaneous uses exactly one wins on both
 * databases. Returns the user id, or undefined when the token is unknown, used or expired.
 */
export async function consumeToken(
  trx: Tx,
  tokenHash: string,
  purpose: UserTokenPurpose,
  now: Date,
): Promise<number | undefined> {
  const row = await trx
    .updateTable('userTokens')
    .set({ usedAt: now.toISOString() })
    .where('tokenHash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now.toISOString())
    .returning('userId')
    .executeTakeFirst();
  return row?.userId;
}

/** Marks every outstanding token of a purpose as used (a new password voids older reset links). */
export async function voidTokens(trx: Tx, userId: number, purpose: UserTokenPurpose, now: Date) {
  await trx
    .updateTable('userTokens')
    .set({ usedAt: now.toISOString() })
    .where('userId', '=', userId)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .execute();
}

export async function countTokensSince(trx: Tx, userId: number, purpose: UserTokenPurpose, since: Date) {
  const row = await trx
    .selectFrom('userTokens')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('userId', '=', userId)
    .where('purpose', '=', purpose)
    .where('createdAt', '>', since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function markEmailVerified(trx: Tx, userId: number, now: Date) {
  await trx
    .updateTable('users')
    .set({ emailVerifiedAt: now.toISOString() })
    .where('id', '=', userId)
    .where('emailVerifiedAt', 'is', null)
    .execute();
}

export async function updateUserPassword(trx: Tx, userId: number, passwordHash: string) {
  await trx.updateTable('users').set({ passwordHash }).where('id', '=', userId).execute();
}

export async function updateUserName(trx: Tx, userId: number, name: string) {
  await trx.updateTable('users').set({ name }).where('id', '=', userId).execute();
}

export async function insertSignupRequest(trx: Tx, row: Insertable<SignupRequestsTable>) {
  await trx.insertInto('signupRequests').values(row).execute();
}

/** A pending sign-up whose link is unused and unexpired, without using it. */
export async function findUsableSignupRequest(db: Db | Tx, tokenHash: string, now: Date) {
  return db
    .selectFrom('signupRequests')
    .select(['id', 'email', 'name'])
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now.toISOString())
    .executeTakeFirst();
}

/** Uses a sign-up link once (conditional UPDATE: of two simultaneous clicks one wins). */
export async function consumeSignupRequest(trx: Tx, tokenHash: string, now: Date) {
  return trx
    .updateTable('signupRequests')
    .set({ usedAt: now.toISOString() })
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now.toISOString())
    .returning([
      'email',
      'name',
      'phone',
      'birthDate',
      'comuna',
      'rut',
      'passwordHash',
      'nextPath',
      'marketingConsentAt',
    ])
    .executeTakeFirst();
}

/** The newest pending sign-up of an address, for a staff "Reenviar" (a new link replaces the old). */
export async function findLatestSignupRequest(db: Db | Tx, email: string, now: Date) {
  return db
    .selectFrom('signupRequests')
    .select(['id', 'name'])
    .where('email', '=', email)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now.toISOString())
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function replaceSignupToken(trx: Tx, id: number, tokenHash: string, expiresAt: string) {
  await trx.updateTable('signupRequests').set({ tokenHash, expiresAt }).where('id', '=', id).execute();
}

/** Sign-ups nobody confirmed, once their link expired: they hold a password hash and personal data. */
export async function deleteExpiredSignupRequests(db: Db | Tx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('signupRequests')
    .where('expiresAt', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findProfileAccount(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .leftJoin('customers', 'customers.userId', 'users.id')
    .select([
      'users.id as userId',
      'users.email',
      'users.username',
      'users.name',
      'users.emailVerifiedAt',
      'users.calendarFeedHash',
      'customers.id as customerId',
      'customers.fullName',
      'customers.phone',
      'customers.birthDate',
      'customers.comuna',
      'customers.rut',
      'customers.customerType',
      'customers.isMarketingOptOut',
      'customers.marketingConsentAt',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

/** The logged-in user of a session, with their customer record's id (one indexed query per request). */
export async function findSessionUser(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .leftJoin('customers', 'customers.userId', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.username',
      'users.name',
      'users.role',
      'users.isActive',
      'customers.id as customerId',
      'users.facilitatorId',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}
