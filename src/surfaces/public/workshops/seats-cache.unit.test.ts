import { describe, expect, it } from 'vitest';
import { SeatsCache } from './seats-cache';

describe('SeatsCache', () => {
  it('reads the database once per workshop per second however many pages poll', async () => {
    const loads: number[][] = [];
    let now = 0;
    const cache = new SeatsCache(
      async (ids) => {
        loads.push(ids);
        return new Map(ids.filter((id) => id !== 99).map((id) => [id, id * 10]));
      },
      1000,
      () => now,
    );
    const polls = await Promise.all(Array.from({ length: 50 }, () => cache.get([1, 2, 99])));
    expect(polls[49]).toEqual(
      new Map([
        [1, 10],
        [2, 20],
      ]),
    );
    expect(loads).toEqual([[1, 2, 99]]);

    now = 500;
    await cache.get([2, 3]);
    expect(loads).toEqual([[1, 2, 99], [3]]);

    now = 1000;
    await cache.get([1]);
    expect(loads).toEqual([[1, 2, 99], [3], [1]]);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const cache = new SeatsCache(async (ids) => {
      if (fail) throw new Error('db down');
      return new Map(ids.map((id) => [id, 1]));
    });
    await expect(cache.get([7])).rejects.toThrow('db down');
    fail = false;
    expect(await cache.get([7])).toEqual(new Map([[7, 1]]));
  });
});
