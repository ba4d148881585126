// mercadopago@3 has no base-URL setting: every client builds `${AppConfig.BASE_URL}${endpoint}` with
// BASE_URL hard-coded to https://api.mercadopago.com, then calls the global fetch. What it does
// allow is extra keys in MercadoPagoConfig.options: RestClient.fetch hands every option it does not
// know straight to fetch() as RequestInit. Node's fetch (undici) accepts a `dispatcher` there, so a
// dispatcher that rewrites the origin points one client at another server while the rest of the
// process, and the SDK's own code, stay untouched:
//   new MercadoPagoConfig({ accessToken, options: { ...mercadoPagoBaseUrlOptions(fake.baseUrl) } })
// The SDK still believes it talks to https://api.mercadopago.com; only the connection moves. If a
// future SDK stops passing unknown options through, requests leave for the real host (unreachable in
// tests) and the fake sees nothing: test/payments-fakes.unit.test.ts fails at once, so run it on any
// upgrade of mercadopago (pinned exactly in package.json). MERCADOPAGO_BASE_URL selects this.
// Rejected: overwriting the SDK's AppConfig.BASE_URL through a deep import (process-wide, an internal
// path, and a cast past `readonly`) and replacing globalThis.fetch (process-wide).

type DispatchOptions = { origin?: string | URL; path: string };
type Dispatcher = { dispatch: (options: DispatchOptions, handler: unknown) => boolean };

// undici keeps the dispatcher behind Node's fetch here, so that Node's bundled copy and the npm
// package share it; it exists once fetch has loaded undici, which happens before any dispatch.
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

export function mercadoPagoBaseUrlOptions(baseUrl: string): { dispatcher: Dispatcher } {
  const target = new URL(baseUrl);
  const prefix = target.pathname.replace(/\/$/, '');
  return {
    dispatcher: {
      dispatch(options, handler) {
        const inner = (globalThis as Record<symbol, Dispatcher | undefined>)[GLOBAL_DISPATCHER];
        if (!inner) throw new Error('No global undici dispatcher: call this only from fetch');
        return inner.dispatch(
          { ...options, origin: target.origin, path: `${prefix}${options.path}` },
          handler,
        );
      },
    },
  };
}
