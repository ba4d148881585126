import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli';
import { verifyPassword } from '../../src/lib/password';
import { DEMO_STAFF, seedDemo } from '../../src/seed/demo';
import { createEmptyTestDb, type TestDb } from '../support/db';

/** The `tmm` command, run in-process against this project's database dialect. */
describe('tmm command', () => {
  let database: TestDb;
  const saved = { ...process.env };
  let out: string[];
  let err: string[];

  beforeAll(async () => {
    database = await createEmptyTestDb();
    process.env.DATABASE_URL =
      database.config.dialect === 'sqlite' ? `sqlite:${database.config.file}` : database.config.url;
    process.env.NODE_ENV = 'test';
  });
  afterAll(async () => {
    process.env = saved;
    await database.drop();
  });

  const run = async (...argv: string[]) => {
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    return runCli(argv);
  };
  afterEach(() => vi.restoreAllMocks());

  it('migrates a new database, reports status, goes down and up again', async () => {
    expect(await run('migrate', 'status')).toBe(0);
    expect(out.join('\n')).toContain('pendiente  0001_initial');
    expect(await run('migrate')).toBe(0);
    expect(out.join('\n')).toContain('Migraciones aplicadas: 0001_initial');
    expect(await run('migrate', 'latest')).toBe(0);
    expect(out.join('\n')).toContain('ya está al día');
    expect(await run('migrate', 'down')).toBe(0);
    expect(out.join('\n')).toContain('revertida');
    expect(await run('migrate')).toBe(0);
  });

  it('explains usage with --help and refuses unknown commands and actions with exit code 2', async () => {
    expect(await run('--help')).toBe(0);
    expect(out.join('\n')).toContain('create-staff');
    expect(await run('create-staff', '--help')).toBe(0);
    expect(out.join('\n')).toContain('--email');
    expect(await run('volar')).toBe(2);
    expect(err.join('\n')).toContain('Comando desconocido: volar');
    expect(await run('migrate', 'sideways')).toBe(2);
    expect(await run('create-staff', '--email', 'a@b.cl')).toBe(2);
    expect(err.join('\n')).toContain('Faltan --email y --password');
    expect(await run('create-staff', '--bogus')).toBe(2);
  });

  it('creates staff and admin accounts with a hashed password, and refuses duplicates and weak passwords', async () => {
    expect(
      await run(
        'create-staff',
        '--email',
        'Equipo@TMM.cl',
        '--password',
        'una-clave-segura-9',
        '--name',
        'Equipo',
      ),
    ).toBe(0);
    expect(
      await run(
        'create-staff',
        '--email',
        'jefa@tmm.cl',
        '--password',
        'otra-clave-segura-9',
        '--role',
        'admin',
      ),
    ).toBe(0);
    const users = await database.db
      .selectFrom('users')
      .select(['email', 'role', 'passwordHash'])
      .orderBy('id')
      .execute();
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ['equipo@tmm.cl', 'staff'],
      ['jefa@tmm.cl', 'admin'],
    ]);
    expect(await verifyPassword('una-clave-segura-9', users[0]!.passwordHash)).toBe(true);

    expect(await run('create-staff', '--email', 'equipo@tmm.cl', '--password', 'una-clave-segura-9')).toBe(1);
    expect(err.join('\n')).toContain('Ya existe una cuenta');
    expect(await run('create-staff', '--email', 'nuevo@tmm.cl', '--password', 'corta')).toBe(1);
    expect(err.join('\n')).toContain('al menos 10 caracteres');
    expect(
      await run(
        'create-staff',
        '--email',
        'nuevo@tmm.cl',
        '--password',
        'una-clave-segura-9',
        '--role',
        'dios',
      ),
    ).toBe(2);
  });

  it('stops with exit code 2 and one line on a bad configuration', async () => {
    process.env.PORT = 'ochenta';
    try {
      expect(await run('migrate', 'status')).toBe(2);
      expect(err[0]).toMatch(/^Configuración inválida: PORT/);
    } finally {
      delete process.env.PORT;
    }
  });
});

