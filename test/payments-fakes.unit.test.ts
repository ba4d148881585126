// Proves the local payment fakes against the providers' official SDKs, called exactly as the app
// will call them (no hand-written HTTP towards the APIs), and pins down SDK behaviour the app must
// live with: how each reports errors, retries, idempotency keys and webhook timestamps.
import { createHmac, timingSafeEqual } from 'node:crypto';
// Named imports only: under Node's ESM loader the default export is the whole CommonJS module.
import {
  MercadoPagoConfig,
  MPAuthenticationError,
  MPBadRequestError,
  MPIdempotencyError,
  MPServerError,
  Payment,
  PaymentRefund,
  Preference,
  SignatureFailureReason,
  WebhookSignatureValidator,
} from 'mercadopago';
// transbank-sdk is CommonJS whose named exports Node's ESM loader cannot see: the production bundle
// (esbuild, packages external) would fail at start-up on `import { WebpayPlus }`.
import transbank from 'transbank-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mercadoPagoBaseUrlOptions } from '../src/domain/payments/gateways/mercadopago-base-url';
import {
  type FakeServer,
  followNavigation,
  listen,
  type RecordedRequest,
  recordRequest,
} from './support/fakes/fake-http';
import {
  MERCADOPAGO_ERRORS,
  type MercadoPagoFake,
  startMercadoPagoFake,
} from './support/fakes/mercadopago-fake';
import { startWebpayFake, WEBPAY_ERRORS, type WebpayFake } from './support/fakes/webpay-fake';

const { WebpayPlus, Options, IntegrationApiKeys, IntegrationCommerceCodes } = transbank;
// The SDK exports no name for its options type.
type MercadoPagoOptions = NonNullable<ConstructorParameters<typeof MercadoPagoConfig>[0]['options']>;

type Merchant = FakeServer & { received: RecordedRequest[] };

/** Stands in for the app's return URL and webhook endpoint: answers 200 and remembers. */
async function startMerchant(): Promise<Merchant> {
  const received: RecordedRequest[] = [];
  const server = await listen(async (req, res, body) => {
    recordRequest(received, req, res, body);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  return { ...server, received };
}

function movableClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms: number) => {
      offsetMs += ms;
    },
  };
}

let orderCount = 0;
const newBuyOrder = () => `tmm-${process.pid}-${++orderCount}`;

