import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string };

/**
 * A real HTTP receiver on 127.0.0.1 for the webhook tests: answers each request with the next
 * status of `answers` (the last one repeats) and keeps what it received.
 */
export async function startWebhookReceiver(answers: number[] = [200], options: { delayMs?: number } = {}) {
  const received: ReceivedWebhook[] = [];
  const queue = [...answers];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = queue.length > 1 ? queue.shift()! : queue[0]!;
      setTimeout(() => {
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(status >= 300 ? `respuesta ${status} del receptor` : 'ok');
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answer: (...statuses: number[]) => queue.splice(0, queue.length, ...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
