import { describe, expect, it } from 'vitest';
import { cancellationPolicy, lateCancellationFee } from './cancellation-policy';

// Saturday 14 March 2026, 11:30 in Santiago (summer time, UTC-3).
const startsAt = '2026-03-14T14:30:00.000Z';
const now = new Date('2026-03-01T12:00:00.000Z');

describe('the cancellation policy shown before enrolling and paying', () => {
  it('gives the deadline in words from the cut-off, with a full refund before it', () => {
    const policy = cancellationPolicy({ startsAt, cancellationCutoffHours: 48, priceClp: 45000 }, now);
    expect(policy.summary).toBe(
      'Anulación con devolución total hasta el jueves 12 de marzo a las 11:30 hrs.',
    );
    expect(policy.points[0]).toBe(
      'Puedes anular tu inscripción desde tu cuenta hasta el jueves 12 de marzo a las 11:30 hrs (48 horas antes de que empiece) y te devolvemos todo lo que hayas pagado.',
    );
    expect(policy.points).toContain(
      'Pasado ese plazo ya no puedes anularla en línea: si no puedes venir, escríbenos y lo vemos.',
    );
    expect(policy.points).toContain(
      'Si cancelamos el taller, te avisamos por correo y te devolvemos todo lo pagado.',
    );
    expect(policy.points.at(-1)).toContain('no tiene derecho a retracto (art. 3 bis de la Ley 19.496');
  });

  it('says so plainly when the cut-off has already passed', () => {
    const late = new Date('2026-03-13T12:00:00.000Z');
    const policy = cancellationPolicy({ startsAt, cancellationCutoffHours: 48, priceClp: 45000 }, late);
    expect(policy.summary).toBe(
      'Sin anulación en línea: el plazo venció el jueves 12 de marzo a las 11:30 hrs.',
    );
    expect(policy.points[0]).toBe(
      'El plazo para anular en línea (48 horas antes de que empiece) ya venció: si te inscribes ahora, no podrás anular desde tu cuenta.',
    );
  });

  it('allows cancelling until the start when the cut-off is zero, and names the unpaid expiry', () => {
    const policy = cancellationPolicy(
      { startsAt, cancellationCutoffHours: 0, priceClp: 30000, unpaidExpiryHours: 24 },
      now,
    );
    expect(policy.summary).toBe('Anulación con devolución total hasta que empiece el taller.');
    expect(policy.points).toContain(
      'Si no pagas dentro de 24 horas desde que te inscribes, la inscripción se anula y el cupo queda libre.',
    );
    expect(policy.points.join(' ')).not.toContain('Pasado ese plazo');
  });

  it('speaks of seats, not money, for a free workshop', () => {
    const policy = cancellationPolicy({ startsAt, cancellationCutoffHours: 1, priceClp: 0 }, now);
    expect(policy.summary).toBe('Puedes anular hasta el sábado 14 de marzo a las 10:30 hrs.');
    expect(policy.points.join(' ')).not.toMatch(/devolv|retracto/);
    expect(policy.points[0]).toContain('(1 hora antes de que empiece)');
  });
});

describe('the fee a late cancellation keeps', () => {
  const terms = { lateCancelHours: 24, noShowCharge: 'fee' as const, noShowFeeClp: 10000 };
  const late = new Date('2026-03-14T00:00:00.000Z'); // 14.5 h before the start

  it('is the fee per seat given up, at most what was paid, and nothing before the window', () => {
    expect(lateCancellationFee(terms, { startsAt, amountPaidClp: 45000 }, late)).toBe(10000);
    expect(lateCancellationFee(terms, { startsAt, amountPaidClp: 135000, seats: 3 }, late)).toBe(30000);
    expect(lateCancellationFee(terms, { startsAt, amountPaidClp: 15000, seats: 3 }, late)).toBe(15000);
    expect(lateCancellationFee(terms, { startsAt, amountPaidClp: 135000, seats: 3 }, now)).toBe(0);
    expect(
      lateCancellationFee({ ...terms, noShowCharge: 'none' }, { startsAt, amountPaidClp: 45000 }, late),
    ).toBe(0);
  });
});
