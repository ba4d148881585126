import type {
  AttemptIssue,
  AttemptState,
  AuditAction,
  CustomerType,
  EnrollmentStatus,
  FulfilmentMethod,
  FulfilmentStatus,
  InteractionKind,
  LifecycleStage,
  Modality,
  OutboxStatus,
  PaymentKind,
  PaymentMethod,
  PaymentProvider,
  ReconciliationResult,
  SaleStatus,
  UserRole,
  WaitlistStatus,
  WebhookDeliveryStatus,
  WebhookEventType,
} from '../db/schema';

/**
 * Every word a person reads for a value stored in the database, keyed by the schema's enums: one
 * wording per value, in Spanish (es-CL), sentence case. Pages, exports, e-mails and reports all read
 * from here (the first version had payment methods written five times in four wordings). See
 * CONTEXT.md for the domain's vocabulary and the words to avoid.
 */

export const ENROLLMENT_STATUS_LABELS: Record<EnrollmentStatus, string> = {
  PENDIENTE: 'Pendiente de pago',
  ABONADO: 'Abonado',
  PAGADO: 'Pagado',
  ANULADO: 'Anulado',
};

export const SALE_STATUS_LABELS: Record<SaleStatus, string> = {
  PENDIENTE: 'Pendiente de pago',
  PAGADO: 'Pagado',
  ANULADO: 'Anulado',
};

/** How an order reaches its customer (see CONTEXT.md: retiro, despacho). */
export const FULFILMENT_METHOD_LABELS: Record<FulfilmentMethod, string> = {
  pickup: 'Retiro en el taller',
  delivery: 'Despacho a domicilio',
};

/** Where a paid order is on its way (estado del pedido). */
export const FULFILMENT_STATUS_LABELS: Record<FulfilmentStatus, string> = {
  POR_PREPARAR: 'Por preparar',
  PREPARADO: 'Preparado',
  LISTO_PARA_RETIRO: 'Listo para retiro',
  DESPACHADO: 'Despachado',
  ENTREGADO: 'Entregado',
};

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  simulado: 'Pago en línea (simulado)',
  efectivo: 'Efectivo',
  transferencia: 'Transferencia',
  tarjeta: 'Tarjeta',
  webpay: 'Webpay',
  mercadopago: 'Mercado Pago',
};

/** The providers as customers and staff choose them. */
export const PAYMENT_PROVIDER_LABELS: Record<PaymentProvider, string> = {
  simulated: 'Pago simulado',
  webpay: 'Webpay',
  mercadopago: 'Mercado Pago',
};

/** What each provider takes, under its name on the payment page. */
export const PAYMENT_PROVIDER_HINTS: Record<PaymentProvider, string> = {
  simulated: 'Para pruebas y demostraciones: no se cobra nada real.',
  webpay: 'Tarjetas de débito, crédito y prepago, con Transbank.',
  mercadopago: 'Tarjetas, saldo en Mercado Pago y otros medios.',
};

export const ATTEMPT_STATE_LABELS: Record<AttemptState, string> = {
  created: 'Iniciado',
  redirected: 'En curso',
  authorized: 'Aprobado',
  rejected: 'Rechazado',
  aborted: 'Anulado por el cliente',
  expired: 'Vencido',
  refunded: 'Devuelto',
};

export const ATTEMPT_ISSUE_LABELS: Record<AttemptIssue, string> = {
  mismatch: 'Datos del proveedor no coinciden',
  refund_pending: 'Devolución automática pendiente',
  auto_refunded: 'Devuelto automáticamente',
};

/** Webpay's payment_type_code, as its voucher must show it. */
export const WEBPAY_PAYMENT_TYPE_LABELS: Record<string, string> = {
  VD: 'Débito',
  VP: 'Prepago',
  VN: 'Crédito',
  VC: 'Crédito en cuotas',
  SI: 'Crédito, 3 cuotas sin interés',
  S2: 'Crédito, 2 cuotas sin interés',
  NC: 'Crédito, cuotas sin interés',
};

