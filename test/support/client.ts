import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A cookie-keeping client over app.inject(), like a browser: it remembers cookies, and for a POST
 * it sends the CSRF token the way our forms do (hidden `_csrf` field), taken from the readable
 * `csrftoken` cookie after visiting a page.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse) {
    for (const c of response.cookies) {
      if (c.expires && new Date(c.expires).getTime() < Date.now()) this.cookies.delete(c.name);
      else if (c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.remember(response);
    return response;
  }

  /** The current CSRF token, fetching a page first when the client has none yet. */
  async csrfToken(): Promise<string> {
    if (!this.cookies.has('csrftoken')) await this.get('/login/');
    return this.cookies.get('csrftoken')!;
  }

  /** POSTs a form (urlencoded). `csrf: false` sends no token; a string sends that token. */
  async post(
    url: string,
    form: Record<string, string | string[]> = {},
    options: { csrf?: boolean | string; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    const params = new URLSearchParams();
    if (options.csrf !== false)
      params.set('_csrf', typeof options.csrf === 'string' ? options.csrf : await this.csrfToken());
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
    }
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: params.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader(),
        ...options.headers,
      },
    });
    this.remember(response);
    return response;
  }

  /** Follows a 303/302 from a previous response and returns the page it leads to. */
  async follow(response: LightMyRequestResponse): Promise<LightMyRequestResponse> {
    const location = response.headers.location;
    if (!location) throw new Error(`Expected a redirect, got ${response.statusCode}`);
    return this.get(String(location));
  }

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    const response = await this.post('/login/', { username, password });
    if (response.statusCode !== 303) throw new Error(`Login failed for ${username}: ${response.statusCode}`);
    return response;
  }
}
