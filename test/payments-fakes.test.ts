// Proves the local payment fakes against the providers' official SDKs, called exactly as the app
// will call them (no hand-written HTTP towards the APIs), and pins down SDK behaviour the app must
// live with, such as how errors are reported.
// transbank-sdk is CommonJS whose named exports Node's ESM loader cannot see: the production bundle
// (esbuild, packages external) would fail at start-up on `import { WebpayPlus }`.
import transbank from 'transbank-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeServer,
  followNavigation,
  listen,
  type RecordedRequest,
  recordRequest,
} from './support/fakes/fake-http';
import { startWebpayFake, WEBPAY_ERRORS, type WebpayFake } from './support/fakes/webpay-fake';

const { WebpayPlus, Options, IntegrationApiKeys, IntegrationCommerceCodes } = transbank;

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
    await expect
      .poll(() => [...webpay.transactions.values()].some((tx) => tx.buyOrder === buyOrder))
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