describe('Webpay Plus fake driven by transbank-sdk', () => {
  let webpay: WebpayFake;
  let merchant: Merchant;
  const returnUrl = () => `${merchant.baseUrl}/pagos/webpay/retorno`;
  const webpayPlus = (
    fake: WebpayFake = webpay,
    apiKey: string = IntegrationApiKeys.WEBPAY,
    timeoutMs?: number,
  ) =>
    new WebpayPlus.Transaction(
      new Options(IntegrationCommerceCodes.WEBPAY_PLUS, apiKey, fake.baseUrl, timeoutMs),
    );

  beforeAll(async () => {
    webpay = await startWebpayFake();
    merchant = await startMerchant();
  });

  afterAll(async () => {
    await webpay.close();
    await merchant.close();
  });

  it('authorizes a paid transaction and nullifies it in a partial and then a final refund', async () => {
    const tx = webpayPlus();
    const buyOrder = newBuyOrder();
    const { token, url } = await tx.create(buyOrder, 'sesion-1', 10_000, returnUrl());
    expect(url).toBe(`${webpay.baseUrl}/webpayserver/initTransaction`);
    expect(token).toMatch(/^[0-9a-f]{64}$/);

    const back = await webpay.browse(token, 'approve');
    expect(back).toEqual({
      method: 'GET',
      url: `${returnUrl()}?token_ws=${token}`,
      fields: { token_ws: token },
    });
    await followNavigation(back);
    expect(merchant.received.at(-1)).toMatchObject({
      method: 'GET',
      url: `/pagos/webpay/retorno?token_ws=${token}`,
    });

    const committed = await tx.commit(token);
    expect(committed).toMatchObject({
      vci: 'TSY',
      status: 'AUTHORIZED',
      response_code: 0,
      amount: 10_000,
      buy_order: buyOrder,
      session_id: 'sesion-1',
      payment_type_code: 'VN',
      installments_number: 0,
      card_detail: { card_number: '6623' },
    });
    expect(committed.authorization_code).toMatch(/^\d{6}$/);
    expect(committed.accounting_date).toMatch(/^\d{4}$/);
    expect(await tx.status(token)).toMatchObject({ status: 'AUTHORIZED', amount: 10_000 });

    expect(await tx.refund(token, 4_000)).toMatchObject({
      type: 'NULLIFIED',
      nullified_amount: 4_000,
      balance: 6_000,
      response_code: 0,
    });
    expect(await tx.status(token)).toMatchObject({ status: 'PARTIALLY_NULLIFIED', balance: 6_000 });
    expect(await tx.refund(token, 6_000)).toMatchObject({
      type: 'NULLIFIED',
      nullified_amount: 6_000,
      balance: 0,
    });
    expect(await tx.status(token)).toMatchObject({ status: 'NULLIFIED', balance: 0 });
    await expect(tx.refund(token, 1)).rejects.toThrow(WEBPAY_ERRORS.notAuthorizedForRefund);
  });

  it('reverses a full refund made within three hours of the commit and nullifies one made later', async () => {
    const clock = movableClock();
    const fake = await startWebpayFake({ now: clock.now });
    try {
      const tx = webpayPlus(fake);
      const early = await tx.create(newBuyOrder(), 'sesion-2', 5_000, returnUrl());
      const late = await tx.create(newBuyOrder(), 'sesion-3', 5_000, returnUrl());
      for (const { token } of [early, late]) {
        fake.authorize(token);
        await tx.commit(token);
      }

      clock.advance(2 * 3_600_000);
      expect(await tx.refund(early.token, 5_000)).toEqual({ type: 'REVERSED' });
      expect(await tx.status(early.token)).toMatchObject({ status: 'REVERSED' });

      clock.advance(2 * 3_600_000);
      expect(await tx.refund(late.token, 5_000)).toMatchObject({ type: 'NULLIFIED', balance: 0 });
      expect(await tx.status(late.token)).toMatchObject({ status: 'NULLIFIED' });
    } finally {
      await fake.close();
    }
  });

  it('sends token_ws back by POST when the fake is told to', async () => {
    const fake = await startWebpayFake({ returnMethod: 'POST' });
    try {
      const { token } = await webpayPlus(fake).create(newBuyOrder(), 'sesion-4', 1_000, returnUrl());
      const back = await fake.browse(token, 'approve');
      expect(back).toEqual({ method: 'POST', url: returnUrl(), fields: { token_ws: token } });
      await followNavigation(back);
      expect(merchant.received.at(-1)).toMatchObject({ method: 'POST', body: `token_ws=${token}` });
    } finally {
      await fake.close();
    }
  });

  it('answers a declined card at commit with status FAILED and response code -1', async () => {
    const tx = webpayPlus();
    const { token } = await tx.create(newBuyOrder(), 'sesion-5', 2_000, returnUrl());
    const back = await webpay.browse(token, 'reject');
    expect(back.fields).toEqual({ token_ws: token });
    expect(await tx.commit(token)).toMatchObject({ status: 'FAILED', response_code: -1, amount: 2_000 });
    expect(await tx.status(token)).toMatchObject({ status: 'FAILED', response_code: -1 });
  });

  it('returns an aborted payment by POST with TBK_TOKEN, TBK_ORDEN_COMPRA and TBK_ID_SESION and refuses to commit it', async () => {
    const tx = webpayPlus();
    const buyOrder = newBuyOrder();
    const { token } = await tx.create(buyOrder, 'sesion-6', 3_000, returnUrl());
    const back = await webpay.browse(token, 'abort');
    expect(back).toEqual({
      method: 'POST',
      url: returnUrl(),
      fields: { TBK_TOKEN: token, TBK_ORDEN_COMPRA: buyOrder, TBK_ID_SESION: 'sesion-6' },
    });
    await followNavigation(back);
    expect(new URLSearchParams(merchant.received.at(-1)?.body).get('TBK_TOKEN')).toBe(token);

    await expect(tx.commit(token)).rejects.toThrow(WEBPAY_ERRORS.abortedCommit);
    expect(await tx.status(token)).toMatchObject({ status: 'INITIALIZED', buy_order: buyOrder });
  });

  it('times a token out after five minutes: the browser returns without a token and commit is refused', async () => {
    const clock = movableClock();
    const fake = await startWebpayFake({ now: clock.now });
    try {
      const tx = webpayPlus(fake);
      const buyOrder = newBuyOrder();
      const { token } = await tx.create(buyOrder, 'sesion-7', 3_000, returnUrl());
      clock.advance(5 * 60_000 + 1);
      expect(await fake.browse(token, 'approve')).toEqual({
        method: 'POST',
        url: returnUrl(),
        fields: { TBK_ORDEN_COMPRA: buyOrder, TBK_ID_SESION: 'sesion-7' },
      });
      await expect(tx.commit(token)).rejects.toThrow(WEBPAY_ERRORS.abortedCommit);
      expect(await tx.status(token)).toMatchObject({ status: 'INITIALIZED' });

      clock.advance(7 * 24 * 3_600_000);
      await expect(tx.status(token)).rejects.toThrow(WEBPAY_ERRORS.statusTooOld);
    } finally {
      await fake.close();
    }
  });

  it('refuses to commit a transaction nobody paid, and to commit a paid one twice', async () => {
    const tx = webpayPlus();
    const { token } = await tx.create(newBuyOrder(), 'sesion-8', 4_000, returnUrl());
    await expect(tx.commit(token)).rejects.toThrow(WEBPAY_ERRORS.unpaidCommit);
    webpay.authorize(token);
    await tx.commit(token);
    await expect(tx.commit(token)).rejects.toThrow(WEBPAY_ERRORS.alreadyCommitted);
  });

  it('answers a wrong API key with 401, which the SDK throws as a TransbankError carrying no status field', async () => {
    const failure = await webpayPlus(webpay, 'not-the-key')
      .create(newBuyOrder(), 'sesion-9', 1_000, returnUrl())
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'TransbankError' });
    expect(failure).not.toHaveProperty('status');
    expect(String((failure as Error).message)).toBe(
      `AxiosError: Request failed with status code 401\n${WEBPAY_ERRORS.unauthorized}\n`,
    );
    expect(webpay.requests.at(-1)).toMatchObject({
      status: 401,
      headers: {
        'tbk-api-key-id': IntegrationCommerceCodes.WEBPAY_PLUS,
        'tbk-api-key-secret': 'not-the-key',
      },
    });
  });

  it('answers an unknown token with 422 and its error_message', async () => {
    await expect(webpayPlus().status('f'.repeat(64))).rejects.toThrow(
      `status code 422\n${WEBPAY_ERRORS.invalidToken}`,
    );
  });

  it('refuses an amount with decimals at the API, while the SDK itself rejects a buy order over 26 characters', async () => {
    const tx = webpayPlus();
    await expect(tx.create(newBuyOrder(), 'sesion-10', 1_000.5, returnUrl())).rejects.toThrow(
      'Invalid value for parameter: amount',
    );
    const requestsBefore = webpay.requests.length;
    await expect(tx.create('x'.repeat(27), 'sesion-10', 1_000, returnUrl())).rejects.toThrow(
      "'buyOrder' is too long, the maximum length is 26",
    );
    expect(webpay.requests).toHaveLength(requestsBefore);
  });

  it('makes the SDK throw on a scripted 500 and serves the next call normally', async () => {
    const tx = webpayPlus();
    webpay.failNext(1, 500);
    await expect(tx.create(newBuyOrder(), 'sesion-11', 1_000, returnUrl())).rejects.toThrow(
      `status code 500\n${WEBPAY_ERRORS.scriptedFailure}`,
    );
    await expect(tx.create(newBuyOrder(), 'sesion-11', 1_000, returnUrl())).resolves.toHaveProperty('token');
  });

  it('lets the SDK time out on a slow answer while the transaction still gets created', async () => {
    const buyOrder = newBuyOrder();
    webpay.delayNext(300);
    await expect(
      webpayPlus(webpay, IntegrationApiKeys.WEBPAY, 50).create(buyOrder, 'sesion-12', 1_000, returnUrl()),
    ).rejects.toThrow('timeout of 50ms exceeded');
    // The fake sleeps 300 ms before handling it; a busy shared machine can stretch that.
    await expect
      .poll(() => [...webpay.transactions.values()].some((tx) => tx.buyOrder === buyOrder), {
        timeout: 5_000,
      })
      .toBe(true);
  });

  it('hands a tampered amount and buy order to the merchant once, to test that it checks them', async () => {
    const tx = webpayPlus();
    const { token } = await tx.create(newBuyOrder(), 'sesion-13', 9_000, returnUrl());
    webpay.authorize(token);
    webpay.tamperCommit(token, { amount: 1, buy_order: 'someone-else' });
    expect(await tx.commit(token)).toMatchObject({
      status: 'AUTHORIZED',
      amount: 1,
      buy_order: 'someone-else',
    });
    expect(await tx.status(token)).toMatchObject({ amount: 9_000 });
  });
});

