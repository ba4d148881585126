import { describe, expect, it } from 'vitest';
import { formatClp, parseClp } from './money';

describe('money', () => {
  it('formats whole pesos with dots as thousands separator', () => {
    expect(formatClp(45000)).toBe('$45.000');
    expect(formatClp(250000)).toBe('$250.000');
    expect(formatClp(0)).toBe('$0');
    expect(formatClp(1234567)).toBe('$1.234.567');
    expect(formatClp(-5000)).toBe('-$5.000');
  });

  it('parses amounts as people write them in Chile', () => {
    expect(parseClp('45000')).toBe(45000);
    expect(parseClp('45.000')).toBe(45000);
    expect(parseClp('$45.000')).toBe(45000);
    expect(parseClp('$ 45.000')).toBe(45000);
    expect(parseClp(' 45 000 ')).toBe(45000);
    expect(parseClp('1.234.567')).toBe(1234567);
    expect(parseClp('0')).toBe(0);
  });

  it('refuses decimals, cents and ambiguous separators instead of dropping the dot', () => {
    // The old parser removed every dot: 45000.00 became $4.500.000 and 12.5 became $125.
    expect(parseClp('45000.00')).toBeNull();
    expect(parseClp('12.5')).toBeNull();
    expect(parseClp('10.000,50')).toBeNull();
    expect(parseClp('45,5')).toBeNull();
    expect(parseClp('1,000')).toBeNull();
    expect(parseClp('45.00')).toBeNull();
    expect(parseClp('4.5000')).toBeNull();
    expect(parseClp('1.000 000')).toBeNull();
  });

  it('refuses negatives, words, empty input and absurd lengths', () => {
    expect(parseClp('-5')).toBeNull();
    expect(parseClp('abc')).toBeNull();
    expect(parseClp('')).toBeNull();
    expect(parseClp('$')).toBeNull();
    expect(parseClp('1e3')).toBeNull();
    expect(parseClp('9'.repeat(13))).toBeNull();
  });
});
