import { searchable } from './text';

/**
 * The password rules, shared by the server and the sign-up page's live checklist
 * (src/static/js/password-rules.js mirrors them). At least 10 characters, not the e-mail or the
 * name, not a common password.
 */
export const MIN_PASSWORD_LENGTH = 10;

// The most common passwords of leaked lists that are 10+ characters long, plus local favourites.
/** Shipped to the sign-up page too (PasswordRules), so the live checklist uses this very list. */
export const COMMON_PASSWORDS: readonly string[] = [
  '1234567890',
  '12345678910',
  '0123456789',
  '1111111111',
  '0000000000',
  '1234512345',
  '123456789a',
  'qwertyuiop',
  'asdfghjkl1',
  'password12',
  'password123',
  'password1234',
  'iloveyou12',
  'contraseña',
  'contrasena',
  'contrasena1',
  'contrasena123',
  'contraseña1',
  'contraseña123',
  'qwerty12345',
  'qwerty1234',
  'abc1234567',
  'abcdefghij',
  'aaaaaaaaaa',
  'administrador',
  'admin12345',
  'bienvenido',
  'bienvenido1',
  'bienvenida',
  'chile12345',
  'valparaiso',
  'tmm1234567',
  'manualidades',
  'mindfulness',
  '1q2w3e4r5t',
  'zaq12wsxcde',
  'superman123',
  'princesa123',
  'teamo12345',
  'futbol1234',
  'colocolo12',
  'colocolo123',
  'basketball',
  'football12',
  'starwars12',
  'sunshine12',
  'whatever12',
  'trustno1234',
  'letmein123',
  'welcome123',
  'changeme12',
  'locustpass',
];
const COMMON = new Set(COMMON_PASSWORDS);

export type PasswordRuleFailure = 'too_short' | 'matches_identity' | 'common';

export const PASSWORD_RULE_MESSAGES: Record<PasswordRuleFailure, string> = {
  too_short: `La contraseña debe tener al menos ${MIN_PASSWORD_LENGTH} caracteres.`,
  matches_identity: 'La contraseña no puede ser tu correo ni tu nombre.',
  common: 'Esa contraseña es demasiado común. Elige otra.',
};

export function checkPassword(
  password: string,
  identity: { email?: string; name?: string; username?: string },
): PasswordRuleFailure | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'too_short';
  const normalized = searchable(password).replace(/\s/g, '');
  const emailLocal = identity.email ? searchable(identity.email.split('@')[0]) : '';
  const candidates = [identity.email, identity.name, identity.username, emailLocal]
    .filter((v): v is string => !!v)
    .map((v) => searchable(v).replace(/\s/g, ''))
    .filter((v) => v.length >= 4);
  if (candidates.some((c) => normalized === c || normalized.includes(c) || c.includes(normalized)))
    return 'matches_identity';
  if (COMMON.has(password.toLowerCase()) || COMMON.has(normalized)) return 'common';
  return null;
}
