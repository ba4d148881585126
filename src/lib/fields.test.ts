import { describe, expect, it } from 'vitest';
import { chileanPhone } from './fields';

describe('a Chilean phone field', () => {
  const parse = (v: unknown) => chileanPhone().safeParse(v);

  it('accepts a mobile or a landline as people write them, stored one way', () => {
    for (const typed of ['+56 9 1234 5678', '56912345678', '9 1234 5678', '(9) 1234-5678', '912345678'])
      expect(parse(typed)).toMatchObject({ success: true, data: '+56912345678' });
    expect(parse('32 212 3456')).toMatchObject({ success: true, data: '+56322123456' });
  });

  it('refuses what a courier could not call, saying what to write', () => {
    for (const typed of ['1234', '+54 9 11 1234 5678', '012345678', '9 1234 567', 'nueve'])
      expect(parse(typed).error?.issues[0]?.message, typed).toBe(
        'Escribe un teléfono chileno de 9 dígitos, por ejemplo +56 9 1234 5678.',
      );
    expect(parse('').error?.issues[0]?.message).toBe('Escribe un teléfono de contacto.');
    expect(parse(undefined).error?.issues[0]?.message).toBe('Escribe un teléfono de contacto.');
  });
});
