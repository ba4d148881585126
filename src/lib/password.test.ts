import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { checkPassword } from './password-policy';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('una clave bastante larga');
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('una clave bastante larga', hash)).toBe(true);
    expect(await verifyPassword('otra clave', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('recognises a hash made with weaker parameters as needing an upgrade', async () => {
    const weak = await hashPassword('una clave bastante larga', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('una clave bastante larga', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash('md5$abc$def')).toBe(true);
  });
});

describe('password rules', () => {
  it('requires at least 10 characters', () => {
    expect(checkPassword('corta123', {})).toBe('too_short');
    expect(checkPassword('suficientemente-larga', {})).toBeNull();
  });

  it('refuses the e-mail or the name as password', () => {
    expect(checkPassword('camila.rojas@example.cl', { email: 'camila.rojas@example.cl' })).toBe(
      'matches_identity',
    );
    expect(checkPassword('CamilaRojas', { name: 'Camila Rojas' })).toBe('matches_identity');
  });

  it('refuses common passwords', () => {
    expect(checkPassword('1234567890', {})).toBe('common');
    expect(checkPassword('Contraseña123', {})).toBe('common');
  });
});
