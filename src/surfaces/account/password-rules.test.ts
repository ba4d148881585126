import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app';
import { COMMON_PASSWORDS, checkPassword, MIN_PASSWORD_LENGTH } from '../../lib/password-policy';

type Check = (
  password: string,
  identity: { email: string; name: string },
  policy: { minLength: number; common: readonly string[] },
) => Record<string, boolean>;

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
      const browser = check(password, identity, { minLength: MIN_PASSWORD_LENGTH, common: COMMON_PASSWORDS });
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

  it('gets the rules and the common-password list from the page, the very list the server uses', async () => {
    const t = await buildTestApp();
    try {
      const page = await t.app.inject('/cuenta/registro/');
      const island = /<script type="application\/json" id="password-policy">([^<]*)<\/script>/.exec(
        page.body,
      );
      expect(island).not.toBeNull();
      expect(JSON.parse(island![1]!)).toEqual({ minLength: MIN_PASSWORD_LENGTH, common: COMMON_PASSWORDS });
    } finally {
      await t.close();
    }
  });
});
