import type { OnlineProvider } from '../../../db/schema';

/**
 * The one payment interface every real provider implements: start (create the payment at the
 * provider and say where to send the browser), confirm (ask the provider, server to server, what
 * happened when the customer comes back or a webhook arrives), status (the same question later, for
 * the sweeper and the reconciliation) and refund. The simulated provider needs none of it: its page
 * is ours and records the payment directly.
 *
 * Nothing here touches the database: payments.service decides what an answer means for the
 * attempt and the order. Amounts and buy orders are reported as the provider said them; the service
 * compares them with ours and refuses any difference.
 */
export interface PaymentGateway {
  readonly provider: OnlineProvider;
  /** Which of the provider's environments this talks to, as staff read it. */
  readonly environment: string;
  start(input: StartInput): Promise<StartedPayment>;
  /** What the provider says now, given the handle the customer's return or a webhook brought. */
  confirm(attempt: AttemptHandle, hint: { providerPaymentId?: string }): Promise<ProviderVerdict>;
  /** What the provider says now, without a fresh return (sweeper, reconciliation). */
  status(attempt: AttemptHandle): Promise<ProviderVerdict>;
  /** Gives back part or all of what the attempt took. `idempotencyKey` makes a retry act once where the provider allows it. */
  refund(attempt: AttemptHandle, amountClp: number, idempotencyKey: string): Promise<ProviderRefund>;
}

export type StartInput = {
  attemptId: number;
  buyOrder: string;
  amountClp: number;
  /** What the customer pays for, as the provider's checkout shows it. */
  description: string;
  /** Our address the provider sends the browser back to. */
  returnUrl: string;
  /** Our address the provider notifies server to server (Mercado Pago's webhook). */
  notificationUrl: string;
};

/** Where the customer's browser goes to pay: a link (GET) or a form the page submits (POST). */
export type Redirect = { method: 'GET' | 'POST'; url: string; fields: Record<string, string> };

export type StartedPayment = { token: string; redirect: Redirect; raw: unknown };

export type AttemptHandle = { token: string | null; buyOrder: string; providerPaymentId: string | null };

/** The provider's answer about one attempt, with its own words kept (`status`, `raw`). */
export type ProviderVerdict =
  | {
      kind: 'approved';
      /** What the provider says it charged, and against which buy order: checked against ours. */
      amountClp: number;
      buyOrder: string;
      currency: string;
      providerPaymentId: string | null;
      /** What staff and the customer read as the payment's reference (authorization code, payment id). */
      reference: string;
      /** Given back so far at the provider (reversals, nullifications, refunds). */
      refundedClp: number;
      status: string;
      raw: unknown;
    }
  /** `buyOrder`: the buy order the provider's answer names, when it names one. */
  | { kind: 'rejected'; status: string; buyOrder?: string; raw: unknown }
  /** Nothing decided yet: the customer may still be paying, or the answer is on its way. */
  | { kind: 'pending'; status: string; buyOrder?: string; raw: unknown }
  /** The provider will never approve it: aborted at the form, timed out there, or forgotten. */
  | { kind: 'abandoned'; status: string; raw: unknown };

export type ProviderRefund = { reference: string; raw: unknown };

/** The provider did not answer, timed out or failed on its side: ask again later. */
export class ProviderUnavailableError extends Error {
  constructor(
    readonly provider: OnlineProvider,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}

/** The provider understood and said no (a refund it will not make, a request it refuses). */
export class ProviderRefusedError extends Error {
  constructor(
    readonly provider: OnlineProvider,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderRefusedError';
  }
}
