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

export const USER_ROLES = ['customer', 'staff', 'admin', 'facilitator'] as const;
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
  'tarjeta_regalo',
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
  /** The facilitator this account belongs to: set exactly when role is `facilitator` (migration 1950). */
  facilitatorId: number | null;
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
  /** Who leads it, as a facilitator record (migration 1950); facilitatorName is the fallback text. */
  facilitatorId: number | null;
  /** Early-bird price until earlyUntilDays days before the start (migration 1751); both or neither. */
  earlyPriceClp: number | null;
  earlyUntilDays: number | null;
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
  /** Who marked the attendance (at the door or on the workshop's page); null before, or for the system. */
  checkedInByUserId: ColumnType<number | null, number | null | undefined, number | null>;
  /** When the attendance policy treated this enrollment as a no-show (once; src/domain/enrollments). */
  noShowAt: Timestamp | null;
  /** The no-show fee the policy added to amountDueClp (0 when none). */
  noShowFeeClp: ColumnType<number, number | undefined, number>;
  /**
   * Set when a pack credit or a company seat paid it instead of money (amount due 0; 1700): at
   * enrollment, or later when a credit pays an unpaid enrollment (payEnrollmentWithCredit).
   */
  paidWith: ColumnType<EnrollmentPaidWith | null, EnrollmentPaidWith | null | undefined, EnrollmentPaidWith>;
  /** Taken off by a discount code (migration 1750); amountDueClp is the price after it. */
  discountClp: ColumnType<number, number | undefined, number>;
  /** Taken at the workshop's early-bird price (migration 1751). */
  isEarlyBird: Bool;
  /** Seats it holds: the customer's and up to three companions' (migration 2200). */
  seats: ColumnType<number, number | undefined, number>;
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
  /** Seats wanted; an offer holds this many (migration 2200). */
  seats: ColumnType<number, number | undefined, number>;
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
  /** What a payment of several enrollments pays, as the customer and the provider read it (migration 2301). */
  description: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** 'kit' (with stock) or 'pack' (a class pack: no stock, its terms in pack_products; 1700). */
  kind: ColumnType<ProductKind, ProductKind | undefined, ProductKind>;
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
  /** Taken off by a discount code (migration 1750); totalClp is what is charged after it. */
  discountClp: ColumnType<number, number | undefined, number>;
  /** Part of totalClp gift cards hold or paid (migration 2400); the rest is charged another way. */
  giftCardClp: ColumnType<number, number | undefined, number>;
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
  /** The API key that made the change, when it came through /api/v1 (migration 2000). */
  apiKeyId: ColumnType<number | null, number | null | undefined, never>;
}

/** One row (id 1): the key that signs every ticket's QR code (src/domain/tickets). */
export interface TicketKeysTable {
  id: number;
  secret: string;
}

/**
 * What a no-show costs: nothing, or a fee recorded as a debt. A word rather than a flag so that
 * more choices (a class pack's credit) can be added.
 */
/**
 * What a no-show costs: nothing (a pack credit spent on the booking comes back), the pack credit
 * (kept spent; money-paid bookings cost nothing more), or a fee added to what they owe.
 */
export const NO_SHOW_CHARGES = ['none', 'fee', 'pack_credit'] as const;
export type NoShowCharge = (typeof NO_SHOW_CHARGES)[number];

/** One row (id 1): the centre's attendance policy, used by every workshop without its own. */
export interface AttendanceSettingsTable {
  id: number;
  /** A customer's cancellation this close to the start costs what a no-show costs. */
  lateCancelHours: number;
  noShowCharge: NoShowCharge;
  noShowFeeClp: number;
  /** How long after a session ends the policy is applied (late check-ins first). */
  graceHours: number;
  /** Sessions that ended before this are never treated (their attendance was not recorded). */
  appliesFrom: Timestamp;
  updatedByUserId: number | null;
  updatedAt: Timestamp | null;
}

/** A workshop's own attendance policy, replacing the centre's. */
export interface WorkshopAttendancePoliciesTable {
  workshopId: number;
  lateCancelHours: number;
  noShowCharge: NoShowCharge;
  noShowFeeClp: number;
  updatedByUserId: number | null;
  updatedAt: Timestamp | null;
}

