/** The figures the terms page quotes, read from the configuration and the domain's defaults. */
export type LegalRules = {
  waitlistHoldHours: number;
  orderExpiryHours: number;
  defaultCancellationCutoffHours: number;
};

/** When the terms and the privacy policy were last changed (shown on both pages). */
export const LEGAL_UPDATED = 'noviembre de 2026';
