import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../lib/password-policy';

type Check = (password: string, identity: { email: string; name: string }) => Record<string, boolean>;

/** The browser checklist (src/static/js/password-rules.js), run outside a browser. */
function browserCheck(): Check {
  const source = readFileSync(new URL('../../static/js/password-rules.js', import.meta.url), 'utf8');
  const sandbox: { tmmCheckPassword?: Check } = {};
  vm.runInNewContext(source, { globalThis: sandbox });
  return sandbox.tmmCheckPassword!;
}

describe('the sign-up page’s live password checklist', () => {
  it('agrees with the server rules on what it accepts and refuses', () => {
    const check = browserCheck();
    const identity = { email: 'camila.rojas@example.cl', name: 'Camila Rojas' };
    const samples = [
      'corta',
      'acuarela-en-el-cerro-77',
      'camila.rojas@example.cl',
      'camila.rojas2024',
      'CamilaRojas!!',
      'contraseña123',
      'Contrasena123',
      'qwertyuiop',
      'locustpass',
      '1234567890',
      'valparaíso',
      'una frase larga y rara',
      'ésta-es-buena-42',
    ];
    for (const password of samples) {
      const server = checkPassword(password, identity);
      const browser = check(password, identity);
      const browserFailure = !browser.length
        ? 'too_short'
        : !browser.identity
          ? 'matches_identity'
          : !browser.common
            ? 'common'
            : null;
      expect(browserFailure, password).toBe(server);
    }
  });
});
