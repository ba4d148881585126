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

  describe('a series that certifies only above an attendance minimum', () => {
    // Sessions of one series: four held (the clock is 2026-03-02), one cancelled, one to come.
    const HELD = ['2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02'];
    let seriesCount = 0;
    const makeSeries = async (certificateMinPercent: number | null) => {
      const series = await db()
        .insertInto('series')
        .values({
          name: `Cerámica en serie ${++seriesCount}`,
          description: 'Cuatro lunes de torno.',
          categoryId: null,
          priceClp: 0,
          totalSeats: 10,
          durationMinutes: 120,
          location: null,
          facilitatorName: 'Paula Vidal',
          weekdays: '1',
          startTime: '10:00',
          startsOn: '2026-02-09',
          endsOn: null,
          sessionCount: 6,
          locationId: null,
          certificateMinPercent,
          createdAt: '2026-02-01T12:00:00.000Z',
          updatedAt: '2026-02-01T12:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const sessionOn = async (date: string, cancelled = false) => {
        const w = await createWorkshop(db(), { startsAt: `${date}T13:00:00.000Z`, priceClp: 0 });
        if (cancelled)
          await db()
            .updateTable('workshops')
            .set({ cancelledAt: `${date}T10:00:00.000Z` })
            .where('id', '=', w.id)
            .execute();
        await db()
          .insertInto('seriesSessions')
          .values({ seriesId: series.id, workshopId: w.id, sessionDate: date, appliedFields: '[]' })
          .execute();
        return w.id;
      };
      const held: number[] = [];
      for (const date of HELD) held.push(await sessionOn(date));
      const cancelled = await sessionOn('2026-02-26', true);
      const upcoming = await sessionOn('2026-03-09');
      return { held, cancelled, upcoming };
    };
    /** Enrolls a new customer in the given sessions, checked in at `attended` of them. */
    const attendee = async (name: string, enrolled: number[], attended: number[]) => {
      const customer = await createCustomer(db(), { fullName: name });
      const ids = new Map<number, number>();
      for (const workshopId of enrolled) {
        const row = await db()
          .insertInto('enrollments')
          .values({
            customerId: customer.id,
            workshopId,
            amountDueClp: 0,
            attendedAt: attended.includes(workshopId) ? '2026-02-09T13:05:00.000Z' : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.set(workshopId, row.id);
      }
      return ids;
    };
    const issueOne = (workshopId: number, enrollmentId: number) =>
      staff.post(`/gestion/talleres/${workshopId}/certificados/inscripciones/${enrollmentId}/emitir`);

    it('issues to a customer at 3 of 4 sessions held with a 75 % minimum', async () => {
      const { held, upcoming } = await makeSeries(75);
      const [first, second, third] = held as [number, number, number, number];
      const enrollments = await attendee('Inés Soto', [...held, upcoming], [first, second, third]);
      const res = await issueOne(first, enrollments.get(first)!);
      expect((await staff.follow(res)).body).toContain('Certificado emitido y enviado por correo.');
      expect(await certificateOf(enrollments.get(first)!)).toHaveLength(1);
    });

    it('refuses the same attendance with an 80 % minimum, saying why, and skips it when issuing all', async () => {
      const { held } = await makeSeries(80);
      const [first, second, third] = held as [number, number, number, number];
      const short = await attendee('Inés Soto', held, [first, second, third]);
      const full = await attendee('Tomás Reyes', held, held);
      const res = await issueOne(first, short.get(first)!);
      const page = (await staff.follow(res)).body;
      expect(page).toContain(
        'Inés Soto asistió a 3 de 4 sesiones realizadas de la serie &quot;Cerámica en serie',
      );
      expect(page).toContain('(75 %); la serie pide al menos 80 % para emitir el certificado.');
      expect(await certificateOf(short.get(first)!)).toEqual([]);

      const all = await staff.post(`/gestion/talleres/${first}/certificados/emitir`);
      expect((await staff.follow(all)).body).toContain(
        '1 certificado emitido y enviado por correo. 1 persona quedó sin certificado: su asistencia a las sesiones ya realizadas de la serie no llega al mínimo de 80 %.',
      );
      expect(await certificateOf(full.get(first)!)).toHaveLength(1);
      expect(await certificateOf(short.get(first)!)).toEqual([]);
    });

    it('certifies each attended session as before when the series sets no minimum', async () => {
      const { held } = await makeSeries(null);
      const [first] = held as [number];
      const once = await attendee('Inés Soto', held, [first]);
      const res = await issueOne(first, once.get(first)!);
      expect((await staff.follow(res)).body).toContain('Certificado emitido y enviado por correo.');
      expect(await certificateOf(once.get(first)!)).toHaveLength(1);
    });
  });
});
