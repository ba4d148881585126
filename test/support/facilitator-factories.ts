import type { Db } from '../../src/db/database';
import type { EnrollmentStatus } from '../../src/db/schema';
import { rutCheckDigit } from '../../src/lib/rut';
import { createCustomer, createUser, createWorkshop, TEST_PASSWORD, unique } from './factories';

let rutSeq = 0;
/** A RUT no other test uses, with its correct check digit ("23456789-K" form). */
export function uniqueRut(): string {
  const body = String(
    10_000_000 + ((process.pid * 7919 + ++rutSeq * 104_729 + Math.floor(Math.random() * 1e6)) % 89_999_999),
  );
  return `${body}-${rutCheckDigit(body)}`;
}

export async function createFacilitator(
  db: Db,
  overrides: {
    name?: string;
    rut?: string;
    email?: string | null;
    bio?: string | null;
    imagePath?: string | null;
  } = {},
) {
  return db
    .insertInto('facilitators')
    .values({
      name: overrides.name ?? unique('Facilitadora '),
      rut: overrides.rut ?? uniqueRut(),
      email: overrides.email === undefined ? `${unique('facilita')}@example.cl` : overrides.email,
      phone: null,
      bio: overrides.bio ?? null,
      imagePath: overrides.imagePath ?? null,
    })
    .returning(['id', 'name', 'rut', 'email'])
    .executeTakeFirstOrThrow();
}

/** The login of a facilitator: role facilitator, linked to the record. */
export async function createFacilitatorAccount(db: Db, facilitatorId: number) {
  const user = await createUser(db, { role: 'customer' });
  await db
    .updateTable('users')
    .set({ role: 'facilitator', facilitatorId })
    .where('id', '=', user.id)
    .execute();
  return { ...user, role: 'facilitator' as const, password: TEST_PASSWORD };
}

/** A workshop led by this facilitator. */
export async function createFacilitatorWorkshop(
  db: Db,
  facilitatorId: number,
  overrides: Parameters<typeof createWorkshop>[1] = {},
) {
  const workshop = await createWorkshop(db, overrides);
  await db.updateTable('workshops').set({ facilitatorId }).where('id', '=', workshop.id).execute();
  return workshop;
}

/**
 * An enrollment with what was paid as ledger rows (payments), and optionally attendance. Seat
 * counters are not touched: pay and roster read enrollments, not counters.
 */
export async function createEnrollmentFor(
  db: Db,
  workshopId: number,
  options: {
    status?: EnrollmentStatus;
    amountDueClp?: number;
    paidClp?: number;
    refundedClp?: number;
    attended?: boolean;
    fullName?: string;
  } = {},
) {
  const customer = await createCustomer(db, { fullName: options.fullName ?? unique('Asistente ') });
  const paid = options.paidClp ?? 0;
  const refunded = options.refundedClp ?? 0;
  const enrollment = await db
    .insertInto('enrollments')
    .values({
      customerId: customer.id,
      workshopId,
      amountDueClp: options.amountDueClp ?? paid,
      amountPaidClp: paid - refunded,
      status: options.status ?? (paid > 0 ? 'PAGADO' : 'PENDIENTE'),
      attendedAt: options.attended ? '2026-01-01T12:00:00.000Z' : null,
      ...(options.status === 'ANULADO' ? { cancelledAt: '2026-01-01T12:00:00.000Z' } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = [
    ...(paid > 0 ? [{ kind: 'PAYMENT' as const, amountClp: paid }] : []),
    ...(refunded > 0 ? [{ kind: 'REFUND' as const, amountClp: refunded }] : []),
  ];
  for (const row of rows)
    await db
      .insertInto('payments')
      .values({
        enrollmentId: enrollment.id,
        kind: row.kind,
        amountClp: row.amountClp,
        method: 'efectivo',
        reference: unique('ref'),
        paidAt: '2026-01-01T12:00:00.000Z',
      })
      .execute();
  return { id: enrollment.id, customerId: customer.id, fullName: customer.fullName };
}
