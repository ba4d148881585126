import type { PaymentsConfig } from '../../../config';
import { MercadoPagoGateway } from './mercadopago';
import { WebpayGateway } from './webpay';

/** The providers this installation has credentials for; a missing key is a provider not configured. */
export type PaymentGateways = { webpay?: WebpayGateway; mercadopago?: MercadoPagoGateway };

export function createPaymentGateways(config: PaymentsConfig): PaymentGateways {
  return {
    ...(config.webpay ? { webpay: new WebpayGateway(config.webpay, config.timeoutMs) } : {}),
    ...(config.mercadoPago
      ? { mercadopago: new MercadoPagoGateway(config.mercadoPago, config.timeoutMs) }
      : {}),
  };
}
