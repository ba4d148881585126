import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import { withUniqueCheck } from '../../db/errors';
import type { CustomerType, LifecycleStage } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { formatRut } from '../../lib/rut';
import { searchable } from '../../lib/text';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { recordWebhookEvent } from '../webhooks';
import {
  duplicateCustomerEmail,
  EmailVerificationRequiredError,
  MergeEnrollmentClashError,
  MergeSameCustomerError,
  MergeTwoAccountsError,
} from './customers.errors';
import {
  type CustomerRecord,
  countExistingInterests,
  findCustomerByEmail,
  findCustomerByUserId,
  findCustomerIdByEmail,
  findCustomerRecord,
  insertCustomer,
  interestNamesFor,
  lifecycleFacts,
  linkCustomerToUser,
  listInterestIdsOf,
  markInactiveSince,
  reassignInteractions,
  replaceCustomerInterests,
  updateCustomerRow,
} from './customers.queries';

/**
 * The customer record of a logged-in user, created on first need (staff accounts, old accounts).
 * A customer with the same e-mail but no account is linked only when the user's e-mail is
 * verified; otherwise throws EmailVerificationRequiredError (no takeover by sign-up).
 */
export async function customerForUser(trx: Tx, userId: number, ctx: Pick<ServiceContext, 'now'>) {
  const linked = await findCustomerByUserId(trx, userId);
  if (linked) return linked;
  const user = await trx
    .selectFrom('users')
    .select(['id', 'email', 'name', 'emailVerifiedAt'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const existing = await findCustomerByEmail(trx, user.email);
  if (existing) {
    if (existing.userId !== null || !user.emailVerifiedAt) throw new EmailVerificationRequiredError();
    await linkCustomerToUser(trx, existing.id, user.id, ctx.now);
    return { id: existing.id, fullName: existing.fullName, email: existing.email, phone: existing.phone };
  }
  const fullName = user.name.trim() || user.email.split('@')[0]!;
  const id = await insertCustomer(trx, {
    fullName,
    email: user.email,
    userId: user.id,
    searchText: customerSearchText({ fullName, email: user.email }),
    createdAt: ctx.now.toISOString(),
    updatedAt: ctx.now.toISOString(),
  });
  await recordWebhookEvent(trx, 'customer.created', { customerId: id }, ctx);
  return { id, fullName, email: user.email, phone: null };
}

// ---- Back office --------------------------------------------------------------------------------

export type StaffCustomerInput = {
  fullName: string;
  /** Normalised (trimmed, lower case). */
  email: string;
  phone: string | null;
  birthDate: string | null;
  comuna: string | null;
  /** Normalised ("12345678-5") or null. */
  rut: string | null;
  customerType: CustomerType;
  companyId: number | null;
  notes: string | null;
  interestIds: number[];
};

type AuditCtx = Pick<ServiceContext, 'now' | 'actor'>;
const NOT_FOUND = 'No encontramos ese cliente.';

/** What search_text holds for a customer: name, e-mail, phone and RUT, accent-free. */
export const customerSearchText = (c: {
  fullName: string;
  email: string;
  phone?: string | null;
  rut?: string | null;
}) => searchable(c.fullName, c.email, c.phone, ...rutForms(c.rut));

/** A RUT the way staff may type it: "12345678-5", "12.345.678-5" or "123456785". */
export const rutForms = (rut: string | null | undefined) =>
  rut ? [rut, formatRut(rut), rut.replace('-', '')] : [];

/** A customer as the audit log records it (interests and company by name). */
async function customerSnapshot(trx: Tx, id: number) {
  const c = await findCustomerRecord(trx, id);
  if (!c) return null;
  const interests = (await interestNamesFor(trx, [id])).get(id) ?? [];
  return {
    fullName: c.fullName,
    email: c.email,
    phone: c.phone,
    birthDate: c.birthDate,
    comuna: c.comuna,
    rut: c.rut,
    customerType: c.customerType,
    company: c.companyName,
    notes: c.notes,
    lifecycleStage: c.lifecycleStage,
    interests,
  };
}

async function validateCustomer(trx: Tx, input: StaffCustomerInput, exceptId: number | null) {
  const sameEmail = await findCustomerIdByEmail(trx, input.email);
  if (sameEmail !== null && sameEmail !== exceptId) throw duplicateCustomerEmail();
  if (input.companyId !== null) {
    const company = await trx
      .selectFrom('companies')
      .select('id')
      .where('id', '=', input.companyId)
      .executeTakeFirst();
    if (!company) throw new ValidationError({ empresa: 'Esa empresa ya no existe. Elige otra.' });
  }
  if ((await countExistingInterests(trx, input.interestIds)) !== input.interestIds.length)
    throw new ValidationError({ intereses: 'Uno de los intereses ya no existe. Recarga la página.' });
}

const customerColumns = (input: StaffCustomerInput) => ({
  fullName: input.fullName,
  email: input.email,
  phone: input.phone,
  birthDate: input.birthDate,
  comuna: input.comuna,
  rut: input.rut,
  customerType: input.customerType,
  companyId: input.companyId,
  notes: input.notes,
  searchText: customerSearchText(input),
});

/**
 * Creates a customer from the back office (or an import) as a lead. The e-mail is unique
 * (case-insensitive); the company and interests must exist. Throws ValidationError. Audited.
 */
export async function createCustomerByStaff(
  trx: Tx,
  input: StaffCustomerInput,
  ctx: AuditCtx,
): Promise<number> {
  await validateCustomer(trx, input, null);
  const at = ctx.now.toISOString();
  const id = await withUniqueCheck(
    () =>
      insertCustomer(trx, {
        ...customerColumns(input),
        lifecycleStage: 'lead',
        createdAt: at,
        updatedAt: at,
      }),
    duplicateCustomerEmail,
  );
  await replaceCustomerInterests(trx, id, input.interestIds);
  await recordWebhookEvent(trx, 'customer.created', { customerId: id }, ctx);
  await recordAudit(
    trx,
    { entityType: 'customer', entityId: id, action: 'create', after: await customerSnapshot(trx, id) },
    ctx,
  );
  return id;
}

/** Edits a customer's data and interests (same rules as creating). Throws NotFoundError, ValidationError. Audited. */
export async function updateCustomerByStaff(
  trx: Tx,
  id: number,
  input: StaffCustomerInput,
  ctx: AuditCtx,
): Promise<void> {
  const before = await customerSnapshot(trx, id);
  if (!before) throw new NotFoundError(NOT_FOUND);
  await validateCustomer(trx, input, id);
  await updateCustomerRow(trx, id, { ...customerColumns(input), updatedAt: ctx.now.toISOString() });
  await replaceCustomerInterests(trx, id, input.interestIds);
  await recordAudit(
    trx,
    {
      entityType: 'customer',
      entityId: id,
      action: 'update',
      before,
      after: await customerSnapshot(trx, id),
    },
    ctx,
  );
}

/** Staff set the lifecycle stage of several customers at once. Returns how many changed. Audited per customer. */
export async function setLifecycleStage(
  trx: Tx,
  customerIds: number[],
  stage: LifecycleStage,
  ctx: AuditCtx,
): Promise<number> {
  if (customerIds.length === 0) return 0;
  const current = await trx
    .selectFrom('customers')
    .select(['id', 'lifecycleStage'])
    .where('id', 'in', customerIds)
    .where('lifecycleStage', '<>', stage)
    .execute();
  if (current.length === 0) return 0;
  await trx
    .updateTable('customers')
    .set({ lifecycleStage: stage, updatedAt: ctx.now.toISOString() })
    .where(
      'id',
      'in',
      current.map((c) => c.id),
    )
    .execute();
  for (const c of current)
    await recordAudit(
      trx,
      {
        entityType: 'customer',
        entityId: c.id,
        action: 'update',
        before: { lifecycleStage: c.lifecycleStage },
        after: { lifecycleStage: stage },
      },
      ctx,
    );
  return current.length;
}

const STAGE_RANK: Record<LifecycleStage, number> = { inactive: -1, lead: 0, prospect: 1, customer: 2 };

/** Twelve months before `now` (calendar months, UTC). */
export function inactivityCutoff(now: Date): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - 1);
  return cutoff;
}

