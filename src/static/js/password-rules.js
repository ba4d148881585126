// Live checklist for password forms (sign-up, reset, change). It mirrors src/lib/password-policy.ts;
// the server enforces the same rules, so this is only a convenience and the site works without it.
(() => {
  const MIN_LENGTH = 10;
  const COMMON = new Set([
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
  ]);

  const searchable = (s) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();
  const compact = (s) => searchable(s).replace(/\s/g, '');

  /** The same checks as checkPassword() on the server, one result per rule. */
  function check(password, identity) {
    const normalized = compact(password);
    const emailLocal = identity.email ? identity.email.split('@')[0] : '';
    const candidates = [identity.email, identity.name, emailLocal]
      .filter(Boolean)
      .map(compact)
      .filter((c) => c.length >= 4);
    return {
      length: password.length >= MIN_LENGTH,
      identity:
        password.length > 0 &&
        !candidates.some((c) => normalized === c || normalized.includes(c) || c.includes(normalized)),
      common: password.length > 0 && !COMMON.has(password.toLowerCase()) && !COMMON.has(normalized),
    };
  }
  globalThis.tmmCheckPassword = check;
  if (typeof document === 'undefined') return;

  document.addEventListener('DOMContentLoaded', () => {
    for (const form of document.querySelectorAll('form[data-password-form]')) {
      const password = form.querySelector('input[name="password"]');
      const repeat = form.querySelector('input[name="password2"]');
      const submit = form.querySelector('button[type="submit"]');
      const field = (name) => form.querySelector(`input[name="${name}"]`);
      if (!password || !repeat) continue;
      const update = () => {
        const identity = {
          email: field('email')?.value ?? form.dataset.email ?? '',
          name: field('nombre')?.value ?? form.dataset.name ?? '',
        };
        const results = {
          ...check(password.value, identity),
          match: password.value !== '' && password.value === repeat.value,
        };
        for (const [rule, ok] of Object.entries(results)) {
          const item = form.querySelector(`[data-rule="${rule}"]`);
          if (!item) continue;
          item.classList.toggle('rule-ok', ok);
          item.classList.toggle('rule-fail', !ok);
        }
        if (submit) submit.disabled = !Object.values(results).every(Boolean);
      };
      for (const input of form.querySelectorAll('input')) input.addEventListener('input', update);
      update();
    }
  });
})();
