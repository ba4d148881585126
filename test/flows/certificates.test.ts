import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { enrollCustomer } from '../../src/domain/enrollments/enrollments.service';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import {
  createCustomer,
  createCustomerAccount,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
} from '../support/factories';

/** Certificates of attendance and their public verification (issue 19, part 4). */
describe('certificates of attendance', () => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const ctx = () => ({ now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl });
  let sessions = 0;
  const session = () =>
    createWorkshop(db(), {
      name: `Encuadernación japonesa ${++sessions}`,
      startsAt: '2026-03-01T13:00:00.000Z',
      durationMinutes: 150,
      facilitatorName: 'Paula Vidal',
      priceClp: 0,
    });
  const enroll = async (workshopId: number, customerId?: number, attended = true) => {
    const id = customerId ?? (await createCustomer(db(), { fullName: 'Rosa Núñez' })).id;
    const { enrollmentId } = await inTransaction(t.database, (trx) =>
      enrollCustomer(
        trx,
        { workshopId, customerId: id },
        { ...ctx(), now: new Date('2026-02-20T12:00:00Z') },
      ),
    );
    if (attended)
      await db()
        .updateTable('enrollments')
        .set({ attendedAt: '2026-03-01T13:05:00.000Z' })
        .where('id', '=', enrollmentId)
        .execute();
    return enrollmentId;
  };
  const certificateOf = (enrollmentId: number) =>
    db()
      .selectFrom('certificates')
      .selectAll()
      .where('enrollmentId', '=', enrollmentId)
      .orderBy('id')
      .execute();

  it('issues for everyone checked in at a session, e-mails the PDF and verifies it publicly', async () => {
    const w = await session();
    const came = await enroll(w.id);
    const cameToo = await enroll(w.id);
    const absent = await enroll(w.id, undefined, false);
    const res = await staff.post(`/gestion/talleres/${w.id}/certificados/emitir`);
    expect((await staff.follow(res)).body).toContain('2 certificados emitidos');
    expect(await certificateOf(absent)).toEqual([]);
    const [cert] = await certificateOf(came);
    expect(cert).toMatchObject({
      customerName: 'Rosa Núñez',
      facilitatorName: 'Paula Vidal',
      durationMinutes: 150,
    });
    expect(await certificateOf(cameToo)).toHaveLength(1);

    const mail = await db()
      .selectFrom('emailOutbox')
      .selectAll()
      .where('enrollmentId', '=', came)
      .where('template', '=', 'certificate_issued')
      .executeTakeFirstOrThrow();
    const [pdf] = JSON.parse(mail.attachments!);
    expect(pdf).toMatchObject({ contentType: 'application/pdf', encoding: 'base64' });
    expect(Buffer.from(pdf.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(mail.bodyText).toContain(`/certificados/${cert!.uuid}/`);

    const page = await new TestClient(t.app).get(`/certificados/${cert!.uuid}/`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Certificado auténtico');
    expect(page.body).toContain('Rosa Núñez');
    expect(page.body).toContain('Encuadernación japonesa');
    expect(page.body).toContain('2,5 horas');
    expect(page.body).toContain('Paula Vidal');
    expect(page.body).toContain('Emitido el');
    expect(page.body).toMatch(/de 2026<\/dd>/);

    // Issuing again changes nothing.
    await staff.post(`/gestion/talleres/${w.id}/certificados/inscripciones/${came}/emitir`);
    expect(await certificateOf(came)).toHaveLength(1);
  });

  it('refuses a certificate for someone not checked in', async () => {
    const w = await session();
    const absent = await enroll(w.id, undefined, false);
    const res = await staff.post(`/gestion/talleres/${w.id}/certificados/inscripciones/${absent}/emitir`);
    expect((await staff.follow(res)).body).toContain('no tiene registrada su asistencia');
    expect(await certificateOf(absent)).toEqual([]);
  });

  it('says a revoked certificate is revoked, audits it, and lets a new one be issued', async () => {
    const w = await session();
    const id = await enroll(w.id);
    await staff.post(`/gestion/talleres/${w.id}/certificados/inscripciones/${id}/emitir`);
    const [cert] = await certificateOf(id);
    const revoke = await staff.post(`/gestion/talleres/${w.id}/certificados/${cert!.id}/revocar`, {
      motivo: 'Emitido a la persona equivocada',
    });
    expect((await staff.follow(revoke)).body).toContain('Certificado revocado.');
    const page = await new TestClient(t.app).get(`/certificados/${cert!.uuid}/`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Certificado revocado');
    expect(page.body).toContain('ya no es válido');
    const audit = await db()
      .selectFrom('auditLog')
      .select(['afterJson'])
      .where('entityType', '=', 'certificate')
      .where('entityId', '=', cert!.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(audit.afterJson).toContain('Emitido a la persona equivocada');
    const again = await staff.post(`/gestion/talleres/${w.id}/certificados/${cert!.id}/revocar`, {
      motivo: 'Otra vez',
    });
    expect((await staff.follow(again)).body).toContain('ya estaba revocado');

    await staff.post(`/gestion/talleres/${w.id}/certificados/inscripciones/${id}/emitir`);
    const both = await certificateOf(id);
    expect(both).toHaveLength(2);
    expect(both[1]!.uuid).not.toBe(cert!.uuid);
  });

  it('answers a made-up or malformed code with a clear 404', async () => {
    for (const code of ['3f1c2a9e-3b7d-4f3a-9c1e-2d5b8a7f0e11', 'no-es-un-codigo', '1']) {
      const res = await new TestClient(t.app).get(`/certificados/${code}/`);
      expect(res.statusCode, code).toBe(404);
      expect(res.body).toContain('No existe ningún certificado con este código');
    }
  });

  it('lets the customer download the PDF from their account, and nobody else', async () => {
    const w = await session();
    const owner = await createCustomerAccount(db(), { name: 'Dueña del Certificado' });
    const id = await enroll(w.id, owner.customer.id);
    const client = new TestClient(t.app);
    await client.login(owner.login, owner.password);
    expect((await client.get(`/cuenta/inscripciones/${id}/certificado.pdf`)).statusCode).toBe(404);
    await staff.post(`/gestion/talleres/${w.id}/certificados/inscripciones/${id}/emitir`);
    expect((await client.get('/cuenta/perfil/')).body).toContain(
      `/cuenta/inscripciones/${id}/certificado.pdf`,
    );
    const pdf = await client.get(`/cuenta/inscripciones/${id}/certificado.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const other = await createCustomerAccount(db());
    const stranger = new TestClient(t.app);
    await stranger.login(other.login, other.password);
    expect((await stranger.get(`/cuenta/inscripciones/${id}/certificado.pdf`)).statusCode).toBe(404);
  });
});
