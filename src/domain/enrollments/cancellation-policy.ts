import { addHours, formatDayLong, santiagoTime } from '../../lib/dates';
import { formatClp } from '../../lib/money';
import type { AttendanceTerms } from '../attendance-policy';
import { plural } from '../vocabulary';

/** What the policy depends on: the workshop's start, its cut-off and whether there is money. */
export type PolicyTerms = {
  startsAt: string;
  cancellationCutoffHours: number;
  priceClp: number;
  /** Set when unpaid enrollments lapse after this many hours (the workshop page says so). */
  unpaidExpiryHours?: number | null | undefined;
  /** The workshop's attendance policy (its own or the centre's): late cancellations and no-shows. */
  attendance?: AttendanceTerms | null | undefined;
};

export type CancellationPolicy = {
  /** One sentence for beside the enroll and pay buttons. */
  summary: string;
  /** The whole policy, one rule a sentence. */
  points: string[];
};

const at = (date: Date) => `el ${formatDayLong(date)} a las ${santiagoTime(date)} hrs`;

/**
 * The cancellation policy a customer reads before enrolling and before paying, worded from the
 * rules cancelEnrollment and cancelWholeWorkshop apply: the customer may cancel online until the
 * workshop's cut-off and everything paid becomes a refund due; after it only staff can cancel; a
 * workshop the centre cancels is refunded in full. Chilean consumer law (Ley 19.496, art. 3 bis)
 * lets a seller exclude the right of withdrawal from distance sales only if it says so clearly
 * before the purchase, hence the last point.
 */
export function cancellationPolicy(terms: PolicyTerms, now: Date): CancellationPolicy {
  const cutoff = terms.cancellationCutoffHours;
  const deadline = addHours(new Date(terms.startsAt), -cutoff);
  const paid = terms.priceClp > 0;
  const until = cutoff === 0 ? 'hasta que empiece el taller' : `hasta ${at(deadline)}`;
  const ahead =
    cutoff === 0 ? 'hasta que empieza' : `${plural(cutoff, 'hora', 'horas')} antes de que empiece`;
  const closed = now >= deadline;

  const points: string[] = [];
  if (closed)
    points.push(
      `El plazo para anular en línea (${ahead}) ya venció: si te inscribes ahora, no podrás anular desde tu cuenta.`,
    );
  else
    points.push(
      paid
        ? `Puedes anular tu inscripción desde tu cuenta ${until} (${ahead}) y te devolvemos todo lo que hayas pagado.`
        : `Puedes anular tu inscripción desde tu cuenta ${until} (${ahead}) y liberar tu cupo para otra persona.`,
    );
  if (!closed && cutoff > 0)
    points.push(
      'Pasado ese plazo ya no puedes anularla en línea: si no puedes venir, escríbenos y lo vemos.',
    );
  if (paid && terms.unpaidExpiryHours)
    points.push(
      `Si no pagas dentro de ${plural(terms.unpaidExpiryHours, 'hora', 'horas')} desde que te inscribes, la inscripción se anula y el cupo queda libre.`,
    );
  points.push(...attendancePoints(terms.attendance));
  points.push(
    paid
      ? 'Si cancelamos el taller, te avisamos por correo y te devolvemos todo lo pagado.'
      : 'Si cancelamos el taller, te avisamos por correo.',
  );
  if (paid)
    points.push(
      'Por ser un taller con fecha y cupos limitados, la inscripción no tiene derecho a retracto (art. 3 bis de la Ley 19.496 del Consumidor): en su lugar rige esta política.',
    );

  const summary = closed
    ? `Sin anulación en línea: el plazo venció ${at(deadline)}.`
    : paid
      ? `Anulación con devolución total ${until}.`
      : `Puedes anular ${until}.`;
  return { summary, points };
}

/**
 * The attendance policy in words, as lateCancellationFee and the no-show job apply it: a fee is
 * kept from the refund of a late cancellation, and added to what a no-show owes.
 */
export function attendancePoints(terms: AttendanceTerms | null | undefined): string[] {
  if (!terms) return [];
  const window = plural(terms.lateCancelHours, 'hora', 'horas');
  if (terms.noShowCharge === 'fee' && terms.noShowFeeClp > 0) {
    const fee = formatClp(terms.noShowFeeClp);
    return [
      `Si no asistes sin haber anulado, se registra un cargo por inasistencia de ${fee} por persona, que queda como saldo por pagar.`,
      ...(terms.lateCancelHours > 0
        ? [
            `Si anulas con menos de ${window} de anticipación, descontamos ${fee} por persona de lo que te devolvemos.`,
          ]
        : []),
    ];
  }
  if (terms.noShowCharge === 'pack_credit')
    return [
      'Si no asistes sin haber anulado, el crédito de bono con que reservaste no se devuelve; si pagaste en dinero, no se cobra ningún cargo adicional.',
    ];
  return [
    'Si no asistes, no se cobra ningún cargo adicional.',
    'Si reservaste con un crédito de bono y no asistes, te lo devolvemos.',
  ];
}

/**
 * What a customer's cancellation keeps back from the refund: the no-show fee per seat given up
 * when it is late (inside the policy's window) and the policy charges one, at most what was paid
 * (a cancelled enrollment owes nothing, so an unpaid late cancellation costs nothing more).
 */
export function lateCancellationFee(
  terms: AttendanceTerms,
  e: { startsAt: string; amountPaidClp: number; seats?: number },
  now: Date,
): number {
  if (terms.noShowCharge !== 'fee') return 0;
  const lateFrom = addHours(new Date(e.startsAt), -terms.lateCancelHours);
  return now >= lateFrom ? Math.min(terms.noShowFeeClp * (e.seats ?? 1), e.amountPaidClp) : 0;
}
