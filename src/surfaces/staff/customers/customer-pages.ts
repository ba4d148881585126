import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  type CustomerFilters,
  type CustomerRecord,
  findCustomerRecord,
  interestNamesFor,
  listCompanyOptions,
  listCustomerEmails,
  listCustomerEnrollments,
  listCustomerOrders,
  listCustomerPayments,
  listCustomers,
  listInteractionsFor,
  listInterestOptions,
} from '../../../domain/customers';
import { listGiftCardsOfCustomer } from '../../../domain/gift-cards';
import { listPacksOfCustomer } from '../../../domain/packs';
import type { FormErrors } from '../../../http/forms';
import type { InvalidForm } from '../../../http/routes';
import { santiagoDate } from '../../../lib/dates';
import { NotFoundError } from '../../../lib/errors';
import { loadAuditTrail } from '../audit/audit-names';
import { Customer360Page } from './views/customer-360.page';
import { CustomerFormPage } from './views/customer-form.page';
import { CustomerMergePage } from './views/customer-merge.page';

/** The customer's record; throws NotFoundError for an unknown id. */
export async function loadCustomer(request: FastifyRequest, id: number): Promise<CustomerRecord> {
  const customer = await findCustomerRecord(request.server.deps.database.db, id);
  if (!customer) throw new NotFoundError('No encontramos ese cliente.');
  return customer;
}

/**
 * The customer form (new, or editing `customer`). Shown again with its errors, the checked
 * interests stay a list: the typed values join a repeated field with commas.
 */
export async function renderCustomerForm(
  request: FastifyRequest,
  reply: FastifyReply,
  customer: { id: number; fullName: string } | null,
  values: Record<string, string | string[]>,
  errors: FormErrors,
) {
  const { db } = request.server.deps.database;
  const [companies, interests] = await Promise.all([listCompanyOptions(db), listInterestOptions(db)]);
  return reply.page(CustomerFormPage, { customer, values, errors, options: { companies, interests } });
}

export const typedCustomerForm = (values: Record<string, string>): Record<string, string | string[]> => ({
  ...values,
  intereses: values.intereses ? values.intereses.split(',') : [],
});

/** The customer 360; with the interaction form's errors when it is shown again (status 422 set). */
export async function renderCustomer360(
  request: FastifyRequest,
  reply: FastifyReply,
  customer: CustomerRecord,
  interaction: InvalidForm | null = null,
) {
  const { db } = request.server.deps.database;
  const id = customer.id;
  const [interests, enrollments, orders, payments, emails, interactions, audit, packs, giftCards] =
    await Promise.all([
      interestNamesFor(db, [id]),
      listCustomerEnrollments(db, id),
      listCustomerOrders(db, id),
      listCustomerPayments(db, id),
      listCustomerEmails(db, id),
      listInteractionsFor(db, id),
      loadAuditTrail(db, 'customer', id, 30),
      listPacksOfCustomer(db, id),
      listGiftCardsOfCustomer(db, id, request.server.deps.clock()),
    ]);
  return reply.page(Customer360Page, {
    customer,
    interests: interests.get(id) ?? [],
    enrollments,
    orders,
    payments,
    emails,
    interactions,
    audit,
    interactionValues: interaction?.values ?? {},
    interactionErrors: interaction?.errors ?? {},
    today: santiagoDate(request.server.deps.clock()),
    packs,
    giftCards,
  });
}

const NO_FILTERS: CustomerFilters = {
  q: '',
  type: null,
  companyId: null,
  interestIds: [],
  comuna: '',
  stage: null,
  hasDebt: false,
  ids: [],
};

/**
 * Merging two customers: candidates found by `q`, and once the other is chosen, what each record
 * holds, so staff see what moves before confirming.
 */
export async function renderMergePage(
  request: FastifyRequest,
  reply: FastifyReply,
  customer: CustomerRecord,
  query: { q: string; otherId: number | null },
) {
  const { db } = request.server.deps.database;
  const { q, otherId } = query;
  const other = otherId && otherId !== customer.id ? ((await findCustomerRecord(db, otherId)) ?? null) : null;
  const candidates = q
    ? (
        await listCustomers(
          db,
          { ...NO_FILTERS, q },
          { sort: 'nombre', dir: 'asc' },
          { offset: 0, limit: 20 },
        )
      ).filter((c) => c.id !== customer.id)
    : [];
  const summary = async (customerId: number) => {
    const [enrollments, orders, interactions] = await Promise.all([
      listCustomerEnrollments(db, customerId),
      listCustomerOrders(db, customerId),
      listInteractionsFor(db, customerId),
    ]);
    return { enrollments: enrollments.length, orders: orders.length, interactions: interactions.length };
  };
  const [customerSummary, otherSummary] = await Promise.all([
    summary(customer.id),
    other ? summary(other.id) : Promise.resolve(null),
  ]);
  return reply.page(CustomerMergePage, { customer, other, q, candidates, customerSummary, otherSummary });
}
