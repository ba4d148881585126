// A local stand-in for the parts of the Mercado Pago API that Checkout Pro uses through the official
// `mercadopago` SDK (preferences, payments, payment search, refunds), for its hosted checkout page and
// for its signed webhooks. Point an SDK client at it with mercadoPagoBaseUrlOptions(fake.baseUrl).
// Shapes follow the SDK's response types and Mercado Pago's developer documentation.
import { createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  clickButton,
  escapeHtml,
  type FakeServer,
  FaultPlan,
  hiddenInputs,
  listen,
  type Navigation,
  navigationFrom,
  type PageReply,
  type RecordedRequest,
  recordRequest,
  sendJson,
  sendPage,
} from './fake-http';

// The cases are Mercado Pago's; the texts are the fake's, modelled on answers developers commonly
// report and not checked against the live API. App code should branch on the SDK's error class and
// status (MPAuthenticationError, MPNotFoundError...), never on these texts.
export const MERCADOPAGO_ERRORS = {
  invalidToken: 'invalid access token',
  paymentNotFound: 'Payment not found',
  autoReturnWithoutSuccessUrl: 'auto_return invalid. back_url.success must be defined',
  invalidItems: 'items must be a non-empty list with title, integer quantity and positive unit_price',
  preferenceNotFound: 'Preference not found',
  notRefundable: 'Payment cannot be refunded in its current status',
  invalidRefundAmount: 'Refund amount must be positive and at most the amount not yet refunded',
  idempotencyConflict: 'X-Idempotency-Key already used with a different request',
  scriptedFailure: 'Scripted failure (fake)',
} as const;

export type MercadoPagoPreference = {
  id: string;
  /** The body the merchant sent, kept whole so tests can assert on any field. */
  request: Record<string, unknown>;
  total: number;
  createdAt: Date;
};

export type MercadoPagoRefund = { id: number; amount: number; createdAt: Date };

export type MercadoPagoPayment = {
  id: number;
  preferenceId: string;
  merchantOrderId: number;
  status: 'approved' | 'rejected' | 'refunded';
  statusDetail: string;
  amount: number;
  currency: string;
  description: string;
  externalReference: string | null;
  notificationUrl: string | null;
  createdAt: Date;
  approvedAt: Date | null;
  updatedAt: Date;
  refunds: MercadoPagoRefund[];
};

export type WebhookDelivery = {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** The receiver's HTTP status, or null if it could not be reached (see error). */
  status: number | null;
  error?: string;
};

/** Values written into a webhook after it is signed, to forge one the merchant must refuse. */
export type WebhookTamper = Partial<{ dataId: string; requestId: string; ts: string; signature: string }>;

export type MercadoPagoFakeOptions = {
  accessToken?: string;
  /** The "secret signature" Mercado Pago shows in Your integrations > Webhooks. */
  webhookSecret?: string;
  userId?: number;
  now?: () => Date;
};

export type CheckoutAction = 'approve' | 'reject';

const BUTTON_LABELS: Record<CheckoutAction, string> = { approve: 'Pagar', reject: 'Rechazar' };

export type MercadoPagoFake = FakeServer & {
  accessToken: string;
  webhookSecret: string;
  preferences: Map<string, MercadoPagoPreference>;
  payments: Map<number, MercadoPagoPayment>;
  requests: RecordedRequest[];
  webhooks: WebhookDelivery[];
  /** See FaultPlan.failNext; `only` matches "METHOD /path" of the API call. */
  failNext: (count?: number, status?: number, only?: RegExp) => void;
  delayNext: (ms: number) => void;
  /**
   * Plays the buyer on init_point: clicks Pagar or Rechazar and returns the request the browser
   * then makes to back_urls.success or .failure, or null when the preference has no such URL.
   */
  browse: (preferenceId: string, action: CheckoutAction) => Promise<Navigation | null>;
  /** Sends (again, or forged) a payment webhook to the payment's notification_url. */
  sendWebhook: (
    paymentId: number,
    options?: { secret?: string; tamper?: WebhookTamper; action?: string },
  ) => Promise<WebhookDelivery>;
  /** Waits for the webhooks the fake sent by itself (after a payment or a refund). */
  flushWebhooks: () => Promise<void>;
};

type Answer = { status: number; body: unknown };

function mpError(status: number, message: string, error: string): Answer {
  return { status, body: { message, error, status, cause: [] } };
}

