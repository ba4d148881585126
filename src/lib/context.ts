import type { UserRole } from '../db/schema';

/** Who is acting: a logged-in user, or null for the system (workers, CLI) and anonymous visitors. */
export type Actor = { userId: number; role: UserRole };

/**
 * What every service receives besides its transaction and input. `now` is passed in so tests
 * control time; `publicUrl` makes the absolute links that e-mails carry.
 */
export type ServiceContext = { now: Date; actor: Actor | null; publicUrl: string };
