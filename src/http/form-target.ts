import type { FastifyReply } from 'fastify';

/**
 * Lets this one page's forms post to another site (the payment provider's form that takes the
 * customer on), by widening only this response's Content-Security-Policy form-action; every other
 * page keeps form-action 'self'. Browsers check form-action on the page that holds the form, and
 * on the redirects that follow a submission, so the provider's origin is added here rather than
 * to the site-wide policy.
 */
export function allowFormTarget(reply: FastifyReply, target: string): void {
  const policy = reply.getHeader('content-security-policy');
  if (typeof policy !== 'string') return;
  const origin = new URL(target).origin;
  reply.header(
    'content-security-policy',
    policy.replace(/form-action 'self'/, `form-action 'self' ${origin}`),
  );
}