const CHECKOUT_PATHS = ['/checkout/v1/redirect', '/sandbox/checkout/v1/redirect'];
const DECISION_PATH = '/checkout/v1/fake-decision';
const PREFERENCE_ROUTE = /^\/checkout\/preferences\/([^/]+)$/;
const PAYMENT_ROUTE = /^\/v1\/payments\/(\d+)$/;
const REFUND_ROUTE = /^\/v1\/payments\/(\d+)\/refunds$/;
// Mercado Pago's notifier gives up on a receiver after 22 s (its X-Socket-Timeout header).
const WEBHOOK_TIMEOUT_MS = 22_000;

export async function startMercadoPagoFake(options: MercadoPagoFakeOptions = {}): Promise<MercadoPagoFake> {
  const accessToken =
    options.accessToken ?? 'TEST-0000000000000000-000000-fakefakefakefakefakefakefakefake-000000000';
  const webhookSecret = options.webhookSecret ?? 'fake-webhook-secret';
  const userId = options.userId ?? 123_456_789;
  const now = options.now ?? (() => new Date());

  const preferences = new Map<string, MercadoPagoPreference>();
  const payments = new Map<number, MercadoPagoPayment>();
  const requests: RecordedRequest[] = [];
  const webhooks: WebhookDelivery[] = [];
  const pendingWebhooks = new Set<Promise<WebhookDelivery>>();
  const idempotent = new Map<string, { fingerprint: string; answer: Answer }>();
  const faults = new FaultPlan();
  let nextPaymentId = 1_300_000_001;
  let nextMerchantOrderId = 20_000_000_001;
  let nextRefundId = 2_000_000_001;
  let nextNotificationId = 100_000_000_001;

  function refundBody(payment: MercadoPagoPayment, refund: MercadoPagoRefund): Record<string, unknown> {
    return {
      id: refund.id,
      payment_id: payment.id,
      amount: refund.amount,
      metadata: {},
      source: { id: String(userId), name: 'Fake collector', type: 'collector' },
      date_created: refund.createdAt.toISOString(),
      unique_sequence_number: null,
      refund_mode: 'standard',
      adjustment_amount: 0,
      status: 'approved',
      reason: null,
      labels: [],
      amount_refunded_to_payer: refund.amount,
      partition_details: [],
    };
  }

  function paymentBody(payment: MercadoPagoPayment): Record<string, unknown> {
    const refunded = payment.refunds.reduce((sum, refund) => sum + refund.amount, 0);
    return {
      id: payment.id,
      date_created: payment.createdAt.toISOString(),
      date_approved: payment.approvedAt?.toISOString() ?? null,
      date_last_updated: payment.updatedAt.toISOString(),
      money_release_date: payment.approvedAt?.toISOString() ?? null,
      operation_type: 'regular_payment',
      payment_method_id: 'visa',
      payment_type_id: 'credit_card',
      status: payment.status,
      status_detail: payment.statusDetail,
      currency_id: payment.currency,
      description: payment.description,
      live_mode: false,
      collector_id: userId,
      payer: { id: '987654321', email: 'test_user_fake@testuser.com', type: 'registered' },
      metadata: {},
      order: { id: String(payment.merchantOrderId), type: 'mercadopago' },
      external_reference: payment.externalReference,
      transaction_amount: payment.amount,
      transaction_amount_refunded: refunded,
      installments: 1,
      transaction_details: {
        net_received_amount: payment.status === 'rejected' ? 0 : payment.amount,
        total_paid_amount: payment.amount,
        installment_amount: payment.amount,
        overpaid_amount: 0,
      },
      fee_details: [],
      captured: true,
      binary_mode: false,
      card: { first_six_digits: '450995', last_four_digits: '3704' },
      notification_url: payment.notificationUrl,
      refunds: payment.refunds.map((refund) => refundBody(payment, refund)),
      processing_mode: 'aggregator',
    };
  }

  function preferenceBody(preference: MercadoPagoPreference): Record<string, unknown> {
    const checkoutQuery = `?pref_id=${encodeURIComponent(preference.id)}`;
    return {
      collector_id: userId,
      client_id: String(userId),
      date_created: preference.createdAt.toISOString(),
      operation_type: 'regular_payment',
      marketplace: 'NONE',
      expires: false,
      metadata: {},
      ...preference.request,
      id: preference.id,
      init_point: `${server.baseUrl}${CHECKOUT_PATHS[0]}${checkoutQuery}`,
      sandbox_init_point: `${server.baseUrl}${CHECKOUT_PATHS[1]}${checkoutQuery}`,
    };
  }

  function createPreference(body: Record<string, unknown>): Answer {
    const items = body.items;
    const validItems =
      Array.isArray(items) &&
      items.length > 0 &&
      items.every(
        (item: Record<string, unknown>) =>
          typeof item.title === 'string' &&
          item.title !== '' &&
          Number.isSafeInteger(item.quantity) &&
          (item.quantity as number) > 0 &&
          typeof item.unit_price === 'number' &&
          item.unit_price > 0,
      );
    if (!validItems) return mpError(400, MERCADOPAGO_ERRORS.invalidItems, 'invalid_items');
    const backUrls = body.back_urls as Record<string, unknown> | undefined;
    if (body.auto_return && !backUrls?.success) {
      return mpError(400, MERCADOPAGO_ERRORS.autoReturnWithoutSuccessUrl, 'invalid_auto_return');
    }
    const total = (items as Array<{ quantity: number; unit_price: number }>).reduce(
      (sum, item) => sum + item.quantity * item.unit_price,
      0,
    );
    const preference = { id: `${userId}-${randomUUID()}`, request: body, total, createdAt: now() };
    preferences.set(preference.id, preference);
    return { status: 201, body: preferenceBody(preference) };
  }

  function searchPayments(query: URLSearchParams): Answer {
    const filters = ['external_reference', 'status'].flatMap((name) => {
      const value = query.get(name);
      return value === null ? [] : [[name, value] as const];
    });
    const matching = [...payments.values()]
      .map(paymentBody)
      .filter((payment) => filters.every(([name, value]) => String(payment[name]) === value));
    if (query.get('criteria') === 'desc') matching.reverse();
    const limit = Number(query.get('limit') ?? 30);
    const offset = Number(query.get('offset') ?? 0);
    return {
      status: 200,
      body: {
        paging: { total: matching.length, limit, offset },
        results: matching.slice(offset, offset + limit),
      },
    };
  }

  function refund(payment: MercadoPagoPayment, body: Record<string, unknown>): Answer {
    if (payment.status !== 'approved') return mpError(400, MERCADOPAGO_ERRORS.notRefundable, 'bad_request');
    const remaining = payment.amount - payment.refunds.reduce((sum, done) => sum + done.amount, 0);
    // Without an amount Mercado Pago refunds whatever is left.
    const amount = body.amount ?? remaining;
    if (typeof amount !== 'number' || amount <= 0 || amount > remaining) {
      return mpError(400, MERCADOPAGO_ERRORS.invalidRefundAmount, 'bad_request');
    }
    const created = { id: nextRefundId++, amount, createdAt: now() };
    payment.refunds.push(created);
    payment.updatedAt = created.createdAt;
    if (amount === remaining) {
      payment.status = 'refunded';
      payment.statusDetail = 'refunded';
    } else {
      payment.statusDetail = 'partially_refunded';
    }
    notify(payment, 'payment.updated');
    return { status: 201, body: refundBody(payment, created) };
  }

  function route(method: string, url: URL, body: Record<string, unknown>): Answer {
    const path = url.pathname;
    if (method === 'POST' && (path === '/checkout/preferences' || path === '/checkout/preferences/')) {
      return createPreference(body);
    }
    const preferenceId = PREFERENCE_ROUTE.exec(path)?.[1];
    if (method === 'GET' && preferenceId !== undefined) {
      const preference = preferences.get(decodeURIComponent(preferenceId));
      return preference
        ? { status: 200, body: preferenceBody(preference) }
        : mpError(404, MERCADOPAGO_ERRORS.preferenceNotFound, 'not_found');
    }
    if (method === 'GET' && path === '/v1/payments/search') return searchPayments(url.searchParams);
    const paymentId = PAYMENT_ROUTE.exec(path)?.[1] ?? REFUND_ROUTE.exec(path)?.[1];
    if (paymentId !== undefined) {
      const payment = payments.get(Number(paymentId));
      if (!payment) return mpError(404, MERCADOPAGO_ERRORS.paymentNotFound, 'not_found');
      if (method === 'GET' && PAYMENT_ROUTE.test(path)) return { status: 200, body: paymentBody(payment) };
      if (method === 'POST' && REFUND_ROUTE.test(path)) return refund(payment, body);
    }
    return mpError(404, 'resource not found', 'not_found');
  }

  async function api(req: IncomingMessage, url: URL, rawBody: string): Promise<Answer> {
    const failure = await faults.apply(`${req.method ?? 'GET'} ${url.pathname}`);
    if (failure !== undefined) return mpError(failure, MERCADOPAGO_ERRORS.scriptedFailure, 'internal_error');
    if (req.headers.authorization !== `Bearer ${accessToken}`) {
      return mpError(401, MERCADOPAGO_ERRORS.invalidToken, 'unauthorized');
    }
    let body: Record<string, unknown> = {};
    try {
      body = rawBody === '' ? {} : (JSON.parse(rawBody) as Record<string, unknown>);
    } catch {
      return mpError(400, 'invalid json', 'bad_request');
    }
    const method = req.method ?? 'GET';
    // A key replays the first answer, so a retried POST (the SDK retries with the same key) acts once.
    const key = method === 'POST' ? req.headers['x-idempotency-key'] : undefined;
    if (typeof key !== 'string') return route(method, url, body);
    const fingerprint = `${method} ${url.pathname}${url.search} ${rawBody}`;
    const seen = idempotent.get(key);
    if (seen) {
      return seen.fingerprint === fingerprint
        ? seen.answer
        : mpError(409, MERCADOPAGO_ERRORS.idempotencyConflict, 'idempotency_key_already_used');
    }
    const answer = route(method, url, body);
    idempotent.set(key, { fingerprint, answer });
    return answer;
  }

  // Signed as Mercado Pago documents under "Validate notification origin"
  // (https://www.mercadopago.com.mx/developers/es/docs/your-integrations/notifications/webhooks, and the
  // Checkout Pro notifications guide in github.com/mercadopago/devsite-docs):
  //   template  id:[data.id_url];request-id:[x-request-id_header];ts:[ts_header];
  //   x-signature: ts=<ts>,v1=<hex HMAC-SHA256 keyed with the secret signature over the filled template>
  // data.id is the query parameter; a pair whose value is missing is left out of the template. The
  // guide's captured notification has ts in milliseconds (ts=1742505638683), which the fake follows.
  // An alphanumeric data.id (Orders API ids) is signed lower-cased; payment ids are numeric, so that
  // changes nothing here. The SDK's WebhookSignatureValidator builds the same template.
  async function deliver(
    payment: MercadoPagoPayment,
    action: string,
    options: { secret?: string; tamper?: WebhookTamper } = {},
  ): Promise<WebhookDelivery> {
    if (!payment.notificationUrl) throw new Error(`Payment ${payment.id} has no notification_url`);
    const dataId = String(payment.id);
    const requestId = randomUUID();
    const ts = String(now().getTime());
    const manifestId = /^[a-z0-9]+$/i.test(dataId) ? dataId.toLowerCase() : dataId;
    const signature = createHmac('sha256', options.secret ?? webhookSecret)
      .update(`id:${manifestId};request-id:${requestId};ts:${ts};`)
      .digest('hex');
    const sent = { dataId, requestId, ts, signature, ...options.tamper };
    const url = new URL(payment.notificationUrl);
    url.searchParams.set('data.id', sent.dataId);
    url.searchParams.set('type', 'payment');
    const body = {
      action,
      api_version: 'v1',
      data: { id: sent.dataId },
      date_created: now().toISOString(),
      id: nextNotificationId++,
      live_mode: false,
      type: 'payment',
      user_id: userId,
    };
    const headers = {
      'content-type': 'application/json',
      'x-request-id': sent.requestId,
      'x-signature': `ts=${sent.ts},v1=${sent.signature}`,
    };
    const delivery: WebhookDelivery = { url: url.toString(), headers, body, status: null };
    webhooks.push(delivery);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      delivery.status = response.status;
      await response.arrayBuffer();
    } catch (failure) {
      delivery.error = String(failure);
    }
    return delivery;
  }

  function notify(payment: MercadoPagoPayment, action: string): void {
    if (!payment.notificationUrl) return;
    const delivery = deliver(payment, action);
    pendingWebhooks.add(delivery);
    void delivery.finally(() => pendingWebhooks.delete(delivery));
  }

  function checkoutPage(preferenceId: string | null): PageReply {
    const preference = preferences.get(preferenceId ?? '');
    if (!preference) return { status: 404, html: page('<p>La preferencia no existe.</p>') };
    const buttons = (['approve', 'reject'] as const)
      .map(
        (action) =>
          `<form method="post" action="${DECISION_PATH}">${hiddenInputs({ pref_id: preference.id, action })}` +
          `<button type="submit">${BUTTON_LABELS[action]}</button></form>`,
      )
      .join('');
    const items = preference.request.items as Array<{ title: string }>;
    const titles = items.map((item) => `<li>${escapeHtml(item.title)}</li>`).join('');
    const total = `<p>Total: $${preference.total.toLocaleString('es-CL')}</p>`;
    return { status: 200, html: page(`<ul>${titles}</ul>${total}${buttons}`) };
  }

  function decide(form: URLSearchParams): PageReply {
    const preference = preferences.get(form.get('pref_id') ?? '');
    if (!preference) return { status: 404, html: page('<p>La preferencia no existe.</p>') };
    const approved = form.get('action') === 'approve';
    const request = preference.request;
    const items = request.items as Array<{ title: string; currency_id?: string }>;
    const at = now();
    const payment: MercadoPagoPayment = {
      id: nextPaymentId++,
      preferenceId: preference.id,
      merchantOrderId: nextMerchantOrderId++,
      status: approved ? 'approved' : 'rejected',
      statusDetail: approved ? 'accredited' : 'cc_rejected_other_reason',
      amount: preference.total,
      currency: items[0]?.currency_id ?? 'CLP',
      description: items[0]?.title ?? '',
      externalReference: typeof request.external_reference === 'string' ? request.external_reference : null,
      notificationUrl: typeof request.notification_url === 'string' ? request.notification_url : null,
      createdAt: at,
      approvedAt: approved ? at : null,
      updatedAt: at,
      refunds: [],
    };
    payments.set(payment.id, payment);
    notify(payment, 'payment.created');
    const backUrls = (request.back_urls ?? {}) as Record<string, string | undefined>;
    const backUrl = approved ? backUrls.success : backUrls.failure;
    if (!backUrl) {
      return {
        status: 200,
        html: page(approved ? '<p>¡Listo! Se acreditó tu pago.</p>' : '<p>Pago rechazado.</p>'),
      };
    }
    const target = new URL(backUrl);
    const params = {
      collection_id: String(payment.id),
      collection_status: payment.status,
      payment_id: String(payment.id),
      status: payment.status,
      external_reference: payment.externalReference ?? 'null',
      payment_type: 'credit_card',
      merchant_order_id: String(payment.merchantOrderId),
      preference_id: preference.id,
      site_id: 'MLC',
      processing_mode: 'aggregator',
      merchant_account_id: 'null',
    };
    for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
    return { redirectTo: target.toString() };
  }

  const server = await listen(async (req, res, rawBody) => {
    recordRequest(requests, req, res, rawBody);
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && CHECKOUT_PATHS.includes(url.pathname)) {
      sendPage(res, checkoutPage(url.searchParams.get('pref_id')));
    } else if (req.method === 'POST' && url.pathname === DECISION_PATH) {
      sendPage(res, decide(new URLSearchParams(rawBody)));
    } else {
      const answer = await api(req, url, rawBody);
      sendJson(res, answer.status, answer.body);
    }
  });

  return {
    ...server,
    accessToken,
    webhookSecret,
    preferences,
    payments,
    requests,
    webhooks,
    failNext: (count, status, only) => faults.failNext(count, status, only),
    delayNext: (ms) => faults.delayNext(ms),
    browse: async (preferenceId, action) => {
      const checkoutUrl = `${server.baseUrl}${CHECKOUT_PATHS[0]}?pref_id=${encodeURIComponent(preferenceId)}`;
      const checkout = await fetch(checkoutUrl);
      if (!checkout.ok) throw new Error(`No checkout page for preference ${preferenceId}`);
      return navigationFrom(await clickButton(checkoutUrl, await checkout.text(), BUTTON_LABELS[action]));
    },
    sendWebhook: async (paymentId, webhookOptions = {}) => {
      const payment = payments.get(paymentId);
      if (!payment) throw new Error(`Unknown payment ${paymentId}`);
      return deliver(payment, webhookOptions.action ?? 'payment.updated', webhookOptions);
    },
    flushWebhooks: async () => {
      await Promise.all(pendingWebhooks);
    },
  };
}

function page(content: string): string {
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Mercado Pago</title><link rel="icon" href="data:,"></head><body>${content}</body></html>`;
}
