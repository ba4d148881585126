// A local stand-in for Transbank's Webpay Plus REST API (v1.2, the version transbank-sdk 6.x calls)
// and for its hosted payment form, so the official SDK can be exercised without the internet:
//   new WebpayPlus.Transaction(new Options(commerceCode, apiKey, fake.baseUrl))
// Behaviour follows Transbank's developer documentation (TransbankDevelopers/transbank-developers-docs:
// referencia/webpay, documentacion/webpay-plus, producto/webpay) and public SDK issues; where Transbank
// publishes no exact error text the fake's wording is marked as its own in WEBPAY_ERRORS.
import { randomBytes, randomInt } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  autoPostPage,
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

// Transbank's public integration credentials, as shipped in transbank-sdk 6.1.1
// (IntegrationCommerceCodes.WEBPAY_PLUS and IntegrationApiKeys.WEBPAY).
export const WEBPAY_INTEGRATION_COMMERCE_CODE = '597055555532';
export const WEBPAY_INTEGRATION_API_KEY = '579B532A7440BB0C9079DED94D31EA1615BACEB56610332264630D42D0A36B1C';

const API_PATH = '/rswebpaytransaction/api/webpay/v1.2/transactions';
const FORM_PATH = '/webpayserver/initTransaction';
const DECISION_PATH = '/webpayserver/fake-decision';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const WEBPAY_ERRORS = {
  // Seen from the real API in public SDK issues (transbank-sdk-nodejs #94, webpay-rest-example #6).
  invalidToken: 'Invalid value for parameter: token',
  abortedCommit: 'Transaction has an invalid finished state: aborted',
  // Same pattern as the real "Invalid status 'N' for transaction while authorizing" answers.
  unpaidCommit:
    "Invalid status '0' for transaction while authorizing. Commerce will be notified by webpay to authorize",
  // The fake's own wording (the first from the project's brief): Transbank documents these cases,
  // as HTTP 401 or 422 with an error_message, but not their text.
  alreadyCommitted: 'Transaction already locked by another process',
  statusTooOld: "The transactions's date has passed max time (7 days) to recover the status",
  unauthorized: 'Not Authorized',
  notAuthorizedForRefund: 'Transaction is not authorized',
  refundExceedsBalance: 'Amount to nullify exceeds the available balance',
  debitPartialRefund: 'Debit and prepaid transactions can only be nullified for their full balance',
  scriptedFailure: 'Scripted failure (fake)',
} as const;

export type WebpayStatus =
  | 'INITIALIZED'
  | 'AUTHORIZED'
  | 'FAILED'
  | 'REVERSED'
  | 'NULLIFIED'
  | 'PARTIALLY_NULLIFIED';

/** What happened on the payment form; Transbank's status stays INITIALIZED until the merchant commits. */
export type CardholderOutcome = 'approved' | 'rejected' | 'aborted' | 'timed_out';

export type WebpayRefund = { type: 'REVERSED' | 'NULLIFIED'; amount: number; at: Date };

export type WebpayTransaction = {
  token: string;
  buyOrder: string;
  sessionId: string;
  amount: number;
  returnUrl: string;
  createdAt: Date;
  status: WebpayStatus;
  outcome: CardholderOutcome | null;
  paidAt: Date | null;
  committedAt: Date | null;
  authorizationCode: string | null;
  responseCode: number | null;
  paymentTypeCode: string;
  balance: number;
  refunds: WebpayRefund[];
  /** Fields that the next commit answer overwrites, to test that the merchant checks them. */
  commitTamper: Record<string, unknown> | null;
};

export type WebpayFakeOptions = {
  commerceCode?: string;
  apiKey?: string;
  /** Drive it with the app's test clock to move through token expiry and refund windows. */
  now?: () => Date;
  /**
   * How the form sends token_ws back after paying or rejecting. Transbank documents GET for API 1.1
   * and later, but merchants are told to accept both, so tests can pick POST too. Aborts and
   * timeouts always come back by POST, as in Transbank's integration environment.
   */
  returnMethod?: 'GET' | 'POST';
  /** Transbank: a token lives 5 minutes; after that the form times out and the payment is aborted. */
  tokenLifetimeMs?: number;
  /** Transbank: a full refund within 3 hours of the commit is a reversal; later it is a nullification. */
  reversalWindowMs?: number;
  /** VN (credit, the default) may be nullified partially; VD/VP (debit, prepaid) only in full. */
  paymentTypeCode?: string;
};

export type BrowserAction = 'approve' | 'reject' | 'abort';

const BUTTON_LABELS: Record<BrowserAction, string> = {
  approve: 'Pagar',
  reject: 'Rechazar',
  abort: 'Anular compra',
};

