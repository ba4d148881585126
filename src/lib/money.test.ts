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

  it('parses what people type for an amount', () => {
    expect(parseClp('45.000')).toBe(45000);
    expect(parseClp('$45000')).toBe(45000);
    expect(parseClp(' 45 000 ')).toBe(45000);
    expect(parseClp('45,5')).toBeNull();
    expect(parseClp('-3')).toBeNull();
    expect(parseClp('')).toBeNull();
  });
});