/** A certificate of attendance: what was certified, copied in when issued (src/domain/certificates). */
export interface CertificatesTable {
  id: Generated<number>;
  /** Random, the key of the public verification page /certificados/<uuid>/. */
  uuid: string;
  enrollmentId: number;
  customerName: string;
  workshopName: string;
  sessionStartsAt: Timestamp;
  durationMinutes: number;
  facilitatorName: string | null;
  issuedAt: Timestamp;
  issuedByUserId: number | null;
  revokedAt: Timestamp | null;
  revokedByUserId: number | null;
  revokeReason: string | null;
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
  facilitators: FacilitatorsTable;
  payRules: PayRulesTable;
  payPeriods: PayPeriodsTable;
  payLines: PayLinesTable;
  payrollSettings: PayrollSettingsTable;
  ticketKeys: TicketKeysTable;
  attendanceSettings: AttendanceSettingsTable;
  workshopAttendancePolicies: WorkshopAttendancePoliciesTable;
  packProducts: PackProductsTable;
  packProductCategories: PackProductCategoriesTable;
  packProductWorkshops: PackProductWorkshopsTable;
  packs: PacksTable;
  packCreditEntries: PackCreditEntriesTable;
  discountCodes: DiscountCodesTable;
  discountCodeItems: DiscountCodeItemsTable;
  discountCodeCustomers: DiscountCodeCustomersTable;
  discountRedemptions: DiscountRedemptionsTable;
  apiKeys: ApiKeysTable;
  apiIdempotencyKeys: ApiIdempotencyKeysTable;
  webhookEndpoints: WebhookEndpointsTable;
  webhookDeliveries: WebhookDeliveriesTable;
  webhookAttempts: WebhookAttemptsTable;
  widgetOrigins: WidgetOriginsTable;
  locations: LocationsTable;
  userLocations: UserLocationsTable;
  certificates: CertificatesTable;
  enrollmentCompanions: EnrollmentCompanionsTable;
  giftCards: GiftCardsTable;
  giftCardEntries: GiftCardEntriesTable;
  paymentAttemptEnrollments: PaymentAttemptEnrollmentsTable;
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
  /** 1–100: certificates only for whoever attended this share of its sessions held; null: per session. */
  certificateMinPercent: number | null;
  /** Who leads its sessions, as a facilitator record (migration 2401); facilitatorName is the fallback text. */
  facilitatorId: number | null;
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

/** Who leads workshops (migration 1950): shown on the workshop's page, paid by pay rules. */
export interface FacilitatorsTable {
  id: Generated<number>;
  name: string;
  /** Normalised with its check digit ("12345678-5"), unique. */
  rut: string;
  email: string | null;
  phone: string | null;
  bio: string | null;
  imagePath: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

/** How a pay rule pays a session (migration 1960). */
export const PAY_RULE_KINDS = ['fixed', 'per_attendee', 'revenue_share'] as const;
export type PayRuleKind = (typeof PAY_RULE_KINDS)[number];
/** Who counts as an attendee for a rule: everyone booked (active enrollments) or those marked present. */
export const ATTENDEE_BASES = ['booked', 'attended'] as const;
export type AttendeeBasis = (typeof ATTENDEE_BASES)[number];

/** A pay rule: a facilitator's default (facilitatorId) or one workshop's (workshopId), from a date on. */
export interface PayRulesTable {
  id: Generated<number>;
  facilitatorId: number | null;
  workshopId: number | null;
  kind: PayRuleKind;
  /** Fixed: per session; per attendee: per person; revenue share: 0. */
  amountClp: ColumnType<number, number | undefined, number>;
  /** Revenue share in basis points (4000 = 40 %); null for the other kinds. */
  percentBp: number | null;
  attendeeBasis: ColumnType<AttendeeBasis, AttendeeBasis | undefined, AttendeeBasis>;
  /** A bonus of bonusClp when the session has more than bonusThreshold attendees (both or neither). */
  bonusThreshold: number | null;
  bonusClp: number | null;
  /** "YYYY-MM-DD": applies to sessions on this Santiago date or later, until a later rule of its scope. */
  effectiveFrom: string;
  createdAt: CreatedAt;
  createdByUserId: number | null;
  /** A rule for every session of this series (migration 2300); exactly one of the three scopes is set. */
  seriesId: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A closed pay period: the dates it covers and the withholding rate it used. */
export interface PayPeriodsTable {
  id: Generated<number>;
  startsOn: string;
  endsOn: string;
  withholdingRateBp: number;
  closedAt: Timestamp;
  closedByUserId: number | null;
}

/** One session's pay in a closed period: a snapshot of the rule and the inputs, never changed. */
export interface PayLinesTable {
  id: Generated<number>;
  periodId: number;
  facilitatorId: number;
  workshopId: number;
  workshopName: string;
  startsAt: Timestamp;
  ruleId: number | null;
  ruleScope: string | null;
  ruleKind: PayRuleKind | null;
  ruleAmountClp: number | null;
  rulePercentBp: number | null;
  ruleBasis: AttendeeBasis | null;
  ruleBonusThreshold: number | null;
  ruleBonusClp: number | null;
  ruleEffectiveFrom: string | null;
  bookedCount: number;
  attendedCount: number;
  revenueClp: number;
  baseClp: number;
  bonusClp: number;
  grossClp: number;
  createdAt: CreatedAt;
}

/** The payroll's settings: one row, id 1. */
export interface PayrollSettingsTable {
  id: number;
  /** Boleta de honorarios retention in basis points (1525 = 15,25 %). */
  withholdingRateBp: number;
  updatedAt: UpdatedAt;
}

export const PRODUCT_KINDS = ['kit', 'pack', 'gift_card'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const ENROLLMENT_PAID_WITH = ['pack_credit', 'company_seat'] as const;
export type EnrollmentPaidWith = (typeof ENROLLMENT_PAID_WITH)[number];

export const PACK_STATUSES = ['ACTIVO', 'VENCIDO', 'ANULADO'] as const;
export type PackStatus = (typeof PACK_STATUSES)[number];

export const PACK_ENTRY_KINDS = ['purchase', 'redeem', 'refund', 'forfeit', 'expire', 'adjustment'] as const;
export type PackEntryKind = (typeof PACK_ENTRY_KINDS)[number];

/** The terms of a pack product (a `products` row of kind 'pack'): what one unit sold gives. */
export interface PackProductsTable {
  id: Generated<number>;
  productId: number;
  credits: number;
  validityDays: number;
  isOnlineIncluded: Bool;
  createdAt: string;
  updatedAt: string;
}

/** Categories a pack product covers; with no categories and no workshops it covers every workshop. */
export interface PackProductCategoriesTable {
  packProductId: number;
  categoryId: number;
}

export interface PackProductWorkshopsTable {
  packProductId: number;
  workshopId: number;
}

/** A customer's pack (bought in the shop) or a company's seat bundle (assigned by staff). */
export interface PacksTable {
  id: Generated<number>;
  /** Exactly one of customerId and companyId. */
  customerId: number | null;
  companyId: number | null;
  packProductId: number | null;
  saleId: number | null;
  saleLineId: number | null;
  unitNo: ColumnType<number, number | undefined, never>;
  name: string;
  credits: number;
  /** What it cost: one credit is worth priceClp / credits (the liability report). */
  priceClp: number;
  isOnlineIncluded: Bool;
  status: ColumnType<PackStatus, PackStatus | undefined, PackStatus>;
  /** A company bundle's contact: the customer who sees its roster under /cuenta/empresa/. */
  contactCustomerId: number | null;
  note: string | null;
  createdByUserId: number | null;
  purchasedAt: Timestamp;
  expiresAt: Timestamp;
  closedAt: Timestamp | null;
  remindedAt: Timestamp | null;
  /** Written by every spend: the row lock that serialises two spends of one pack. */
  lastEntryAt: Timestamp;
}

/** The credit ledger: signed rows, never edited; a pack's balance is their sum. */
export interface PackCreditEntriesTable {
  id: Generated<number>;
  packId: number;
  kind: PackEntryKind;
  credits: number;
  enrollmentId: number | null;
  reason: string | null;
  userId: number | null;
  createdAt: string;
}

export const DISCOUNT_KINDS = ['percent', 'amount'] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];
/** What a code covers; the discounts module matches each against an order's lines (migration 1750). */
export const DISCOUNT_SCOPES = ['all', 'workshops', 'categories', 'kits', 'packs'] as const;
export type DiscountScope = (typeof DISCOUNT_SCOPES)[number];
export const REDEMPTION_STATUSES = ['active', 'released'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** A discount code (migration 1750). Dates are Santiago calendar days, both ends included. */
export interface DiscountCodesTable {
  id: Generated<number>;
  /** Stored upper case; customers type it in any case. */
  code: string;
  description: ColumnType<string, string | undefined, string>;
  kind: DiscountKind;
  /** A percentage (1–100) or CLP, by kind. */
  value: number;
  validFrom: string | null;
  validUntil: string | null;
  maxUses: number | null;
  /** Live uses; changed only by guarded updates (discounts.queries.ts). */
  usesCount: ColumnType<number, number | undefined, number>;
  maxUsesPerCustomer: number | null;
  minAmountClp: ColumnType<number, number | undefined, number>;
  scope: ColumnType<DiscountScope, DiscountScope | undefined, DiscountScope>;
  isActive: Bool;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

/** The workshops or categories a code is limited to, by its scope. */
export interface DiscountCodeItemsTable {
  codeId: number;
  itemId: number;
}

/** A customer's live uses of a code, guarded like the code's total. */
export interface DiscountCodeCustomersTable {
  codeId: number;
  customerId: number;
  uses: ColumnType<number, number | undefined, number>;
}

/** One use of a code on an enrollment or an order; a use given back stays as "released". */
export interface DiscountRedemptionsTable {
  id: Generated<number>;
  codeId: number;
  customerId: number;
  enrollmentId: number | null;
  saleId: number | null;
  discountClp: number;
  status: ColumnType<RedemptionStatus, RedemptionStatus | undefined, RedemptionStatus>;
  createdAt: CreatedAt;
  releasedAt: Timestamp | null;
}

export const API_SCOPES = ['public:read', 'staff:read', 'write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** A key for /api/v1 (migration 2000): only the SHA-256 of its secret is stored. */
export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  /** The visible start of the key ("tmm_3f9a1c2e"), unique: how people recognise it in a list. */
  prefix: string;
  secretHash: string;
  /** Space-separated ApiScope values. */
  scopes: string;
  expiresAt: Timestamp;
  createdByUserId: number;
  createdAt: CreatedAt;
  revokedAt: Timestamp | null;
  lastUsedAt: Timestamp | null;
}

/** An Idempotency-Key a key sent on a POST, kept 24 hours with the answer it got (migration 2000). */
export interface ApiIdempotencyKeysTable {
  id: Generated<number>;
  apiKeyId: number;
  idempotencyKey: string;
  /** SHA-256 of method, path and body: the same key with another request is refused. */
  fingerprint: string;
  /** Null while the first request is still running. */
  responseStatus: number | null;
  responseBody: string | null;
  createdAt: CreatedAt;
  expiresAt: Timestamp;
}

/** What a webhook endpoint can subscribe to (Standard Webhooks "type" names). */
export const WEBHOOK_EVENT_TYPES = [
  'enrollment.created',
  'enrollment.paid',
  'enrollment.cancelled',
  'waitlist.offered',
  'sale.paid',
  'payment.refunded',
  'customer.created',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'SENDING', 'DELIVERED', 'FAILED'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export interface WebhookEndpointsTable {
  id: Generated<number>;
  url: string;
  description: string | null;
  /** Comma-separated WebhookEventType values. */
  events: string;
  secret: string;
  isEnabled: Bool;
  disabledReason: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  endpointId: number;
  messageId: string;
  eventType: WebhookEventType;
  body: string;
  status: ColumnType<WebhookDeliveryStatus, WebhookDeliveryStatus | undefined, WebhookDeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  nextAttemptAt: Timestamp;
  lockedUntil: Timestamp | null;
  lockedBy: string | null;
  deliveredAt: Timestamp | null;
  createdAt: CreatedAt;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  deliveryId: number;
  attemptedAt: Timestamp;
  durationMs: number;
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
  isSuccess: Bool;
}

export interface WidgetOriginsTable {
  id: Generated<number>;
  origin: string;
  createdAt: CreatedAt;
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

/** A companion's seat in an enrollment (migration 2200): seat 2–4, an optional name, when given up. */
export interface EnrollmentCompanionsTable {
  id: Generated<number>;
  enrollmentId: number;
  position: number;
  name: string | null;
  cancelledAt: Timestamp | null;
  createdAt: string;
}

export const GIFT_CARD_STATUSES = ['PENDIENTE', 'ACTIVA', 'ANULADA'] as const;
export type GiftCardStatus = (typeof GIFT_CARD_STATUSES)[number];

export const GIFT_CARD_ENTRY_KINDS = ['issue', 'redeem', 'refund', 'adjustment'] as const;
export type GiftCardEntryKind = (typeof GIFT_CARD_ENTRY_KINDS)[number];

/**
 * A gift card (migration 2100): written PENDIENTE with its order, issued (ACTIVA) when the order is
 * paid, ANULADA when the order is cancelled unpaid. Its balance is the sum of its entries.
 */
export interface GiftCardsTable {
  id: Generated<number>;
  /** SHA-256 (hex) of the code without dashes, set when issued; the code itself is never stored. */
  codeHash: string | null;
  codeLast4: string | null;
  /** SHA-256 (hex) of the printable page's token, set when issued. */
  tokenHash: string | null;
  saleId: number;
  saleLineId: number;
  buyerCustomerId: number;
  recipientName: string;
  recipientEmail: string;
  message: string | null;
  amountClp: number;
  status: ColumnType<GiftCardStatus, GiftCardStatus | undefined, GiftCardStatus>;
  createdAt: Timestamp;
  issuedAt: Timestamp | null;
  expiresAt: Timestamp | null;
  /** Written by every spend: the row lock that queues two spends of one card. */
  lastEntryAt: Timestamp;
}

/** One signed movement of a gift card's money (CLP); redeem and refund entries name their payment. */
export interface GiftCardEntriesTable {
  id: Generated<number>;
  giftCardId: number;
  kind: GiftCardEntryKind;
  amountClp: number;
  paymentId: number | null;
  reason: string | null;
  userId: number | null;
  createdAt: Timestamp;
  /** The order a card's money is held for (a redeem until the order is paid; a refund when it is cancelled). */
  saleId: number | null;
}

/** The enrollments one online payment pays together, each with its share (domain/payments, migration 2301). */
export interface PaymentAttemptEnrollmentsTable {
  attemptId: number;
  enrollmentId: number;
  amountClp: number;
}
