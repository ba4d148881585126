import { describe, expect, it } from 'vitest';
import { legacyScryptHash } from '../../test/support/passwords';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { checkPassword } from './password-policy';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('una clave bastante larga');
    // Argon2id at OWASP's minimum: 19 MiB, two passes, one lane.
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword('una clave bastante larga', hash)).toBe(true);
    expect(await verifyPassword('otra clave', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('still verifies a scrypt hash from before Argon2id, and marks it for an upgrade', async () => {
    const legacy = legacyScryptHash('una clave bastante larga', 2 ** 10);
    expect(await verifyPassword('una clave bastante larga', legacy)).toBe(true);
    expect(await verifyPassword('otra clave', legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
    expect(needsRehash('md5$abc$def')).toBe(true);
  });

  it('refuses a stored scrypt hash with absurd parameters instead of allocating for it', async () => {
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$c2FsdA$a2V5')).toBe(false);
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
