import { describe, expect, it } from 'vitest';
import { splitInProportion } from './discounts.rules';

describe('splitInProportion', () => {
  it('splits a discount over lines by their weight, in whole pesos that add up to it', () => {
    expect(splitInProportion(20000, [100000, 0])).toEqual([20000, 0]);
    expect(splitInProportion(10000, [30000, 30000, 30000])).toEqual([3334, 3333, 3333]);
    expect(splitInProportion(1001, [1, 1])).toEqual([501, 500]);
    expect(splitInProportion(500, [10000, 30000])).toEqual([125, 375]);
  });

  it('gives nothing when nothing is covered or there is nothing to split', () => {
    expect(splitInProportion(5000, [0, 0])).toEqual([0, 0]);
    expect(splitInProportion(0, [10, 20])).toEqual([0, 0]);
  });
});
