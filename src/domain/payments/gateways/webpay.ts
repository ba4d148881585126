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

type WebpaySdk = typeof import('transbank-sdk');
type WebpayTransactionClient = InstanceType<WebpaySdk['WebpayPlus']['Transaction']>;

/**
 * transbank-sdk (with axios, ~22 MB of a process's memory) is loaded when Webpay is first used, not
 * with the process: an installation that only offers the simulated page never loads it. It is
 * CommonJS whose re-exports Node's ESM loader cannot see, so `{ WebpayPlus }` is read from the
 * default export (the whole module in every runtime: tsx, vitest and the production bundle).
 */
async function loadWebpaySdk(): Promise<WebpaySdk> {
  const loaded: WebpaySdk & { default?: WebpaySdk } = await import('transbank-sdk');
  return loaded.default ?? loaded;
}

type WebpayConfig = NonNullable<PaymentsConfig['webpay']>;

/** The fields of a Transbank transaction answer (commit and status) that TMM reads. */
type WebpayTransaction = {
  status?: string;
  response_code?: number;
  amount?: number;
  buy_order?: string;
  authorization_code?: string;
  balance?: number;
};

/**
 * The SDK turns every HTTP failure into a TransbankError whose only payload is its message
 * ("AxiosError: Request failed with status code 422\nInvalid value for parameter: token\n"): the
 * status is read back from it. A timeout or a refused connection has none.
 */
function classify(error: unknown): { status: number | null; message: string } {
  if (!(error instanceof Error) || error.name !== 'TransbankError') throw error;
  const status = /status code (\d{3})/.exec(error.message)?.[1];
  const detail = error.message.split('\n')[1]?.trim() || error.message;
  return { status: status ? Number(status) : null, message: detail };
}

function failure(error: unknown): Error {
  const { status, message } = classify(error);
  if (status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429)
    return new ProviderRefusedError('webpay', status, message);
  return new ProviderUnavailableError('webpay', `Webpay no respondió: ${message}`);
}

/**
 * Transbank documents a payment as approved only when the status is AUTHORIZED and the response
 * code 0; the amount and buy order it reports are checked against ours by the service. A refunded
 * transaction (REVERSED, NULLIFIED, PARTIALLY_NULLIFIED) was approved first; what went back is the
 * amount minus its balance.
 */
export function webpayVerdict(tx: WebpayTransaction): ProviderVerdict {
  const status = tx.status ?? 'UNKNOWN';
  const amount = tx.amount ?? 0;
  const approved = (refundedClp: number): ProviderVerdict => ({
    kind: 'approved',
    amountClp: amount,
    buyOrder: tx.buy_order ?? '',
    currency: 'CLP',
    providerPaymentId: null,
    reference: `Webpay ${tx.authorization_code ?? ''}`.trim(),
    refundedClp,
    status,
    raw: tx,
  });
  switch (status) {
    case 'AUTHORIZED':
    case 'CAPTURED':
      return tx.response_code === 0
        ? approved(0)
        : { kind: 'rejected', status, buyOrder: tx.buy_order ?? '', raw: tx };
    case 'PARTIALLY_NULLIFIED':
      return approved(amount - (tx.balance ?? amount));
    case 'NULLIFIED':
    case 'REVERSED':
      return approved(amount);
    case 'FAILED':
      return { kind: 'rejected', status, buyOrder: tx.buy_order ?? '', raw: tx };
    default:
      return { kind: 'pending', status, buyOrder: tx.buy_order ?? '', raw: tx };
  }
}

/** Webpay Plus through the official transbank-sdk (REST API v1.2). */
export class WebpayGateway implements PaymentGateway {
  readonly provider = 'webpay' as const;
  readonly environment: string;
  readonly #config: WebpayConfig;
  readonly #timeoutMs: number;
  #client: Promise<WebpayTransactionClient> | undefined;

