/** Spanish names of the audited record types; other features add theirs here when they audit. */
export const ENTITY_LABELS: Record<string, string> = {
  customer: 'Cliente',
  company: 'Empresa',
  interest: 'Interés',
  interaction: 'Interacción',
  workshop: 'Taller',
  enrollment: 'Inscripción',
  payment: 'Pago',
  payment_attempt: 'Pago en línea',
  payment_provider: 'Medio de pago',
  product: 'Producto',
  sale: 'Venta',
  shipping_rate: 'Tarifa de despacho',
  user: 'Usuario',
  series: 'Serie',
  attendance_policy: 'Política de asistencia',
  discount_code: 'Código de descuento',
  api_key: 'Clave de API',
  webhook_endpoint: 'Webhook',
  widget_origin: 'Sitio del widget',
  location: 'Sede',
  certificate: 'Certificado',
  facilitator: 'Facilitador',
  pay_rule: 'Regla de pago',
  pay_period: 'Período de honorarios',
  payroll_settings: 'Retención de honorarios',
};

/** Where a record of this type lives in the back office (null when it has no page of its own). */
export function entityHref(entityType: string, entityId: number): string | null {
  switch (entityType) {
    case 'customer':
      return `/gestion/clientes/${entityId}/`;
    case 'company':
      return `/gestion/empresas/${entityId}/`;
    case 'interest':
      return `/gestion/intereses/${entityId}/editar/`;
    case 'workshop':
      return `/gestion/talleres/${entityId}/`;
    case 'payment_attempt':
      return `/gestion/pagos-en-linea/${entityId}/`;
    case 'sale':
      return `/gestion/ventas/${entityId}/`;
    case 'shipping_rate':
      return '/gestion/despachos/';
    case 'location':
      return `/gestion/sedes/${entityId}/editar/`;
    case 'series':
      return `/gestion/series/${entityId}/`;
    case 'discount_code':
      return `/gestion/codigos/${entityId}/editar/`;
    case 'api_key':
      return '/gestion/claves-api/';
    case 'facilitator':
      return `/gestion/facilitadores/${entityId}/`;
    case 'pay_period':
      return `/gestion/honorarios/planilla/?periodo=${entityId}`;
    case 'payroll_settings':
      return '/gestion/honorarios/';
    default:
      return null;
  }
}

export const entityLabel = (type: string) => ENTITY_LABELS[type] ?? type;
