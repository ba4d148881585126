import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks (standardwebhooks.com): a secret is "whsec_" and the base64 of random bytes;
 * a request is signed with HMAC-SHA256, keyed by the secret's decoded bytes, over
 * "<webhook-id>.<webhook-timestamp>.<body>", and sent as "v1,<base64 signature>". Following the
 * convention lets a receiver verify us with any of its reference libraries instead of our own code.
 */
const PREFIX = 'whsec_';

/** A fresh endpoint secret: 24 random bytes, the size the reference libraries generate. */
export const newWebhookSecret = () => `${PREFIX}${randomBytes(24).toString('base64')}`;

/** A message id, the same on every retry of one delivery so receivers can drop duplicates. */
export const newMessageId = () => `msg_${randomBytes(16).toString('base64url')}`;

/** The `webhook-signature` header value of one request. */
export function signWebhook(
  secret: string,
  messageId: string,
  timestampSeconds: number,
  body: string,
): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  const signature = createHmac('sha256', key)
    .update(`${messageId}.${timestampSeconds}.${body}`)
    .digest('base64');
  return `v1,${signature}`;
}

/** The three headers of one attempt: the timestamp is the attempt's, not the event's. */
export function webhookHeaders(
  secret: string,
  messageId: string,
  at: Date,
  body: string,
): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, messageId, timestamp, body),
  };
}
