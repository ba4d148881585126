// Live checklist for password forms (sign-up, reset, change). The rules and the list of common
// passwords come from the server (src/lib/password-policy.ts), rendered into the page as the
// #password-policy data island, so there is one list; the server enforces the same rules, so this is
// only a convenience and the site works without it.
(() => {
  const searchable = (s) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();
  const compact = (s) => searchable(s).replace(/\s/g, '');

  /** The same checks as checkPassword() on the server, one result per rule. */
  function check(password, identity, policy) {
    const common = new Set(policy.common);
    const normalized = compact(password);
    const emailLocal = identity.email ? identity.email.split('@')[0] : '';
    const candidates = [identity.email, identity.name, emailLocal]
      .filter(Boolean)
      .map(compact)
      .filter((c) => c.length >= 4);
    return {
      length: password.length >= policy.minLength,
      identity:
        password.length > 0 &&
        !candidates.some((c) => normalized === c || normalized.includes(c) || c.includes(normalized)),
      common: password.length > 0 && !common.has(password.toLowerCase()) && !common.has(normalized),
    };
  }
  globalThis.tmmCheckPassword = check;
  if (typeof document === 'undefined') return;

  document.addEventListener('DOMContentLoaded', () => {
    const island = document.getElementById('password-policy');
    if (!island) return;
    const policy = JSON.parse(island.textContent);
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
          ...check(password.value, identity, policy),
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
