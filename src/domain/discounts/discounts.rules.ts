import type { DiscountKind, DiscountScope, ProductKind } from '../../db/schema';

/** One thing being paid for, as a code sees it: what it is, its category and what it costs. */
export type OrderLine = {
  /** A workshop, or the kind of the product (a kit, a class pack). */
  kind: 'workshop' | ProductKind;
  /** The workshop's or the product's id. */
  itemId: number;
  categoryId: number | null;
  amountClp: number;
};

/**
 * Which lines each scope covers. Adding a kind of thing a code can cover is one entry here plus its
 * label: the type makes a scope without a matcher a compile error. Kits and packs are both products
 * of the shop; the product's kind tells them apart, so a code for kits never discounts a pack.
 */
export const SCOPE_MATCHES: Record<DiscountScope, (line: OrderLine, itemIds: readonly number[]) => boolean> =
  {
    all: () => true,
    workshops: (line, ids) => line.kind === 'workshop' && ids.includes(line.itemId),
    categories: (line, ids) => line.categoryId !== null && ids.includes(line.categoryId),
    kits: (line) => line.kind === 'kit',
    packs: (line) => line.kind === 'pack',
  };

/** The scopes whose code lists the workshops or categories it covers. */
export const SCOPES_WITH_ITEMS: readonly DiscountScope[] = ['workshops', 'categories'];

/** What the code covers of these lines, in CLP. */
export function eligibleAmount(scope: DiscountScope, itemIds: readonly number[], lines: OrderLine[]): number {
  return lines.filter((l) => SCOPE_MATCHES[scope](l, itemIds)).reduce((sum, l) => sum + l.amountClp, 0);
}

/**
 * What a code takes off `eligibleClp`: a percentage rounded to the peso (CLP has no cents), or a
 * fixed amount capped at what it covers, so a discount never makes anything negative.
 */
export function discountFor(kind: DiscountKind, value: number, eligibleClp: number): number {
  const raw = kind === 'percent' ? Math.round((eligibleClp * value) / 100) : value;
  return Math.max(0, Math.min(raw, eligibleClp));
}

/**
 * `total` split over parts in proportion to their weights, in whole pesos that add up to it: each
 * part gets its share rounded down, and the pesos left go to the largest remainders (the first
 * part on a tie). All zeros when nothing has weight.
 */
export function splitInProportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

/** Codes are typed by people: spaces around and letter case do not matter. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** A code as staff save it. */
export type DiscountCodeInput = {
  code: string;
  description: string;
  kind: DiscountKind;
  value: number;
  /** Santiago calendar days "YYYY-MM-DD", both included; null = no limit. */
  validFrom: string | null;
  validUntil: string | null;
  maxUses: number | null;
  maxUsesPerCustomer: number | null;
  minAmountClp: number;
  scope: DiscountScope;
  /** Workshop or category ids for the scopes that list them; ignored for the others. */
  itemIds: number[];
  isActive: boolean;
};
