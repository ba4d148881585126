import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database';
import { hashPassword } from '../../lib/password';
import { progressBar } from '../../lib/progress';
import { createCustomersForLoadTest } from '../customers';

export type TestUsersInput = { count: number; prefix: string; password: string };

const CHUNK = 500;

/**
 * Creates load-test accounts <prefix>1..<prefix>N with their customer records, as the old
 * `create_test_users` did, but idempotently: existing accounts are kept (their password reset), so a
 * second run never orphans the enrollments of a previous load test. One Argon2id hash is shared by all
 * of them — hashing 10,000 passwords separately would take minutes, and these accounts are
 * throwaway and share one password anyway.
 */
export async function createTestUsers(db: Db, input: TestUsersInput, ctx: { now: Date }) {
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now.toISOString();
  const bar = progressBar('Usuarios de prueba', input.count);
  let created = 0;
  for (let start = 1; start <= input.count; start += CHUNK) {
    const end = Math.min(input.count, start + CHUNK - 1);
    const batch = Array.from({ length: end - start + 1 }, (_, i) => {
      const username = `${input.prefix}${start + i}`;
      return { username, email: `${username}@example.com` };
    });
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('users')
        .values(
          batch.map((u) => ({
            ...u,
            name: u.username,
            passwordHash,
            role: 'customer' as const,
            emailVerifiedAt: now,
            createdAt: now,
          })),
        )
        .onConflict((oc) => oc.column('username').doUpdateSet({ passwordHash, isActive: true }))
        .returning(['id', 'username', 'email'])
        .execute();
      created += inserted.length;
      await createCustomersForLoadTest(
        trx,
        inserted.map((u) => ({ fullName: u.username ?? u.email, email: u.email, userId: u.id })),
        { now: ctx.now },
      );
    });
    bar.tick(batch.length);
  }
  bar.finish();
  return { count: created };
}

/** Writes `username,password` lines, the format the old locustfile reads. */
export function writeUsersCsv(dir: string, input: TestUsersInput): string {
  const file = path.join(dir, 'locust_users.csv');
  const lines = Array.from({ length: input.count }, (_, i) => `${input.prefix}${i + 1},${input.password}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
