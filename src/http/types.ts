import type { FastifyRequest } from 'fastify';
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
  interface FastifyContextConfig {
    /** Where a DomainError on this POST sends the user (read by http/errors.ts); default: the same path. */
    errorRedirect?: (request: FastifyRequest) => string;
  }
  interface Session {
    userId?: number;
    flash?: Flash[];
  }
  interface FastifyRequest {
    user: CurrentUser | null;
  }
}