export type WebpayFake = FakeServer & {
  transactions: Map<string, WebpayTransaction>;
  requests: RecordedRequest[];
  /** See FaultPlan.failNext; `only` matches "METHOD /path" of the API call. */
  failNext: (count?: number, status?: number, only?: RegExp) => void;
  delayNext: (ms: number) => void;
  /** Settles a transaction as if the cardholder paid, without a browser. */
  authorize: (token: string) => void;
  /** Settles a transaction as if the card was declined, without a browser. */
  reject: (token: string) => void;
  tamperCommit: (token: string, patch: Record<string, unknown>) => void;
  /**
   * Plays the cardholder: opens the form the way the merchant's redirect does (POST token_ws),
   * clicks a button and returns the request the browser would then make to return_url.
   */
  browse: (token: string, action: BrowserAction) => Promise<Navigation>;
};

type Answer = { status: number; body: unknown };

const error = (status: number, message: string): Answer => ({ status, body: { error_message: message } });

// The SDK concatenates the environment and its path verbatim, so the fake sees exactly these routes.
const CREATE_ROUTE = new RegExp(`^${API_PATH}$`);
const TOKEN_ROUTE = new RegExp(`^${API_PATH}/([^/]+)$`);
const REFUND_ROUTE = new RegExp(`^${API_PATH}/([^/]+)/refunds$`);
const BUY_ORDER_CHARACTERS = /^[A-Za-z0-9|_=&%.,~:/?[+!@()>-]+$/;

export async function startWebpayFake(options: WebpayFakeOptions = {}): Promise<WebpayFake> {
  const commerceCode = options.commerceCode ?? WEBPAY_INTEGRATION_COMMERCE_CODE;
  const apiKey = options.apiKey ?? WEBPAY_INTEGRATION_API_KEY;
  const now = options.now ?? (() => new Date());
  const returnMethod = options.returnMethod ?? 'GET';
  const tokenLifetimeMs = options.tokenLifetimeMs ?? 5 * MINUTE;
  const reversalWindowMs = options.reversalWindowMs ?? 3 * HOUR;
  const paymentTypeCode = options.paymentTypeCode ?? 'VN';

  const transactions = new Map<string, WebpayTransaction>();
  const requests: RecordedRequest[] = [];
  const faults = new FaultPlan();

  function expireIfIdle(tx: WebpayTransaction): void {
    if (tx.outcome === null && now().getTime() - tx.createdAt.getTime() > tokenLifetimeMs) {
      tx.outcome = 'timed_out';
    }
  }

  function settle(token: string, outcome: 'approved' | 'rejected'): void {
    const tx = transactions.get(token);
    if (!tx) throw new Error(`Unknown Webpay token ${token}`);
    tx.outcome = outcome;
    tx.paidAt = now();
  }

  function transactionBody(tx: WebpayTransaction): Record<string, unknown> {
    const when = tx.paidAt ?? tx.createdAt;
    const base = {
      amount: tx.amount,
      status: tx.status,
      buy_order: tx.buyOrder,
      session_id: tx.sessionId,
      accounting_date: accountingDate(when),
      transaction_date: when.toISOString(),
      installments_number: 0,
    };
    if (tx.committedAt === null) return base;
    return {
      vci: 'TSY',
      ...base,
      card_detail: { card_number: '6623' },
      authorization_code: tx.authorizationCode,
      payment_type_code: tx.paymentTypeCode,
      response_code: tx.responseCode,
      ...(tx.refunds.some((refund) => refund.type === 'NULLIFIED') ? { balance: tx.balance } : {}),
    };
  }

  function create(body: Record<string, unknown>): Answer {
    const unexpected = Object.keys(body).find(
      (key) => !['buy_order', 'session_id', 'amount', 'return_url'].includes(key),
    );
    if (unexpected) return error(400, `Unexpected field: ${unexpected}`);
    for (const field of ['buy_order', 'session_id', 'amount', 'return_url']) {
      if (body[field] === undefined || body[field] === null || body[field] === '') {
        return error(422, `${field} is required`);
      }
    }
    const { buy_order, session_id, amount, return_url } = body;
    if (typeof buy_order !== 'string' || buy_order.length > 26 || !BUY_ORDER_CHARACTERS.test(buy_order)) {
      return error(422, 'Invalid value for parameter: buy_order');
    }
    if (typeof session_id !== 'string' || session_id.length > 61) {
      return error(422, 'Invalid value for parameter: session_id');
    }
    // Pesos have no decimals; Transbank allows two only for USD commerce codes.
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
      return error(422, 'Invalid value for parameter: amount');
    }
    if (typeof return_url !== 'string' || return_url.length > 255 || !URL.canParse(return_url)) {
      return error(422, 'Invalid value for parameter: return_url');
    }
    const token = randomBytes(32).toString('hex');
    transactions.set(token, {
      token,
      buyOrder: buy_order,
      sessionId: session_id,
      amount,
      returnUrl: return_url,
      createdAt: now(),
      status: 'INITIALIZED',
      outcome: null,
      paidAt: null,
      committedAt: null,
      authorizationCode: null,
      responseCode: null,
      paymentTypeCode,
      balance: amount,
      refunds: [],
      commitTamper: null,
    });
    return { status: 200, body: { token, url: `${server.baseUrl}${FORM_PATH}` } };
  }

  function commit(tx: WebpayTransaction): Answer {
    expireIfIdle(tx);
    if (tx.committedAt !== null) return error(422, WEBPAY_ERRORS.alreadyCommitted);
    if (tx.outcome === null) return error(422, WEBPAY_ERRORS.unpaidCommit);
    if (tx.outcome === 'aborted' || tx.outcome === 'timed_out') {
      return error(422, WEBPAY_ERRORS.abortedCommit);
    }
    tx.committedAt = now();
    if (tx.outcome === 'approved') {
      tx.status = 'AUTHORIZED';
      tx.responseCode = 0;
      tx.authorizationCode = String(randomInt(100_000, 1_000_000));
    } else {
      tx.status = 'FAILED';
      tx.responseCode = -1;
      tx.authorizationCode = '000000';
    }
    const body = { ...transactionBody(tx), ...tx.commitTamper };
    tx.commitTamper = null;
    return { status: 200, body };
  }

  function status(tx: WebpayTransaction): Answer {
    if (now().getTime() - tx.createdAt.getTime() > 7 * DAY) return error(422, WEBPAY_ERRORS.statusTooOld);
    expireIfIdle(tx);
    return { status: 200, body: transactionBody(tx) };
  }

  function refund(tx: WebpayTransaction, body: Record<string, unknown>): Answer {
    const { amount } = body;
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
      return error(422, 'Invalid value for parameter: amount');
    }
    if (tx.status !== 'AUTHORIZED' && tx.status !== 'PARTIALLY_NULLIFIED') {
      return error(422, WEBPAY_ERRORS.notAuthorizedForRefund);
    }
    if (amount > tx.balance) return error(422, WEBPAY_ERRORS.refundExceedsBalance);
    const at = now();
    const withinReversalWindow =
      tx.committedAt !== null && at.getTime() - tx.committedAt.getTime() < reversalWindowMs;
    if (withinReversalWindow && tx.refunds.length === 0 && amount === tx.amount) {
      tx.status = 'REVERSED';
      tx.balance = 0;
      tx.refunds.push({ type: 'REVERSED', amount, at });
      return { status: 200, body: { type: 'REVERSED' } };
    }
    if ((tx.paymentTypeCode === 'VD' || tx.paymentTypeCode === 'VP') && amount !== tx.balance) {
      return error(422, WEBPAY_ERRORS.debitPartialRefund);
    }
    tx.balance -= amount;
    tx.status = tx.balance === 0 ? 'NULLIFIED' : 'PARTIALLY_NULLIFIED';
    tx.refunds.push({ type: 'NULLIFIED', amount, at });
    return {
      status: 200,
      body: {
        type: 'NULLIFIED',
        authorization_code: String(randomInt(100_000, 1_000_000)),
        authorization_date: at.toISOString(),
        nullified_amount: amount,
        balance: tx.balance,
        response_code: 0,
      },
    };
  }

  async function api(req: IncomingMessage, pathname: string, rawBody: string): Promise<Answer> {
    const failure = await faults.apply(`${req.method ?? 'GET'} ${pathname}`);
    if (failure !== undefined) return error(failure, WEBPAY_ERRORS.scriptedFailure);
    if (req.headers['tbk-api-key-id'] !== commerceCode || req.headers['tbk-api-key-secret'] !== apiKey) {
      return error(401, WEBPAY_ERRORS.unauthorized);
    }
    let body: Record<string, unknown> = {};
    if (rawBody !== '') {
      if (!req.headers['content-type']?.includes('application/json')) {
        return error(415, 'Unsupported Media Type');
      }
      try {
        body = JSON.parse(rawBody) as Record<string, unknown>;
      } catch {
        return error(400, 'Invalid JSON');
      }
    }
    const method = req.method ?? 'GET';
    if (CREATE_ROUTE.test(pathname)) {
      return method === 'POST' ? create(body) : error(405, 'Method Not Allowed');
    }
    const refundRoute = REFUND_ROUTE.exec(pathname);
    const token = refundRoute?.[1] ?? TOKEN_ROUTE.exec(pathname)?.[1];
    if (token === undefined) return error(404, 'Not Found');
    const tx = transactions.get(token);
    if (!tx) return error(422, WEBPAY_ERRORS.invalidToken);
    if (refundRoute) return method === 'POST' ? refund(tx, body) : error(405, 'Method Not Allowed');
    if (method === 'PUT') return commit(tx);
    if (method === 'GET') return status(tx);
    return error(405, 'Method Not Allowed');
  }

  function formPage(token: string | null): PageReply {
    const tx = transactions.get(token ?? '');
    if (!tx) return { status: 404, html: page('<p>Transacción no encontrada.</p>') };
    expireIfIdle(tx);
    if (tx.outcome !== null) return decisionAnswer(tx);
    const buttons = (['approve', 'reject', 'abort'] as const)
      .map(
        (action) =>
          `<form method="post" action="${DECISION_PATH}">${hiddenInputs({ token_ws: tx.token, action })}` +
          `<button type="submit">${BUTTON_LABELS[action]}</button></form>`,
      )
      .join('');
    const summary = `<p>Orden de compra ${escapeHtml(tx.buyOrder)}</p><p>Monto: $${tx.amount.toLocaleString('es-CL')}</p>`;
    return { status: 200, html: page(`${summary}${buttons}`) };
  }

  // Where the cardholder goes once the form is done with them; the shapes are Transbank's documented
  // "resumen de flujos".
  function decisionAnswer(tx: WebpayTransaction): PageReply {
    const back = (fields: Record<string, string>) => ({
      status: 200,
      html: autoPostPage(tx.returnUrl, fields),
    });
    if (tx.outcome === 'aborted') {
      return back({ TBK_TOKEN: tx.token, TBK_ORDEN_COMPRA: tx.buyOrder, TBK_ID_SESION: tx.sessionId });
    }
    if (tx.outcome === 'timed_out') {
      return back({ TBK_ORDEN_COMPRA: tx.buyOrder, TBK_ID_SESION: tx.sessionId });
    }
    if (returnMethod === 'POST') return back({ token_ws: tx.token });
    const url = new URL(tx.returnUrl);
    url.searchParams.set('token_ws', tx.token);
    return { redirectTo: url.toString() };
  }

  function decide(form: URLSearchParams): PageReply {
    const tx = transactions.get(form.get('token_ws') ?? '');
    if (!tx) return { status: 404, html: page('<p>Transacción no encontrada.</p>') };
    expireIfIdle(tx);
    if (tx.outcome === null) {
      const action = form.get('action');
      if (action === 'approve') settle(tx.token, 'approved');
      else if (action === 'reject') settle(tx.token, 'rejected');
      else tx.outcome = 'aborted';
    }
    return decisionAnswer(tx);
  }

  const server = await listen(async (req, res, rawBody) => {
    recordRequest(requests, req, res, rawBody);
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.startsWith(API_PATH)) {
      const answer = await api(req, url.pathname, rawBody);
      sendJson(res, answer.status, answer.body);
    } else if (url.pathname === FORM_PATH) {
      // The merchant's redirect posts token_ws; Transbank also documents a GET for API 1.1 and later.
      const form = req.method === 'POST' ? new URLSearchParams(rawBody) : url.searchParams;
      sendPage(res, formPage(form.get('token_ws')));
    } else if (url.pathname === DECISION_PATH && req.method === 'POST') {
      sendPage(res, decide(new URLSearchParams(rawBody)));
    } else {
      sendPage(res, { status: 404, html: page('<p>Página no encontrada.</p>') });
    }
  });

  return {
    ...server,
    transactions,
    requests,
    failNext: (count, statusCode, only) => faults.failNext(count, statusCode, only),
    delayNext: (ms) => faults.delayNext(ms),
    authorize: (token) => settle(token, 'approved'),
    reject: (token) => settle(token, 'rejected'),
    tamperCommit: (token, patch) => {
      const tx = transactions.get(token);
      if (!tx) throw new Error(`Unknown Webpay token ${token}`);
      tx.commitTamper = patch;
    },
    browse: async (token, action) => {
      const formUrl = `${server.baseUrl}${FORM_PATH}`;
      const opened = await fetch(formUrl, {
        method: 'POST',
        body: new URLSearchParams({ token_ws: token }),
        redirect: 'manual',
      });
      const html = await opened.clone().text();
      // An expired or already used token sends the browser straight back instead of showing buttons.
      const navigation =
        (await navigationFrom(opened)) ??
        (await navigationFrom(await clickButton(formUrl, html, BUTTON_LABELS[action])));
      if (!navigation) throw new Error('The Webpay form did not send the browser back to the merchant');
      return navigation;
    },
  };
}

function page(content: string): string {
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Webpay</title><link rel="icon" href="data:,"></head><body>${content}</body></html>`;
}

// Transbank's accounting date is the Chilean calendar day, as MMDD.
function accountingDate(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Santiago',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('month')}${part('day')}`;
}
