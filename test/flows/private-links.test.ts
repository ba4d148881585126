import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueEmails } from '../../src/domain/email/outbox.worker';
import type { MailTransport, OutgoingEmail } from '../../src/domain/email/transport';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createUser, TEST_PASSWORD } from '../support/factories';
import { readXlsx } from '../support/xlsx';

/**
 * The audit's takeover: a staff member (not admin) asks a password reset for the admin's e-mail,
 * reads the link in the e-mail log, sets a password and logs in as admin. Nothing that grants access
 * may be readable by anyone but its recipient.
 */

const ACCESS_LINK = /\/cuenta\/(?:recuperar|verificar)\/([\w-]{43})\//g;

/** Every single-use token that appears in a text (a page, an export, a stored e-mail). */
const tokensIn = (text: string) => [...text.matchAll(ACCESS_LINK)].map((m) => m[1]!);

describe('single-use links in stored e-mails', () => {
  let t: TestApp;
  let staff: TestClient;
  const sent: OutgoingEmail[] = [];
  const transport: MailTransport = {
    describe: 'memoria',
    send: async (email) => {
      sent.push(email);
      return {};
    },
    close: () => {},
  };
  const deliver = () =>
    sendDueEmails(
      {
        database: t.database,
        config: t.config,
        now: t.clock.now,
        log: { info: () => {}, error: () => {}, warn: () => {} } as never,
      },
      transport,
      { workerId: 'prueba' },
    );

  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  /** Everything a staff member can read under /gestion/ about e-mails: list, detail, preview, exports. */
  async function whatStaffCanRead(): Promise<string> {
    const pages: LightMyRequestResponse[] = [];
    const list = await staff.get('/gestion/correos/');
    pages.push(list);
    const ids = [...new Set([...list.body.matchAll(/\/gestion\/correos\/(\d+)\//g)].map((m) => m[1]!))];
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      pages.push(await staff.get(`/gestion/correos/${id}/`));
      pages.push(await staff.get(`/gestion/correos/${id}/vista/`));
    }
    pages.push(await staff.get('/gestion/correos/?formato=csv'));
    const xlsx = await staff.get('/gestion/correos/?formato=xlsx');
    const book = JSON.stringify(await readXlsx(xlsx.rawPayload));
    const rows = await t.database.db.selectFrom('emailLog').selectAll().execute();
    const outbox = await t.database.db
      .selectFrom('emailOutbox')
      .select(['subject', 'bodyText', 'bodyHtml'])
      .execute();
    return [...pages.map((p) => p.body), book, JSON.stringify(rows), JSON.stringify(outbox)].join('\n');
  }

  it('keeps a reset link for the admin out of every staff page, export and stored copy', async () => {
    const admin = await createUser(t.database.db, { role: 'admin', name: 'Carolina Admin' });
    const visitor = new TestClient(t.app);
    const asked = await visitor.post('/cuenta/recuperar/', { email: admin.email });
    expect(asked.statusCode).toBe(303);

    // Before the worker runs, and after it sent the e-mail.
    expect(tokensIn(await whatStaffCanRead())).toEqual([]);
    await deliver();
    const readable = await whatStaffCanRead();
    expect(tokensIn(readable)).toEqual([]);
    expect(readable).toContain('[enlace privado]');

    // The admin's own copy carries a link that works, and it is nowhere in the database.
    const mail = sent.find((m) => m.to === admin.email && m.subject.includes('contraseña'))!;
    const [token] = tokensIn(mail.text);
    expect(token).toBeDefined();
    expect(tokensIn(mail.html ?? '')).toContain(token);
    const outbox = await t.database.db.selectFrom('emailOutbox').selectAll().execute();
    expect(JSON.stringify(outbox)).not.toContain(token);
    const page = await visitor.get(`/cuenta/recuperar/${token}/`);
    expect(page.statusCode).toBe(200);
  });

  it('issues a fresh link when staff resend a reset e-mail, and the old one stops working', async () => {
    const owner = await createUser(t.database.db, { role: 'customer' });
    await new TestClient(t.app).post('/cuenta/recuperar/', { email: owner.email });
    await deliver();
    const first = sent.filter((m) => m.to === owner.email).at(-1)!;
    const [oldToken] = tokensIn(first.text);
    const row = await t.database.db
      .selectFrom('emailOutbox')
      .select('id')
      .where('toAddress', '=', owner.email)
      .where('template', '=', 'password_reset')
      .executeTakeFirstOrThrow();

    const resend = await staff.post(`/gestion/correos/${row.id}/reenviar/`);
    expect(resend.statusCode).toBe(303);
    expect((await staff.follow(resend)).body).toContain('Enviamos un enlace nuevo');
    await deliver();
    const second = sent.filter((m) => m.to === owner.email).at(-1)!;
    const [newToken] = tokensIn(second.text);
    expect(newToken).toBeDefined();
    expect(newToken).not.toBe(oldToken);
    expect((await new TestClient(t.app).get(`/cuenta/recuperar/${oldToken}/`)).statusCode).toBe(410);
    expect((await new TestClient(t.app).get(`/cuenta/recuperar/${newToken}/`)).statusCode).toBe(200);
    expect(tokensIn(await whatStaffCanRead())).toEqual([]);
  });

  it('keeps e-mail confirmation links out of staff view too', async () => {
    const unverified = await createUser(t.database.db, { role: 'customer' });
    await t.database.db
      .updateTable('users')
      .set({ emailVerifiedAt: null })
      .where('id', '=', unverified.id)
      .execute();
    const customer = new TestClient(t.app);
    await customer.login(unverified.email, TEST_PASSWORD);
    const again = await customer.post('/cuenta/verificar/reenviar/');
    expect(again.statusCode).toBe(303);
    await deliver();
    const mail = sent.filter((m) => m.to === unverified.email).at(-1)!;
    expect(tokensIn(mail.text)).toHaveLength(1);
    expect(tokensIn(await whatStaffCanRead())).toEqual([]);
  });
});