/** The check the app's webhook endpoint must make, written from Mercado Pago's documentation. */
function hasValidSignature(request: RecordedRequest, secret: string): boolean {
  const dataId = new URL(request.url, 'http://merchant').searchParams.get('data.id') ?? '';
  const parts = new Map(
    String(request.headers['x-signature'])
      .split(',')
      .map((part) => part.split('=').map((piece) => piece.trim()) as [string, string]),
  );
  const id = /^[a-z0-9]+$/i.test(dataId) ? dataId.toLowerCase() : dataId;
  const manifest = `id:${id};request-id:${request.headers['x-request-id']};ts:${parts.get('ts')};`;
  const expected = Buffer.from(createHmac('sha256', secret).update(manifest).digest('hex'));
  const received = Buffer.from(parts.get('v1') ?? '');
  return expected.length === received.length && timingSafeEqual(expected, received);
}

function validateWithSdk(request: RecordedRequest, secret: string, toleranceSeconds?: number): void {
  WebhookSignatureValidator.validate({
    xSignature: request.headers['x-signature'],
    xRequestId: request.headers['x-request-id'],
    dataId: new URL(request.url, 'http://merchant').searchParams.get('data.id'),
    secret,
    ...(toleranceSeconds === undefined ? {} : { toleranceSeconds }),
  });
}

