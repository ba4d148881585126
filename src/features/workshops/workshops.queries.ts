import type { Db } from '../../db/database';

export type WorkshopCardRow = {
  id: number;
  name: string;
  description: string;
  imagePath: string | null;
  categoryName: string | null;
  startsAt: string;
  durationMinutes: number;
  modality: 'PRESENCIAL' | 'ONLINE';
  priceClp: number;
  totalSeats: number;
  seatsLeft: number;
};

/** Active workshops that have not started yet, soonest first. */
export async function listUpcomingWorkshops(db: Db, now: Date, limit: number): Promise<WorkshopCardRow[]> {
  const rows = await db
    .selectFrom('workshops')
    .leftJoin('interests', 'interests.id', 'workshops.categoryId')
    .select([
      'workshops.id',
      'workshops.name',
      'workshops.description',
      'workshops.imagePath',
      'interests.name as categoryName',
      'workshops.startsAt',
      'workshops.durationMinutes',
      'workshops.modality',
      'workshops.priceClp',
      'workshops.totalSeats',
      'workshops.seatsTaken',
      'workshops.seatsHeld',
    ])
    .where('workshops.isActive', '=', true)
    .where('workshops.cancelledAt', 'is', null)
    .where('workshops.startsAt', '>', now.toISOString())
    .orderBy('workshops.startsAt')
    .orderBy('workshops.id')
    .limit(limit)
    .execute();
  return rows.map(({ seatsTaken, seatsHeld, ...row }) => ({
    ...row,
    seatsLeft: Math.max(0, row.totalSeats - seatsTaken - seatsHeld),
  }));
}