/**
 * Moves a customer's lifecycle stage by itself: lead → prospect on the first enrollment or order,
 * → customer after the first payment, → inactive after 12 months without an enrollment, order or
 * payment (and back when they return). It never moves a customer backwards between lead, prospect
 * and customer, so a stage staff set by hand survives. Call it in the same transaction as an
 * enrollment, order or payment. Also keeps last_activity_at. Returns the stage. Audited when it changes.
 */
export async function refreshLifecycle(trx: Tx, customerId: number, ctx: AuditCtx): Promise<LifecycleStage> {
  const customer = await trx
    .selectFrom('customers')
    .select(['lifecycleStage', 'createdAt', 'lastActivityAt'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer) throw new NotFoundError(NOT_FOUND);
  const facts = await lifecycleFacts(trx, customerId);
  const since = facts.lastActivityAt ?? new Date(customer.createdAt).toISOString();
  let stage: LifecycleStage;
  if (since < inactivityCutoff(ctx.now).toISOString()) stage = 'inactive';
  else {
    const computed: LifecycleStage = facts.hasPayment
      ? 'customer'
      : facts.hasEnrollmentOrOrder
        ? 'prospect'
        : 'lead';
    stage = STAGE_RANK[customer.lifecycleStage] > STAGE_RANK[computed] ? customer.lifecycleStage : computed;
  }
  if (stage !== customer.lifecycleStage || facts.lastActivityAt !== customer.lastActivityAt) {
    await updateCustomerRow(trx, customerId, { lifecycleStage: stage, lastActivityAt: facts.lastActivityAt });
  }
  if (stage !== customer.lifecycleStage)
    await recordAudit(
      trx,
      {
        entityType: 'customer',
        entityId: customerId,
        action: 'update',
        before: { lifecycleStage: customer.lifecycleStage },
        after: { lifecycleStage: stage },
      },
      ctx,
    );
  return stage;
}

/** The daily inactivity rule for every customer at once (see refreshLifecycle). Returns how many moved. */
export async function markInactiveCustomers(trx: Tx, ctx: Pick<ServiceContext, 'now'>): Promise<number> {
  return markInactiveSince(trx, inactivityCutoff(ctx.now).toISOString(), ctx.now.toISOString());
}

/**
 * Checks that a duplicate can be merged into the customer staff keep, and returns both records.
 * `sharedWorkshops` are workshops where both hold an active enrollment (enrollments tells).
 * Throws NotFoundError, MergeSameCustomerError, MergeTwoAccountsError, MergeEnrollmentClashError.
 */
export async function assertMergeable(
  trx: Tx,
  input: { keepId: number; removeId: number; sharedWorkshops: string[] },
) {
  if (input.keepId === input.removeId) throw new MergeSameCustomerError();
  const [keep, remove] = await Promise.all([
    findCustomerRecord(trx, input.keepId),
    findCustomerRecord(trx, input.removeId),
  ]);
  if (!keep || !remove) throw new NotFoundError(NOT_FOUND);
  if (keep.userId !== null && remove.userId !== null) throw new MergeTwoAccountsError();
  if (input.sharedWorkshops.length > 0) throw new MergeEnrollmentClashError(input.sharedWorkshops);
  return { keep, remove };
}

/**
 * The customers part of a merge, once every other module moved its rows: interactions and
 * interests move to the kept record, its blank fields are filled from the duplicate, the duplicate
 * is deleted, the lifecycle stage is recomputed, and both are audited. Returns the interactions moved.
 */
export async function absorbDuplicate(
  trx: Tx,
  input: { keep: CustomerRecord; remove: CustomerRecord },
  ctx: AuditCtx,
): Promise<number> {
  const { keep, remove } = input;
  const keepId = keep.id;
  const removeId = remove.id;
  const beforeKeep = await customerSnapshot(trx, keepId);
  const beforeRemove = await customerSnapshot(trx, removeId);
  const interactions = await reassignInteractions(trx, removeId, keepId);

  const keepInterests = new Set(await listInterestIdsOf(trx, keepId));
  const extra = (await listInterestIdsOf(trx, removeId)).filter((id) => !keepInterests.has(id));
  if (extra.length > 0)
    await trx
      .insertInto('customerInterests')
      .values(extra.map((interestId) => ({ customerId: keepId, interestId })))
      .execute();

  if (remove.userId !== null) await updateCustomerRow(trx, removeId, { userId: null });
  const merged = {
    phone: keep.phone ?? remove.phone,
    birthDate: keep.birthDate ?? remove.birthDate,
    comuna: keep.comuna ?? remove.comuna,
    rut: keep.rut ?? remove.rut,
    companyId: keep.companyId ?? remove.companyId,
    customerType:
      keep.companyId === null && remove.companyId !== null ? remove.customerType : keep.customerType,
    notes: [keep.notes, remove.notes].filter(Boolean).join('\n\n') || null,
    userId: keep.userId ?? remove.userId,
    // An opt-out given on either record is respected; otherwise the consent on record is kept.
    isMarketingOptOut: keep.isMarketingOptOut || remove.isMarketingOptOut,
    marketingConsentAt:
      keep.isMarketingOptOut || remove.isMarketingOptOut
        ? null
        : (keep.marketingConsentAt ?? remove.marketingConsentAt),
  };
  await trx.deleteFrom('customers').where('id', '=', removeId).execute();
  await updateCustomerRow(trx, keepId, {
    ...merged,
    searchText: customerSearchText({
      fullName: keep.fullName,
      email: keep.email,
      phone: merged.phone,
      rut: merged.rut,
    }),
    updatedAt: ctx.now.toISOString(),
  });
  await refreshLifecycle(trx, keepId, ctx);

  await recordAudit(
    trx,
    {
      entityType: 'customer',
      entityId: removeId,
      action: 'delete',
      before: beforeRemove,
      after: { mergedIntoCustomerId: keepId },
    },
    ctx,
  );
  await recordAudit(
    trx,
    {
      entityType: 'customer',
      entityId: keepId,
      action: 'update',
      before: beforeKeep,
      after: { ...(await customerSnapshot(trx, keepId)), mergedFromCustomerId: removeId },
    },
    ctx,
  );
  return interactions;
}

/**
 * The lifecycle rule of refreshLifecycle for the hot paths (enrollment, checkout, payment), in one
 * UPDATE: the customer was active now, and reached at least `reached` (a payment → customer; an
 * enrollment or order → prospect). A stage never moves backwards between lead, prospect and customer;
 * an inactive customer who comes back becomes active again. Chosen over calling refreshLifecycle,
 * whose extra reads would lengthen the enrollment transaction at a launch.
 */
export async function noteCustomerActivity(
  trx: Tx,
  customerId: number,
  reached: 'prospect' | 'customer',
  ctx: Pick<ServiceContext, 'now'>,
): Promise<void> {
  const promote = reached === 'customer' ? ['lead', 'prospect', 'inactive'] : ['lead', 'inactive'];
  await trx
    .updateTable('customers')
    .set({
      lastActivityAt: ctx.now.toISOString(),
      lifecycleStage: sql<LifecycleStage>`case when lifecycle_stage in (${sql.join(promote)}) then ${reached} else lifecycle_stage end`,
    })
    .where('id', '=', customerId)
    .execute();
}

// ---- Writes other modules ask for (they never write the customers tables themselves) ----------

/** A phone typed when enrolling replaces the customer's (search text kept in step). */
export async function updateCustomerPhone(
  trx: Tx,
  customer: { id: number; fullName: string; email: string; phone: string | null; rut: string | null },
  phone: string,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<void> {
  if (phone === customer.phone) return;
  await updateCustomerRow(trx, customer.id, {
    phone,
    searchText: customerSearchText({ ...customer, phone }),
    updatedAt: ctx.now.toISOString(),
  });
}

/** Records that a customer is interested in a category (enrolling in one of its workshops says so). */
export async function addCustomerInterest(trx: Tx, customerId: number, interestId: number): Promise<void> {
  await trx
    .insertInto('customerInterests')
    .values({ customerId, interestId })
    .onConflict((oc) => oc.columns(['customerId', 'interestId']).doNothing())
    .execute();
}

/** The customer record of a new account (sign-up confirmed): a customer from day one. */
export async function createCustomerForAccount(
  trx: Tx,
  input: {
    fullName: string;
    email: string;
    phone: string;
    birthDate: string | null;
    comuna: string | null;
    rut: string | null;
    userId: number;
  },
  ctx: Pick<ServiceContext, 'now'>,
): Promise<number> {
  const now = ctx.now.toISOString();
  const id = await insertCustomer(trx, {
    ...input,
    lifecycleStage: 'customer',
    searchText: customerSearchText(input),
    createdAt: now,
    updatedAt: now,
  });
  await recordWebhookEvent(trx, 'customer.created', { customerId: id }, ctx);
  return id;
}

/**
 * A customer edits their own data from their profile (name, phone, birth date, comuna, RUT) and
 * their answer to the marketing opt-in; the e-mail is the account's identity and stays. Returns
 * false when the record is not linked to that account.
 */
export async function updateOwnCustomerData(
  trx: Tx,
  input: {
    customerId: number;
    userId: number;
    fullName: string;
    phone: string;
    birthDate: string | null;
    comuna: string | null;
    rut: string | null;
    wantsMarketing: boolean;
  },
  ctx: Pick<ServiceContext, 'now'>,
): Promise<boolean> {
  const current = await findCustomerRecord(trx, input.customerId);
  if (!current || current.userId !== input.userId) return false;
  await updateCustomerRow(trx, input.customerId, {
    fullName: input.fullName,
    phone: input.phone,
    birthDate: input.birthDate,
    comuna: input.comuna,
    rut: input.rut,
    ...marketingChoice(current, input.wantsMarketing ? ctx.now.toISOString() : null),
    searchText: customerSearchText({ ...input, email: current.email }),
    updatedAt: ctx.now.toISOString(),
  });
  return true;
}

/**
 * The one rule for marketing e-mail ("novedades"): a customer may receive it unless it is off for
 * them — they left the sign-up box unticked, unticked it on their profile or unsubscribed from an
 * e-mail. Customers from before the opt-in existed keep the state they had (no consent time is
 * invented for them). The outbox worker and staff messages both ask this.
 */
export const mayReceiveMarketing = (customer: { isMarketingOptOut: boolean }) => !customer.isMarketingOptOut;

/**
 * The columns that record an answer to "Quiero recibir novedades y talleres por correo": a yes
 * (`consentAt`, when it was given) turns marketing on and keeps the time of a yes already on
 * record; a no turns it off and forgets the consent time.
 */
function marketingChoice(
  current: { isMarketingOptOut: boolean; marketingConsentAt: string | null },
  consentAt: string | null,
) {
  if (consentAt === null) return { isMarketingOptOut: true, marketingConsentAt: null };
  const alreadyConsented = mayReceiveMarketing(current) && current.marketingConsentAt !== null;
  return {
    isMarketingOptOut: false,
    marketingConsentAt: alreadyConsented ? current.marketingConsentAt : consentAt,
  };
}

/**
 * Records the answer a customer gave to the marketing opt-in when signing up (`consentAt` is when
 * the ticked form was sent, null when the box was left unticked). Throws NotFoundError.
 */
export async function recordMarketingConsent(
  trx: Tx,
  input: { customerId: number; consentAt: string | null },
  ctx: Pick<ServiceContext, 'now'>,
): Promise<void> {
  const current = await findCustomerRecord(trx, input.customerId);
  if (!current) throw new NotFoundError(NOT_FOUND);
  await updateCustomerRow(trx, input.customerId, {
    ...marketingChoice(current, input.consentAt),
    updatedAt: ctx.now.toISOString(),
  });
}

/** Turns off marketing e-mail for a customer (idempotent). Throws NotFoundError. */
export async function optOutOfMarketing(
  trx: Tx,
  customerId: number,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<{ email: string }> {
  const row = await trx
    .updateTable('customers')
    .set({ isMarketingOptOut: true, marketingConsentAt: null, updatedAt: ctx.now.toISOString() })
    .where('id', '=', customerId)
    .returning('email')
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Este enlace ya no es válido.');
  return row;
}

/**
 * Customer records for load-test accounts (`tmm create-test-users`), in one statement. Any unique
 * clash (a re-run, an e-mail already in the CRM) keeps the existing record.
 */
export async function createCustomersForLoadTest(
  trx: Tx,
  rows: { fullName: string; email: string; userId: number }[],
  ctx: Pick<ServiceContext, 'now'>,
): Promise<void> {
  if (rows.length === 0) return;
  const now = ctx.now.toISOString();
  await trx
    .insertInto('customers')
    .values(rows.map((r) => ({ ...r, searchText: customerSearchText(r), createdAt: now, updatedAt: now })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
