import type { Db } from '../../db/database';
import type { GiftCardStatus } from '../../db/schema';
import type { KeysetPage } from '../../lib/keyset';
import { maskedCode } from './gift-cards.codes';
import { cardBalanceSql } from './gift-cards.queries';

/**
 * Gift cards for the API: what staff see of them (the code masked but its last four; never the
 * code nor the printable page's token, which spend the card) with the balance summed from the
 * ledger.
 */
function cardQuery(db: Db) {
  return db
    .selectFrom('giftCards')
    .select((eb) => [
      'giftCards.id',
      'giftCards.codeLast4',
      'giftCards.status',
      'giftCards.amountClp',
      'giftCards.saleId',
      'giftCards.buyerCustomerId',
      'giftCards.recipientName',
      'giftCards.recipientEmail',
      'giftCards.createdAt',
      'giftCards.issuedAt',
      'giftCards.expiresAt',
      cardBalanceSql(eb).as('balance'),
    ]);
}

type CardRow = Awaited<ReturnType<ReturnType<typeof cardQuery>['execute']>>[number];

const toApi = ({ codeLast4, balance, ...row }: CardRow) => ({
  ...row,
  code: maskedCode(codeLast4),
  balanceClp: Number(balance ?? 0),
});

export type ApiGiftCard = ReturnType<typeof toApi>;

export type ApiGiftCardFilter = {
  buyerCustomerId: number | null;
  status: GiftCardStatus | null;
  /** Cards bought, or whose ledger moved (issued, spent, held, money back, adjusted), since then. */
  updatedSince: string | null;
};

/** Cards in id order for keyset pagination; reads limit + 1 rows. */
export async function listApiGiftCards(
  db: Db,
  filter: ApiGiftCardFilter,
  page: KeysetPage,
): Promise<ApiGiftCard[]> {
  let query = cardQuery(db);
  if (filter.buyerCustomerId !== null)
    query = query.where('giftCards.buyerCustomerId', '=', filter.buyerCustomerId);
  if (filter.status !== null) query = query.where('giftCards.status', '=', filter.status);
  const since = filter.updatedSince;
  if (since !== null)
    query = query.where((eb) =>
      eb.or([
        eb('giftCards.createdAt', '>=', since),
        eb.exists(
          eb
            .selectFrom('giftCardEntries')
            .select('giftCardEntries.id')
            .whereRef('giftCardEntries.giftCardId', '=', 'giftCards.id')
            .where('giftCardEntries.createdAt', '>=', since),
        ),
      ]),
    );
  if (page.afterId !== null) query = query.where('giftCards.id', '>', page.afterId);
  const rows = await query
    .orderBy('giftCards.id')
    .limit(page.limit + 1)
    .execute();
  return rows.map(toApi);
}

/** One card with its ledger, oldest entry first; each entry names the payment or order it was for. */
export async function findApiGiftCard(db: Db, id: number) {
  const card = await cardQuery(db).where('giftCards.id', '=', id).executeTakeFirst();
  if (!card) return undefined;
  const entries = await db
    .selectFrom('giftCardEntries')
    .select(['id', 'kind', 'amountClp', 'paymentId', 'saleId', 'reason', 'createdAt'])
    .where('giftCardId', '=', id)
    .orderBy('id')
    .execute();
  return { ...toApi(card), entries };
}
