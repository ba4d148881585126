import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/database';
import type { ApiScope } from '../../src/db/schema';
import { inTransaction } from '../../src/db/transaction';
import { createApiKey } from '../../src/domain/api-keys';
import type { TestApp } from './app';
import { createUser } from './factories';

/** An API key made the way the back office makes it, for an admin created here. */
export async function createTestApiKey(
  t: TestApp,
  options: { scopes?: ApiScope[]; expiresAt?: Date; adminId?: number } = {},
) {
  const adminId = options.adminId ?? (await createUser(t.database.db as Db, { role: 'admin' })).id;
  const now = t.clock.now();
  const created = await inTransaction(t.database, (trx) =>
    createApiKey(
      trx,
      {
        name: 'Sitio web',
        scopes: options.scopes ?? ['public:read', 'staff:read', 'write'],
        expiresAt: options.expiresAt ?? new Date(now.getTime() + 30 * 24 * 3600_000),
      },
      { now, actor: { userId: adminId, role: 'admin' }, publicUrl: t.config.publicUrl },
    ),
  );
  return { ...created, adminId };
}

/** A JSON request to the API, with a key when given. */
export async function api(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  url: string,
  options: { key?: string; body?: unknown; idempotencyKey?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return app.inject({
    method,
    url,
    headers,
    ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
  });
}
