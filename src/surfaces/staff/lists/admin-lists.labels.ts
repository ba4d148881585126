import type { EnrollmentStatus, PaymentKind, PaymentMethod, SaleStatus } from '../../../db/schema';

export const ENROLLMENT_STATUS_LABELS: Record<EnrollmentStatus, string> = {
  PENDIENTE: 'Pago pendiente',
  PAGADO: 'Pagado',
  ABONADO: 'Abonado',
  ANULADO: 'Anulado',
};

export const SALE_STATUS_LABELS: Record<SaleStatus, string> = {
  PENDIENTE: 'Pago pendiente',
  PAGADO: 'Pagado',
  ANULADO: 'Anulado',
};

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  simulado: 'Pago en línea (simulado)',
  efectivo: 'Efectivo',
  transferencia: 'Transferencia',
  tarjeta: 'Tarjeta',
};

/** Methods staff record by hand (the simulated one only comes from the customer's "Pagar"). */
export const STAFF_PAYMENT_METHODS = [
  'efectivo',
  'transferencia',
  'tarjeta',
] as const satisfies readonly PaymentMethod[];

export const PAYMENT_KIND_LABELS: Record<PaymentKind, string> = { PAYMENT: 'Pago', REFUND: 'Devolución' };
