/**
 * Every e-mail TMM sends, with the data it needs. Features queue e-mails by template name and
 * data (email.service.ts queueEmail); the outbox stores the rendered message. Times are ISO UTC
 * strings, amounts integer CLP, links are paths (made absolute with PUBLIC_URL when rendered).
 */
/** A delivery address as the customer wrote it; the region by its name. */
export type DeliveryAddressData = {
  recipient: string;
  phone: string;
  street: string;
  comuna: string;
  region: string;
  notes: string | null;
};

/** How an order is handed over: picked up at the studio, or delivered (with its shipping cost). */
export type OrderFulfilmentData =
  | { method: 'pickup' }
  | { method: 'delivery'; shippingClp: number; address: DeliveryAddressData };

export type TemplateData = {
  welcome: { name: string; verifyPath: string | null };
  verify_email: { name: string; verifyPath: string };
  /** The link that creates the account: no account exists until it is used. */
  signup_confirmation: { name: string; confirmPath: string; expiresInHours: number };
  /** Someone signed up with an address that already has an account: its owner is told, nobody else. */
  signup_existing_account: { name: string };
  password_reset: { name: string; resetPath: string; expiresInMinutes: number };
  enrollment_confirmation: {
    name: string;
    enrollmentId: number;
    workshopName: string;
    startsAt: string;
    durationMinutes: number;
    modality: 'PRESENCIAL' | 'ONLINE';
    location: string | null;
    onlineUrl: string | null;
    amountDueClp: number;
    payPath: string;
    /** Optional: shown in the e-mail and in the calendar event. */
    description?: string | null;
    /** Optional: the workshop's public page, e.g. "/talleres/12/". */
    workshopPath?: string | null;
    /** The ticket ("Mi entrada", /entradas/<token>/) and its QR code image; absent in older rows. */
    ticketPath?: string | null;
    ticketImagePath?: string | null;
    /** The cancellation and attendance policy as the customer read it before enrolling. */
    policyPoints?: string[] | null;
    /** Seats booked (the customer's and companions'); absent in older rows, meaning 1. */
    seats?: number;
    /** The companions' names or "Acompañante N", in seat order. */
    companions?: string[];
  };
  payment_receipt: {
    name: string;
    workshopName: string;
    startsAt: string;
    amountClp: number;
    method: string;
    reference: string;
    paidAt: string;
    balanceClp: number;
  };
  order_receipt: {
    name: string;
    saleId: number;
    lines: { name: string; quantity: number; unitPriceClp: number }[];
    totalClp: number;
    paid: boolean;
    payPath: string | null;
    /** Optional: absent in receipts queued before orders could be delivered. */
    fulfilment?: OrderFulfilmentData;
    /** What a discount code took off (absent before codes, or without one). */
    discountClp?: number;
    /** What gift cards paid of the total (absent before they could, or without one). */
    giftCardClp?: number;
  };
  /** Several sessions booked at once (a whole series): one e-mail for all of them. */
  booking_confirmation: {
    name: string;
    title: string;
    totalClp: number;
    /** Where the booking is seen and paid. */
    bookingPath: string;
    sessions: {
      enrollmentId: number;
      workshopName: string;
      startsAt: string;
      modality: 'PRESENCIAL' | 'ONLINE';
      location: string | null;
      ticketPath: string;
    }[];
    policyPoints?: string[];
  };
  /** The order's steps on its way to the customer (the staff move it; see sales/fulfilment). */
  order_prepared: { name: string; saleId: number; method: 'pickup' | 'delivery' };
  order_ready_for_pickup: { name: string; saleId: number; address: string; hours: string };
  order_shipped: {
    name: string;
    saleId: number;
    address: DeliveryAddressData;
    courier: string | null;
    trackingCode: string | null;
  };
  order_delivered: { name: string; saleId: number; method: 'pickup' | 'delivery' };
  cancellation: { name: string; workshopName: string; startsAt: string; refundDueClp: number };
  /** Money given back through the provider that took it (a staff refund). */
  refund_receipt: {
    name: string;
    /** What was paid for: «Resina en flor» or "tu compra #12". */
    subject: string;
    amountClp: number;
    method: string;
    reference: string;
    refundedAt: string;
  };
  /**
   * A payment that arrived after the seat or the order was no longer there, given back whole
   * (or about to be, when the provider has not answered yet).
   */
  late_payment_refunded: {
    name: string;
    subject: string;
    amountClp: number;
    method: string;
    reason: string;
    refunded: boolean;
    payPath: string | null;
  };
  /** To the centre's admins: an online payment that needs a person. */
  payment_alert: {
    title: string;
    message: string;
    rows: [label: string, value: string][];
    path: string;
  };
  waitlist_offer: {
    name: string;
    workshopName: string;
    startsAt: string;
    holdExpiresAt: string;
    offerPath: string;
  };
  workshop_reminder: {
    name: string;
    workshopName: string;
    startsAt: string;
    modality: 'PRESENCIAL' | 'ONLINE';
    location: string | null;
    onlineUrl: string | null;
  };
  payment_reminder: {
    name: string;
    workshopName: string;
    startsAt: string;
    balanceClp: number;
    payPath: string;
  };
  workshop_changed: {
    name: string;
    workshopName: string;
    startsAt: string;
    previousStartsAt: string | null;
    cancelled: boolean;
    note: string | null;
    /** Optional: money the centre owes back when a cancelled workshop had been paid. */
    refundDueClp?: number;
  };
  staff_message: {
    name: string;
    subject: string;
    body: string;
    unsubscribePath: string | null;
    /** Optional: who wrote it, shown as the signature ("Camila, equipo TMM"). */
    senderName?: string | null;
  };
  /** A pack (or a company bundle, to its contact) expires in 7 days with credits left. */
  pack_expiry_reminder: { name: string; packName: string; balance: number; expiresAt: string; path: string };
  /** To the admins: an endpoint disabled after a 410 or a delivery whose every attempt failed. */
  webhook_disabled: { url: string; description: string | null; reason: string; path: string };
  certificate_issued: {
    name: string;
    workshopName: string;
    startsAt: string;
    /** The public verification page, /certificados/<uuid>/. */
    verifyPath: string;
    /** Where the customer downloads it again from their account. */
    downloadPath: string;
  };
  /** To a gift card's recipient once the order that bought it is paid: the code and the printable page. */
  gift_card_issued: {
    recipientName: string;
    buyerName: string;
    amountClp: number;
    message: string | null;
    code: string;
    expiresAt: string;
    cardPath: string;
  };
};

export type TemplateName = keyof TemplateData;

export type RenderedEmail = { subject: string; text: string; html: string };
