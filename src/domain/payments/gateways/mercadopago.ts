import type { MercadoPagoConfig } from 'mercadopago';
import type { PaymentsConfig } from '../../../config';
import {
  type AttemptHandle,
  type PaymentGateway,
  type ProviderRefund,
  ProviderRefusedError,
  ProviderUnavailableError,
  type ProviderVerdict,
  type StartedPayment,
  type StartInput,
} from './gateway';
import { mercadoPagoBaseUrlOptions } from './mercadopago-base-url';

type MercadoPagoSettings = NonNullable<PaymentsConfig['mercadoPago']>;
type MercadoPagoSdk = typeof import('mercadopago');

/**
 * The mercadopago SDK (~12 MB of a process's memory) is loaded when Mercado Pago is first used, not
 * with the process: an installation that only offers the simulated page never loads it. Named
 * exports only: under Node's ESM loader (the production bundle) the default export of this CommonJS
 * package is the whole module object, not the config class.
 */
let sdk: Promise<MercadoPagoSdk> | undefined;
function loadMercadoPagoSdk(): Promise<MercadoPagoSdk> {
  sdk ??= import('mercadopago');
  return sdk;
}

/** The fields of a Mercado Pago payment that TMM reads. */
type MercadoPagoPayment = {
  id?: number;
  status?: string;
  status_detail?: string;
  transaction_amount?: number;
  transaction_amount_refunded?: number;
  currency_id?: string;
  external_reference?: string | null;
};

function failure({ MercadoPagoError }: MercadoPagoSdk, error: unknown): Error {
  if (!(error instanceof MercadoPagoError)) throw error;
  // status 0: no answer at all (connection, timeout) after the SDK's own retries.
  const status = error.status ?? 0;
  if (status >= 400 && status < 500 && status !== 408 && status !== 429)
    return new ProviderRefusedError('mercadopago', status, error.message);
  return new ProviderUnavailableError('mercadopago', `Mercado Pago no respondió: ${error.message}`);
}

/**
 * approved counts; refunded and charged_back were approved and went back; rejected and cancelled
 * will not be paid; pending, in_process and authorized (not captured) wait. The amount, currency and
 * external reference are checked against ours by the service.
 */
export function mercadoPagoVerdict(payment: MercadoPagoPayment): ProviderVerdict {
  const status = payment.status ?? 'unknown';
  const amount = payment.transaction_amount ?? 0;
  const approved = (refundedClp: number): ProviderVerdict => ({
    kind: 'approved',
    amountClp: amount,
    buyOrder: payment.external_reference ?? '',
    currency: payment.currency_id ?? '',
    providerPaymentId: payment.id === undefined ? null : String(payment.id),
    reference: `Mercado Pago ${payment.id ?? ''}`.trim(),
    refundedClp,
    status: payment.status_detail ? `${status} (${payment.status_detail})` : status,
    raw: payment,
  });
  switch (status) {
    case 'approved':
      return approved(payment.transaction_amount_refunded ?? 0);
    case 'refunded':
    case 'charged_back':
      return approved(amount);
    case 'rejected':
    case 'cancelled':
      return { kind: 'rejected', status, buyOrder: payment.external_reference ?? '', raw: payment };
    default:
      return { kind: 'pending', status, buyOrder: payment.external_reference ?? '', raw: payment };
  }
}

/** Checkout Pro through the official mercadopago SDK: a preference per attempt, then the payment. */
export class MercadoPagoGateway implements PaymentGateway {
  readonly provider = 'mercadopago' as const;
  readonly environment: string;
  readonly #settings: MercadoPagoSettings;
  readonly #timeoutMs: number;

  constructor(settings: MercadoPagoSettings, timeoutMs: number) {
    this.environment = settings.accessToken.startsWith('TEST-')
      ? 'Credenciales de prueba (sin dinero real)'
      : 'Credenciales de producción';
    this.#settings = settings;
    this.#timeoutMs = timeoutMs;
  }

  /**
   * A fresh SDK configuration per operation: the SDK copies any request option (an idempotency key
   * above all) into the configuration it was given, so a shared one would send the same key with
   * every later request. It retries 5xx and network failures itself, with the same key.
   */
  #config(mp: MercadoPagoSdk, idempotencyKey?: string): MercadoPagoConfig {
    return new mp.MercadoPagoConfig({
      accessToken: this.#settings.accessToken,
      options: {
        timeout: this.#timeoutMs,
        maxRetries: 2,
        initialDelay: 250,
        ...(idempotencyKey ? { idempotencyKey } : {}),
        ...(this.#settings.baseUrl ? mercadoPagoBaseUrlOptions(this.#settings.baseUrl) : {}),
      },
    });
  }

