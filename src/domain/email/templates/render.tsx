import { renderToString } from 'preact-render-to-string';
import {
  passwordReset,
  signupConfirmation,
  signupExistingAccount,
  verifyEmail,
  welcome,
} from './account.templates';
import { type Block, type Email, TEAM_SIGNATURE, type Template } from './content';
import {
  bookingConfirmation,
  cancellation,
  certificateIssued,
  enrollmentConfirmation,
  waitlistOffer,
  workshopChanged,
  workshopReminder,
} from './enrollments.templates';
import { giftCardIssued } from './gift-cards.templates';
import { EmailLayout } from './layout';
import { staffMessage } from './messages.templates';
import { orderDelivered, orderPrepared, orderReadyForPickup, orderShipped } from './orders.templates';
import { packExpiryReminder } from './packs.templates';
import {
  latePaymentRefunded,
  orderReceipt,
  paymentAlert,
  paymentReceipt,
  paymentReminder,
  refundReceipt,
} from './payments.templates';
import { emailText } from './text';
import type { RenderedEmail, TemplateData, TemplateName } from './types';
import { webhookDisabled } from './webhooks.templates';

// A complete record: a template added to types.ts without its content here fails to compile.
const TEMPLATES: { [T in TemplateName]: Template<T> } = {
  welcome,
  verify_email: verifyEmail,
  signup_confirmation: signupConfirmation,
  signup_existing_account: signupExistingAccount,
  password_reset: passwordReset,
  enrollment_confirmation: enrollmentConfirmation,
  booking_confirmation: bookingConfirmation,
  payment_receipt: paymentReceipt,
  order_receipt: orderReceipt,
  order_prepared: orderPrepared,
  order_ready_for_pickup: orderReadyForPickup,
  order_shipped: orderShipped,
  order_delivered: orderDelivered,
  cancellation,
  refund_receipt: refundReceipt,
  late_payment_refunded: latePaymentRefunded,
  payment_alert: paymentAlert,
  waitlist_offer: waitlistOffer,
  workshop_reminder: workshopReminder,
  payment_reminder: paymentReminder,
  workshop_changed: workshopChanged,
  staff_message: staffMessage,
  pack_expiry_reminder: packExpiryReminder,
  webhook_disabled: webhookDisabled,
  certificate_issued: certificateIssued,
  gift_card_issued: giftCardIssued,
};

/**
 * Renders a template to subject, plain text and HTML. Pure: the caller passes the public URL
 * that makes links absolute. The HTML is the EmailLayout component rendered by Preact, with the
 * escaping every page gets; the text part is written from the same blocks.
 */
export function renderTemplate<T extends TemplateName>(
  template: T,
  data: TemplateData[T],
  publicUrl: string,
): RenderedEmail {
  const base = publicUrl.replace(/\/+$/, '');
  // Paths become absolute; an absolute http(s) link is kept as given.
  const url = (path: string) =>
    /^https?:\/\//i.test(path) ? path : `${base}${path.startsWith('/') ? '' : '/'}${path}`;
  const content = TEMPLATES[template](data, url);
  const email: Email = {
    ...content,
    blocks: content.blocks.filter((block): block is Block => block !== null),
    signature: content.signature ?? TEAM_SIGNATURE,
    unsubscribeUrl: content.unsubscribeUrl ?? null,
    siteUrl: `${base}/`,
  };
  return {
    subject: email.subject,
    text: emailText(email),
    html: `<!doctype html>${renderToString(<EmailLayout email={email} />)}`,
  };
}
