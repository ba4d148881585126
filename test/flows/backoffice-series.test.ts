import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createFacilitator } from '../support/facilitator-factories';
import { createCustomer, createUser, TEST_PASSWORD, unique } from '../support/factories';

/** Staff pages of recurring series: list, create, template edit, sessions, cancelling one. */
describe('back office: series', () => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const seriesForm = (name: string, over: Record<string, string | string[]> = {}) => ({
    nombre: name,
    descripcion: 'Meditación guiada al final del día.',
    categoria: '',
    precio: '8.000',
    cupos: '10',
    duracion: '60',
    hora: '19:00',
    lugar: 'Sala grande',
    facilitador: 'Pedro Díaz',
    dias: ['2', '4'],
    desde: '2026-03-03',
    termina: 'sesiones',
    sesiones: '6',
    hasta: '',
    ...over,
  });
  const create = async (name: string, over: Record<string, string | string[]> = {}) => {
    const res = await staff.post('/gestion/series/nueva/', seriesForm(name, over));
    expect(res.statusCode).toBe(303);
    return {
      location: String(res.headers.location),
      id: Number(/\/(\d+)\/$/.exec(String(res.headers.location))![1]),
    };
  };
  const workshopsOf = (seriesId: number) =>
    t.database.db
      .selectFrom('seriesSessions')
      .innerJoin('workshops', 'workshops.id', 'seriesSessions.workshopId')
      .select([
        'workshops.id',
        'workshops.name',
        'workshops.priceClp',
        'workshops.startsAt',
        'workshops.cancelledAt',
        'workshops.facilitatorName',
      ])
      .where('seriesSessions.seriesId', '=', seriesId)
      .orderBy('workshops.startsAt')
      .execute();

  it('creates a series from the form and shows its sessions; the list finds it', async () => {
    const name = unique('Meditación ');
    const { location, id } = await create(name);
    const page = await staff.get(location);
    expect(page.body).toContain(`Serie &quot;${name}&quot; creada con sus sesiones.`);
    expect(page.body).toContain('Martes y jueves, 19:00 hrs');
    expect(page.body.match(/data-test="session-upcoming"/g)?.length).toBe(6);
    const sessions = await workshopsOf(id);
    expect(sessions.map((s) => s.priceClp)).toEqual(Array(6).fill(8000));
    expect(sessions[0]!.facilitatorName).toBe('Pedro Díaz');
    const list = await staff.get(`/gestion/series/?q=${encodeURIComponent(name)}`);
    expect(list.body).toContain(`href="/gestion/series/${id}/"`);
    const csv = await staff.get(`/gestion/series/?q=${encodeURIComponent(name)}&formato=csv`);
    expect(csv.body).toContain(name);
  });

  it('gives the sessions the facilitator chosen in the form, shown on the series page', async () => {
    const ana = await createFacilitator(t.database.db, { name: unique('Ana Fuentes ') });
    const form = await staff.get('/gestion/series/nueva/');
    expect(form.body).toContain(`<option value="${ana.id}">${ana.name}</option>`);
    const { location, id } = await create(unique('Acuarela '), {
      facilitador_id: String(ana.id),
      facilitador: '',
    });
    expect((await staff.get(location)).body).toContain(ana.name);
    const sessions = await t.database.db
      .selectFrom('seriesSessions')
      .innerJoin('workshops', 'workshops.id', 'seriesSessions.workshopId')
      .select('workshops.facilitatorId')
      .where('seriesSessions.seriesId', '=', id)
      .execute();
    expect(sessions.map((s) => s.facilitatorId)).toEqual(Array(6).fill(ana.id));
    const edit = await staff.get(`/gestion/series/${id}/editar/`);
    expect(edit.body).toMatch(new RegExp(`<option value="${ana.id}" selected`));
  });

  it('shows the form again with every mistake marked', async () => {
    const res = await staff.post(
      '/gestion/series/nueva/',
      seriesForm('', { dias: [], precio: 'mucho', termina: 'fecha', hasta: '' }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Escribe el nombre de la serie.');
    expect(res.body).toContain('Elige al menos un día de la semana.');
    const past = await staff.post(
      '/gestion/series/nueva/',
      seriesForm(unique('Pasada '), { desde: '2026-01-05' }),
    );
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('La serie no puede empezar en el pasado.');
  });

  it('keeps a certificate attendance minimum of 1 to 100 %, shows it, and refuses 0 and 101 on the field', async () => {
    const marked = /<div class="field field-invalid"><label for="f-certificado">/;
    for (const bad of ['0', '101']) {
      const res = await staff.post(
        '/gestion/series/nueva/',
        seriesForm(unique('Certificable '), { certificado: bad }),
      );
      expect(res.statusCode).toBe(422);
      expect(res.body).toMatch(marked);
      expect(res.body).toContain('La asistencia mínima va en porcentaje, un número entero entre 1 y 100');
    }

    const { location, id } = await create(unique('Certificable '), { certificado: '75' });
    expect((await staff.get(location)).body).toContain('Con al menos 75 % de asistencia a la serie');
    const form = await staff.get(`/gestion/series/${id}/editar/`);
    expect(form.body).toMatch(/id="f-certificado" name="certificado" type="text" value="75"/);
    const refused = await staff.post(`/gestion/series/${id}/editar/`, {
      ...seriesForm(unique('Certificable ')),
      certificado: '101',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toMatch(marked);

    const cleared = await staff.post(`/gestion/series/${id}/editar/`, {
      ...seriesForm(unique('Certificable ')),
      certificado: '',
    });
    expect(cleared.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom('series')
      .select('certificateMinPercent')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.certificateMinPercent).toBeNull();
    expect((await staff.get(`/gestion/series/${id}/`)).body).toContain('Por cada sesión con asistencia');
  });

  it('edits the template of the sessions to come and cancels one session, telling who is enrolled', async () => {
    const { id } = await create(unique('Acuarela '), { sesiones: '3' });
    const [first, second] = await workshopsOf(id);
    const customer = await createCustomer(t.database.db);
    await t.database.db
      .insertInto('enrollments')
      .values({ customerId: customer.id, workshopId: first!.id, amountDueClp: 8000 })
      .execute();
    await t.database.db.updateTable('workshops').set({ seatsTaken: 1 }).where('id', '=', first!.id).execute();

    const form = await staff.get(`/gestion/series/${id}/editar/`);
    expect(form.body).toContain('value="Pedro Díaz"');
    const name = unique('Acuarela nueva ');
    const saved = await staff.post(`/gestion/series/${id}/editar/`, {
      ...seriesForm(name),
      precio: '9.500',
      facilitador: 'Ana Rojas',
    });
    expect(saved.statusCode).toBe(303);
    expect((await staff.follow(saved)).body).toContain('3 sesiones por venir actualizadas');
    const after = await workshopsOf(id);
    expect(after.map((s) => s.priceClp)).toEqual([9500, 9500, 9500]);
    expect(after[0]!.name.startsWith(name)).toBe(true);

    const confirm = await staff.get(`/gestion/series/${id}/sesiones/${first!.id}/cancelar/`);
    expect(confirm.body).toContain('Se anulan 1 inscripción');
    const cancelled = await staff.post(`/gestion/series/${id}/sesiones/${first!.id}/cancelar/`, {
      nota: 'Lluvia fuerte.',
    });
    expect(cancelled.statusCode).toBe(303);
    expect((await staff.follow(cancelled)).body).toContain(
      'Sesión cancelada: 1 inscripción anulada, 1 correo en cola.',
    );
    const mail = await t.database.db
      .selectFrom('emailOutbox')
      .select('bodyText')
      .where('customerId', '=', customer.id)
      .where('template', '=', 'workshop_changed')
      .executeTakeFirstOrThrow();
    expect(mail.bodyText).toContain('Lluvia fuerte.');
    const page = await staff.get(`/gestion/series/${id}/`);
    expect(page.body).toContain('data-test="session-cancelled"');
    // A session of another series is not found under this one.
    expect(
      (await staff.get(`/gestion/series/${id}/sesiones/${second!.id + 100000}/cancelar/`)).statusCode,
    ).toBe(404);
  });
});
