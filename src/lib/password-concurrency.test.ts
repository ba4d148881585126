import { describe, expect, it, vi } from 'vitest';

// Counts how many hashes the binding runs at the same moment.
const probe = vi.hoisted(() => ({ active: 0, peak: 0 }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  const track =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      probe.active++;
      probe.peak = Math.max(probe.peak, probe.active);
      try {
        return await fn(...args);
      } finally {
        probe.active--;
      }
    };
  return { ...real, hash: track(real.hash), verify: track(real.verify) };
});

const { hashPassword, MAX_CONCURRENT_HASHES, verifyPassword } = await import('./password');

describe('password hashing under a login storm', () => {
  it('runs at most MAX_CONCURRENT_HASHES hashes at once and still answers every caller', async () => {
    const hash = await hashPassword('una clave bastante larga');
    probe.peak = 0;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => verifyPassword(i % 2 ? 'una clave bastante larga' : 'otra', hash)),
    );
    expect(results.filter(Boolean)).toHaveLength(6);
    expect(probe.peak).toBe(MAX_CONCURRENT_HASHES);
  });
});
