import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { setLifecycleStage } from '../../src/domain/customers';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { parseCsvExport } from '../support/csv';
import {
  createCustomer,
  createInterest,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../support/factories';

/** The change history and the audit log read in Spanish, with names and Santiago times. */
describe('the audit log as staff read it', () => {
  let t: TestApp;
  let staff: TestClient;
  let staffUserId: number;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff', name: 'Carolina Staff' });
    staffUserId = user.id;
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  /** Only what a person reads: tags out, whitespace collapsed (the colon after a field's name is CSS). */
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&gt;/g, '>')
      .replace(/\s+/g, ' ');
  const DEVELOPER_VALUES =
    /categoryId|startsAt|priceClp|durationMinutes|lifecycleStage|T\d\d:\d\d:\d\d\.\d{3}Z|\blead\b/;

  it('shows a workshop edit with field names, the category by name, the time in Santiago and money in pesos', async () => {
    const before = await createInterest(t.database.db, unique('Cerámica '));
    const after = await createInterest(t.database.db, unique('Resina '));
    const workshop = await createWorkshop(t.database.db, {
      name: unique('Joyería en resina '),
      // 12 December 2026, 11:00 in Santiago (summer time, UTC-3).
      startsAt: '2026-12-12T14:00:00.000Z',
      priceClp: 22000,
      categoryId: before.id,
    });
    const res = await staff.post(`/gestion/talleres/${workshop.id}/editar/`, {
      nombre: workshop.name,
      descripcion: 'Un taller de prueba.',
      categoria: String(after.id),
      fecha: '2026-12-12',
      hora: '18:30',
      duracion: '120',
      modalidad: 'PRESENCIAL',
      lugar: 'Cerro Alegre, Valparaíso',
      enlace: '',
      precio: '23.000',
      cupos: '10',
      activo: 'on',
      plazo_anulacion: '48',
      vencimiento_impago: '',
    });
    expect(res.statusCode).toBe(303);

    const page = text((await staff.get(`/gestion/talleres/${workshop.id}/`)).body);
    const history = page.slice(page.indexOf('Historial de cambios'));
    expect(history).toContain(`Categoría ${before.name} → ${after.name}`);
    expect(history).toContain('Fecha y hora 12-12-2026 11:00 → 12-12-2026 18:30');
    expect(history).toContain('Precio $22.000 → $23.000');
    expect(history).toContain('Carolina Staff · Modificó');
    expect(history).not.toMatch(DEVELOPER_VALUES);

    const log = text((await staff.get(`/gestion/auditoria/?entidad=workshop&q=${workshop.id}`)).body);
    expect(log).toContain(`Categoría ${before.name} → ${after.name}`);
    expect(log).toContain('Fecha y hora 12-12-2026 11:00 → 12-12-2026 18:30');
    expect(log).not.toMatch(DEVELOPER_VALUES);

    // The export has the same readable changes, and the recorded values for whoever needs them.
    const csv = parseCsvExport(
      (await staff.get(`/gestion/auditoria/?entidad=workshop&q=${workshop.id}&formato=csv`)).body,
    );
    const header = csv[0]!;
    const row = csv[1]!;
    expect(row[header.indexOf('Cambios')]).toContain('Precio: $22.000 → $23.000');
    expect(row[header.indexOf('Cambios')]).toContain('Fecha y hora: 12-12-2026 11:00 → 12-12-2026 18:30');
    expect(JSON.parse(row[header.indexOf('Después (datos)')]!)).toMatchObject({ priceClp: 23000 });
  });

  it('shows stored values through the vocabulary and a customer mentioned by id by name', async () => {
    const customer = await createCustomer(t.database.db, { fullName: unique('Valentina Rojas ') });
    await inTransaction(t.database, (trx) =>
      setLifecycleStage(trx, [customer.id], 'prospect', {
        now: t.clock.now(),
        actor: { userId: staffUserId, role: 'staff' },
      }),
    );
    const res = await staff.post(`/gestion/clientes/${customer.id}/interacciones/`, {
      tipo: 'whatsapp',
      resumen: 'Pregunta por el taller de resina.',
      seguimiento: '2026-03-10',
    });
    expect(res.statusCode).toBe(303);

    const history = text((await staff.get(`/gestion/clientes/${customer.id}/`)).body);
    expect(history).toContain('Etapa Nuevo contacto → Prospecto');
    expect(history).not.toMatch(DEVELOPER_VALUES);

    const log = text((await staff.get('/gestion/auditoria/?entidad=interaction')).body);
    expect(log).toContain(`Cliente ${customer.fullName}`);
    expect(log).toContain('Tipo WhatsApp');
    expect(log).toContain('Seguimiento 10-03-2026');
  });
});
