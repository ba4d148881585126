import { describe, expect, it } from 'vitest';
import { formatRut, isValidRut, normalizeRut, rutCheckDigit } from './rut';

describe('RUT', () => {
  it('computes the check digit with modulo 11', () => {
    expect(rutCheckDigit('12345678')).toBe('5');
    expect(rutCheckDigit('7654321')).toBe('6');
    expect(rutCheckDigit('77261280')).toBe('K');
    expect(rutCheckDigit('76086428')).toBe('5');
  });

  it('accepts a valid RUT with or without dots and hyphen, and normalises it', () => {
    expect(normalizeRut('12.345.678-5')).toBe('12345678-5');
    expect(normalizeRut('12345678-5')).toBe('12345678-5');
    expect(normalizeRut('123456785')).toBe('12345678-5');
    expect(normalizeRut(' 12.345.678-5 ')).toBe('12345678-5');
  });

  it('accepts K and k as the check digit', () => {
    expect(normalizeRut('77.261.280-K')).toBe('77261280-K');
    expect(normalizeRut('77261280-k')).toBe('77261280-K');
  });

  it('rejects a wrong check digit', () => {
    expect(normalizeRut('12.345.678-9')).toBeNull();
    expect(normalizeRut('77261280-1')).toBeNull();
    expect(isValidRut('12345678-K')).toBe(false);
  });

  it('rejects malformed input', () => {
    for (const bad of ['', 'abc', '12.345.678', '12-345-678-5', '1234567890-1', '-5', '12345678-X']) {
      expect(normalizeRut(bad)).toBeNull();
    }
  });

  it('formats a normalised RUT with dots', () => {
    expect(formatRut('12345678-5')).toBe('12.345.678-5');
    expect(formatRut('7654321-6')).toBe('7.654.321-6');
  });
});
