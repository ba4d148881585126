import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Everything else receives a typed Config.
 * A bad value stops start-up with one Spanish/English line naming the variable,
 * instead of failing later deep inside a request.
 */

const booleanish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const positiveInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const baseUrl = z
  .url({ protocol: /^https?$/, message: 'debe ser una URL http(s) absoluta, sin barra final' })
  .transform((v) => v.replace(/\/+$/, ''));

// Transbank's public integration credentials for Webpay Plus (transbank-sdk 6.1.1,
// IntegrationCommerceCodes.WEBPAY_PLUS and IntegrationApiKeys.WEBPAY); they only work against
// https://webpay3gint.transbank.cl, where no real money moves.
export const WEBPAY_INTEGRATION_COMMERCE_CODE = '597055555532';
export const WEBPAY_INTEGRATION_API_KEY = '579B532A7440BB0C9079DED94D31EA1615BACEB56610332264630D42D0A36B1C';
const WEBPAY_HOSTS = {
  integration: 'https://webpay3gint.transbank.cl',
  production: 'https://webpay3g.transbank.cl',
} as const;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v) || v.startsWith('sqlite:'), {
      message: 'debe empezar con postgres:// (PostgreSQL) o sqlite: (archivo SQLite)',
    })
    .optional(),
  SESSION_SECRET: z.string().min(32, { message: 'debe tener al menos 32 caracteres' }).optional(),
  PUBLIC_URL: z.url({ message: 'debe ser una URL absoluta, por ejemplo https://tmm.cl' }).optional(),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), { message: 'debe empezar con smtp:// o smtps://' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('TMM Bienestar y Conexión <hola@tmm.cl>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: booleanish.optional(),
  IN_PROCESS_WORKER: booleanish.default(true),
  TRUST_PROXY: booleanish.default(false),
  REQUIRE_HTTPS: booleanish.default(false),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  WORKSHOP_REMINDER_HOURS: positiveInt(24),
  PAYMENT_REMINDER_DAYS: positiveInt(3),
  ORDER_EXPIRY_HOURS: positiveInt(2),
  WAITLIST_HOLD_HOURS: positiveInt(12),
  CENTRE_ADDRESS: z.string().trim().min(5).max(200).default('Almirante Montt 123, Cerro Alegre, Valparaíso'),
  CENTRE_PICKUP_HOURS: z.string().trim().min(5).max(200).default('Martes a sábado, de 11:00 a 19:00 hrs'),
  CENTRE_WHATSAPP: z
    .string()
    .regex(/^\+[1-9][\d ]{7,19}$/, {
      message: 'debe ser un número internacional con +, por ejemplo +56 9 1234 5678',
    })
    .default('+56 9 1234 5678'),
  CENTRE_INSTAGRAM: z
    .string()
    .regex(/^@?[A-Za-z0-9._]{1,30}$/, {
      message: 'debe ser un usuario de Instagram, por ejemplo tmm.bienestar',
    })
    .transform((v) => v.replace(/^@/, ''))
    .default('tmmbienestaryconexion'),
  CENTRE_EMAIL: z
    .email({ message: 'debe ser un correo válido, por ejemplo hola@tmm.cl' })
    .default('tmmbienestaryconexion@gmail.com'),
  WEBPAY_ENVIRONMENT: z.enum(['integration', 'production']).optional(),
  WEBPAY_COMMERCE_CODE: z
    .string()
    .regex(/^\d{12}$/, { message: 'debe ser el código de comercio de 12 dígitos' })
    .optional(),
  WEBPAY_API_KEY: z
    .string()
    .min(16, { message: 'debe ser la llave secreta que entregó Transbank' })
    .optional(),
  WEBPAY_BASE_URL: baseUrl.optional(),
  MERCADOPAGO_ACCESS_TOKEN: z
    .string()
    .regex(/^(APP_USR|TEST)-[\w-]+$/, { message: 'debe ser un Access Token (APP_USR-… o TEST-…)' })
    .optional(),
  MERCADOPAGO_WEBHOOK_SECRET: z
    .string()
    .min(16, { message: 'debe ser la clave secreta de los webhooks' })
    .optional(),
  MERCADOPAGO_BASE_URL: baseUrl.optional(),
  PAYMENT_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  sessionSecret: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  seedDemo: boolean;
  /** Run background jobs (outbox, expiries, reminders) inside the web process. */
  inProcessWorker: boolean;
  trustProxy: boolean;
  /** Answer plain-http requests with a redirect to https (health checks excepted). */
  requireHttps: boolean;
  /** Serve https directly with this certificate and key (PEM files) instead of plain http. */
  tls: { certFile: string; keyFile: string } | null;
  workshopReminderHours: number;
  paymentReminderDays: number;
  orderExpiryHours: number;
  waitlistHoldHours: number;
  payments: PaymentsConfig;
  /** The centre as customers reach it: shown in the footer and on the legal pages. */
  centre: CentreConfig;
};

/**
 * The online payment providers this installation can use (staff then choose which customers see).
 * A provider is null when it is not configured. The base URLs are where each SDK sends its requests:
 * the provider's own host unless WEBPAY_BASE_URL / MERCADOPAGO_BASE_URL point it elsewhere (the local
 * fakes in tests, a staging proxy).
 */
export type PaymentsConfig = {
  webpay: {
    environment: 'integration' | 'production';
    commerceCode: string;
    apiKey: string;
    baseUrl: string;
  } | null;
  mercadoPago: { accessToken: string; webhookSecret: string; baseUrl: string | null } | null;
  /** How long one request to a provider may take before the attempt is left for the sweeper. */
  timeoutMs: number;
};

export type CentreConfig = {
  address: string;
  /** When kit orders are picked up at the studio, as customers read it ("Martes a sábado, de 11:00 a 19:00 hrs"). */
  pickupHours: string;
  /** International format as typed, "+56 9 1234 5678"; links use its digits (wa.me/56912345678). */
  whatsapp: string;
  /** Instagram user name, without the @. */
  instagram: string;
  email: string;
};

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  // Empty strings mean "unset": compose files and shells often export VAR= .
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? '?');
    throw new ConfigError(
      `Configuración inválida: ${name}=${JSON.stringify(cleaned[name] ?? '')} ${issue.message}`,
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);

  let database: Config['database'];
  if (e.DATABASE_URL?.startsWith('sqlite:')) {
    database = { dialect: 'sqlite', file: path.resolve(e.DATABASE_URL.slice('sqlite:'.length)) };
  } else if (e.DATABASE_URL) {
    database = { dialect: 'postgres', url: e.DATABASE_URL };
  } else {
    database = { dialect: 'sqlite', file: path.join(dataDir, 'tmm.sqlite') };
  }

  let sessionSecret = e.SESSION_SECRET;
  if (!sessionSecret) {
    if (e.NODE_ENV === 'production') {
      throw new ConfigError(
        'Configuración inválida: SESSION_SECRET es obligatorio en producción (32+ caracteres)',
      );
    }
    sessionSecret = devSessionSecret(dataDir, e.NODE_ENV === 'test');
  }

  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
    throw new ConfigError(
      'Configuración inválida: TLS_CERT_FILE y TLS_KEY_FILE van juntos (certificado y clave en PEM)',
    );
  }
  const tls =
    e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE } : null;

  const payments = paymentsConfig(e);

  const publicUrl = (
    e.PUBLIC_URL ?? `${tls ? 'https' : 'http'}://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`
  ).replace(/\/+$/, '');

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    sessionSecret,
    publicUrl,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO ?? e.NODE_ENV === 'development',
    inProcessWorker: e.IN_PROCESS_WORKER,
    trustProxy: e.TRUST_PROXY,
    requireHttps: e.REQUIRE_HTTPS,
    tls,
    workshopReminderHours: e.WORKSHOP_REMINDER_HOURS,
    paymentReminderDays: e.PAYMENT_REMINDER_DAYS,
    orderExpiryHours: e.ORDER_EXPIRY_HOURS,
    waitlistHoldHours: e.WAITLIST_HOLD_HOURS,
    centre: {
      address: e.CENTRE_ADDRESS,
      pickupHours: e.CENTRE_PICKUP_HOURS,
      whatsapp: e.CENTRE_WHATSAPP.replace(/\s+/g, ' ').trim(),
      instagram: e.CENTRE_INSTAGRAM,
      email: e.CENTRE_EMAIL,
    },
    payments,
  };
}

