/** Why a workshop can or cannot take enrollments right now. Pure, so pages and services agree. */
export type WorkshopAvailability = 'open' | 'finished' | 'cancelled' | 'inactive';

export function workshopAvailability(
  workshop: { isActive: boolean; cancelledAt: string | null; startsAt: string },
  now: Date,
): WorkshopAvailability {
  if (workshop.cancelledAt) return 'cancelled';
  if (!workshop.isActive) return 'inactive';
  if (workshop.startsAt <= now.toISOString()) return 'finished';
  return 'open';
}

/** "2 horas", "1 hora 30 min", "45 min". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = hours === 0 ? '' : hours === 1 ? '1 hora' : `${hours} horas`;
  const m = rest === 0 ? '' : `${rest} min`;
  return [h, m].filter(Boolean).join(' ') || '0 min';
}

/**
 * Hours before the start until which a customer may cancel online, when staff set nothing else:
 * the default of workshops.cancellation_cutoff_hours (migration 0001) and of the staff form. The
 * terms page quotes it.
 */
export const DEFAULT_CANCELLATION_CUTOFF_HOURS = 48;
