import http from 'node:http';
import https from 'node:https';

export type HttpResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The raw Set-Cookie lines, to check their attributes (Secure, HttpOnly …). */
  setCookies: string[];
  body: string;
};

/**
 * A browser-like client over real sockets (http or https with a self-signed certificate): keeps
 * cookies exactly as a browser would — a Secure cookie is stored, but never sent back over plain
 * http — and posts forms with the CSRF token from the readable `csrftoken` cookie.
 */
export class HttpSession {
  private readonly jar = new Map<string, { value: string; secure: boolean }>();

  constructor(
    readonly baseUrl: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  cookie(name: string): string | undefined {
    return this.jar.get(name)?.value;
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request('GET', path, undefined, headers);
  }

  async post(path: string, form: Record<string, string> = {}, headers: Record<string, string> = {}) {
    const body = new URLSearchParams({ _csrf: this.cookie('csrftoken') ?? '', ...form }).toString();
    return this.request('POST', path, body, {
      'content-type': 'application/x-www-form-urlencoded',
      origin: new URL(this.baseUrl).origin,
      ...headers,
    });
  }

  private request(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<HttpResponse> {
    const url = new URL(path, this.baseUrl);
    const overTls = url.protocol === 'https:';
    const cookie = [...this.jar]
      .filter(([, c]) => overTls || !c.secure)
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const send = overTls ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method,
          rejectUnauthorized: false,
          headers: { ...this.extraHeaders, ...headers, ...(cookie ? { cookie } : {}) },
        },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (data += chunk));
          res.on('end', () => {
            const setCookies = res.headers['set-cookie'] ?? [];
            for (const line of setCookies) this.store(line);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, setCookies, body: data });
          });
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  private store(line: string) {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    const expired = attributes.some(
      (a) => /^expires=/i.test(a) && new Date(a.slice(8)).getTime() < Date.now(),
    );
    if (!value || expired) this.jar.delete(name);
    else this.jar.set(name, { value, secure: attributes.some((a) => a.toLowerCase() === 'secure') });
  }
}
