/**
 * A tiny in-process cache of seats left, for the live counters every open page polls. At a launch
 * hundreds of pages poll at once; with a one-second cache each process reads the database about
 * once a second per workshop however many pages are open. The rejected alternative, server-sent
 * events, keeps a connection per visitor open, which costs more than a short poll at this size.
 */
export class SeatsCache {
  readonly #entries = new Map<number, { at: number; value: Promise<number | undefined> }>();

  constructor(
    private readonly load: (ids: number[]) => Promise<Map<number, number>>,
    private readonly ttlMs = 1000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Seats left per id; unknown ids are absent. Ids read together share one query. */
  async get(ids: number[]): Promise<Map<number, number>> {
    const now = this.clock();
    const missing: number[] = [];
    for (const id of ids) {
      const entry = this.#entries.get(id);
      if (!entry || now - entry.at >= this.ttlMs) missing.push(id);
    }
    if (missing.length > 0) {
      if (this.#entries.size > 10_000) this.#entries.clear();
      const batch = this.load(missing);
      for (const id of missing) {
        const value = batch.then((m) => m.get(id));
        // A failed read is not cached: the next poll tries again.
        value.catch(() => this.#entries.delete(id));
        this.#entries.set(id, { at: now, value });
      }
    }
    const result = new Map<number, number>();
    for (const id of ids) {
      const value = await this.#entries.get(id)?.value;
      if (value !== undefined) result.set(id, value);
    }
    return result;
  }
}
