import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types, as Kysely sees them after CamelCasePlugin (columns are snake_case in SQL).
 *
 * Storage conventions, identical on both dialects once decoded (see database.ts):
 * - timestamps: ISO-8601 UTC strings ("2026-03-14T13:30:00.000Z"); PostgreSQL timestamptz,
 *   SQLite text. Always write `date.toISOString()`; comparisons work on both.
 * - calendar dates: "YYYY-MM-DD" strings (PostgreSQL date, SQLite text).
 * - booleans: real booleans (SQLite 0/1 decoded by the SQLite boolean plugin; columns start with is_).
 * - money: integer CLP.
 */

type Timestamp = string;
type CreatedAt = ColumnType<string, string | undefined, never>;
type UpdatedAt = ColumnType<string, string | undefined, string>;
type Bool = ColumnType<boolean, boolean | undefined, boolean>;

export const USER_ROLES = ['customer', 'staff', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const CUSTOMER_TYPES = ['B2C', 'B2B'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

export const LIFECYCLE_STAGES = ['lead', 'prospect', 'customer', 'inactive'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const MODALITIES = ['PRESENCIAL', 'ONLINE'] as const;
export type Modality = (typeof MODALITIES)[number];

export const ENROLLMENT_STATUSES = ['PENDIENTE', 'PAGADO', 'ABONADO', 'ANULADO'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
/** Statuses that hold a seat. */
export const ACTIVE_ENROLLMENT_STATUSES = ['PENDIENTE', 'PAGADO', 'ABONADO'] as const;

export const SALE_STATUSES = ['PENDIENTE', 'PAGADO', 'ANULADO'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

/** How a kit order reaches its customer: picked up at the studio, or delivered to an address. */
export const FULFILMENT_METHODS = ['pickup', 'delivery'] as const;
export type FulfilmentMethod = (typeof FULFILMENT_METHODS)[number];

/**
 * Where a paid order is on its way to the customer. LISTO_PARA_RETIRO is only for pickups,
 * DESPACHADO only for deliveries (src/domain/sales/fulfilment.rules.ts has the steps).
 */
export const FULFILMENT_STATUSES = [
  'POR_PREPARAR',
  'PREPARADO',
  'LISTO_PARA_RETIRO',
  'DESPACHADO',
  'ENTREGADO',
] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

export const PAYMENT_METHODS = [
  'simulado',
  'efectivo',
  'transferencia',
  'tarjeta',
  'webpay',
  'mercadopago',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** What customers may be offered on the payment pages (staff turn each on or off). */
export const PAYMENT_PROVIDERS = ['simulated', 'webpay', 'mercadopago'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];
/** The providers that take real money through a redirect, and so leave a payment attempt. */
export const ONLINE_PROVIDERS = ['webpay', 'mercadopago'] as const;
export type OnlineProvider = (typeof ONLINE_PROVIDERS)[number];

export const ATTEMPT_PURPOSES = ['enrollment', 'sale'] as const;
export type AttemptPurpose = (typeof ATTEMPT_PURPOSES)[number];

/**
 * created → redirected → authorized | rejected | aborted | expired; authorized → refunded once the
 * whole amount went back. A rejection, an abort or an expiry is not final for the money: a late
 * approval from the provider still settles the attempt (it is never ignored).
 */
export const ATTEMPT_STATES = [
  'created',
  'redirected',
  'authorized',
  'rejected',
  'aborted',
  'expired',
  'refunded',
] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];
/** States still waiting for the provider's word: the sweeper asks about these. */
export const PENDING_ATTEMPT_STATES = ['created', 'redirected'] as const;

/**
 * What needs (or needed) a person: the provider's amount or buy order did not match ours
 * (`mismatch`, refused); money arrived that could not be applied and must go back
 * (`refund_pending`), and went back (`auto_refunded`).
 */
export const ATTEMPT_ISSUES = ['mismatch', 'refund_pending', 'auto_refunded'] as const;
export type AttemptIssue = (typeof ATTEMPT_ISSUES)[number];

export const RECONCILIATION_RESULTS = ['matched', 'mismatch'] as const;
export type ReconciliationResult = (typeof RECONCILIATION_RESULTS)[number];

export const PAYMENT_KINDS = ['PAYMENT', 'REFUND'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export const WAITLIST_STATUSES = ['WAITING', 'OFFERED', 'ACCEPTED', 'EXPIRED', 'LEFT'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

export const OUTBOX_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const EMAIL_KINDS = ['transactional', 'marketing'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const EMAIL_LOG_STATUSES = ['SUCCESS', 'FAIL'] as const;
export type EmailLogStatus = (typeof EMAIL_LOG_STATUSES)[number];

export const INTERACTION_KINDS = ['call', 'whatsapp', 'email', 'meeting', 'note'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const USER_TOKEN_PURPOSES = ['password_reset', 'email_verification'] as const;
export type UserTokenPurpose = (typeof USER_TOKEN_PURPOSES)[number];

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface UsersTable {
  id: Generated<number>;
  email: string;
  username: string | null;
  name: string;
  passwordHash: string;
  role: ColumnType<UserRole, UserRole | undefined, UserRole>;
  isActive: Bool;
  emailVerifiedAt: Timestamp | null;
  createdAt: CreatedAt;
  lastLoginAt: Timestamp | null;
  /** SHA-256 (hex) of the secret in the customer's private calendar feed address; null = none. */
  calendarFeedHash: string | null;
}

export interface SessionsTable {
  id: string;
  userId: number | null;
  data: string;
  expiresAt: Timestamp;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface UserTokensTable {
  id: Generated<number>;
  userId: number;
  purpose: UserTokenPurpose;
  tokenHash: string;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
  createdAt: CreatedAt;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  accountKey: string;
  ip: string;
  /** The trusted-device cookie the attempt came with, when it had a valid one for that account. */
  deviceId: string | null;
  createdAt: CreatedAt;
}

/** A sign-up waiting for its e-mail to be confirmed: no account exists until then. */
export interface SignupRequestsTable {
  id: Generated<number>;
  email: string;
  name: string;
  phone: string;
  birthDate: string | null;
  comuna: string | null;
  rut: string | null;
  passwordHash: string;
  nextPath: string | null;
  /** When the sign-up form's marketing box was ticked; null when it was left unticked. */
  marketingConsentAt: Timestamp | null;
  tokenHash: string;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
  createdAt: CreatedAt;
}

export interface CompaniesTable {
  id: Generated<number>;
  legalName: string;
  rut: string | null;
  address: string | null;
  phone: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
  /** Lower-case, accent-free "legal name RUT" kept by the services (migration 0600). */
  searchText: ColumnType<string, string | undefined, string>;
  /** The legal name folded (case, accents, spaces): unique, the same on both databases (0800). */
  nameKey: string;
}

export interface InterestsTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  createdAt: CreatedAt;
  /** Lower-case, accent-free name kept by the services (migration 0600). */
  searchText: ColumnType<string, string | undefined, string>;
  /** The name folded (case, accents, spaces): unique, the same on both databases (0800). */
  nameKey: string;
}

export interface CustomersTable {
  id: Generated<number>;
  fullName: string;
  email: string;
  phone: string | null;
  birthDate: string | null;
  comuna: string | null;
  rut: string | null;
  customerType: ColumnType<CustomerType, CustomerType | undefined, CustomerType>;
  companyId: number | null;
  notes: string | null;
  userId: number | null;
  lifecycleStage: ColumnType<LifecycleStage, LifecycleStage | undefined, LifecycleStage>;
  /** Whether marketing e-mail is off for this customer; `mayReceiveMarketing` (customers) reads it. */
  isMarketingOptOut: Bool;
  /** When the customer last ticked "Quiero recibir novedades" (sign-up or profile); null without an explicit opt-in. */
  marketingConsentAt: Timestamp | null;
  /** Lower-case, accent-free "name email phone" kept by the services for accent-insensitive search. */
  searchText: ColumnType<string, string | undefined, string>;
  lastActivityAt: Timestamp | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface CustomerInterestsTable {
  customerId: number;
  interestId: number;
}

export interface WorkshopsTable {
  id: Generated<number>;
  name: string;
  description: string;
  imagePath: string | null;
  categoryId: number | null;
  startsAt: Timestamp;
  durationMinutes: number;
  modality: ColumnType<Modality, Modality | undefined, Modality>;
  location: string | null;
  onlineUrl: string | null;
  priceClp: number;
  totalSeats: number;
  seatsTaken: ColumnType<number, number | undefined, number>;
  /** Seats set aside for a waitlist offer: not sold to anyone else while the offer lasts. */
  seatsHeld: ColumnType<number, number | undefined, number>;
  isActive: Bool;
  cancellationCutoffHours: ColumnType<number, number | undefined, number>;
  /** When set, PENDIENTE enrollments older than this many hours are cancelled automatically. */
  unpaidExpiryHours: number | null;
  /** "Qué incluye" and "qué traer": one item a line, shown as lists on the workshop's page. */
  whatIncluded: string | null;
  whatToBring: string | null;
  /** Who leads it, as text (no facilitators table yet). */
  facilitatorName: string | null;
  cancelledAt: Timestamp | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
  /** Where it happens (domain/locations); always set by the workshops module. */
  locationId: number | null;
}

export interface EnrollmentsTable {
  id: Generated<number>;
  customerId: number;
  workshopId: number;
  amountDueClp: number;
  amountPaidClp: ColumnType<number, number | undefined, number>;
  /** Money paid for a cancelled enrollment that the centre still has to give back. */
  refundDueClp: ColumnType<number, number | undefined, number>;
  status: ColumnType<EnrollmentStatus, EnrollmentStatus | undefined, EnrollmentStatus>;
  createdAt: CreatedAt;
  cancelledAt: Timestamp | null;
  expiresAt: Timestamp | null;
  attendedAt: Timestamp | null;
}

export interface WaitlistEntriesTable {
  id: Generated<number>;
  workshopId: number;
  customerId: number;
  status: ColumnType<WaitlistStatus, WaitlistStatus | undefined, WaitlistStatus>;
  createdAt: CreatedAt;
  offeredAt: Timestamp | null;
  offerExpiresAt: Timestamp | null;
  resolvedAt: Timestamp | null;
}

export interface PaymentsTable {
  id: Generated<number>;
  enrollmentId: number | null;
  saleId: number | null;
  kind: ColumnType<PaymentKind, PaymentKind | undefined, PaymentKind>;
  amountClp: number;
  method: PaymentMethod;
  reference: string;
  /** Unique when set: a replayed "Pagar" records nothing new. */
  idempotencyKey: string | null;
  paidAt: Timestamp;
  recordedByUserId: number | null;
  /** The online payment attempt that took (or gave back) this money; at most one PAYMENT row each. */
  attemptId: number | null;
  createdAt: CreatedAt;
}

/** One try at paying an enrollment or an order through Webpay or Mercado Pago (migration 1500). */
export interface PaymentAttemptsTable {
  id: Generated<number>;
  provider: OnlineProvider;
  purpose: AttemptPurpose;
  /** Exactly one of enrollmentId and saleId, matching purpose (the table enforces it). */
  enrollmentId: number | null;
  saleId: number | null;
  /** What was owed when the attempt started, read from the database: the only amount ever charged. */
  amountClp: number;
  /** Ours, unique, sent to the provider (Webpay buy_order, Mercado Pago external_reference). */
  buyOrder: string;
  /** The provider's handle: Webpay's token_ws, Mercado Pago's preference id. */
  token: string | null;
  /** Mercado Pago's payment id once one is known. */
  providerPaymentId: string | null;
  /** Where the customer's browser is sent to pay. */
  redirectUrl: string | null;
  state: ColumnType<AttemptState, AttemptState | undefined, AttemptState>;
  /** The provider's last word on it, as it said it (AUTHORIZED, approved, …). */
  providerStatus: string | null;
  /** The provider's last answer, JSON. */
  providerResponse: string | null;
  refundedClp: ColumnType<number, number | undefined, number>;
  /** The staff form that asked for the last refund: the same form sent twice refunds once. */
  lastRefundKey: string | null;
  issue: AttemptIssue | null;
  issueDetail: string | null;
  checkCount: ColumnType<number, number | undefined, number>;
  /** A lease: nobody asks the provider about this attempt again before then. */
  nextCheckAt: Timestamp | null;
  reconciliation: ReconciliationResult | null;
  reconciliationDetail: string | null;
  reconciledAt: Timestamp | null;
  createdAt: CreatedAt;
  redirectedAt: Timestamp | null;
  returnedAt: Timestamp | null;
  settledAt: Timestamp | null;
  updatedAt: UpdatedAt;
}

/** Which providers customers are offered; configured by staff, credentials come from the environment. */
export interface PaymentProviderSettingsTable {
  provider: PaymentProvider;
  isEnabled: Bool;
  updatedByUserId: number | null;
  updatedAt: UpdatedAt;
}

/** Money in per Santiago day and report dimension, kept by the payments module (payment-days.ts). */
export interface PaymentDaysTable {
  /** "YYYY-MM-DD", the Santiago calendar day the money came in. */
  day: string;
  source: 'talleres' | 'kits';
  /** 0 = no category. */
  categoryId: number;
  /** '' for kit orders. */
  modality: Modality | '';
  customerType: CustomerType;
  /** 0 = no company. */
  companyId: number;
  /** Payments minus refunds. */
  amountClp: number;
  /** Payments only. */
  grossClp: number;
  /** Purchases whose first payment came in that day. */
  purchases: number;
}

export interface ProductsTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  categoryId: number | null;
  priceClp: number;
  isAvailable: Bool;
  imagePath: string | null;
  stock: ColumnType<number, number | undefined, number>;
  lowStockThreshold: ColumnType<number, number | undefined, number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface CartItemsTable {
  id: Generated<number>;
  /** Anonymous carts belong to the session; they move to the customer at login. */
  sessionId: string | null;
  customerId: number | null;
  productId: number;
  quantity: number;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface SalesTable {
  id: Generated<number>;
  customerId: number;
  totalClp: number;
  status: ColumnType<SaleStatus, SaleStatus | undefined, SaleStatus>;
  createdAt: CreatedAt;
  paidAt: Timestamp | null;
  expiresAt: Timestamp | null;
  cancelledAt: Timestamp | null;
  fulfilmentMethod: ColumnType<FulfilmentMethod, FulfilmentMethod | undefined, FulfilmentMethod>;
  fulfilmentStatus: ColumnType<FulfilmentStatus, FulfilmentStatus | undefined, FulfilmentStatus>;
  /** Part of totalClp: the region's rate when the order was placed (0 for a pickup). */
  shippingClp: ColumnType<number, number | undefined, number>;
  /** The delivery address (all null for a pickup); the region as its name, as on a label. */
  deliveryRecipient: string | null;
  deliveryPhone: string | null;
  deliveryStreet: string | null;
  deliveryComuna: string | null;
  deliveryRegion: string | null;
  deliveryNotes: string | null;
  courier: string | null;
  trackingCode: string | null;
  preparedAt: Timestamp | null;
  readyAt: Timestamp | null;
  shippedAt: Timestamp | null;
  deliveredAt: Timestamp | null;
}

/** What a delivery costs to one Chilean region; staff set the price or mark it unavailable. */
export interface ShippingRatesTable {
  id: Generated<number>;
  /** ISO 3166-2:CL code without the country: "VS", "RM", "MA". */
  regionCode: string;
  regionName: string;
  /** North to south, the order people expect in a list of regions. */
  position: number;
  priceClp: ColumnType<number, number | undefined, number>;
  isAvailable: Bool;
  updatedAt: Timestamp | null;
}

export interface SaleLinesTable {
  id: Generated<number>;
  saleId: number;
  productId: number;
  quantity: number;
  unitPriceClp: number;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  toAddress: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  template: string;
  kind: ColumnType<EmailKind, EmailKind | undefined, EmailKind>;
  /** JSON array of { filename, contentType, content } (content as text). */
  attachments: string | null;
  enrollmentId: number | null;
  saleId: number | null;
  customerId: number | null;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  nextAttemptAt: Timestamp;
  lockedUntil: Timestamp | null;
  lockedBy: string | null;
  /** Unique when set: the same reminder is queued at most once. */
  dedupeKey: string | null;
  /**
   * A single-use link (password reset, e-mail confirmation): the bodies hold "[enlace privado]" in
   * its place, so nobody reading the outbox or the log can use it. The worker puts it in when it
   * sends and then forgets it.
   */
  privateLink: string | null;
  createdAt: CreatedAt;
  sentAt: Timestamp | null;
}

export interface EmailLogTable {
  id: Generated<number>;
  outboxId: number | null;
  recipient: string | null;
  subject: string;
  bodyText: string | null;
  bodyHtml: string | null;
  status: EmailLogStatus;
  errorMessage: string | null;
  enrollmentId: number | null;
  saleId: number | null;
  customerId: number | null;
  createdAt: CreatedAt;
}

export interface InteractionsTable {
  id: Generated<number>;
  customerId: number;
  kind: InteractionKind;
  summary: string;
  followUpOn: string | null;
  followUpDoneAt: Timestamp | null;
  createdByUserId: number | null;
  createdAt: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  actorUserId: number | null;
  entityType: string;
  entityId: number;
  action: AuditAction;
  beforeJson: string | null;
  afterJson: string | null;
  createdAt: CreatedAt;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  userTokens: UserTokensTable;
  loginFailures: LoginFailuresTable;
  signupRequests: SignupRequestsTable;
  companies: CompaniesTable;
  interests: InterestsTable;
  customers: CustomersTable;
  customerInterests: CustomerInterestsTable;
  workshops: WorkshopsTable;
  enrollments: EnrollmentsTable;
  waitlistEntries: WaitlistEntriesTable;
  payments: PaymentsTable;
  paymentAttempts: PaymentAttemptsTable;
  paymentProviderSettings: PaymentProviderSettingsTable;
  paymentDays: PaymentDaysTable;
  products: ProductsTable;
  cartItems: CartItemsTable;
  sales: SalesTable;
  saleLines: SaleLinesTable;
  shippingRates: ShippingRatesTable;
  emailOutbox: EmailOutboxTable;
  emailLog: EmailLogTable;
  interactions: InteractionsTable;
  auditLog: AuditLogTable;
  series: SeriesTable;
  seriesSessions: SeriesSessionsTable;
  seriesBookings: SeriesBookingsTable;
  seriesBookingEnrollments: SeriesBookingEnrollmentsTable;
  locations: LocationsTable;
  userLocations: UserLocationsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
export type Workshop = Selectable<WorkshopsTable>;
export type NewWorkshop = Insertable<WorkshopsTable>;
export type Enrollment = Selectable<EnrollmentsTable>;
export type Product = Selectable<ProductsTable>;
export type NewProduct = Insertable<ProductsTable>;
export type Sale = Selectable<SalesTable>;
export type Company = Selectable<CompaniesTable>;
export type Interest = Selectable<InterestsTable>;
export type Payment = Selectable<PaymentsTable>;
export type PaymentAttempt = Selectable<PaymentAttemptsTable>;

/** A recurring series: the template of its sessions and its weekly rule (domain/series). */
export interface SeriesTable {
  id: Generated<number>;
  name: string;
  description: string;
  categoryId: number | null;
  priceClp: number;
  totalSeats: number;
  durationMinutes: number;
  location: string | null;
  facilitatorName: string | null;
  /** ISO weekdays (Monday 1 … Sunday 7), comma-separated, ascending: "2,4". */
  weekdays: string;
  /** Santiago wall-clock "HH:MM" of every session. */
  startTime: string;
  startsOn: string;
  /** Exactly one of endsOn (a last date) and sessionCount (N sessions) is set. */
  endsOn: string | null;
  sessionCount: number | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
  /** Where its sessions happen (domain/locations); null: the default location. */
  locationId: number | null;
}

/** One generated session: the workshop, its Santiago date, and what the series last wrote into it. */
export interface SeriesSessionsTable {
  id: Generated<number>;
  seriesId: number;
  workshopId: number;
  sessionDate: string;
  appliedFields: string;
}

/** A customer's booking of a whole series: one enrollment per session, paid once. */
export interface SeriesBookingsTable {
  id: Generated<number>;
  seriesId: number;
  customerId: number;
  createdAt: CreatedAt;
}

export interface SeriesBookingEnrollmentsTable {
  bookingId: number;
  enrollmentId: number;
}

/** A location (sede): where workshops happen (domain/locations). */
export interface LocationsTable {
  id: Generated<number>;
  name: string;
  address: string;
  mapsUrl: string | null;
  /** One room a line. */
  rooms: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

/** A staff member limited to some locations; a member with no rows sees every location. */
export interface UserLocationsTable {
  userId: number;
  locationId: number;
}
