import type { Db, Tx } from '../../db/database';

const CERTIFICATE_COLUMNS = [
  'certificates.id',
  'certificates.uuid',
  'certificates.enrollmentId',
  'certificates.customerName',
  'certificates.workshopName',
  'certificates.sessionStartsAt',
  'certificates.durationMinutes',
  'certificates.facilitatorName',
  'certificates.issuedAt',
  'certificates.revokedAt',
  'certificates.revokeReason',
] as const;

export async function findCertificateByUuid(db: Db | Tx, uuid: string) {
  return db
    .selectFrom('certificates')
    .select(CERTIFICATE_COLUMNS)
    .where('uuid', '=', uuid)
    .executeTakeFirst();
}

export type Certificate = NonNullable<Awaited<ReturnType<typeof findCertificateByUuid>>>;

export async function findCertificateInForce(db: Db | Tx, enrollmentId: number) {
  return db
    .selectFrom('certificates')
    .select(CERTIFICATE_COLUMNS)
    .where('enrollmentId', '=', enrollmentId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
}

/** What a certificate copies from the enrollment, with who it goes to. */
export async function findCertifiable(db: Db | Tx, enrollmentId: number) {
  return db
    .selectFrom('enrollments')
    .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .innerJoin('customers', 'customers.id', 'enrollments.customerId')
    .select([
      'enrollments.id',
      'enrollments.workshopId',
      'enrollments.customerId',
      'enrollments.status',
      'enrollments.attendedAt',
      'customers.fullName as customerName',
      'customers.email as customerEmail',
      'workshops.name as workshopName',
      'workshops.startsAt',
      'workshops.durationMinutes',
      'workshops.facilitatorName',
    ])
    .where('enrollments.id', '=', enrollmentId)
    .executeTakeFirst();
}

/** The attended enrollments of a session that have no certificate in force. */
export async function listUncertifiedAttendees(db: Db | Tx, workshopId: number) {
  const rows = await db
    .selectFrom('enrollments')
    .leftJoin('certificates', (join) =>
      join.onRef('certificates.enrollmentId', '=', 'enrollments.id').on('certificates.revokedAt', 'is', null),
    )
    .select('enrollments.id')
    .where('enrollments.workshopId', '=', workshopId)
    .where('enrollments.status', '<>', 'ANULADO')
    .where('enrollments.attendedAt', 'is not', null)
    .where('certificates.id', 'is', null)
    .orderBy('enrollments.id')
    .execute();
  return rows.map((r) => r.id);
}

/** A session's people for the staff certificates page: attendance and the certificate in force. */
export async function listSessionCertificates(db: Db, workshopId: number) {
  return db
    .selectFrom('enrollments')
    .innerJoin('customers', 'customers.id', 'enrollments.customerId')
    .leftJoin('certificates', (join) =>
      join.onRef('certificates.enrollmentId', '=', 'enrollments.id').on('certificates.revokedAt', 'is', null),
    )
    .select([
      'enrollments.id as enrollmentId',
      'enrollments.attendedAt',
      'customers.fullName as customerName',
      'certificates.id as certificateId',
      'certificates.uuid',
      'certificates.issuedAt',
    ])
    .where('enrollments.workshopId', '=', workshopId)
    .where('enrollments.status', '<>', 'ANULADO')
    .orderBy('customers.fullName')
    .orderBy('enrollments.id')
    .execute();
}

/** The certificates in force of a customer, by enrollment id (the account page links them). */
export async function listCustomerCertificates(db: Db, customerId: number) {
  return db
    .selectFrom('certificates')
    .innerJoin('enrollments', 'enrollments.id', 'certificates.enrollmentId')
    .select(['certificates.enrollmentId', 'certificates.uuid'])
    .where('enrollments.customerId', '=', customerId)
    .where('certificates.revokedAt', 'is', null)
    .execute();
}