describe('Mercado Pago fake driven by mercadopago', () => {
  let mp: MercadoPagoFake;
  let merchant: Merchant;
  const webhooksFor = (paymentId: string) =>
    merchant.received.filter((request) => request.url.startsWith(`/pagos/mp/webhook?data.id=${paymentId}&`));
  // The SDK retries 429 and 5xx three times with 1 s, 2 s and 4 s pauses unless told otherwise.
  const client = (options: MercadoPagoOptions = {}, accessToken = mp.accessToken) =>
    new MercadoPagoConfig({
      accessToken,
      options: { maxRetries: 0, ...options, ...mercadoPagoBaseUrlOptions(mp.baseUrl) },
    });
  const createPreference = (config: MercadoPagoConfig, externalReference: string) =>
    new Preference(config).create({
      body: {
        items: [
          {
            id: 'kit-acuarela',
            title: 'Kit de acuarela',
            quantity: 2,
            unit_price: 12_500,
            currency_id: 'CLP',
          },
        ],
        external_reference: externalReference,
        back_urls: {
          success: `${merchant.baseUrl}/pagos/mp/exito`,
          failure: `${merchant.baseUrl}/pagos/mp/fallo`,
          pending: `${merchant.baseUrl}/pagos/mp/pendiente`,
        },
        auto_return: 'approved',
        notification_url: `${merchant.baseUrl}/pagos/mp/webhook`,
      },
    });
  const pay = async (config: MercadoPagoConfig, externalReference: string) => {
    const preference = await createPreference(config, externalReference);
    const back = await mp.browse(preference.id ?? '', 'approve');
    return Number(back?.fields.payment_id);
  };

  beforeAll(async () => {
    mp = await startMercadoPagoFake();
    merchant = await startMerchant();
  });

  afterAll(async () => {
    await mp.close();
    await merchant.close();
  });

  it('pays a preference on its init_point, returns the buyer with the query params and posts a signed webhook', async () => {
    const config = client();
    const preference = await createPreference(config, 'inscripcion-41');
    expect(preference).toMatchObject({
      init_point: `${mp.baseUrl}/checkout/v1/redirect?pref_id=${preference.id}`,
      sandbox_init_point: `${mp.baseUrl}/sandbox/checkout/v1/redirect?pref_id=${preference.id}`,
      external_reference: 'inscripcion-41',
      api_response: { status: 201 },
    });

    const back = await mp.browse(preference.id ?? '', 'approve');
    const paymentId = back?.fields.payment_id ?? '';
    expect(back?.url.startsWith(`${merchant.baseUrl}/pagos/mp/exito?`)).toBe(true);
    expect(back?.fields).toEqual({
      collection_id: paymentId,
      collection_status: 'approved',
      payment_id: paymentId,
      status: 'approved',
      external_reference: 'inscripcion-41',
      payment_type: 'credit_card',
      merchant_order_id: expect.stringMatching(/^\d+$/),
      preference_id: preference.id,
      site_id: 'MLC',
      processing_mode: 'aggregator',
      merchant_account_id: 'null',
    });

    await mp.flushWebhooks();
    const [webhook] = webhooksFor(paymentId);
    expect(webhook?.url).toBe(`/pagos/mp/webhook?data.id=${paymentId}&type=payment`);
    expect(JSON.parse(webhook?.body ?? '')).toEqual({
      action: 'payment.created',
      api_version: 'v1',
      data: { id: paymentId },
      date_created: expect.any(String),
      id: expect.any(Number),
      live_mode: false,
      type: 'payment',
      user_id: expect.any(Number),
    });
    expect(webhook?.headers['x-signature']).toMatch(/^ts=\d{13},v1=[0-9a-f]{64}$/);
    expect(hasValidSignature(webhook as RecordedRequest, mp.webhookSecret)).toBe(true);
    expect(() => validateWithSdk(webhook as RecordedRequest, mp.webhookSecret)).not.toThrow();

    expect(await new Payment(config).get({ id: paymentId })).toMatchObject({
      id: Number(paymentId),
      status: 'approved',
      status_detail: 'accredited',
      transaction_amount: 25_000,
      currency_id: 'CLP',
      external_reference: 'inscripcion-41',
    });

    expect(
      await new PaymentRefund(config).create({ payment_id: paymentId, body: { amount: 10_000 } }),
    ).toMatchObject({
      payment_id: Number(paymentId),
      amount: 10_000,
      status: 'approved',
      api_response: { status: 201 },
    });
    expect(await new Payment(config).get({ id: paymentId })).toMatchObject({
      status: 'approved',
      status_detail: 'partially_refunded',
      transaction_amount_refunded: 10_000,
    });
    await mp.flushWebhooks();
    expect(webhooksFor(paymentId).map((request) => JSON.parse(request.body).action)).toEqual([
      'payment.created',
      'payment.updated',
    ]);
  });

  it('finds payments by external_reference', async () => {
    const config = client();
    const first = await pay(config, 'pedido-7');
    await pay(config, 'pedido-8');
    const second = await pay(config, 'pedido-7');
    const found = await new Payment(config).search({ options: { external_reference: 'pedido-7' } });
    expect(found.paging?.total).toBe(2);
    expect(found.results?.map((payment) => payment.id)).toEqual([first, second]);
  });

  it('rejects a payment and sends the buyer to back_urls.failure', async () => {
    const config = client();
    const preference = await createPreference(config, 'inscripcion-42');
    const back = await mp.browse(preference.id ?? '', 'reject');
    expect(back?.url.startsWith(`${merchant.baseUrl}/pagos/mp/fallo?`)).toBe(true);
    expect(back?.fields).toMatchObject({ collection_status: 'rejected', status: 'rejected' });
    expect(await new Payment(config).get({ id: back?.fields.payment_id ?? '' })).toMatchObject({
      status: 'rejected',
      status_detail: 'cc_rejected_other_reason',
    });
  });

  it('refunds what is left when no amount is given and marks the payment refunded', async () => {
    const config = client();
    const paymentId = await pay(config, 'inscripcion-43');
    const refunds = new PaymentRefund(config);
    await refunds.create({ payment_id: paymentId, body: { amount: 5_000 } });
    expect(await refunds.create({ payment_id: paymentId })).toMatchObject({ amount: 20_000 });
    expect(await new Payment(config).get({ id: paymentId })).toMatchObject({
      status: 'refunded',
      status_detail: 'refunded',
      transaction_amount_refunded: 25_000,
    });
  });

  it('replays the first answer for a repeated X-Idempotency-Key instead of refunding twice', async () => {
    const paymentId = await pay(client(), 'inscripcion-44');
    const again = () =>
      new PaymentRefund(client()).create({
        payment_id: paymentId,
        body: { amount: 1_000 },
        requestOptions: { idempotencyKey: `refund-${paymentId}` },
      });
    const first = await again();
    const second = await again();
    expect(second.id).toBe(first.id);
    expect(mp.payments.get(paymentId)?.refunds).toHaveLength(1);
  });

  it('keeps a per-call idempotencyKey on the SDK client, so its next POST collides with the first', async () => {
    const config = client();
    const paymentId = await pay(config, 'inscripcion-45');
    const refunds = new PaymentRefund(config);
    await refunds.create({
      payment_id: paymentId,
      body: { amount: 1_000 },
      requestOptions: { idempotencyKey: `refund-${paymentId}-1` },
    });
    await expect(refunds.create({ payment_id: paymentId, body: { amount: 2_000 } })).rejects.toBeInstanceOf(
      MPIdempotencyError,
    );
    expect(config.options?.idempotencyKey).toBe(`refund-${paymentId}-1`);
  });

  it('answers a wrong access token with 401, thrown as MPAuthenticationError', async () => {
    const failure = await new Payment(client({}, 'TEST-wrong'))
      .get({ id: 1 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MPAuthenticationError);
    expect(failure).toMatchObject({
      status: 401,
      message: MERCADOPAGO_ERRORS.invalidToken,
      error: 'unauthorized',
    });
  });

  it('refuses auto_return without back_urls.success, thrown as MPBadRequestError', async () => {
    await expect(
      new Preference(client()).create({
        body: {
          items: [{ id: 'kit', title: 'Kit', quantity: 1, unit_price: 1_000 }],
          auto_return: 'approved',
        },
      }),
    ).rejects.toBeInstanceOf(MPBadRequestError);
  });

  it('lets the SDK retry scripted 500s with the same idempotency key and refund once', async () => {
    const paymentId = await pay(client(), 'inscripcion-46');
    mp.failNext(2, 500);
    const refund = await new PaymentRefund(client({ maxRetries: 3, initialDelay: 1 })).create({
      payment_id: paymentId,
      body: { amount: 2_000 },
    });
    const attempts = mp.requests.filter((request) => request.url === `/v1/payments/${paymentId}/refunds`);
    expect(attempts.map((request) => request.status)).toEqual([500, 500, 201]);
    expect(new Set(attempts.map((request) => request.headers['x-idempotency-key'])).size).toBe(1);
    expect(mp.payments.get(paymentId)?.refunds.map((done) => done.id)).toEqual([refund.id]);
  });

  it('throws MPServerError when failures outlast the retries', async () => {
    mp.failNext(1, 503);
    const failure = await new Payment(client()).get({ id: 1 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MPServerError);
    expect(failure).toMatchObject({ status: 503, message: MERCADOPAGO_ERRORS.scriptedFailure });
  });

  it('forges webhooks that fail verification: a wrong secret, or a data.id other than the one signed', async () => {
    const paymentId = await pay(client(), 'inscripcion-47');
    for (const options of [
      { secret: 'someone-elses-secret' },
      { tamper: { dataId: String(paymentId + 1) } },
    ]) {
      const delivery = await mp.sendWebhook(paymentId, options);
      expect(delivery.status).toBe(200);
      const received = merchant.received.find(
        (request) => request.headers['x-request-id'] === delivery.headers['x-request-id'],
      );
      expect(hasValidSignature(received as RecordedRequest, mp.webhookSecret)).toBe(false);
      expect(() => validateWithSdk(received as RecordedRequest, mp.webhookSecret)).toThrow(
        expect.objectContaining({ reason: SignatureFailureReason.SignatureMismatch }),
      );
    }
    const replay = await mp.sendWebhook(paymentId);
    const received = merchant.received.find(
      (request) => request.headers['x-request-id'] === replay.headers['x-request-id'],
    );
    expect(hasValidSignature(received as RecordedRequest, mp.webhookSecret)).toBe(true);
  });

  it('stamps webhooks in milliseconds, which the SDK validator tolerance check misreads as seconds', async () => {
    const paymentId = await pay(client(), 'inscripcion-48');
    const delivery = await mp.sendWebhook(paymentId);
    const received = merchant.received.find(
      (request) => request.headers['x-request-id'] === delivery.headers['x-request-id'],
    );
    expect(() => validateWithSdk(received as RecordedRequest, mp.webhookSecret, 300)).toThrow(
      expect.objectContaining({ reason: SignatureFailureReason.TimestampOutOfTolerance }),
    );
  });
});
