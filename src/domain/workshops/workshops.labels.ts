import type { EnrollmentStatus, Modality, PaymentMethod } from '../../db/schema';

export const MODALITY_LABELS: Record<Modality, string> = { PRESENCIAL: 'Presencial', ONLINE: 'Online' };

export const ENROLLMENT_STATUS_LABELS: Record<EnrollmentStatus, string> = {
  PENDIENTE: 'Pendiente',
  ABONADO: 'Abonado',
  PAGADO: 'Pagado',
  ANULADO: 'Anulado',
};

export const METHOD_LABELS: Record<PaymentMethod, string> = {
  simulado: 'pago en línea',
  efectivo: 'efectivo',
  transferencia: 'transferencia',
  tarjeta: 'tarjeta',
};

/** The methods staff can register by hand. */
export const STAFF_METHODS = ['efectivo', 'transferencia', 'tarjeta'] as const;
