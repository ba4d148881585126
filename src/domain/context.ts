import type { Db } from '../db/database';
import type { UserRole } from '../db/schema';

/**
 * Who is acting: a logged-in user, or null for the system (workers, CLI) and anonymous visitors.
 * A request through the API acts as the admin who created its key, and names the key
 * (`apiKeyId`), which the audit log keeps beside the user.
 */
export type Actor = { userId: number; role: UserRole; apiKeyId?: number };

/**
 * What every service receives besides its transaction and input. `now` is passed in so tests
 * control time; `publicUrl` makes the absolute links that e-mails carry.
 */
export type ServiceContext = { now: Date; actor: Actor | null; publicUrl: string };

/**
 * An invariant `tmm check` verifies: one Spanish line per problem found. Each module that owns the
 * data declares its own checks; domain/consistency runs them all. Read-only: it reports, it never
 * repairs (a wrong counter needs a person to understand why before anything is changed).
 */
export type ConsistencyCheck = { name: string; run: (db: Db, now: Date) => Promise<string[]> };
