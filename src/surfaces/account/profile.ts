import type { Db } from '../../db/database';
import { listCustomerInterestNames } from '../../domain/customers';
import { enrollmentActions, listCustomerEnrollments } from '../../domain/enrollments';
import { listCustomerSales } from '../../domain/sales';
import { findProfileAccount } from '../../domain/users';

/**
 * Everything the profile page shows for one account (undefined when the account is gone): its
 * data, its customer record if linked, enrollments split into upcoming (soonest first) and past
 * (latest first) with what each offers, and purchases. A fixed number of queries.
 */
export async function loadProfile(db: Db, userId: number, now: Date) {
  const account = await findProfileAccount(db, userId);
  if (!account) return undefined;
  const { customerId } = account;
  const [interests, enrollments, sales] = customerId
    ? await Promise.all([
        listCustomerInterestNames(db, customerId),
        listCustomerEnrollments(db, customerId),
        listCustomerSales(db, customerId),
      ])
    : [[], [], []];
  const rows = enrollments.map((e) => ({ ...e, ...enrollmentActions(e, now) }));
  return {
    account: {
      email: account.email,
      username: account.username,
      name: account.name,
      emailVerified: account.emailVerifiedAt !== null,
    },
    customer:
      customerId && account.fullName
        ? {
            fullName: account.fullName,
            phone: account.phone,
            birthDate: account.birthDate,
            comuna: account.comuna,
            rut: account.rut,
            interests,
          }
        : null,
    upcoming: rows.filter((r) => r.isUpcoming).reverse(),
    past: rows.filter((r) => !r.isUpcoming),
    sales,
  };
}