  constructor(config: WebpayConfig, timeoutMs: number) {
    this.environment =
      config.environment === 'production' ? 'Producción (dinero real)' : 'Integración (sin dinero real)';
    this.#config = config;
    this.#timeoutMs = timeoutMs;
  }

  /** The SDK's client, made on first use and kept. */
  #transaction(): Promise<WebpayTransactionClient> {
    this.#client ??= loadWebpaySdk().then(({ WebpayPlus, Options }) => {
      const { commerceCode, apiKey, baseUrl } = this.#config;
      // The SDK's "environment" is the base URL every request goes to: Transbank's integration or
      // production host, or WEBPAY_BASE_URL. Its default timeout is ten minutes.
      return new WebpayPlus.Transaction(new Options(commerceCode, apiKey, baseUrl, this.#timeoutMs));
    });
    return this.#client;
  }

  async start(input: StartInput): Promise<StartedPayment> {
    const transaction = await this.#transaction();
    let answer: { token: string; url: string };
    try {
      answer = await transaction.create(
        input.buyOrder,
        String(input.attemptId),
        input.amountClp,
        input.returnUrl,
      );
    } catch (error) {
      throw failure(error);
    }
    // The form is opened by POSTing token_ws to the URL Transbank returned, as its documentation shows.
    return {
      token: answer.token,
      redirect: { method: 'POST', url: answer.url, fields: { token_ws: answer.token } },
      raw: answer,
    };
  }

  /**
   * Commits the transaction: the server-side step that makes a Webpay payment count, done when the
   * customer comes back with token_ws. A commit Transbank refuses (already committed by a second
   * tab, not paid, aborted) is answered by asking for the status instead, so every return of the
   * same token ends with the same verdict.
   */
  async confirm(attempt: AttemptHandle): Promise<ProviderVerdict> {
    const token = attempt.token;
    if (!token) return { kind: 'abandoned', status: 'NO_TOKEN', raw: null };
    const transaction = await this.#transaction();
    try {
      return webpayVerdict(await transaction.commit(token));
    } catch (error) {
      const refused = failure(error);
      if (!(refused instanceof ProviderRefusedError)) throw refused;
      const verdict = await this.status(attempt);
      // "Transaction has an invalid finished state: aborted": the form was abandoned or timed out.
      if (verdict.kind === 'pending' && /aborted|finished state/i.test(refused.message))
        return {
          kind: 'abandoned',
          status: verdict.status,
          raw: { commit: refused.message, status: verdict.raw },
        };
      return verdict;
    }
  }

  /** Transbank keeps a transaction's status for 7 days; after that (422) it is forgotten. */
  async status(attempt: AttemptHandle): Promise<ProviderVerdict> {
    if (!attempt.token) return { kind: 'abandoned', status: 'NO_TOKEN', raw: null };
    const transaction = await this.#transaction();
    try {
      return webpayVerdict(await transaction.status(attempt.token));
    } catch (error) {
      const refused = failure(error);
      if (refused instanceof ProviderRefusedError && refused.status === 422)
        return { kind: 'abandoned', status: 'UNAVAILABLE', raw: { error: refused.message } };
      throw refused;
    }
  }

  /**
   * Transbank reverses a full refund within 3 hours of the payment and nullifies the rest (any amount
   * on credit cards, only the whole balance on debit and prepaid cards). Webpay has no idempotency
   * key: the service's claim on the attempt is what keeps a refund from being sent twice.
   */
  async refund(attempt: AttemptHandle, amountClp: number): Promise<ProviderRefund> {
    if (!attempt.token) throw new ProviderRefusedError('webpay', 422, 'El pago no tiene token de Webpay.');
    const transaction = await this.#transaction();
    let answer: { type?: string; authorization_code?: string };
    try {
      answer = await transaction.refund(attempt.token, amountClp);
    } catch (error) {
      throw failure(error);
    }
    const kind = answer.type === 'REVERSED' ? 'Reversa' : 'Anulación';
    return { reference: `${kind} Webpay ${answer.authorization_code ?? ''}`.trim(), raw: answer };
  }
}
