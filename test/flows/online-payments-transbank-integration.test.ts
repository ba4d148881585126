import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createCustomerAccount, createWorkshop } from '../support/factories';

/**
 * Against Transbank's real integration environment (https://webpay3gint.transbank.cl, public
 * credentials, no real money), not the local fake: proves the fake still answers what Transbank
 * answers. Needs internet, so it runs only with TMM_TRANSBANK_INTEGRATION=1:
 *   TMM_TRANSBANK_INTEGRATION=1 npx vitest run --project sqlite test/flows/online-payments-transbank-integration.test.ts
 */
describe.runIf(process.env.TMM_TRANSBANK_INTEGRATION === '1')('Webpay against Transbank integration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      env: { WEBPAY_ENVIRONMENT: 'integration', PAYMENT_PROVIDER_TIMEOUT_MS: '30000' },
    });
    await t.database.db
      .updateTable('paymentProviderSettings')
      .set({ isEnabled: true })
      .where('provider', '=', 'webpay')
      .execute();
  });
  afterAll(async () => t?.close());

  it('creates a transaction for what is owed, sends the customer to the form, and reads it as pending', async () => {
    const account = await createCustomerAccount(t.database.db);
    const workshop = await createWorkshop(t.database.db, { priceClp: 1000 });
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    const enrolled = await client.post(`/talleres/${workshop.id}/`);
    const payPath = String(enrolled.headers.location);
    const started = await client.post(`${payPath}en-linea/`, { proveedor: 'webpay' });
    expect(started.statusCode).toBe(303);
    // Without internet the payment page says it could not reach Webpay instead.
    expect(String(started.headers.location)).toMatch(/^\/pago\/en-linea\/\d+\/ir\/$/);
    const attempt = await t.database.db
      .selectFrom('paymentAttempts')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(attempt).toMatchObject({ state: 'redirected', amountClp: 1000 });
    expect(attempt.token).toMatch(/^[0-9a-f]{64}$/);
    expect(attempt.redirectUrl).toBe('https://webpay3gint.transbank.cl/webpayserver/initTransaction');
    const redirect = await client.get(String(started.headers.location));
    expect(redirect.body).toContain(`name="token_ws" value="${attempt.token}"`);

    // Nobody paid: Transbank's status is INITIALIZED, which the sweeper leaves pending.
    const checked = await new TestClient(t.app).get(`/pago/webpay/retorno/?token_ws=${attempt.token}`);
    expect(checked.statusCode).toBe(303);
    const after = await t.database.db
      .selectFrom('paymentAttempts')
      .select(['state', 'providerStatus'])
      .where('id', '=', attempt.id)
      .executeTakeFirstOrThrow();
    expect(after.state).not.toBe('authorized');
  });
});
