import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { enrollCustomer } from '../../src/domain/enrollments/enrollments.service';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import {
  createCustomer,
  createInterest,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../support/factories';

/** /gestion/email/: compose to a selection or a segment, preview, send through the outbox. */
describe('back-office e-mail to customers', () => {
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
  const ctx = () => ({ now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl });
  const interested = async (interestId: number, fullName: string, optOut = false) => {
    const c = await createCustomer(db(), { fullName });
    await db().insertInto('customerInterests').values({ customerId: c.id, interestId }).execute();
    if (optOut)
      await db().updateTable('customers').set({ isMarketingOptOut: true }).where('id', '=', c.id).execute();
    return c;
  };
  const outboxOf = (customerIds: number[]) =>
    db().selectFrom('emailOutbox').selectAll().where('customerId', 'in', customerIds).orderBy('id').execute();

  it('writes to everyone interested in Resina: preview, placeholders replaced, opted-out skipped and reported', async () => {
    const resina = await createInterest(db(), unique('Resina '));
    const ana = await interested(resina.id, 'Ana Resina');
    const beto = await interested(resina.id, 'Beto Resina');
    const carla = await interested(resina.id, 'Carla Sin Correos', true);
    await createCustomer(db(), { fullName: 'Otro Interés' });

    const page = await staff.get(`/gestion/email/?interes=${resina.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>3</strong> destinatarios');
    expect(page.body).toContain('1 persona pidió no recibir novedades');
    expect(page.body).toContain('[Link del Catálogo]');
    expect(page.body).toContain('[Nombre]');

    const form = {
      interes: String(resina.id),
      asunto: 'Hola [Nombre]',
      mensaje: 'Querida [Nombre], te gustan [Intereses]. Mira <b>esto</b>: [Link del Catálogo]',
    };
    const preview = await staff.post('/gestion/email/', { ...form, paso: 'vista' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Hola Ana');
    expect(preview.body).not.toContain('Hola Ana Resina');
    expect(preview.body).toContain(`te gustan ${resina.name}`);
    expect(preview.body).toContain('&lt;b>esto&lt;/b>');
    expect(preview.body).not.toContain('<b>esto</b>');
    expect(preview.body).toContain('data-test="send-email"');
    expect(await outboxOf([ana.id, beto.id, carla.id])).toHaveLength(0);

    const sent = await staff.post('/gestion/email/', { ...form, paso: 'enviar' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/gestion/correos/');
    expect((await staff.follow(sent)).body).toContain(
      'Correo en cola para 2 personas. 1 no lo recibirá porque pidió no recibir novedades.',
    );
    const rows = (await outboxOf([ana.id, beto.id, carla.id])).sort((x, y) => x.customerId! - y.customerId!);
    expect(rows.map((r) => [r.customerId, r.status, r.kind])).toEqual([
      [ana.id, 'PENDING', 'marketing'],
      [beto.id, 'PENDING', 'marketing'],
      [carla.id, 'FAILED', 'marketing'],
    ]);
    expect(rows[1]!.subject).toBe('Hola Beto');
    expect(rows[1]!.bodyText).toContain(`${t.config.publicUrl}/talleres/`);
    expect(rows[1]!.bodyText).not.toContain('[');
  });

  it('writes to a selection passed from a list as repeated cliente_id', async () => {
    const a = await createCustomer(db(), { fullName: 'Sel Uno' });
    const b = await createCustomer(db(), { fullName: 'Sel Dos' });
    const page = await staff.get(`/gestion/email/?cliente_id=${a.id}&cliente_id=${b.id}`);
    expect(page.body).toContain('<strong>2</strong> destinatarios');
    const sent = await staff.post('/gestion/email/', {
      cliente_id: [String(a.id), String(b.id)],
      asunto: 'Aviso',
      mensaje: 'Para [Nombre completo] ([Email])',
      paso: 'enviar',
    });
    expect(sent.statusCode).toBe(303);
    const rows = await outboxOf([a.id, b.id]);
    expect(
      rows.map((r) => r.bodyText.includes(`Para ${r.customerId === a.id ? 'Sel Uno' : 'Sel Dos'} (`)),
    ).toEqual([true, true]);
  });

  it('writes to the attendees of a workshop with enrollment placeholders, and refuses them for a segment', async () => {
    const w = await createWorkshop(db(), { priceClp: 20000 });
    const c = await createCustomer(db(), { fullName: 'Inscrita Uno' });
    const { enrollmentId } = await inTransaction(t.database, (trx) =>
      enrollCustomer(trx, { workshopId: w.id, customerId: c.id }, ctx()),
    );
    const sent = await staff.post('/gestion/email/', {
      taller: String(w.id),
      asunto: 'Tu inscripción en [Taller]',
      mensaje: 'Estado: [Estado]. Saldo: [Saldo]. Paga en [Link de Pago]',
      paso: 'enviar',
    });
    expect(sent.statusCode).toBe(303);
    const [row] = (await outboxOf([c.id])).filter((r) => r.template === 'staff_message');
    expect(row).toMatchObject({
      kind: 'transactional',
      enrollmentId,
      subject: `Tu inscripción en ${w.name}`,
    });
    expect(row!.bodyText).toContain('Estado: Pendiente de pago. Saldo: $20.000.');
    expect(row!.bodyText).toContain(`/pago/${enrollmentId}/`);

    const interest = await createInterest(db());
    await interested(interest.id, 'Sin Inscripción');
    const refused = await staff.post('/gestion/email/', {
      interes: String(interest.id),
      asunto: 'x',
      mensaje: 'Tu saldo es [Saldo]',
      paso: 'vista',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('[Saldo]');
    expect(refused.body).toContain('Tu saldo es [Saldo]</textarea>');
  });

  it('validates the form and the audience (422 with messages)', async () => {
    const empty = await staff.post('/gestion/email/', { asunto: '', mensaje: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Escribe el asunto del correo.');
    expect(empty.body).toContain('Escribe el mensaje.');
    const nobody = await staff.post('/gestion/email/', { asunto: 'a', mensaje: 'b' });
    expect(nobody.statusCode).toBe(422);
    expect(nobody.body).toContain('No hay destinatarios');
  });

  it('keeps every chosen customer when the form is shown again', async () => {
    const a = await createCustomer(db());
    const b = await createCustomer(db());
    const res = await staff.post('/gestion/email/', {
      cliente_id: [String(a.id), String(b.id)],
      asunto: '',
      mensaje: 'Hola',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Escribe el asunto del correo.');
    for (const id of [a.id, b.id]) expect(res.body).toContain(`name="cliente_id" value="${id}"`);
  });

  it('serves /gestion/email/preview/ only by POST, as inert HTML', async () => {
    const get = await staff.get('/gestion/email/preview/');
    expect(get.statusCode).toBe(405);
    expect(get.json()).toEqual({ error: 'Solo se permite POST: usa el formulario de vista previa.' });
    const c = await createCustomer(db(), { fullName: 'Vista <Previa>' });
    const res = await staff.post('/gestion/email/preview/', {
      cliente_id: String(c.id),
      asunto: 'Hola [Nombre completo]',
      mensaje: 'Texto <script>alert(1)</script>',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toMatch(/Vista &lt;Previa(>|&gt;)/);
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(await outboxOf([c.id])).toHaveLength(0);
    const bad = await staff.post('/gestion/email/preview/', { asunto: '', mensaje: '' });
    expect(bad.statusCode).toBe(422);
  });
});
