import type { FastifyRequest } from 'fastify';
import type { CurrentUser, Flash } from '../ui/context';

export type { CurrentUser, Flash, FlashKind } from '../ui/context';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Where a DomainError on this POST sends the user (read by http/errors.ts); default: the same path. */
    errorRedirect?: (request: FastifyRequest) => string;
    /** How to ask for a new link when this route's single-use link is not valid (an InvalidLinkError). */
    renewLink?: (request: FastifyRequest) => { href: string; label: string };
  }
  interface Session {
    userId?: number;
    flash?: Flash[];
  }
  interface FastifyRequest {
    user: CurrentUser | null;
  }
}
