import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app';
import { TestClient } from '../../../test/support/client';
import {
  createCustomer,
  createCustomerAccount,
  createProduct,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../../../test/support/factories';

const NEW_PASSWORD = 'acuarela-en-el-cerro-77';

function signUpForm(overrides: Record<string, string> = {}) {
  return {
    nombre: 'Camila Rojas',
    email: `${unique('camila')}@example.cl`,
    telefono: '+56 9 8765 4321',
    password: NEW_PASSWORD,
    password2: NEW_PASSWORD,
    fecha_nacimiento: '1990-05-21',
    comuna: 'Valparaíso',
    rut: '12.345.678-5',
    ...overrides,
  };
}

describe('accounts: sign-up, e-mail verification, password reset and change, profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const outbox = (to: string) =>
    t.database.db
      .selectFrom('emailOutbox')
      .select(['template', 'bodyText', 'customerId', 'privateLink'])
      .where('toAddress', '=', to)
      .orderBy('id')
      .execute();
  /** The single-use link of a queued e-mail, as its recipient will get it (the body shows a placeholder). */
  const linkIn = (
    mail: { privateLink: string | null },
    kind: 'verificar' | 'recuperar' | 'registro/confirmar',
  ) => {
    const match = new RegExp(`(/cuenta/${kind}/([\\w-]{43})/)`).exec(mail.privateLink ?? '');
    if (!match) throw new Error(`No ${kind} link in: ${JSON.stringify(mail)}`);
    return { path: match[1]!, token: match[2]! };
  };
  /** An account created before sign-up needed a confirmed address, or by a script: not verified. */
  const unverifiedAccount = async () => {
    const account = await createCustomerAccount(t.database.db);
    await t.database.db
      .updateTable('users')
      .set({ emailVerifiedAt: null })
      .where('id', '=', account.user.id)
      .execute();
    return account;
  };
  const usersWith = (email: string) =>
    t.database.db.selectFrom('users').select('id').where('email', '=', email).execute();
  const userByEmail = (email: string) =>
    t.database.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();

  it('shows the sign-up form with the password rules and the live checklist script', async () => {
    const res = await t.app.inject('/cuenta/registro/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Crea tu cuenta TMM');
    expect(res.body).toContain('id="registerSubmit"');
    expect(res.body).toContain('src="/static/js/password-rules.js"');
    expect(res.body).toContain('Al menos 10 caracteres');
  });

  it('signs up in two steps: nothing exists until the e-mailed link is used, then the account is ready and logged in', async () => {
    const client = new TestClient(t.app);
    const form = signUpForm();
    await client.get('/cuenta/registro/');
    const res = await client.post('/cuenta/registro/', { ...form, next: '/talleres/' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/cuenta/registro/enviado/');
    const sentPage = await client.follow(res);
    expect(sentPage.body).toContain('Revisa tu correo');
    expect(sentPage.body).toContain(`Te enviamos un correo a ${form.email}`);
    expect(await usersWith(form.email)).toEqual([]);
    expect((await client.get('/cuenta/perfil/')).statusCode).toBe(303);

    const mails = await outbox(form.email);
    expect(mails.map((m) => m.template)).toEqual(['signup_confirmation']);
    expect(mails[0]!.bodyText).toContain('[enlace privado]');
    const { path, token } = linkIn(mails[0]!, 'registro/confirmar');
    const stored = await t.database.db
      .selectFrom('signupRequests')
      .select(['tokenHash', 'passwordHash'])
      .where('email', '=', form.email)
      .executeTakeFirstOrThrow();
    expect(stored.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);

    // Opening the link only shows a button (mail scanners open links too); the button creates it.
    const page = await client.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Activar mi cuenta');
    expect(await usersWith(form.email)).toEqual([]);
    const before = client.cookies.get('sessionid');
    const done = await client.post(path);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/talleres/');
    expect(client.cookies.get('sessionid')).not.toBe(before);
    expect((await client.follow(done)).body).toContain('Tu cuenta está activa');

    const user = await userByEmail(form.email);
    expect(user.role).toBe('customer');
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const customer = await t.database.db
      .selectFrom('customers')
      .selectAll()
      .where('userId', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(customer).toMatchObject({
      fullName: 'Camila Rojas',
      email: form.email,
      phone: '+56987654321',
      birthDate: '1990-05-21',
      comuna: 'Valparaíso',
      rut: '12345678-5',
    });
    expect((await outbox(form.email)).map((m) => m.template)).toEqual(['signup_confirmation', 'welcome']);
    const profile = await client.get('/cuenta/perfil/');
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain('12.345.678-5');

    // The link works once; the password typed at sign-up logs in.
    expect((await new TestClient(t.app).post(path)).statusCode).toBe(410);
    await new TestClient(t.app).login(form.email, NEW_PASSWORD);
  });

  it('answers a sign-up with an address that has an account exactly like a new one, and tells only the owner', async () => {
    const { user } = await createCustomerAccount(t.database.db);
    const taken = await new TestClient(t.app).post(
      '/cuenta/registro/',
      signUpForm({ email: user.email.toUpperCase() }),
    );
    const free = await new TestClient(t.app).post('/cuenta/registro/', signUpForm());
    expect(taken.statusCode).toBe(303);
    expect(taken.statusCode).toBe(free.statusCode);
    expect(taken.headers.location).toBe(free.headers.location);
    // The page after it reads the same (only the typed address and the tokens of the form differ).
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '').replace(/[\w.+-]+@[\w.-]+/g, 'CORREO');
    const takenClient = new TestClient(t.app);
    const freeClient = new TestClient(t.app);
    const a = await takenClient.follow(
      await takenClient.post('/cuenta/registro/', signUpForm({ email: user.email })),
    );
    const b = await freeClient.follow(await freeClient.post('/cuenta/registro/', signUpForm()));
    expect(strip(a.body)).toBe(strip(b.body));
    // The owner hears about it; nothing changed on the account and no sign-up is pending.
    const mails = await outbox(user.email);
    expect(mails.map((m) => m.template)).toEqual(['signup_existing_account']);
    expect(mails[0]!.bodyText).toContain('ya tienes una');
    expect(
      await t.database.db.selectFrom('signupRequests').select('id').where('email', '=', user.email).execute(),
    ).toEqual([]);
  });

  it('re-renders the sign-up form with the values typed and a message on each wrong field', async () => {
    const client = new TestClient(t.app);
    const res = await client.post(
      '/cuenta/registro/',
      signUpForm({
        email: 'no-es-correo',
        telefono: '12',
        password: 'corta',
        password2: 'otra',
        rut: '12.345.678-9',
        fecha_nacimiento: '2030-01-01',
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Por favor corrige los errores en el formulario.');
    expect(res.body).toContain('value="Camila Rojas"');
    expect(res.body).toContain('value="no-es-correo"');
    expect(res.body).toContain('Ingresa un correo válido');
    expect(res.body).toContain('Ingresa un teléfono válido');
    expect(res.body).toContain('Las contraseñas no coinciden.');
    expect(res.body).toContain('El RUT no es válido');
    expect(res.body).toContain('La fecha de nacimiento debe estar en el pasado.');
    expect(res.body).not.toContain('value="corta"');
  });

  it('enforces the password rules on the server: length, not the e-mail or name, not common', async () => {
    const client = new TestClient(t.app);
    const email = `${unique('reglas')}@example.cl`;
    const cases: [string, string][] = [
      ['Corta1', 'al menos 10 caracteres'],
      [`${email.split('@')[0]}!`, 'no puede ser tu correo ni tu nombre'],
      ['camilarojas99', 'no puede ser tu correo ni tu nombre'],
      ['contrasena123', 'demasiado común'],
    ];
    for (const [password, message] of cases) {
      const res = await client.post(
        '/cuenta/registro/',
        signUpForm({ email, password, password2: password }),
      );
      expect(res.statusCode, password).toBe(422);
      expect(res.body.toLowerCase()).toContain(message.toLowerCase());
    }
    expect(await t.database.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual(
      [],
    );
  });

  it('gives a customer record made by staff to a sign-up only through the e-mailed link', async () => {
    const email = `${unique('existente')}@example.cl`;
    const customer = await createCustomer(t.database.db, {
      email,
      fullName: 'Cliente Original',
      phone: '+56911112222',
    });
    const workshop = await createWorkshop(t.database.db, { name: 'Taller del historial' });
    await t.database.db
      .insertInto('enrollments')
      .values({ customerId: customer.id, workshopId: workshop.id, amountDueClp: 45000 })
      .execute();

    const intruder = new TestClient(t.app);
    const res = await intruder.post('/cuenta/registro/', signUpForm({ email, nombre: 'Otra Persona' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/cuenta/registro/enviado/');
    // Nobody is logged in and the record is untouched: the sign-up alone proves nothing.
    expect((await intruder.get('/cuenta/perfil/')).statusCode).toBe(303);
    const untouched = await t.database.db
      .selectFrom('customers')
      .select(['fullName', 'phone', 'userId'])
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ fullName: 'Cliente Original', phone: '+56911112222', userId: null });

    // The owner of the mailbox follows the link: only now is the history theirs.
    const mail = (await outbox(email)).find((m) => m.template === 'signup_confirmation')!;
    const { path } = linkIn(mail, 'registro/confirmar');
    const owner = new TestClient(t.app);
    expect((await owner.post(path)).statusCode).toBe(303);
    const profile = await owner.get('/cuenta/perfil/');
    expect(profile.body).toContain('Taller del historial');
    expect(profile.body).toContain('Cliente Original');
    const customers = await t.database.db
      .selectFrom('customers')
      .select('id')
      .where('email', '=', email)
      .execute();
    expect(customers).toHaveLength(1);
  });

  it('verifies the e-mail of an older, unverified account with its link, once', async () => {
    const { user, login } = await unverifiedAccount();
    const client = new TestClient(t.app);
    await client.login(login, TEST_PASSWORD);
    expect((await client.get('/cuenta/perfil/')).body).toContain('Reenviar correo de verificación');
    await client.post('/cuenta/verificar/reenviar/');
    const mail = (await outbox(user.email)).find((m) => m.template === 'verify_email')!;
    const { path } = linkIn(mail, 'verificar');
    const page = await client.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Confirmar mi correo');
    const verified = await client.post(path);
    expect(verified.statusCode).toBe(303);
    expect(verified.headers.location).toBe('/cuenta/perfil/');
    expect((await client.follow(verified)).body).toContain('Tu correo quedó confirmado');
    expect((await userByEmail(user.email)).emailVerifiedAt).not.toBeNull();
    const again = await client.post(path);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('Enlace no válido');
  });

  it('refuses a verification or sign-up link that is malformed or expired', async () => {
    const client = new TestClient(t.app);
    expect((await client.post('/cuenta/verificar/no-es-un-token/')).statusCode).toBe(410);
    expect((await client.post('/cuenta/registro/confirmar/no-es-un-token/')).statusCode).toBe(410);
    const { user, login } = await unverifiedAccount();
    await client.login(login, TEST_PASSWORD);
    await client.post('/cuenta/verificar/reenviar/');
    const { path } = linkIn((await outbox(user.email)).at(-1)!, 'verificar');
    const form = signUpForm();
    await new TestClient(t.app).post('/cuenta/registro/', form);
    const signup = linkIn((await outbox(form.email))[0]!, 'registro/confirmar');
    t.clock.advanceHours(73);
    try {
      expect((await client.post(path)).statusCode).toBe(410);
      expect((await userByEmail(user.email)).emailVerifiedAt).toBeNull();
      const late = await new TestClient(t.app).post(signup.path);
      expect(late.statusCode).toBe(410);
      expect(late.body).toContain('Volver a registrarme');
      expect(await usersWith(form.email)).toEqual([]);
    } finally {
      t.clock.advanceHours(-73);
    }
  });

  it('resends the verification e-mail on request, but not twice within two minutes', async () => {
    const { user, login } = await unverifiedAccount();
    const client = new TestClient(t.app);
    await client.login(login, TEST_PASSWORD);
    const res = await client.post('/cuenta/verificar/reenviar/');
    expect(res.statusCode).toBe(303);
    expect((await client.follow(res)).body).toContain('Te enviamos un nuevo correo de verificación.');
    const soon = await client.post('/cuenta/verificar/reenviar/');
    expect((await client.follow(soon)).body).toContain('hace un momento');
    expect((await outbox(user.email)).map((m) => m.template)).toEqual(['verify_email']);
  });

  it('answers a reset request the same way whether or not the address has an account', async () => {
    const client = new TestClient(t.app);
    const { user } = await createCustomerAccount(t.database.db);
    const unknown = `${unique('nadie')}@example.cl`;
    const a = await client.post('/cuenta/recuperar/', { email: unknown });
    const b = await client.post('/cuenta/recuperar/', { email: user.email });
    expect(a.statusCode).toBe(303);
    expect(b.statusCode).toBe(303);
    expect(a.headers.location).toBe('/cuenta/recuperar/enviado/');
    expect(b.headers.location).toBe(a.headers.location);
    expect((await client.follow(a)).body).toContain('Si existe una cuenta con ese correo');
    expect(await outbox(unknown)).toEqual([]);
    const mails = await outbox(user.email);
    expect(mails.map((m) => m.template)).toEqual(['password_reset']);
    expect(mails[0]!.bodyText).toContain('vence en 60 minutos');
    const bad = await client.post('/cuenta/recuperar/', { email: 'no-es-correo' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Ingresa un correo válido');
  });

  it('resets a password with the e-mailed link once, ending every session of the account', async () => {
    const { user, login } = await createCustomerAccount(t.database.db, { name: 'Rosa Reset' });
    const otherDevice = new TestClient(t.app);
    await otherDevice.login(login, TEST_PASSWORD);
    expect((await otherDevice.get('/cuenta/perfil/')).statusCode).toBe(200);

    const client = new TestClient(t.app);
    await client.post('/cuenta/recuperar/', { email: user.email });
    const { path } = linkIn((await outbox(user.email)).at(-1)!, 'recuperar');
    const form = await client.get(path);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Elige una contraseña nueva');

    const weak = await client.post(path, { password: 'rosareset1', password2: 'rosareset1' });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('no puede ser tu correo ni tu nombre');
    const mismatch = await client.post(path, { password: NEW_PASSWORD, password2: 'otra-cosa-distinta' });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('Las contraseñas no coinciden.');

    const done = await client.post(path, { password: NEW_PASSWORD, password2: NEW_PASSWORD });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/login/');
    expect((await client.follow(done)).body).toContain('Tu contraseña fue actualizada');

    // The other device was logged out; the old password no longer works; the new one does.
    const kicked = await otherDevice.get('/cuenta/perfil/');
    expect(kicked.statusCode).toBe(303);
    expect(String(kicked.headers.location)).toMatch(/^\/login\/\?next=/);
    expect(
      (await new TestClient(t.app).post('/login/', { username: login, password: TEST_PASSWORD })).statusCode,
    ).toBe(422);
    await new TestClient(t.app).login(login, NEW_PASSWORD);

    // The link works once.
    expect((await client.get(path)).statusCode).toBe(410);
    expect(
      (await client.post(path, { password: 'otra-clave-segura-9', password2: 'otra-clave-segura-9' }))
        .statusCode,
    ).toBe(410);
  });

  it('refuses a reset link after one hour', async () => {
    const { user } = await createCustomerAccount(t.database.db);
    const client = new TestClient(t.app);
    await client.post('/cuenta/recuperar/', { email: user.email });
    const { path } = linkIn((await outbox(user.email)).at(-1)!, 'recuperar');
    t.clock.advanceHours(1.01);
    try {
      const res = await client.get(path);
      expect(res.statusCode).toBe(410);
      expect(res.body).toContain('Pedir un enlace nuevo');
      expect((await client.post(path, { password: NEW_PASSWORD, password2: NEW_PASSWORD })).statusCode).toBe(
        410,
      );
    } finally {
      t.clock.advanceHours(-1.01);
    }
  });

  it('changes the password from the profile with the current one, ending the other sessions only', async () => {
    const { login } = await createCustomerAccount(t.database.db);
    const otherDevice = new TestClient(t.app);
    await otherDevice.login(login, TEST_PASSWORD);
    const client = new TestClient(t.app);
    await client.login(login, TEST_PASSWORD);

    const page = await client.get('/cuenta/password/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Contraseña actual');
    const wrong = await client.post('/cuenta/password/', {
      password_actual: 'no-es-la-actual',
      password: NEW_PASSWORD,
      password2: NEW_PASSWORD,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('La contraseña actual no es correcta.');

    const ok = await client.post('/cuenta/password/', {
      password_actual: TEST_PASSWORD,
      password: NEW_PASSWORD,
      password2: NEW_PASSWORD,
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/cuenta/perfil/');
    expect((await client.follow(ok)).body).toContain('Tu contraseña fue cambiada');
    expect((await otherDevice.get('/cuenta/perfil/')).statusCode).toBe(303);
    await new TestClient(t.app).login(login, NEW_PASSWORD);
  });

  it('sends an anonymous visitor of the account pages to the login page and back', async () => {
    for (const path of ['/cuenta/perfil/', '/cuenta/perfil/editar/', '/cuenta/password/']) {
      const res = await t.app.inject(path);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/login/?next=${encodeURIComponent(path)}`);
    }
  });

  it('shows upcoming and past enrollments with what is owed, and purchases with their lines', async () => {
    const { customer, login } = await createCustomerAccount(t.database.db, { name: 'Paula Perfil' });
    const db = t.database.db;
    const soon = await createWorkshop(db, { name: 'Resina próxima', startsAt: '2026-04-11T14:30:00.000Z' });
    const later = await createWorkshop(db, {
      name: 'Timbres más adelante',
      startsAt: '2026-05-09T14:30:00.000Z',
    });
    const past = await createWorkshop(db, {
      name: 'Encuadernación pasada',
      startsAt: '2026-01-10T13:30:00.000Z',
    });
    const enroll = (
      workshopId: number,
      values: { amountPaidClp?: number; status?: 'PENDIENTE' | 'ABONADO' | 'PAGADO' | 'ANULADO' },
    ) =>
      db
        .insertInto('enrollments')
        .values({ customerId: customer.id, workshopId, amountDueClp: 45000, ...values })
        .returning('id')
        .executeTakeFirstOrThrow();
    const partial = await enroll(soon.id, { amountPaidClp: 20000, status: 'ABONADO' });
    const paid = await enroll(later.id, { amountPaidClp: 45000, status: 'PAGADO' });
    const old = await enroll(past.id, { status: 'PENDIENTE' });
    const product = await createProduct(db, { name: 'Kit Resina Premium' });
    const sale = await db
      .insertInto('sales')
      .values({ customerId: customer.id, totalClp: 30000, status: 'PENDIENTE' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('saleLines')
      .values({ saleId: sale.id, productId: product.id, quantity: 2, unitPriceClp: 15000 })
      .execute();

    const client = new TestClient(t.app);
    await client.login(login, TEST_PASSWORD);
    const res = await client.get('/cuenta/perfil/');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    // Upcoming first (soonest first), then past.
    expect(body.indexOf('Resina próxima')).toBeLessThan(body.indexOf('Timbres más adelante'));
    expect(body.indexOf('Timbres más adelante')).toBeLessThan(body.indexOf('Encuadernación pasada'));
    expect(body).toContain('sábado 11 de abril de 2026, 10:30 hrs');
    expect(body).toContain('$25.000');
    expect(body).toContain(`href="/pago/${partial.id}/"`);
    expect(body).not.toContain(`href="/pago/${paid.id}/"`);
    expect(body).toContain(`action="/cuenta/inscripciones/${partial.id}/anular/"`);
    expect(body).toContain(`action="/cuenta/inscripciones/${paid.id}/anular/"`);
    // A workshop that already happened cannot be cancelled any more; what is owed can still be paid.
    expect(body).not.toContain(`action="/cuenta/inscripciones/${old.id}/anular/"`);
    expect(body).toContain(`href="/pago/${old.id}/"`);
    expect(body).toContain('badge badge-ABONADO');
    expect(body).toContain(`Compra #${sale.id}`);
    expect(body).toContain('2 × Kit Resina Premium');
    expect(body).toContain(`href="/pago/venta/${sale.id}/"`);
  });

  it('edits the profile data with validation', async () => {
    const { customer, login, user } = await createCustomerAccount(t.database.db);
    const client = new TestClient(t.app);
    await client.login(login, TEST_PASSWORD);
    const form = await client.get('/cuenta/perfil/editar/');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Cliente con Cuenta"');

    const bad = await client.post('/cuenta/perfil/editar/', {
      nombre: 'Ana María Soto',
      telefono: 'llámame',
      rut: '1-1',
      fecha_nacimiento: '1985-02-30',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Ana María Soto"');
    expect(bad.body).toContain('Ingresa un teléfono válido');
    expect(bad.body).toContain('El RUT no es válido');
    expect(bad.body).toContain('Ingresa una fecha válida');

    const ok = await client.post('/cuenta/perfil/editar/', {
      nombre: 'Ana María Soto',
      telefono: '+56 9 1234 5678',
      rut: '7654321-6',
      comuna: 'Viña del Mar',
      fecha_nacimiento: '1985-02-28',
    });
    expect(ok.statusCode).toBe(303);
    const saved = await t.database.db
      .selectFrom('customers')
      .select(['fullName', 'phone', 'rut', 'comuna', 'birthDate', 'searchText'])
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({
      fullName: 'Ana María Soto',
      phone: '+56912345678',
      rut: '7654321-6',
      comuna: 'Viña del Mar',
      birthDate: '1985-02-28',
      // The RUT is searchable too, as the back office types it (with or without dots).
      searchText: `ana maria soto ${user.email} +56912345678 7654321-6 7.654.321-6 76543216`,
    });
    const profile = await client.follow(ok);
    expect(profile.body).toContain('Guardamos tus datos.');
    expect(profile.body).toContain('Hola, Ana');
  });
});