  /**
   * A preference for the amount owed, with our buy order as external_reference. The back URLs only
   * bring the customer home: what they carry is never taken as proof of payment.
   */
  async start(input: StartInput): Promise<StartedPayment> {
    const mp = await loadMercadoPagoSdk();
    try {
      const preference = await new mp.Preference(this.#config(mp, `preference-${input.buyOrder}`)).create({
        body: {
          items: [
            {
              id: input.buyOrder,
              title: input.description,
              quantity: 1,
              unit_price: input.amountClp,
              currency_id: 'CLP',
            },
          ],
          external_reference: input.buyOrder,
          back_urls: { success: input.returnUrl, failure: input.returnUrl, pending: input.returnUrl },
          auto_return: 'approved',
          notification_url: input.notificationUrl,
          statement_descriptor: 'TMM',
        },
      });
      if (!preference.id || !preference.init_point)
        throw new ProviderUnavailableError('mercadopago', 'Mercado Pago no devolvió la preferencia.');
      return {
        token: preference.id,
        redirect: { method: 'GET', url: preference.init_point, fields: {} },
        raw: { id: preference.id, init_point: preference.init_point },
      };
    } catch (error) {
      if (error instanceof ProviderUnavailableError) throw error;
      throw failure(mp, error);
    }
  }

  /** The payment the return or the webhook named, fetched from the API: the only proof taken. */
  async confirm(attempt: AttemptHandle, hint: { providerPaymentId?: string }): Promise<ProviderVerdict> {
    const id = hint.providerPaymentId ?? attempt.providerPaymentId;
    if (!id) return this.status(attempt);
    return this.payment(id);
  }

  async payment(id: string): Promise<ProviderVerdict> {
    const mp = await loadMercadoPagoSdk();
    try {
      return mercadoPagoVerdict(await new mp.Payment(this.#config(mp)).get({ id }));
    } catch (error) {
      throw failure(mp, error);
    }
  }

  /**
   * Every payment made against our buy order: one approved (or refunded) wins; otherwise one still
   * in process; otherwise a rejection. A buyer may retry inside the same checkout, so a rejection is
   * never final here. No payment at all is "pending": the sweeper gives up on it by age.
   */
  async status(attempt: AttemptHandle): Promise<ProviderVerdict> {
    const mp = await loadMercadoPagoSdk();
    let results: MercadoPagoPayment[];
    try {
      const found = await new mp.Payment(this.#config(mp)).search({
        options: { external_reference: attempt.buyOrder, sort: 'date_created', criteria: 'desc' },
      });
      results = (found.results ?? []) as MercadoPagoPayment[];
    } catch (error) {
      throw failure(mp, error);
    }
    const verdicts = results.map(mercadoPagoVerdict);
    return (
      verdicts.find((v) => v.kind === 'approved') ??
      verdicts.find((v) => v.kind === 'pending') ??
      verdicts.find((v) => v.kind === 'rejected') ?? { kind: 'pending', status: 'sin pago', raw: results }
    );
  }

  async refund(attempt: AttemptHandle, amountClp: number, idempotencyKey: string): Promise<ProviderRefund> {
    if (!attempt.providerPaymentId)
      throw new ProviderRefusedError('mercadopago', 400, 'El pago no tiene id de Mercado Pago.');
    const mp = await loadMercadoPagoSdk();
    try {
      const refund = await new mp.PaymentRefund(this.#config(mp, idempotencyKey)).create({
        payment_id: attempt.providerPaymentId,
        body: { amount: amountClp },
      });
      return { reference: `Devolución Mercado Pago ${refund.id ?? ''}`.trim(), raw: refund };
    } catch (error) {
      throw failure(mp, error);
    }
  }

  /**
   * A webhook is Mercado Pago's only if its x-signature is the HMAC, keyed with the webhook secret,
   * of "id:<data.id>;request-id:<x-request-id>;ts:<ts>;" (the SDK's validator builds that manifest).
   * No freshness window: a replayed webhook only makes us fetch the payment again, which is
   * idempotent, and the SDK reads `ts` as seconds while Mercado Pago sends milliseconds.
   */
  async verifyWebhook(input: {
    signature: string | undefined;
    requestId: string | undefined;
    dataId: string | null;
  }): Promise<boolean> {
    const { WebhookSignatureValidator } = await loadMercadoPagoSdk();
    try {
      WebhookSignatureValidator.validate({
        xSignature: input.signature,
        xRequestId: input.requestId,
        dataId: input.dataId,
        secret: this.#settings.webhookSecret,
      });
      return true;
    } catch {
      return false;
    }
  }
}
