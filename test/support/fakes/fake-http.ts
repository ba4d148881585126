// Plumbing shared by the payment-provider fakes: a loopback server, the request log, scripted
// faults, and a "browser" that clicks through the providers' hosted pages. Hosted pages are plain
// HTML forms so a test can drive them with fetch, and a real browser (Playwright) can too.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export type RecordedRequest = {
  method: string;
  /** Path and query string, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Status the fake answered with; undefined while the request is still being handled. */
  status?: number;
};

/** The request a browser makes to the merchant when a provider's page sends it back. */
export type Navigation = {
  method: 'GET' | 'POST';
  url: string;
  fields: Record<string, string>;
};

export type FakeServer = {
  baseUrl: string;
  close: () => Promise<void>;
};

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => Promise<void>;

export async function listen(handler: Handler): Promise<FakeServer> {
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => handler(req, res, body))
      .catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { message: String(error) });
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets from the SDKs' HTTP agents would otherwise hold close() open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function recordRequest(
  log: RecordedRequest[],
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
): void {
  const entry: RecordedRequest = {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    body,
  };
  log.push(entry);
  res.on('finish', () => {
    entry.status = res.statusCode;
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** What a hosted page answers a browser: a page, or a redirect. */
export type PageReply = { status: number; html: string } | { redirectTo: string };

export function sendPage(res: ServerResponse, reply: PageReply): void {
  if ('redirectTo' in reply) {
    res.writeHead(302, { location: reply.redirectTo });
    res.end();
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(reply.html);
}

/**
 * Faults a test scripts for the next API calls (never for hosted pages, so a browser step cannot
 * eat a fault meant for the SDK). A delayed request is still processed after the delay even if the
 * client gave up: that is how a provider behaves when only its answer is lost.
 */
export class FaultPlan {
  private readonly failures: { status: number; only?: RegExp }[] = [];
  private readonly delays: number[] = [];

  /**
   * The next `count` API calls answer `status`. With `only` ("POST /v1/payments/123/refunds"), only
   * calls whose method and path match it fail, so a test can fail one step of a flow (the refund
   * after a commit) without scripting the calls before it.
   */
  failNext(count = 1, status = 500, only?: RegExp): void {
    for (let i = 0; i < count; i++) this.failures.push({ status, ...(only ? { only } : {}) });
  }

  delayNext(ms: number): void {
    this.delays.push(ms);
  }

  async apply(call = ''): Promise<number | undefined> {
    const delay = this.delays.shift();
    if (delay) await sleep(delay);
    const index = this.failures.findIndex((f) => !f.only || f.only.test(call));
    return index === -1 ? undefined : this.failures.splice(index, 1)[0]!.status;
  }
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

export function hiddenInputs(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
}

/** A page that makes the browser POST `fields` to `url`, the way hosted checkouts return by POST. */
export function autoPostPage(url: string, fields: Record<string, string>): string {
  return `<!doctype html><html><head><link rel="icon" href="data:,"></head><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(
    url,
  )}">${hiddenInputs(fields)}<noscript><button type="submit">Continuar</button></noscript></form></body></html>`;
}

type PageForm = { action: string; fields: Record<string, string>; label: string };

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return match?.[1] === undefined ? undefined : unescapeHtml(match[1]);
}

// Reads only the markup these fakes write (one submit button per form), not arbitrary HTML.
function readForms(html: string): PageForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map(([, tag = '', inner = '']) => {
    const fields: Record<string, string> = {};
    for (const [input = ''] of inner.matchAll(/<input\b[^>]*>/g)) {
      const name = attribute(input, 'name');
      if (name !== undefined) fields[name] = attribute(input, 'value') ?? '';
    }
    const label = /<button\b[^>]*>([\s\S]*?)<\/button>/.exec(inner)?.[1]?.trim() ?? '';
    return { action: attribute(tag, 'action') ?? '', fields, label };
  });
}

/** Submits the form of the button labelled `label` on a hosted page, as a browser would. */
export async function clickButton(pageUrl: string, html: string, label: string): Promise<Response> {
  const form = readForms(html).find((candidate) => candidate.label === label);
  if (!form) throw new Error(`No button "${label}" on ${pageUrl}`);
  return fetch(new URL(form.action, pageUrl), {
    method: 'POST',
    body: new URLSearchParams(form.fields),
    redirect: 'manual',
  });
}

/** Turns a provider's answer (a redirect or an auto-submitting form) into the browser's next request. */
export async function navigationFrom(response: Response): Promise<Navigation | null> {
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location) {
    const url = new URL(location);
    return { method: 'GET', url: url.toString(), fields: Object.fromEntries(url.searchParams) };
  }
  return navigationFromPage(await response.text());
}

/** The POST an auto-submitting page makes the browser send, or null for any other page. */
function navigationFromPage(html: string): Navigation | null {
  if (!html.includes('document.forms[0].submit()')) return null;
  const [form] = readForms(html);
  if (!form) return null;
  return { method: 'POST', url: form.action, fields: form.fields };
}

/** Performs the browser's request to the merchant, for tests whose merchant is a real server. */
export function followNavigation(navigation: Navigation): Promise<Response> {
  if (navigation.method === 'GET') return fetch(navigation.url, { redirect: 'manual' });
  return fetch(navigation.url, {
    method: 'POST',
    body: new URLSearchParams(navigation.fields),
    redirect: 'manual',
  });
}
