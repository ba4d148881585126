import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { type ParsedMail, parseMail } from './mime';

/**
 * A real SMTP server inside the test process. `mode` switches how it answers: accept, refuse
 * every recipient with a temporary 451, or refuse with a permanent 550. `stop()` closes it
 * (connections are then refused) and `start()` opens it again on the same port.
 */

export type ReceivedMail = { envelopeTo: string[]; raw: string; mail: ParsedMail };

export type SmtpTestServer = {
  url: string;
  port: number;
  received: ReceivedMail[];
  mode: 'accept' | 'temporary-failure' | 'permanent-failure';
  /** Milliseconds the server waits before accepting each message (a slow server). */
  delayMs: number;
  start: () => Promise<void>;
  stop: () => Promise<void>;
};

export async function startSmtpTestServer(port = 0): Promise<SmtpTestServer> {
  let server: SMTPServer | undefined;
  const state: SmtpTestServer = {
    url: '',
    port,
    received: [],
    mode: 'accept',
    delayMs: 0,
    start: async () => {
      server = new SMTPServer({
        disabledCommands: ['STARTTLS'],
        authOptional: true,
        logger: false,
        onRcptTo(address, _session, callback) {
          if (state.mode === 'temporary-failure') {
            const error = new Error('Servicio no disponible temporalmente, intente más tarde') as Error & {
              responseCode: number;
            };
            error.responseCode = 451;
            return callback(error);
          }
          if (state.mode === 'permanent-failure') {
            const error = new Error(`Mailbox ${address.address} does not exist`) as Error & {
              responseCode: number;
            };
            error.responseCode = 550;
            return callback(error);
          }
          callback();
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            const finish = () => {
              state.received.push({
                envelopeTo: session.envelope.rcptTo.map((r) => r.address),
                raw,
                mail: parseMail(raw),
              });
              callback();
            };
            if (state.delayMs > 0) setTimeout(finish, state.delayMs);
            else finish();
          });
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(state.port, '127.0.0.1', () => resolve());
      });
      state.port = (server.server.address() as AddressInfo).port;
      state.url = `smtp://127.0.0.1:${state.port}`;
    },
    stop: async () => {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await state.start();
  return state;
}
