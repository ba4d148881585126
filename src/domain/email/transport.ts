import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { Config } from '../../config';

/**
 * nodemailer is loaded with the first message, not with the process: most requests never send
 * mail, and it is ~15 MB of a process's memory (issue 15).
 */
async function createTransporter(options: object): Promise<Transporter> {
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport(options);
}

/** A transporter made on first use and reused after. */
function lazyTransporter(options: object) {
  let made: Promise<Transporter> | undefined;
  return {
    get: () => {
      made ??= createTransporter(options);
      return made;
    },
    close: () => {
      void made?.then((t) => t.close());
    },
  };
}

/**
 * How a message leaves TMM: SMTP when SMTP_URL is set, otherwise (development) a real MIME `.eml`
 * file under DATA_DIR/mail that any mail program opens. Only the outbox worker calls this, never a
 * request, so a slow or dead server delays e-mail but never a page.
 */

export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Stable per outbox row: if a crash forces a resend, mail programs can recognise the copy. */
  messageId: string;
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: string; encoding?: 'base64' }[];
};

export type MailTransport = {
  /** Where mail goes, for logs ("smtp://mail.example:587", "archivos en data/mail"). */
  describe: string;
  /** Resolves when the message was accepted; rejects with the server's error otherwise. */
  send: (email: OutgoingEmail) => Promise<{ savedTo?: string }>;
  close: () => void;
};

/** Timeouts that keep one unreachable server from holding the worker for minutes (the defaults). */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

const toNodemailer = (email: OutgoingEmail) => ({
  from: email.from,
  to: email.to,
  subject: email.subject,
  text: email.text,
  ...(email.html ? { html: email.html } : {}),
  messageId: email.messageId,
  headers: email.headers,
  attachments: email.attachments.map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    content: a.content,
    ...(a.encoding ? { encoding: a.encoding } : {}),
  })),
});

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = lazyTransporter({ url: smtpUrl, ...SMTP_TIMEOUTS });
  const safe = new URL(smtpUrl);
  safe.username = '';
  safe.password = '';
  return {
    describe: safe.toString(),
    send: async (email) => {
      await (await transporter.get()).sendMail(toNodemailer(email));
      return {};
    },
    close: transporter.close,
  };
}

/** Development: each message becomes DATA_DIR/mail/<time>-<id>.eml (open it with any mail app). */
export function fileTransport(dir: string): MailTransport {
  const transporter = lazyTransporter({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    describe: `archivos .eml en ${dir}`,
    send: async (email) => {
      const info = await (await transporter.get()).sendMail(toNodemailer(email));
      await mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const safeId = email.messageId.replace(/[^\w.-]/g, '_').slice(0, 80);
      const file = path.join(dir, `${stamp}-${safeId}.eml`);
      await writeFile(file, info.message as Buffer);
      return { savedTo: file };
    },
    close: transporter.close,
  };
}

export function createMailTransport(config: Pick<Config, 'smtpUrl' | 'dataDir'>): MailTransport {
  return config.smtpUrl ? smtpTransport(config.smtpUrl) : fileTransport(path.join(config.dataDir, 'mail'));
}
