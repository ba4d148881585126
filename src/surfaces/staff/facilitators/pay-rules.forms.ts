import { z } from 'zod';
import { ATTENDEE_BASES, PAY_RULE_KINDS } from '../../../db/schema';
import { choice, isCalendarDate, optionalId, text } from '../../../lib/fields';
import { CLP_FORMAT_MESSAGE, parseClp } from '../../../lib/money';

const MAX_AMOUNT = 10_000_000;

/** "40", "40,5" or "37.25" (percent) → basis points; null when it is not a percentage above 0 and up to 100. */
export function parsePercentBp(typed: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/.exec(typed.trim());
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp >= 1 && bp <= 10000 ? bp : null;
}

/**
 * A pay rule as staff type it on the facilitator's page. What each kind needs is checked here, so
 * every missing piece is marked at once: an amount for fixed and per attendee, a percentage for a
 * share of revenue, and the bonus's threshold and amount together or not at all.
 */
export const payRuleForm = z
  .object({
    taller: optionalId(),
    serie: optionalId(),
    tipo: choice(PAY_RULE_KINDS, 'Elige cómo se paga.'),
    monto: text(),
    porcentaje: text(),
    base: choice(ATTENDEE_BASES, 'Elige a quiénes cuenta: inscritos o asistentes.'),
    bono_desde: text(),
    bono: text(),
    // Checked in the transform with the rest, so a missing date does not hide the other messages.
    desde: text(),
  })
  .transform((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.taller !== null && v.serie !== null) issue('serie', 'Elige un taller o una serie, no los dos.');
    if (!isCalendarDate(v.desde)) issue('desde', 'Elige desde qué fecha rige la regla.');
    const amountClp = v.tipo === 'revenue_share' ? 0 : parseClp(v.monto);
    if (amountClp === null || amountClp > MAX_AMOUNT) issue('monto', CLP_FORMAT_MESSAGE);
    const percentBp = v.tipo === 'revenue_share' ? parsePercentBp(v.porcentaje) : null;
    if (v.tipo === 'revenue_share' && percentBp === null)
      issue('porcentaje', 'Escribe un porcentaje entre 0,01 y 100, por ejemplo 40 o 37,5.');
    let bonus: { threshold: number; amountClp: number } | null = null;
    if (v.bono_desde !== '' || v.bono !== '') {
      const threshold = /^\d{1,5}$/.test(v.bono_desde) ? Number(v.bono_desde) : null;
      const bonusClp = parseClp(v.bono);
      if (threshold === null)
        issue('bono_desde', 'Escribe sobre cuántos asistentes se paga el bono, por ejemplo 8.');
      if (bonusClp === null || bonusClp <= 0 || bonusClp > MAX_AMOUNT) issue('bono', CLP_FORMAT_MESSAGE);
      if (threshold !== null && bonusClp !== null) bonus = { threshold, amountClp: bonusClp };
    }
    return {
      workshopId: v.taller,
      seriesId: v.serie,
      kind: v.tipo,
      amountClp: amountClp ?? 0,
      percentBp,
      attendeeBasis: v.base,
      bonus,
      effectiveFrom: v.desde,
    };
  });
