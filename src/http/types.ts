import type { UserRole } from '../db/schema';

export type FlashKind = 'success' | 'error' | 'warning' | 'info';
export type Flash = { kind: FlashKind; message: string; link?: { href: string; label: string } };

/** The logged-in user as pages and guards see it. */
export type CurrentUser = {
  id: number;
  email: string;
  username: string | null;
  name: string;
  role: UserRole;
  customerId: number | null;
};

declare module 'fastify' {
  interface Session {
    userId?: number;
    flash?: Flash[];
  }
  interface FastifyRequest {
    user: CurrentUser | null;
  }
}
