import type { Db } from '../../db/database';
import { listCustomerWaitlistPlaces } from '../../domain/capacity';
import { certificateDownloadPath, listCustomerCertificates } from '../../domain/certificates';
import { listCustomerInterestNames, listCustomerPayments, mayReceiveMarketing } from '../../domain/customers';
import { enrollmentActions, listCustomerEnrollments } from '../../domain/enrollments';
import { listCustomerSales, listSaleFulfilments } from '../../domain/sales';
import { findProfileAccount } from '../../domain/users';

/**
 * Everything the profile page shows for one account (undefined when the account is gone): its
 * data, its customer record if linked, upcoming enrollments (soonest first) apart from the history
 * (past and cancelled ones, latest first) with what each offers, live waitlist places, orders (with
 * how each is handed over) and payments. A fixed number of queries.
 */
export async function loadProfile(db: Db, userId: number, now: Date) {
  const account = await findProfileAccount(db, userId);
  if (!account) return undefined;
  const { customerId } = account;
  const [interests, enrollments, waitlist, sales, payments, certificates] = customerId
    ? await Promise.all([
        listCustomerInterestNames(db, customerId),
        listCustomerEnrollments(db, customerId),
        listCustomerWaitlistPlaces(db, customerId, now),
        listCustomerSales(db, customerId),
        listCustomerPayments(db, customerId),
        listCustomerCertificates(db, customerId),
      ])
    : [[], [], [], [], [], []];
  const certified = new Set(certificates.map((c) => c.enrollmentId));
  const rows = enrollments.map((e) => ({
    ...e,
    ...enrollmentActions(e, now),
    certificatePath: certified.has(e.id) ? certificateDownloadPath(e.id) : null,
  }));
  const fulfilments = await listSaleFulfilments(
    db,
    sales.map((s) => s.id),
  );
  return {
    account: {
      email: account.email,
      username: account.username,
      name: account.name,
      emailVerified: account.emailVerifiedAt !== null,
      hasCalendarFeed: account.calendarFeedHash !== null,
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
            marketing: {
              allowed: mayReceiveMarketing({ isMarketingOptOut: account.isMarketingOptOut ?? false }),
              consentAt: account.marketingConsentAt,
            },
          }
        : null,
    upcoming: rows.filter((r) => r.isUpcoming).reverse(),
    history: rows.filter((r) => !r.isUpcoming),
    waitlist,
    sales: sales.map((s) => ({ ...s, fulfilment: fulfilments.get(s.id) ?? null })),
    payments: payments.map((p) => ({
      id: p.id,
      kind: p.kind,
      amountClp: p.amountClp,
      method: p.method,
      paidAt: p.paidAt,
      enrollmentId: p.enrollmentId,
      saleId: p.saleId,
      workshopName: p.workshopName,
    })),
  };
}
