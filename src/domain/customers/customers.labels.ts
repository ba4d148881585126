import type { CustomerType, LifecycleStage } from '../../db/schema';

export const LIFECYCLE_LABELS: Record<LifecycleStage, string> = {
  lead: 'Nuevo contacto',
  prospect: 'Prospecto',
  customer: 'Cliente',
  inactive: 'Inactivo',
};

export const CUSTOMER_TYPE_LABELS: Record<CustomerType, string> = {
  B2C: 'Persona natural',
  B2B: 'Contacto de empresa',
};
