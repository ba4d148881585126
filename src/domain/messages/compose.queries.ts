import type { Db } from '../../db/database';
import { ACTIVE_ENROLLMENT_STATUSES, type CustomerType } from '../../db/schema';

/**
 * Who a staff e-mail goes to: customers picked on a list (`cliente_id`), or a segment — everyone
 * interested in an interest, a customer type, or the attendees of a workshop. Attendees get the
 * message as a transactional one about their enrollment (so [Estado], [Saldo] and [Link de Pago]
 * work); the other audiences are marketing (opt-out applies).
 */
export type Audience = {
  customerIds: number[];
  interestId: number | null;
  workshopId: number | null;
  customerType: CustomerType | null;
};

export type AudienceRecipient = {
  customerId: number;
  enrollmentId: number | null;
  fullName: string;
  email: string;
  isMarketingOptOut: boolean;
};

export const isEmptyAudience = (a: Audience) =>
  a.customerIds.length === 0 && a.interestId === null && a.workshopId === null && a.customerType === null;

const MAX_RECIPIENTS = 5000;

export async function resolveAudience(db: Db, a: Audience): Promise<AudienceRecipient[]> {
  if (isEmptyAudience(a)) return [];
  if (a.workshopId !== null) {
    let query = db
      .selectFrom('enrollments')
      .innerJoin('customers', 'customers.id', 'enrollments.customerId')
      .select([
        'customers.id as customerId',
        'enrollments.id as enrollmentId',
        'customers.fullName',
        'customers.email',
        'customers.isMarketingOptOut',
      ])
      .where('enrollments.workshopId', '=', a.workshopId)
      .where('enrollments.status', 'in', ACTIVE_ENROLLMENT_STATUSES);
    if (a.customerIds.length > 0) query = query.where('customers.id', 'in', a.customerIds);
    return query.orderBy('customers.fullName').orderBy('customers.id').limit(MAX_RECIPIENTS).execute();
  }
  let query = db
    .selectFrom('customers')
    .select([
      'customers.id as customerId',
      'customers.fullName',
      'customers.email',
      'customers.isMarketingOptOut',
    ]);
  if (a.customerIds.length > 0) query = query.where('customers.id', 'in', a.customerIds);
  if (a.customerType) query = query.where('customers.customerType', '=', a.customerType);
  if (a.interestId !== null) {
    const interestId = a.interestId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('customerInterests')
          .select('customerInterests.customerId')
          .whereRef('customerInterests.customerId', '=', 'customers.id')
          .where('customerInterests.interestId', '=', interestId),
      ),
    );
  }
  const rows = await query
    .orderBy('customers.fullName')
    .orderBy('customers.id')
    .limit(MAX_RECIPIENTS)
    .execute();
  return rows.map((r) => ({ ...r, enrollmentId: null }));
}

/** Names for the audience summary ("Interesados en Resina", "Inscritos en …"). */
export async function audienceNames(db: Db, a: Audience) {
  const [interest, workshop] = await Promise.all([
    a.interestId === null
      ? undefined
      : db.selectFrom('interests').select('name').where('id', '=', a.interestId).executeTakeFirst(),
    a.workshopId === null
      ? undefined
      : db
          .selectFrom('workshops')
          .select(['name', 'startsAt'])
          .where('id', '=', a.workshopId)
          .executeTakeFirst(),
  ]);
  return { interestName: interest?.name ?? null, workshopName: workshop?.name ?? null };
}
