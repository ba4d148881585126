import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app';
import { createUser } from '../../../test/support/factories';
import { purgeAuthRecordsJob } from './auth.jobs';

describe('purging login records', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('deletes expired sessions, day-old login failures, long-expired links and unconfirmed sign-ups, and keeps the rest', async () => {
    const { db } = t.database;
    const now = t.clock.now();
    const iso = (hoursFromNow: number) => new Date(now.getTime() + hoursFromNow * 3600_000).toISOString();
    const user = await createUser(db);
    await db
      .insertInto('sessions')
      .values([
        { id: 'expired-session', userId: user.id, data: '{}', expiresAt: iso(-1) },
        { id: 'live-session', userId: user.id, data: '{}', expiresAt: iso(24) },
      ])
      .execute();
    await db
      .insertInto('loginFailures')
      .values([
        { accountKey: 'login:viejo', ip: '10.9.0.1', createdAt: iso(-25) },
        { accountKey: 'login:reciente', ip: '10.9.0.1', createdAt: iso(-0.1) },
      ])
      .execute();
    await db
      .insertInto('userTokens')
      .values([
        { userId: user.id, purpose: 'password_reset', tokenHash: 'a'.repeat(64), expiresAt: iso(-8 * 24) },
        { userId: user.id, purpose: 'password_reset', tokenHash: 'b'.repeat(64), expiresAt: iso(-1) },
      ])
      .execute();

    const signup = (email: string, expiresAt: string) => ({
      email,
      name: 'Pendiente',
      phone: '+56912345678',
      passwordHash: 'x',
      tokenHash: `${email}-hash`,
      expiresAt,
    });
    await db
      .insertInto('signupRequests')
      .values([signup('vencida@example.cl', iso(-25)), signup('vigente@example.cl', iso(10))])
      .execute();

    const log = { info: () => {}, error: () => {} };
    const result = await purgeAuthRecordsJob.run({
      database: t.database,
      config: t.config,
      now: t.clock.now,
      log,
    });
    expect(result).toEqual({ sessions: 1, failures: 1, tokens: 1, signups: 1 });
    expect((await db.selectFrom('signupRequests').select('email').execute()).map((r) => r.email)).toEqual([
      'vigente@example.cl',
    ]);
    expect((await db.selectFrom('sessions').select('id').execute()).map((r) => r.id)).toEqual([
      'live-session',
    ]);
    expect(
      (await db.selectFrom('loginFailures').select('accountKey').execute()).map((r) => r.accountKey),
    ).toEqual(['login:reciente']);
    expect((await db.selectFrom('userTokens').select('tokenHash').execute()).map((r) => r.tokenHash)).toEqual(
      ['b'.repeat(64)],
    );
    // A second process running it at the same time finds nothing left to do.
    expect(
      await purgeAuthRecordsJob.run({ database: t.database, config: t.config, now: t.clock.now, log }),
    ).toEqual({
      sessions: 0,
      failures: 0,
      tokens: 0,
      signups: 0,
    });
  });
});
