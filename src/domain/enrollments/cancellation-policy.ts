import { addHours, formatDayLong, santiagoTime } from '../../lib/dates';
import { plural } from '../vocabulary';

/** What the policy depends on: the workshop's start, its cut-off and whether there is money. */
export type PolicyTerms = {
  startsAt: string;
  cancellationCutoffHours: number;
  priceClp: number;
  /** Set when unpaid enrollments lapse after this many hours (the workshop page says so). */
  unpaidExpiryHours?: number | null | undefined;
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