describe('demo data', () => {
  let database: TestDb;
  let dataDir: string;
  const now = new Date('2026-11-24T15:00:00.000Z');
  beforeAll(async () => {
    database = await createEmptyTestDb();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tmm-seed-'));
    const { migrateToLatest } = await import('../../src/db/migrator');
    await migrateToLatest(database.db);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes a centre worth looking at, with history spread over the past year, and is idempotent', async () => {
    const first = await seedDemo(database.db, { now, dataDir });
    expect(first).not.toBeNull();
    expect(await seedDemo(database.db, { now, dataDir })).toBeNull();

    const count = async (table: 'interests' | 'workshops' | 'products' | 'customers' | 'companies') =>
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    expect(await count('interests')).toBeGreaterThanOrEqual(6);
    expect(await count('products')).toBeGreaterThanOrEqual(8);
    expect(await count('customers')).toBeGreaterThanOrEqual(40);
    expect(await count('companies')).toBe(3);

    const workshops = await database.db
      .selectFrom('workshops')
      .select(['startsAt', 'seatsTaken', 'totalSeats'])
      .execute();
    expect(workshops.filter((w) => w.startsAt > now.toISOString()).length).toBeGreaterThanOrEqual(12);
    expect(workshops.filter((w) => w.startsAt < now.toISOString()).length).toBeGreaterThanOrEqual(6);

    // Real dates: enrollments and sales fall in many different months, none in the future.
    const enrollments = await database.db.selectFrom('enrollments').select('createdAt').execute();
    const sales = await database.db.selectFrom('sales').select('createdAt').execute();
    const months = new Set([...enrollments, ...sales].map((r) => r.createdAt.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(8);
    expect([...enrollments, ...sales].every((r) => r.createdAt <= now.toISOString())).toBe(true);

    // Seats taken match the active enrollments the seed created.
    const active = await database.db
      .selectFrom('enrollments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '<>', 'ANULADO')
      .executeTakeFirstOrThrow();
    expect(workshops.reduce((s, w) => s + w.seatsTaken, 0)).toBe(active.n);

    const ruts = await database.db.selectFrom('companies').select('rut').execute();
    const { isValidRut } = await import('../../src/lib/rut');
    expect(ruts.every((r) => r.rut && isValidRut(r.rut))).toBe(true);
    const staff = await database.db
      .selectFrom('users')
      .select('role')
      .where('email', '=', DEMO_STAFF.email)
      .executeTakeFirstOrThrow();
    expect(staff.role).toBe('admin');
  });

  it('prices delivery to every region (one unavailable) and has kit orders in every step of their way', async () => {
    const rates = await database.db
      .selectFrom('shippingRates')
      .select(['regionCode', 'priceClp', 'isAvailable'])
      .execute();
    expect(rates).toHaveLength(16);
    expect(rates.filter((r) => !r.isAvailable).map((r) => r.regionCode)).toEqual(['AI']);
    const price = (code: string) => rates.find((r) => r.regionCode === code)!.priceClp;
    expect(Math.min(...rates.map((r) => r.priceClp))).toBe(price('VS'));
    expect(price('MA')).toBeGreaterThan(price('RM'));
    const orders = await database.db
      .selectFrom('sales')
      .select(['status', 'fulfilmentMethod', 'fulfilmentStatus'])
      .execute();
    const paid = orders.filter((o) => o.status === 'PAGADO');
    for (const step of ['POR_PREPARAR', 'PREPARADO', 'LISTO_PARA_RETIRO', 'DESPACHADO', 'ENTREGADO'])
      expect(
        paid.some((o) => o.fulfilmentStatus === step),
        step,
      ).toBe(true);
    expect(paid.some((o) => o.fulfilmentMethod === 'delivery' && o.fulfilmentStatus === 'POR_PREPARAR')).toBe(
      true,
    );
    expect(orders.some((o) => o.status === 'PENDIENTE' && o.fulfilmentMethod === 'delivery')).toBe(true);
    const { runConsistencyChecks } = await import('../../src/domain/consistency');
    expect((await runConsistencyChecks(database.db)).problems).toEqual([]);
  });

  it('gives every workshop and kit its own cover, stored as WebP at the card and page sizes', async () => {
    const rows = [
      ...(await database.db.selectFrom('workshops').select(['name', 'imagePath']).execute()),
      // The gift-card product is made by its migration, not the seed, and the shop never shows it.
      ...(await database.db
        .selectFrom('products')
        .select(['name', 'imagePath'])
        .where('kind', '<>', 'gift_card')
        .execute()),
    ];
    expect(rows.length).toBeGreaterThanOrEqual(28);
    const digests = new Set<string>();
    for (const row of rows) {
      expect(row.imagePath, row.name).toMatch(/^[0-9a-f-]{36}\.webp$/);
      for (const [size, width] of [
        ['card', 600],
        ['page', 1200],
      ] as const) {
        const bytes = readFileSync(path.join(dataDir, 'media', size, row.imagePath!));
        const meta = await sharp(bytes).metadata();
        expect(meta.format).toBe('webp');
        expect([meta.width, meta.height]).toEqual([width, (width * 2) / 3]);
        if (size === 'card') digests.add(createHash('sha256').update(bytes).digest('hex'));
      }
    }
    // No two covers alike: each is drawn from its own name.
    expect(digests.size).toBe(rows.length);
  });

  it('fills in what a workshop includes, what to bring and who leads it', async () => {
    const workshops = await database.db
      .selectFrom('workshops')
      .select(['whatIncluded', 'whatToBring', 'facilitatorName'])
      .execute();
    expect(workshops.every((w) => w.whatIncluded && w.whatToBring && w.facilitatorName)).toBe(true);
  });
});
