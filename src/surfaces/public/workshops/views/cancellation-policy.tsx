import type { CancellationPolicy } from '../../../../domain/enrollments';

/**
 * The cancellation policy, beside the button that commits: enrolling on the workshop page, paying
 * on the payment page. Shown in full, not folded away: it replaces the right of withdrawal, so it
 * must be read before the purchase.
 */
export function CancellationPolicyBox({ policy }: { policy: CancellationPolicy }) {
  return (
    <section class="policy" aria-labelledby="politica-anulacion" data-test="cancellation-policy">
      <h3 id="politica-anulacion" class="policy-title">
        Política de anulación
      </h3>
      <p class="policy-summary">{policy.summary}</p>
      <ul>
        {policy.points.map((point) => (
          <li>{point}</li>
        ))}
      </ul>
    </section>
  );
}