/** Mercado Pago's payment_type_id. */
export const MERCADOPAGO_PAYMENT_TYPE_LABELS: Record<string, string> = {
  credit_card: 'Tarjeta de crédito',
  debit_card: 'Tarjeta de débito',
  prepaid_card: 'Tarjeta prepago',
  account_money: 'Dinero en Mercado Pago',
  ticket: 'Pago en efectivo',
  bank_transfer: 'Transferencia',
};

export const RECONCILIATION_LABELS: Record<ReconciliationResult, string> = {
  matched: 'Coincide',
  mismatch: 'Diferencia',
};

/** The methods staff register by hand (the simulated one only comes from the customer's "Pagar"). */
export const STAFF_PAYMENT_METHODS = [
  'efectivo',
  'transferencia',
  'tarjeta',
] as const satisfies readonly PaymentMethod[];

export const PAYMENT_KIND_LABELS: Record<PaymentKind, string> = { PAYMENT: 'Pago', REFUND: 'Devolución' };

export const MODALITY_LABELS: Record<Modality, string> = { PRESENCIAL: 'Presencial', ONLINE: 'Online' };

export const ROLE_LABELS: Record<UserRole, string> = {
  customer: 'Cliente',
  staff: 'Equipo',
  admin: 'Administración',
};

export const LIFECYCLE_LABELS: Record<LifecycleStage, string> = {
  lead: 'Nuevo contacto',
  prospect: 'Prospecto',
  customer: 'Cliente',
  inactive: 'Inactivo',
};

/** One customer record ("Tipo: Persona natural"). */
export const CUSTOMER_TYPE_LABELS: Record<CustomerType, string> = {
  B2C: 'Persona natural',
  B2B: 'Contacto de empresa',
};

/** The same types as audiences and report segments ("escribir a: Personas (B2C)"). */
export const CUSTOMER_SEGMENT_LABELS: Record<CustomerType, string> = {
  B2C: 'Personas (B2C)',
  B2B: 'Empresas (B2B)',
};

export const INTERACTION_LABELS: Record<InteractionKind, string> = {
  call: 'Llamada',
  whatsapp: 'WhatsApp',
  email: 'Correo',
  meeting: 'Reunión',
  note: 'Nota',
};

export const WAITLIST_STATUS_LABELS: Record<WaitlistStatus, string> = {
  WAITING: 'En espera',
  OFFERED: 'Cupo ofrecido',
  ACCEPTED: 'Inscrita(o)',
  EXPIRED: 'Oferta vencida',
  LEFT: 'Salió de la lista',
};

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  PENDING: 'Pendiente',
  SENDING: 'Enviando',
  SENT: 'Enviado',
  FAILED: 'Fallido',
};

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Creó',
  update: 'Modificó',
  delete: 'Eliminó',
};

const pluralRules = new Intl.PluralRules('es-CL');

/**
 * "1 cupo" / "3 cupos": the count and the noun, singular or plural by Spanish rules. `plural`
 * defaults to the singular plus "s"; irregular words pass their own ("interés", "intereses").
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  const word = pluralRules.select(count) === 'one' ? singular : pluralForm;
  return `${count.toLocaleString('es-CL')} ${word}`;
}

// ---- Webhooks (issue 20) ---------------------------------------------------------------------------

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'enrollment.created': 'Inscripción creada',
  'enrollment.paid': 'Inscripción pagada',
  'enrollment.cancelled': 'Inscripción anulada',
  'waitlist.offered': 'Cupo ofrecido desde la lista de espera',
  'sale.paid': 'Venta pagada',
  'payment.refunded': 'Pago devuelto',
  'customer.created': 'Cliente creado',
};

export const WEBHOOK_DELIVERY_STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  PENDING: 'Pendiente',
  SENDING: 'Enviando',
  DELIVERED: 'Entregado',
  FAILED: 'Fallido',
};
