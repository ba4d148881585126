import type {
  ApiScope,
  AttemptIssue,
  AttemptState,
  AttendeeBasis,
  AuditAction,
  CustomerType,
  DiscountKind,
  DiscountScope,
  EnrollmentStatus,
  FulfilmentMethod,
  FulfilmentStatus,
  InteractionKind,
  LifecycleStage,
  Modality,
  NoShowCharge,
  OutboxStatus,
  PaymentKind,
  PaymentMethod,
  PaymentProvider,
  PayRuleKind,
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
  tarjeta_regalo: 'Tarjeta de regalo',
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
  facilitator: 'Facilitador(a)',
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

/** Days of a series' weekly rule, keyed by ISO weekday (Monday 1 … Sunday 7). */
export const WEEKDAY_LABELS: Record<number, string> = {
  1: 'Lunes',
  2: 'Martes',
  3: 'Miércoles',
  4: 'Jueves',
  5: 'Viernes',
  6: 'Sábado',
  7: 'Domingo',
};

/** A series' weekly rule in words: "Lunes y miércoles, 19:00 hrs" (weekdays stored as "1,3"). */
export function weeklyRuleLabel(weekdays: string, startTime: string): string {
  const days = weekdays.split(',').map((d) => WEEKDAY_LABELS[Number(d)] ?? d);
  const list = days.length > 1 ? `${days.slice(0, -1).join(', ')} y ${days.at(-1)!.toLowerCase()}` : days[0];
  return `${list}, ${startTime} hrs`;
}

/** How a pay rule pays a session (facilitator pay). */
export const PAY_RULE_KIND_LABELS: Record<PayRuleKind, string> = {
  fixed: 'Monto fijo por sesión',
  per_attendee: 'Por asistente',
  revenue_share: 'Porcentaje de lo recaudado',
};

/** Who a pay rule counts as attendees. */
export const ATTENDEE_BASIS_LABELS: Record<AttendeeBasis, string> = {
  booked: 'Inscritos',
  attended: 'Asistentes',
};

/** Which scope a pay rule was chosen from. */
export const PAY_RULE_SCOPE_LABELS: Record<string, string> = {
  workshop: 'Regla del taller',
  facilitator: 'Regla general del facilitador',
  series: 'Regla de la serie',
};

/** What a no-show costs (attendance policy). */
export const NO_SHOW_CHARGE_LABELS: Record<NoShowCharge, string> = {
  none: 'Nada (un crédito de bono usado se devuelve)',
  fee: 'Un cargo (queda como deuda)',
  pack_credit: 'El crédito del bono (no se devuelve)',
};

// Class packs and company seat bundles (issue 17).
export const PACK_STATUS_LABELS: Record<import('../db/schema').PackStatus, string> = {
  ACTIVO: 'Vigente',
  VENCIDO: 'Vencido',
  ANULADO: 'Anulado',
};

export const PACK_ENTRY_LABELS: Record<import('../db/schema').PackEntryKind, string> = {
  purchase: 'Compra',
  redeem: 'Inscripción',
  refund: 'Crédito devuelto',
  forfeit: 'Crédito perdido',
  expire: 'Vencimiento',
  adjustment: 'Ajuste del equipo',
};

export const ENROLLMENT_PAID_WITH_LABELS: Record<import('../db/schema').EnrollmentPaidWith, string> = {
  pack_credit: 'Crédito de bono',
  company_seat: 'Cupo de empresa',
};

export const PRODUCT_KIND_LABELS: Record<import('../db/schema').ProductKind, string> = {
  kit: 'Kit',
  pack: 'Bono',
  gift_card: 'Tarjeta de regalo',
};

export const DISCOUNT_KIND_LABELS: Record<DiscountKind, string> = {
  percent: 'Porcentaje',
  amount: 'Monto fijo',
};

/** What a discount code covers (a code limited to some workshops or categories lists them). */
export const DISCOUNT_SCOPE_LABELS: Record<DiscountScope, string> = {
  all: 'Todo',
  workshops: 'Talleres elegidos',
  categories: 'Categorías elegidas',
  kits: 'Kits',
  packs: 'Bonos',
};

export const DISCOUNT_CODE_STATE_LABELS: Record<
  'vigente' | 'programado' | 'vencido' | 'agotado' | 'inactivo',
  string
> = {
  vigente: 'Vigente',
  programado: 'Programado',
  vencido: 'Vencido',
  agotado: 'Agotado',
  inactivo: 'Inactivo',
};

/** What each API key scope lets a key do (Gestión → Claves de API). */
export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  'public:read': 'Leer lo público (talleres y kits)',
  'staff:read': 'Leer datos del equipo (clientes, inscripciones, ventas, pagos, bonos, tarjetas de regalo)',
  write: 'Escribir (crear clientes, inscribir, anular, registrar pagos)',
};

export const API_KEY_STATE_LABELS: Record<'active' | 'expired' | 'revoked', string> = {
  active: 'Vigente',
  expired: 'Vencida',
  revoked: 'Revocada',
};

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

// ---- Gift cards (issue 17 part 4) -------------------------------------------------------------------

/** What staff read for a card: its stored status, or Vencida / Agotada derived from its dates and balance. */
export const GIFT_CARD_STATE_LABELS: Record<
  'PENDIENTE' | 'ACTIVA' | 'ANULADA' | 'VENCIDA' | 'AGOTADA',
  string
> = {
  PENDIENTE: 'Pendiente de pago',
  ACTIVA: 'Vigente',
  ANULADA: 'Anulada',
  VENCIDA: 'Vencida',
  AGOTADA: 'Sin saldo',
};

export const GIFT_CARD_ENTRY_LABELS: Record<import('../db/schema').GiftCardEntryKind, string> = {
  issue: 'Emisión',
  redeem: 'Pago',
  refund: 'Devolución',
  adjustment: 'Ajuste del equipo',
};
