/**
 * Chile's 16 regions by their ISO 3166-2:CL codes, north to south: the values a region field may
 * take. Their names and prices are rows of shipping_rates (the 1300 migration wrote them); this
 * list only lets a form refuse anything else before the database is asked.
 */
export const REGION_CODES = [
  'AP',
  'TA',
  'AN',
  'AT',
  'CO',
  'VS',
  'RM',
  'LI',
  'ML',
  'NB',
  'BI',
  'AR',
  'LR',
  'LL',
  'AI',
  'MA',
] as const;
export type RegionCode = (typeof REGION_CODES)[number];
