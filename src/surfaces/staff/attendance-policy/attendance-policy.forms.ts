import { z } from 'zod';
import { NO_SHOW_CHARGES } from '../../../db/schema';
import { checkbox, money, text, wholeNumber } from '../../../lib/fields';

const terms = {
  plazo: wholeNumber(0, 720, 'El plazo va en horas, entre 0 y 720.'),
  cobro: text().pipe(z.enum(NO_SHOW_CHARGES, 'Elige qué cuesta no asistir.')),
  cargo: z.unknown().optional(),
};

const toTerms = (
  f: { plazo: number; cobro: (typeof NO_SHOW_CHARGES)[number]; cargo?: unknown },
  ctx: z.RefinementCtx,
) => {
  let fee = 0;
  if (f.cobro === 'fee') {
    const parsed = money({ max: 10_000_000 }).safeParse(f.cargo);
    if (!parsed.success || parsed.data <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['cargo'],
        message: 'Escribe el monto del cargo, por ejemplo $10.000.',
      });
      return z.NEVER;
    }
    fee = parsed.data;
  }
  return { lateCancelHours: f.plazo, noShowCharge: f.cobro, noShowFeeClp: fee };
};

/** The centre's default policy. */
export const centrePolicyForm = z.object(terms).transform(toTerms);

/** A workshop's policy: its own (`propia`) or the centre's. */
export const workshopPolicyForm = z
  .object({ propia: checkbox(), ...terms, plazo: z.unknown().optional(), cobro: z.unknown().optional() })
  .transform((f, ctx) => {
    if (!f.propia) return null;
    const own = z.object(terms).safeParse(f);
    if (!own.success) {
      for (const issue of own.error.issues)
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return toTerms(own.data, ctx);
  });