function paymentsConfig(e: z.infer<typeof envSchema>): PaymentsConfig {
  let webpay: PaymentsConfig['webpay'] = null;
  const environment = e.WEBPAY_ENVIRONMENT;
  if (environment === 'production' && !(e.WEBPAY_COMMERCE_CODE && e.WEBPAY_API_KEY)) {
    throw new ConfigError(
      'Configuración inválida: WEBPAY_ENVIRONMENT=production necesita WEBPAY_COMMERCE_CODE y WEBPAY_API_KEY (los que entregó Transbank)',
    );
  }
  if (!environment && (e.WEBPAY_COMMERCE_CODE || e.WEBPAY_API_KEY)) {
    throw new ConfigError(
      'Configuración inválida: WEBPAY_COMMERCE_CODE y WEBPAY_API_KEY necesitan WEBPAY_ENVIRONMENT (integration o production)',
    );
  }
  if (environment) {
    webpay = {
      environment,
      commerceCode: e.WEBPAY_COMMERCE_CODE ?? WEBPAY_INTEGRATION_COMMERCE_CODE,
      apiKey: e.WEBPAY_API_KEY ?? WEBPAY_INTEGRATION_API_KEY,
      baseUrl: e.WEBPAY_BASE_URL ?? WEBPAY_HOSTS[environment],
    };
  }
  let mercadoPago: PaymentsConfig['mercadoPago'] = null;
  if (Boolean(e.MERCADOPAGO_ACCESS_TOKEN) !== Boolean(e.MERCADOPAGO_WEBHOOK_SECRET)) {
    // Without the secret no webhook can be verified, and an unverified webhook must not move money.
    throw new ConfigError(
      'Configuración inválida: MERCADOPAGO_ACCESS_TOKEN y MERCADOPAGO_WEBHOOK_SECRET van juntos (Tus integraciones › Webhooks › Clave secreta)',
    );
  }
  if (e.MERCADOPAGO_ACCESS_TOKEN && e.MERCADOPAGO_WEBHOOK_SECRET) {
    mercadoPago = {
      accessToken: e.MERCADOPAGO_ACCESS_TOKEN,
      webhookSecret: e.MERCADOPAGO_WEBHOOK_SECRET,
      baseUrl: e.MERCADOPAGO_BASE_URL ?? null,
    };
  }
  return { webpay, mercadoPago, timeoutMs: e.PAYMENT_PROVIDER_TIMEOUT_MS };
}

/** In development the secret is generated once and kept, so sessions survive restarts. */
function devSessionSecret(dataDir: string, ephemeral: boolean): string {
  if (ephemeral) return randomBytes(32).toString('hex');
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
