import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueEmails } from '../../src/domain/email/outbox.worker';
import { unsubscribePath } from '../../src/domain/email/unsubscribe';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import {
  createCustomer,
  createCustomerAccount,
  createUser,
  TEST_PASSWORD,
  unique,
} from '../support/factories';

const PASSWORD = 'acuarela-en-el-cerro-77';

/**
 * Marketing e-mail is an explicit opt-in: an unticked box at sign-up, the time it was ticked kept on
 * the customer, the profile able to change it, and staff messages and the outbox worker both
 * honouring it. Customers from before the opt-in keep their state.
 */
describe('marketing consent', () => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff', name: 'Carolina' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const customerByEmail = (email: string) =>
    db()
      .selectFrom('customers')
      .select(['id', 'isMarketingOptOut', 'marketingConsentAt'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();

  /** Signs up through the form and confirms from the e-mailed link; `novedades` ticks the box. */
  async function signUp(ticked: boolean) {
    const email = `${unique('novedades')}@example.cl`;
    const client = new TestClient(t.app);
    const form: Record<string, string> = {
      nombre: 'Javiera Soto',
      email,
      telefono: '+56 9 8765 4321',
      password: PASSWORD,
      password2: PASSWORD,
    };
    if (ticked) form.novedades = '1';
    const sent = await client.post('/cuenta/registro/', form);
    expect(sent.statusCode).toBe(303);
    const signedUpAt = t.clock.now().toISOString();
    // The link is opened later: the consent counts from the form, not from the click.
    t.clock.advanceHours(3);
    const mail = await db()
      .selectFrom('emailOutbox')
      .select('privateLink')
      .where('toAddress', '=', email)
      .where('template', '=', 'signup_confirmation')
      .executeTakeFirstOrThrow();
    const path = /\/cuenta\/registro\/confirmar\/[\w-]{43}\//.exec(mail.privateLink ?? '')![0];
    expect((await client.post(path)).statusCode).toBe(303);
    return { client, email, signedUpAt };
  }

  /** Staff write a marketing message to these customers (a selection is marketing: opt-outs apply). */
  async function sendNews(customerIds: number[]) {
    const res = await staff.post('/gestion/email/', {
      cliente_id: customerIds.map(String),
      asunto: 'Nuevos talleres de verano',
      mensaje: 'Hola [Nombre], ya están los talleres de verano: [Link del Catálogo]',
      paso: 'enviar',
    });
    expect(res.statusCode).toBe(303);
    return db()
      .selectFrom('emailOutbox')
      .select(['customerId', 'status'])
      .where('customerId', 'in', customerIds)
      .where('kind', '=', 'marketing')
      .orderBy('id')
      .execute();
  }

  it('shows the opt-in unticked on the sign-up form, linked to the privacy policy and the terms', async () => {
    const res = await t.app.inject('/cuenta/registro/');
    expect(res.body).toContain('Quiero recibir novedades y talleres por correo');
    expect(res.body).toMatch(
      /<input type="checkbox" id="f-novedades" name="novedades" value="1"(?! checked)/,
    );
    expect(res.body).toContain('href="/privacidad/"');
    expect(res.body).toContain('href="/terminos/"');
  });

  it('sends no marketing e-mail to a sign-up that left the box unticked', async () => {
    const { email } = await signUp(false);
    const customer = await customerByEmail(email);
    expect(customer).toMatchObject({ isMarketingOptOut: true, marketingConsentAt: null });

    const rows = await sendNews([customer.id]);
    expect(rows).toEqual([{ customerId: customer.id, status: 'FAILED' }]);
  });

  it('keeps when the box was ticked, and marketing e-mail goes out', async () => {
    const { email, signedUpAt } = await signUp(true);
    const customer = await customerByEmail(email);
    expect(customer.isMarketingOptOut).toBe(false);
    expect(new Date(customer.marketingConsentAt!).toISOString()).toBe(signedUpAt);

    const rows = await sendNews([customer.id]);
    expect(rows).toEqual([{ customerId: customer.id, status: 'PENDING' }]);
    const profile = await (await signUpClient(email)).get('/cuenta/perfil/');
    expect(profile.body).toMatch(/data-test="profile-marketing">Sí, desde el \d{2}-\d{2}-\d{4}/);
  });

  it('lets the customer change it from the profile: unticking stops queued news, ticking records the time', async () => {
    const { client, email } = await signUp(true);
    const customer = await customerByEmail(email);
    const [queued] = await sendNews([customer.id]);
    expect(queued?.status).toBe('PENDING');

    const form = await client.get('/cuenta/perfil/editar/');
    expect(form.body).toMatch(/name="novedades" value="1" checked/);
    const data = { nombre: 'Javiera Soto', telefono: '+56 9 8765 4321' };
    expect((await client.post('/cuenta/perfil/editar/', data)).statusCode).toBe(303);
    expect(await customerByEmail(email)).toMatchObject({ isMarketingOptOut: true, marketingConsentAt: null });
    expect((await client.get('/cuenta/perfil/editar/')).body).toMatch(
      /name="novedades" value="1"(?! checked)/,
    );

    // The message queued before the change is not sent: the worker asks the same rule before sending.
    const sent: string[] = [];
    const transport = {
      describe: 'test',
      send: async (email: { to: string; subject: string }) => {
        sent.push(`${email.to}: ${email.subject}`);
        return {};
      },
      close: () => {},
    };
    const log = { info: () => {}, error: () => {} };
    await sendDueEmails({ database: t.database, config: t.config, now: t.clock.now, log }, transport, {
      workerId: 'test',
    });
    expect(sent).toContain(`${email}: Bienvenida a TMM`);
    expect(sent).not.toContain(`${email}: Nuevos talleres de verano`);
    const after = await db()
      .selectFrom('emailOutbox')
      .select('status')
      .where('customerId', '=', customer.id)
      .where('kind', '=', 'marketing')
      .execute();
    expect(after.map((r) => r.status)).toEqual(['FAILED']);

    t.clock.advanceHours(24);
    const tickedAt = t.clock.now().toISOString();
    await client.post('/cuenta/perfil/editar/', { ...data, novedades: '1' });
    const back = await customerByEmail(email);
    expect(back.isMarketingOptOut).toBe(false);
    expect(new Date(back.marketingConsentAt!).toISOString()).toBe(tickedAt);
    // Saving again with the box still ticked keeps the time the consent was given.
    t.clock.advanceHours(24);
    await client.post('/cuenta/perfil/editar/', { ...data, novedades: '1' });
    expect(new Date((await customerByEmail(email)).marketingConsentAt!).toISOString()).toBe(tickedAt);
  });

  it('leaves customers from before the opt-in as they were', async () => {
    const before = await createCustomer(db(), { fullName: 'Cliente Antigua' });
    const rows = await sendNews([before.id]);
    expect(rows).toEqual([{ customerId: before.id, status: 'PENDING' }]);
    const { customer, login } = await createCustomerAccount(db());
    const client = new TestClient(t.app);
    await client.login(login, TEST_PASSWORD);
    expect((await client.get('/cuenta/perfil/editar/')).body).toMatch(/name="novedades" value="1" checked/);
    expect((await customerByEmail(customer.email)).marketingConsentAt).toBeNull();
  });

  it('forgets the consent time when the customer unsubscribes from an e-mail', async () => {
    const { client, email } = await signUp(true);
    const customer = await customerByEmail(email);
    const res = await client.post(unsubscribePath(customer.id, t.config.sessionSecret));
    expect(res.statusCode).toBe(303);
    expect(await customerByEmail(email)).toMatchObject({ isMarketingOptOut: true, marketingConsentAt: null });
  });

  it('keeps a consent when duplicates are merged, and an opt-out on either record wins', async () => {
    const merge = async (keepId: number, otherId: number) => {
      const res = await staff.post(`/gestion/clientes/${keepId}/fusionar/`, {
        otro: String(otherId),
        conservar: 'este',
      });
      expect(res.headers.location).toBe(`/gestion/clientes/${keepId}/`);
    };
    const consented = await customerByEmail((await signUp(true)).email);
    const kept = await createCustomer(db(), { fullName: 'Javiera Soto (ficha antigua)' });
    await merge(kept.id, consented.id);
    expect(await customerByEmail(kept.email)).toEqual({
      id: kept.id,
      isMarketingOptOut: false,
      marketingConsentAt: consented.marketingConsentAt,
    });

    const { email } = await signUp(true);
    const consentedToo = await customerByEmail(email);
    const unsubscribed = await createCustomer(db(), { fullName: 'Javiera Soto (se dio de baja)' });
    await db()
      .updateTable('customers')
      .set({ isMarketingOptOut: true })
      .where('id', '=', unsubscribed.id)
      .execute();
    await merge(consentedToo.id, unsubscribed.id);
    expect(await customerByEmail(email)).toMatchObject({ isMarketingOptOut: true, marketingConsentAt: null });
  });

  async function signUpClient(email: string) {
    const client = new TestClient(t.app);
    await client.login(email, PASSWORD);
    return client;
  }
});
