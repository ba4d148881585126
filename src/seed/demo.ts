import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database';
import type { EnrollmentStatus, Modality } from '../db/schema';
import { companyNameKey, customerSearchText, interestNameKey } from '../domain/customers';
import { closePayPeriod } from '../domain/facilitator-pay';
import { createPendingGiftCard, issueGiftCardsForSale } from '../domain/gift-cards';
import { removeImage, storeImage } from '../domain/media';
import { rebuildPaymentDays } from '../domain/payments';
import { createSeries } from '../domain/series';
import { addHours, santiagoDate, santiagoToUtc } from '../lib/dates';
import { hashPassword } from '../lib/password';
import { progressBar } from '../lib/progress';
import { rutCheckDigit } from '../lib/rut';
import { searchable } from '../lib/text';
import { type CoverMotif, coverSvg, type PaletteName } from './covers';

/**
 * Demo data: a centre worth looking at, with real dates spread over the past 12 months (the
 * original's seed stamped everything "now"). Deterministic (seeded PRNG) and idempotent: it does
 * nothing when the demo staff account already exists.
 */

export const DEMO_STAFF = {
  email: 'carolina@tmm.cl',
  password: 'tmm-demo-2026',
  name: 'Carolina López',
} as const;
export const DEMO_CUSTOMER = { email: 'camila.rojas@example.cl', password: 'tmm-demo-2026' } as const;

/**
 * The demo accounts' password. The published one (README) only in development; anywhere else
 * (a Compose or production install with SEED_DEMO=true) a new random one, shown once at start-up,
 * so a demo admin with a password everyone knows never reaches a reachable server.
 */
export function demoPasswordFor(env: 'development' | 'production' | 'test'): string {
  return env === 'development' ? DEMO_STAFF.password : randomBytes(12).toString('base64url');
}

type Log = (line: string) => void;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTS = [
  ['Resina', 'Piezas de resina epóxica: bandejas, joyería, posavasos.'],
  ['Encuadernación', 'Cuadernos, libretas y técnicas japonesas de costura.'],
  ['Timbres y Estampados', 'Tallado de timbres y estampado textil.'],
  ['Cajas y Regalo', 'Cajas, envoltorios y papelería para regalar.'],
  ['Mindfulness', 'Respiración, meditación y pausa consciente.'],
  ['Bienestar Corporativo', 'Jornadas para equipos de trabajo.'],
  ['Cerámica en frío', 'Modelado con pastas que no necesitan horno.'],
] as const;

const UPCOMING: [string, string, number, Modality, number, number][] = [
  ['Resina para principiantes', 'Resina', 45000, 'PRESENCIAL', 12, 3],
  ['Bandejas de resina con flores', 'Resina', 52000, 'PRESENCIAL', 10, 8],
  ['Encuadernación japonesa', 'Encuadernación', 38000, 'PRESENCIAL', 12, 12],
  ['Libretas cosidas a mano', 'Encuadernación', 35000, 'ONLINE', 20, 18],
  ['Timbres tallados: tu primer sello', 'Timbres y Estampados', 28000, 'PRESENCIAL', 14, 22],
  ['Estampado textil en tote bags', 'Timbres y Estampados', 30000, 'PRESENCIAL', 12, 27],
  ['Cajas de regalo con papel artesanal', 'Cajas y Regalo', 32000, 'PRESENCIAL', 10, 33],
  ['Meditación y mandalas', 'Mindfulness', 25000, 'ONLINE', 25, 36],
  ['Pausa consciente: respiración y acuarela', 'Mindfulness', 29000, 'PRESENCIAL', 12, 41],
  ['Jornada de bienestar para equipos', 'Bienestar Corporativo', 250000, 'PRESENCIAL', 30, 47],
  ['Cerámica en frío: maceteros', 'Cerámica en frío', 34000, 'PRESENCIAL', 10, 54],
  ['Joyería en resina', 'Resina', 48000, 'PRESENCIAL', 8, 61],
  ['Agendas personalizadas', 'Encuadernación', 40000, 'PRESENCIAL', 10, 68],
  ['Mindfulness para el verano', 'Mindfulness', 22000, 'ONLINE', 30, 75],
];

const PAST: [string, string, number, Modality, number][] = [
  ['Resina de otoño', 'Resina', 42000, 'PRESENCIAL', 330],
  ['Encuadernación de invierno', 'Encuadernación', 36000, 'PRESENCIAL', 270],
  ['Timbres para el Día de la Madre', 'Timbres y Estampados', 27000, 'PRESENCIAL', 200],
  ['Meditación de primavera', 'Mindfulness', 20000, 'ONLINE', 140],
  ['Cajas de Fiestas Patrias', 'Cajas y Regalo', 30000, 'PRESENCIAL', 75],
  ['Bienestar corporativo de octubre', 'Bienestar Corporativo', 240000, 'PRESENCIAL', 40],
];

const PRODUCTS: [string, string, number, number, string][] = [
  [
    'Kit Resina Premium',
    'Resina, endurecedor, moldes de silicona y pigmentos para crear en casa.',
    15000,
    50,
    'Resina',
  ],
  [
    'Kit Encuadernación',
    'Papeles, hilo encerado, aguja curva y punzón para tres libretas.',
    10000,
    30,
    'Encuadernación',
  ],
  [
    'Goma y Base Timbres',
    'Planchas de goma para tallar, gubias y tinta base agua.',
    8000,
    100,
    'Timbres y Estampados',
  ],
  ['Kit Cajas de Regalo', 'Cartulinas, papel kraft y cintas para 6 cajas.', 9000, 25, 'Cajas y Regalo'],
  ['Set de Pigmentos Nacarados', 'Doce pigmentos en polvo para resina.', 12000, 40, 'Resina'],
  ['Cuaderno de Meditación', 'Cuaderno guiado de 60 días de práctica.', 7000, 60, 'Mindfulness'],
  ['Velas de Soja Aromáticas', 'Tres velas de lavanda, eucalipto y naranja.', 11000, 3, 'Mindfulness'],
  ['Pasta de Cerámica en Frío', 'Un kilo de pasta lista para modelar.', 6500, 0, 'Cerámica en frío'],
];

/** Each workshop's and kit's cover: what it shows and in which colours (src/seed/covers.ts). */
const COVERS: Record<string, [CoverMotif, PaletteName]> = {
  'Bono 5 clases': ['notebooks', 'blush'],
  'Resina para principiantes': ['resin', 'ocean'],
  'Bandejas de resina con flores': ['flowers', 'blush'],
  'Encuadernación japonesa': ['books', 'sage'],
  'Libretas cosidas a mano': ['notebooks', 'lilac'],
  'Timbres tallados: tu primer sello': ['stamps', 'mustard'],
  'Estampado textil en tote bags': ['tote', 'sage'],
  'Cajas de regalo con papel artesanal': ['gifts', 'terracotta'],
  'Meditación y mandalas': ['mandala', 'lilac'],
  'Pausa consciente: respiración y acuarela': ['watercolor', 'mint'],
  'Jornada de bienestar para equipos': ['circle', 'ocean'],
  'Cerámica en frío: maceteros': ['pots', 'terracotta'],
  'Joyería en resina': ['jewelry', 'night'],
  'Agendas personalizadas': ['notebooks', 'terracotta'],
  'Mindfulness para el verano': ['landscape', 'mustard'],
  'Resina de otoño': ['resin', 'autumn'],
  'Encuadernación de invierno': ['books', 'night'],
  'Timbres para el Día de la Madre': ['stamps', 'blush'],
  'Meditación de primavera': ['landscape', 'mint'],
  'Cajas de Fiestas Patrias': ['gifts', 'patrias'],
  'Bienestar corporativo de octubre': ['circle', 'sage'],
  'Kit Resina Premium': ['resinKit', 'ocean'],
  'Kit Encuadernación': ['bindingKit', 'blush'],
  'Goma y Base Timbres': ['carvingKit', 'terracotta'],
  'Kit Cajas de Regalo': ['gifts', 'mint'],
  'Set de Pigmentos Nacarados': ['pigments', 'lilac'],
  'Cuaderno de Meditación': ['notebooks', 'night'],
  'Velas de Soja Aromáticas': ['candles', 'sage'],
  'Pasta de Cerámica en Frío': ['clay', 'mustard'],
};

/** What a customer reads under "Qué incluye", "Qué traer" and "Te guía", by category. */
type Details = { included: string; bring: string; facilitator: string };
const DETAILS: Record<string, Details> = {
  Resina: {
    included:
      'Resina epóxica y endurecedor\nMoldes de silicona, pigmentos y hojuelas doradas\nGuantes, vasos y mezcladores\nTu pieza terminada: la retiras a las 48 horas, cuando termina de curar\nTé, café y algo rico para compartir',
    bring:
      'Ropa cómoda que se pueda manchar\nEl pelo tomado\nFlores secas o fotos pequeñas, si quieres incluirlas en tu pieza',
    facilitator: 'Valentina Soto',
  },
  Encuadernación: {
    included:
      'Papeles, cartón y tela para las tapas\nHilo encerado, agujas y punzón\nGuía impresa con las costuras paso a paso\nTé y galletas',
    bring: 'Una regla metálica, si tienes\nTus lentes de lectura, si los usas: trabajamos con detalle',
    facilitator: 'Javiera Muñoz',
  },
  'Timbres y Estampados': {
    included:
      'Planchas de goma y gubias para tallar\nTintas base agua, rodillo y papeles de prueba\nTu timbre tallado para llevar',
    bring:
      'Un dibujo simple que quieras tallar (opcional)\nUna polera o bolsa de algodón para estampar, si quieres',
    facilitator: 'Tomás Araya',
  },
  'Cajas y Regalo': {
    included:
      'Cartulinas, papel kraft y papeles artesanales\nCintas, sellos y etiquetas\nPlantillas para armar tus propias cajas en casa',
    bring: 'Tus tijeras favoritas, si tienes',
    facilitator: 'Carolina López',
  },
  Mindfulness: {
    included:
      'Cojín y mat para la práctica\nAcuarelas, papel y lápices\nInfusión de hierbas\nGuía de la práctica para seguir en casa',
    bring: 'Ropa cómoda\nUna manta liviana',
    facilitator: 'Paula Contreras',
  },
  'Bienestar Corporativo': {
    included:
      'Facilitación para todo el equipo\nMateriales para cada participante\nCoffee break saludable\nInforme breve de la jornada para la empresa',
    bring: 'Ropa cómoda\nGanas de compartir',
    facilitator: 'Carolina López y equipo TMM',
  },
  'Cerámica en frío': {
    included:
      'Pasta de cerámica en frío y herramientas de modelado\nPinturas acrílicas y barniz\nUna suculenta para tu macetero',
    bring: 'Delantal o ropa que se pueda manchar',
    facilitator: 'Francisca Morales',
  },
};

/** Online sessions: the materials go by e-mail and the session stays recorded for a while. */
const ONLINE_DETAILS = {
  included: 'Lista de materiales por correo, una semana antes\nGrabación de la sesión disponible por 7 días',
  bring: 'Un lugar tranquilo y buena conexión\nAudífonos, si compartes el espacio',
} as const;

const STUDIO = 'Taller TMM, Almirante Montt 352, Cerro Alegre, Valparaíso';

const FIRST = [
  'Camila',
  'Valentina',
  'Javiera',
  'Francisca',
  'Catalina',
  'Constanza',
  'Fernanda',
  'Daniela',
  'José',
  'Matías',
  'Sofía',
  'Isidora',
  'Antonia',
  'Martina',
  'Ignacia',
  'Paula',
  'Andrés',
  'Tomás',
  'Bárbara',
  'Carolina',
];
const LAST = [
  'Rojas',
  'González',
  'Muñoz',
  'Díaz',
  'Pérez',
  'Soto',
  'Contreras',
  'Silva',
  'Martínez',
  'Sepúlveda',
  'Morales',
  'Rodríguez',
  'López',
  'Fuentes',
  'Hernández',
  'Torres',
  'Araya',
  'Núñez',
];
const COMUNAS = ['Valparaíso', 'Viña del Mar', 'Quilpué', 'Villa Alemana', 'Concón', 'Santiago'];
const COMPANIES: [string, string, string][] = [
  ['Constructora Andes SpA', '76086428-5', 'Av. Brasil 1450, Valparaíso'],
  ['Puerto Verde Logística Ltda.', '77261280-K', 'Blanco 1131, Valparaíso'],
  ['Clínica Bienestar Viña S.A.', '96790240-3', '5 Norte 985, Viña del Mar'],
];

const slug = (s: string) =>
  searchable(s)
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');

export async function isDemoSeeded(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(sql<boolean>`lower(email) = ${DEMO_STAFF.email}`)
    .executeTakeFirst();
  return !!row;
}

/** Seeds only a database with no workshops at all (the first `npm start`). */
export async function seedDemoIfEmpty(
  db: Db,
  options: { now: Date; dataDir: string; log?: Log; password?: string },
): Promise<boolean> {
  const any = await db.selectFrom('workshops').select('id').limit(1).executeTakeFirst();
  if (any || (await isDemoSeeded(db))) return false;
  await seedDemo(db, options);
  return true;
}

/**
 * What a delivery costs from Valparaíso, where the studio is: its own region cheapest, Santiago
 * close behind, the far north and south dearest; Aysén unavailable (no courier the studio trusts
 * goes there), so the shop shows a region it cannot deliver to.
 */
const SHIPPING_RATES: [code: string, priceClp: number, available: boolean][] = [
  ['AP', 9900, true],
  ['TA', 9500, true],
  ['AN', 8900, true],
  ['AT', 7500, true],
  ['CO', 5900, true],
  ['VS', 3500, true],
  ['RM', 4500, true],
  ['LI', 5200, true],
  ['ML', 5900, true],
  ['NB', 6500, true],
  ['BI', 6500, true],
  ['AR', 6900, true],
  ['LR', 7500, true],
  ['LL', 7900, true],
  ['AI', 12900, false],
  ['MA', 14900, true],
];

type DemoOrder = {
  customer: number;
  product: number;
  quantity: number;
  hoursAgo: number;
  status: 'PAGADO' | 'PENDIENTE';
  /** Hours ago each step was reached (only the steps reached). */
  steps: { prepared?: number; ready?: number; shipped?: number; delivered?: number };
  delivery?: { region: string; regionName: string; street: string; comuna: string; notes?: string };
  courier?: [name: string, tracking: string];
};

/** Kit orders on their way to their customers, one in each step (and one still unpaid). */
const DEMO_ORDERS: DemoOrder[] = [
  { customer: 2, product: 0, quantity: 1, hoursAgo: 3, status: 'PAGADO', steps: {} },
  {
    customer: 4,
    product: 1,
    quantity: 2,
    hoursAgo: 5,
    status: 'PAGADO',
    steps: {},
    delivery: {
      region: 'VS',
      regionName: 'Valparaíso',
      street: 'Av. Libertad 1105, depto 1203',
      comuna: 'Viña del Mar',
      notes: 'Dejar en conserjería.',
    },
  },
  { customer: 5, product: 2, quantity: 1, hoursAgo: 26, status: 'PAGADO', steps: { prepared: 2 } },
  {
    customer: 7,
    product: 3,
    quantity: 1,
    hoursAgo: 30,
    status: 'PAGADO',
    steps: { prepared: 4 },
    delivery: {
      region: 'RM',
      regionName: 'Metropolitana',
      street: 'Av. Providencia 1208, depto 401',
      comuna: 'Providencia',
    },
  },
  {
    customer: 8,
    product: 4,
    quantity: 2,
    hoursAgo: 50,
    status: 'PAGADO',
    steps: { prepared: 28, ready: 20 },
  },
  {
    customer: 0,
    product: 0,
    quantity: 1,
    hoursAgo: 72,
    status: 'PAGADO',
    steps: { prepared: 50, shipped: 26 },
    delivery: {
      region: 'VS',
      regionName: 'Valparaíso',
      street: 'Subida Ecuador 215, depto 3',
      comuna: 'Valparaíso',
      notes: 'Timbre malo: llamar al llegar.',
    },
    courier: ['Starken', '1140238877'],
  },
  {
    customer: 10,
    product: 5,
    quantity: 1,
    hoursAgo: 8 * 24,
    status: 'PAGADO',
    steps: { prepared: 7 * 24, shipped: 6 * 24, delivered: 4 * 24 },
    delivery: { region: 'BI', regionName: 'Biobío', street: 'Calle Freire 780', comuna: 'Concepción' },
    courier: ['Chilexpress', '99887766554'],
  },
  {
    customer: 11,
    product: 1,
    quantity: 1,
    hoursAgo: 0.5,
    status: 'PENDIENTE',
    steps: {},
    delivery: { region: 'MA', regionName: 'Magallanes', street: 'Av. Colón 1040', comuna: 'Punta Arenas' },
  },
];

export type SeedSummary = Record<string, number>;

/**
 * Draws every demo workshop's and kit's cover and stores it as an upload would be (card and page
 * copies under DATA_DIR/media), so the pages are served the same way. Returns name → file.
 */
async function storeCovers(dataDir: string): Promise<Map<string, string>> {
  const { default: sharp } = await import('sharp');
  const names = [
    ...UPCOMING.map((w) => w[0]),
    ...PAST.map((w) => w[0]),
    ...PRODUCTS.map((p) => p[0]),
    'Bono 5 clases',
  ];
  const stored = new Map<string, string>();
  try {
    await Promise.all(
      names.map(async (name) => {
        const cover = COVERS[name];
        if (!cover) throw new Error(`Falta la portada de "${name}" en COVERS.`);
        const svg = coverSvg({ name, motif: cover[0], palette: cover[1] });
        // Lossless and fast: the media module re-encodes it to WebP at both sizes.
        const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 1 }).toBuffer();
        stored.set(name, await storeImage(dataDir, png));
      }),
    );
  } catch (error) {
    await Promise.all([...stored.values()].map((file) => removeImage(dataDir, file)));
    throw error;
  }
  return stored;
}

/**
 * Creates the demo centre, with a cover for every workshop and kit written under `dataDir`.
 * Idempotent: a second run finds the demo staff account and does nothing.
 */
export async function seedDemo(
  db: Db,
  options: { now: Date; dataDir: string; log?: Log; password?: string },
): Promise<SeedSummary | null> {
  if (await isDemoSeeded(db)) return null;
  const covers = await storeCovers(options.dataDir);
  try {
    return await seedRows(db, options, covers);
  } catch (error) {
    // Nothing was committed: the covers would belong to no row.
    await Promise.all([...covers.values()].map((file) => removeImage(options.dataDir, file)));
    throw error;
  }
}

async function seedRows(
  db: Db,
  options: { now: Date; log?: Log; password?: string },
  covers: Map<string, string>,
): Promise<SeedSummary> {
  const { now } = options;
  const rand = prng(20260314);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const staffHash = await hashPassword(options.password ?? DEMO_STAFF.password);
  const customerHash = await hashPassword(options.password ?? DEMO_CUSTOMER.password);
  const iso = (d: Date) => d.toISOString();
  const daysFromNow = (days: number, time: string) =>
    santiagoToUtc(santiagoDate(addHours(now, days * 24)), time);
  /** A past order picked up at the studio: prepared the next day, ready the day after, taken two days later. */
  const pickedUpAfter = (paidAt: Date) => {
    const after = (days: number) =>
      iso(new Date(Math.min(paidAt.getTime() + days * 24 * 3600_000, now.getTime())));
    return {
      fulfilmentStatus: 'ENTREGADO' as const,
      preparedAt: after(1),
      readyAt: after(2),
      deliveredAt: after(4),
    };
  };
  const bar = progressBar('Datos de demostración', 6);

  const summary = await db.transaction().execute(async (trx: Tx) => {
    await trx
      .insertInto('users')
      .values({
        email: DEMO_STAFF.email,
        username: 'admin_tmm',
        name: DEMO_STAFF.name,
        passwordHash: staffHash,
        role: 'admin',
        emailVerifiedAt: iso(now),
        createdAt: iso(addHours(now, -24 * 400)),
      })
      .execute();
    await trx
      .insertInto('users')
      .values({
        email: 'asistente@tmm.cl',
        username: 'asistente',
        name: 'Daniela Fuentes',
        passwordHash: staffHash,
        role: 'staff',
        emailVerifiedAt: iso(now),
        createdAt: iso(addHours(now, -24 * 200)),
      })
      .execute();

    const interestIds = new Map<string, number>();
    for (const [name, description] of INTERESTS) {
      const row = await trx
        .insertInto('interests')
        .values({
          name,
          nameKey: interestNameKey(name),
          description,
          createdAt: iso(addHours(now, -24 * 400)),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      interestIds.set(name, row.id);
    }
    bar.tick();

    const companyIds: number[] = [];
    for (const [legalName, rut, address] of COMPANIES) {
      const row = await trx
        .insertInto('companies')
        .values({
          legalName,
          nameKey: companyNameKey(legalName),
          rut,
          address,
          phone: `+56 32 2${Math.floor(100000 + rand() * 899999)}`,
          createdAt: iso(addHours(now, -24 * 300)),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      companyIds.push(row.id);
    }

    // Customers: 40 people (B2C), some with accounts, plus one contact per company (B2B).
    const customers: { id: number; createdAt: Date }[] = [];
    for (let i = 0; i < 43; i++) {
      const b2b = i >= 40;
      const fullName = i === 0 ? 'Camila Rojas' : `${pick(FIRST)} ${pick(LAST)} ${pick(LAST)}`;
      const email =
        i === 0
          ? DEMO_CUSTOMER.email
          : b2b
            ? `contacto${i - 39}@${slug(COMPANIES[i - 40]![0]).split('.')[0]}.cl`
            : `${slug(fullName)}.${i}@example.cl`;
      const createdAt = addHours(now, -24 * Math.floor(15 + rand() * 350));
      const phone = `+569${Math.floor(10000000 + rand() * 89999999)}`;
      let userId: number | null = null;
      if (!b2b && i % 3 === 0) {
        const user = await trx
          .insertInto('users')
          .values({
            email,
            username: `usuario_b2c_${i}`,
            name: fullName,
            passwordHash: customerHash,
            role: 'customer',
            emailVerifiedAt: iso(createdAt),
            createdAt: iso(createdAt),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        userId = user.id;
      }
      const row = await trx
        .insertInto('customers')
        .values({
          fullName,
          email,
          phone,
          birthDate: b2b
            ? null
            : `${1970 + Math.floor(rand() * 35)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
          comuna: pick(COMUNAS),
          customerType: b2b ? 'B2B' : 'B2C',
          companyId: b2b ? companyIds[i - 40]! : null,
          notes: b2b
            ? 'Contacto para convenio de bienestar laboral.'
            : i % 4 === 0
              ? `Llegó por Instagram. Prefiere talleres de ${pick(INTERESTS)[0]}.`
              : null,
          userId,
          lifecycleStage: 'lead',
          searchText: customerSearchText({ fullName, email, phone }),
          createdAt: iso(createdAt),
          updatedAt: iso(createdAt),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      customers.push({ id: row.id, createdAt });
      const interestNames = b2b ? ['Bienestar Corporativo'] : [pick(INTERESTS)[0], pick(INTERESTS)[0]];
      for (const name of new Set(interestNames)) {
        await trx
          .insertInto('customerInterests')
          .values({ customerId: row.id, interestId: interestIds.get(name)! })
          .execute();
      }
    }
    bar.tick();

    type W = { id: number; price: number; startsAt: Date; total: number; past: boolean };
    const workshops: W[] = [];
    const insertWorkshop = async (
      name: string,
      category: string,
      price: number,
      modality: Modality,
      total: number,
      startsAt: Date,
      active: boolean,
    ) => {
      const description = `${INTERESTS.find(([n]) => n === category)?.[1] ?? ''}\n\nTodos los materiales están incluidos. No necesitas experiencia previa: te acompañamos paso a paso en un grupo pequeño, con té y algo rico para compartir.`;
      const details = DETAILS[category]!;
      const online = modality === 'ONLINE';
      const row = await trx
        .insertInto('workshops')
        .values({
          name,
          description,
          categoryId: interestIds.get(category)!,
          startsAt: iso(startsAt),
          durationMinutes: modality === 'ONLINE' ? 90 : 180,
          modality,
          location: online ? null : STUDIO,
          onlineUrl: online ? 'https://meet.example.cl/tmm-taller' : null,
          imagePath: covers.get(name) ?? null,
          whatIncluded: online ? ONLINE_DETAILS.included : details.included,
          whatToBring: online ? ONLINE_DETAILS.bring : details.bring,
          facilitatorName: details.facilitator,
          priceClp: price,
          totalSeats: total,
          isActive: active,
          createdAt: iso(addHours(startsAt, -24 * 45)),
          updatedAt: iso(addHours(startsAt, -24 * 45)),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      workshops.push({ id: row.id, price, startsAt, total, past: !active });
    };
    for (const [name, category, price, modality, total, inDays] of UPCOMING) {
      await insertWorkshop(
        name,
        category,
        price,
        modality,
        total,
        daysFromNow(inDays, inDays % 2 ? '10:30' : '18:00'),
        true,
      );
    }
    for (const [name, category, price, modality, daysAgo] of PAST) {
      await insertWorkshop(name, category, price, modality, 15, daysFromNow(-daysAgo, '11:00'), false);
    }
    bar.tick();

    // Enrollments with their real dates: past workshops mostly paid, upcoming ones mixed.
    let enrollmentCount = 0;
    let paymentCount = 0;
    for (const w of workshops) {
      const wanted = w.past ? 6 + Math.floor(rand() * 8) : Math.floor(rand() * Math.min(9, w.total));
      const chosen = new Set<number>();
      while (chosen.size < Math.min(wanted, w.total)) chosen.add(Math.floor(rand() * customers.length));
      for (const index of chosen) {
        const customer = customers[index]!;
        const latest = Math.min(w.startsAt.getTime() - 3600_000, now.getTime() - 3600_000);
        // People book up to 40 days ahead; for a workshop further away than that, within the last
        // month (not all "today", which made every debtor of a January workshop "desde hoy").
        const earliest = Math.max(
          customer.createdAt.getTime(),
          Math.min(w.startsAt.getTime() - 40 * 24 * 3600_000, latest - 30 * 24 * 3600_000),
        );
        const createdAt = new Date(
          Math.min(earliest + rand() * Math.max(0, latest - earliest), now.getTime() - 3600_000),
        );
        const roll = rand();
        const status: EnrollmentStatus = w.past
          ? roll < 0.8
            ? 'PAGADO'
            : roll < 0.9
              ? 'ABONADO'
              : 'ANULADO'
          : roll < 0.5
            ? 'PAGADO'
            : roll < 0.65
              ? 'ABONADO'
              : roll < 0.92
                ? 'PENDIENTE'
                : 'ANULADO';
        const paid =
          status === 'PAGADO'
            ? w.price
            : status === 'ABONADO'
              ? Math.round((w.price * (0.3 + rand() * 0.3)) / 1000) * 1000
              : 0;
        const enrollment = await trx
          .insertInto('enrollments')
          .values({
            customerId: customer.id,
            workshopId: w.id,
            amountDueClp: w.price,
            amountPaidClp: paid,
            status,
            createdAt: iso(createdAt),
            cancelledAt:
              status === 'ANULADO'
                ? iso(new Date(Math.min(createdAt.getTime() + 2 * 24 * 3600_000, now.getTime())))
                : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        enrollmentCount++;
        if (status !== 'ANULADO') {
          await trx
            .updateTable('workshops')
            .set({ seatsTaken: sql<number>`seats_taken + 1` })
            .where('id', '=', w.id)
            .execute();
        }
        if (paid > 0) {
          const paidAt = new Date(Math.min(createdAt.getTime() + rand() * 3 * 24 * 3600_000, now.getTime()));
          await trx
            .insertInto('payments')
            .values({
              enrollmentId: enrollment.id,
              amountClp: paid,
              method: pick(['transferencia', 'efectivo', 'simulado', 'tarjeta'] as const),
              reference: `DEMO-I${enrollment.id}`,
              paidAt: iso(paidAt),
              createdAt: iso(paidAt),
            })
            .execute();
          paymentCount++;
        }
      }
    }
    // The demo customer's account shows a booking to come: a paid seat in the soonest workshop
    // (added after the draw, so the rest of the data does not move).
    const soonest = workshops.find((w) => !w.past && w.price > 0);
    const camila = customers[0]!;
    if (soonest) {
      const booked = await trx
        .selectFrom('enrollments')
        .select('id')
        .where('customerId', '=', camila.id)
        .where('workshopId', '=', soonest.id)
        .executeTakeFirst();
      if (!booked) {
        const bookedAt = addHours(now, -26);
        const enrollment = await trx
          .insertInto('enrollments')
          .values({
            customerId: camila.id,
            workshopId: soonest.id,
            amountDueClp: soonest.price,
            amountPaidClp: soonest.price,
            status: 'PAGADO',
            createdAt: iso(bookedAt),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('workshops')
          .set({ seatsTaken: sql<number>`seats_taken + 1` })
          .where('id', '=', soonest.id)
          .execute();
        const paidAt = addHours(bookedAt, 0.2);
        await trx
          .insertInto('payments')
          .values({
            enrollmentId: enrollment.id,
            amountClp: soonest.price,
            method: 'simulado',
            reference: `DEMO-I${enrollment.id}`,
            paidAt: iso(paidAt),
            createdAt: iso(paidAt),
          })
          .execute();
        enrollmentCount++;
        paymentCount++;
      }
    }
    // A paid booking cancelled in time: the money is owed back (the refunds list and the
    // dashboard's "Por devolver" have something to show).
    const second = workshops.filter((w) => !w.past && w.price > 0)[1];
    if (second) {
      const bookedAt = addHours(now, -24 * 6);
      const paidAt = addHours(bookedAt, 0.5);
      const cancelled = await trx
        .insertInto('enrollments')
        .values({
          customerId: customers[1]!.id,
          workshopId: second.id,
          amountDueClp: second.price,
          amountPaidClp: second.price,
          refundDueClp: second.price,
          status: 'ANULADO',
          createdAt: iso(bookedAt),
          cancelledAt: iso(addHours(now, -24 * 2)),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('payments')
        .values({
          enrollmentId: cancelled.id,
          amountClp: second.price,
          method: 'transferencia',
          reference: `DEMO-I${cancelled.id}`,
          paidAt: iso(paidAt),
          createdAt: iso(paidAt),
        })
        .execute();
      enrollmentCount++;
      paymentCount++;
    }
    bar.tick();

    const productIds: { id: number; price: number }[] = [];
    for (const [name, description, price, stock, category] of PRODUCTS) {
      const row = await trx
        .insertInto('products')
        .values({
          name,
          description,
          priceClp: price,
          stock,
          categoryId: interestIds.get(category)!,
          imagePath: covers.get(name) ?? null,
          isAvailable: true,
          lowStockThreshold: 5,
          createdAt: iso(addHours(now, -24 * 365)),
          updatedAt: iso(addHours(now, -24 * 365)),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      productIds.push({ id: row.id, price });
    }

    // Kit sales over the past 12 months; stock figures above are what is left after them.
    let saleCount = 0;
    for (let i = 0; i < 30; i++) {
      const customer = pick(customers);
      const createdAt = new Date(
        Math.max(customer.createdAt.getTime(), now.getTime() - 360 * 24 * 3600_000) +
          rand() * 24 * 3600_000 * 20,
      );
      const at = createdAt > now ? addHours(now, -2) : createdAt;
      const lines = new Map<number, { price: number; qty: number }>();
      const lineCount = 1 + Math.floor(rand() * 3);
      for (let l = 0; l < lineCount; l++) {
        const product = pick(productIds.slice(0, 6));
        lines.set(product.id, { price: product.price, qty: 1 + Math.floor(rand() * 2) });
      }
      const total = [...lines.values()].reduce((sum, line) => sum + line.price * line.qty, 0);
      const status = rand() < 0.9 ? 'PAGADO' : 'ANULADO';
      const sale = await trx
        .insertInto('sales')
        .values({
          customerId: customer.id,
          totalClp: total,
          status,
          createdAt: iso(at),
          paidAt: status === 'PAGADO' ? iso(at) : null,
          cancelledAt: status === 'ANULADO' ? iso(at) : null,
          ...(status === 'PAGADO' ? pickedUpAfter(at) : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [productId, line] of lines) {
        await trx
          .insertInto('saleLines')
          .values({ saleId: sale.id, productId, quantity: line.qty, unitPriceClp: line.price })
          .execute();
      }
      if (status === 'PAGADO') {
        await trx
          .insertInto('payments')
          .values({
            saleId: sale.id,
            amountClp: total,
            method: 'simulado',
            reference: `DEMO-V${sale.id}`,
            paidAt: iso(at),
            createdAt: iso(at),
          })
          .execute();
        paymentCount++;
      }
      saleCount++;
    }

    // Shipping rates for every region, and orders on their way in each step (added after the
    // draw, so the rest of the data does not move).
    for (const [regionCode, priceClp, isAvailable] of SHIPPING_RATES)
      await trx
        .updateTable('shippingRates')
        .set({ priceClp, isAvailable, updatedAt: iso(addHours(now, -24 * 30)) })
        .where('regionCode', '=', regionCode)
        .execute();
    const hoursAgo = (hours: number | undefined) => (hours === undefined ? null : iso(addHours(now, -hours)));
    for (const order of DEMO_ORDERS) {
      const customer = await trx
        .selectFrom('customers')
        .select(['id', 'fullName', 'phone'])
        .where('id', '=', customers[order.customer]!.id)
        .executeTakeFirstOrThrow();
      const product = productIds[order.product]!;
      const shippingClp = order.delivery
        ? (SHIPPING_RATES.find(([code]) => code === order.delivery?.region)?.[1] ?? 0)
        : 0;
      const totalClp = product.price * order.quantity + shippingClp;
      const placedAt = addHours(now, -order.hoursAgo);
      const paidAt = order.status === 'PAGADO' ? addHours(placedAt, 0.2) : null;
      const { steps, delivery } = order;
      const sale = await trx
        .insertInto('sales')
        .values({
          customerId: customer.id,
          totalClp,
          status: order.status,
          createdAt: iso(placedAt),
          paidAt: paidAt && iso(paidAt),
          expiresAt: order.status === 'PENDIENTE' ? iso(addHours(placedAt, 2)) : null,
          fulfilmentMethod: delivery ? 'delivery' : 'pickup',
          fulfilmentStatus:
            steps.delivered !== undefined
              ? 'ENTREGADO'
              : steps.shipped !== undefined
                ? 'DESPACHADO'
                : steps.ready !== undefined
                  ? 'LISTO_PARA_RETIRO'
                  : steps.prepared !== undefined
                    ? 'PREPARADO'
                    : 'POR_PREPARAR',
          shippingClp,
          deliveryRecipient: delivery ? customer.fullName : null,
          deliveryPhone: delivery ? (customer.phone ?? '+56912345678') : null,
          deliveryStreet: delivery?.street ?? null,
          deliveryComuna: delivery?.comuna ?? null,
          deliveryRegion: delivery?.regionName ?? null,
          deliveryNotes: delivery?.notes ?? null,
          courier: order.courier?.[0] ?? null,
          trackingCode: order.courier?.[1] ?? null,
          preparedAt: hoursAgo(steps.prepared),
          readyAt: hoursAgo(steps.ready),
          shippedAt: hoursAgo(steps.shipped),
          deliveredAt: hoursAgo(steps.delivered),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('saleLines')
        .values({
          saleId: sale.id,
          productId: product.id,
          quantity: order.quantity,
          unitPriceClp: product.price,
        })
        .execute();
      if (paidAt) {
        await trx
          .insertInto('payments')
          .values({
            saleId: sale.id,
            amountClp: totalClp,
            method: 'simulado',
            reference: `DEMO-V${sale.id}`,
            paidAt: iso(paidAt),
            createdAt: iso(paidAt),
          })
          .execute();
        paymentCount++;
      }
      saleCount++;
    }
    bar.tick();

    // A class pack on sale, and one bought a month ago by the first customer, so "Mis bonos" and
    // the back office's Bonos have something to show.
    const packProduct = await trx
      .insertInto('products')
      .values({
        name: 'Bono 5 clases',
        description: 'Cinco inscripciones a cualquier taller presencial u online, durante 90 días.',
        priceClp: 90000,
        stock: 1000,
        lowStockThreshold: 0,
        isAvailable: true,
        imagePath: covers.get('Bono 5 clases') ?? null,
        kind: 'pack',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const packTerms = await trx
      .insertInto('packProducts')
      .values({
        productId: packProduct.id,
        credits: 5,
        validityDays: 90,
        isOnlineIncluded: true,
        createdAt: iso(now),
        updatedAt: iso(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const packBuyer = customers[0]!;
    const boughtAt = addHours(now, -30 * 24);
    const packSale = await trx
      .insertInto('sales')
      .values({
        customerId: packBuyer.id,
        totalClp: 90000,
        status: 'PAGADO',
        createdAt: iso(boughtAt),
        paidAt: iso(boughtAt),
        fulfilmentStatus: 'ENTREGADO',
        deliveredAt: iso(boughtAt),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const packLine = await trx
      .insertInto('saleLines')
      .values({ saleId: packSale.id, productId: packProduct.id, quantity: 1, unitPriceClp: 90000 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('payments')
      .values({
        saleId: packSale.id,
        amountClp: 90000,
        method: 'transferencia',
        reference: `DEMO-BONO-${packSale.id}`,
        paidAt: iso(boughtAt),
      })
      .execute();
    const demoPack = await trx
      .insertInto('packs')
      .values({
        customerId: packBuyer.id,
        packProductId: packTerms.id,
        saleId: packSale.id,
        saleLineId: packLine.id,
        name: 'Bono 5 clases',
        credits: 5,
        priceClp: 90000,
        isOnlineIncluded: true,
        purchasedAt: iso(boughtAt),
        expiresAt: iso(addHours(boughtAt, 90 * 24)),
        lastEntryAt: iso(boughtAt),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('packCreditEntries')
      .values({ packId: demoPack.id, kind: 'purchase', credits: 5, createdAt: iso(boughtAt) })
      .execute();
    saleCount++;
    paymentCount++;

    // A gift card bought two weeks ago for a friend, issued when paid, so the back office's gift card
    // list, its liability and the customer 360 have something to show.
    const giftProduct = await trx
      .selectFrom('products')
      .select('id')
      .where('kind', '=', 'gift_card')
      .executeTakeFirstOrThrow();
    const giftBuyer = customers[1]!;
    const giftBoughtAt = addHours(now, -14 * 24);
    const giftSale = await trx
      .insertInto('sales')
      .values({
        customerId: giftBuyer.id,
        totalClp: 30000,
        status: 'PAGADO',
        createdAt: iso(giftBoughtAt),
        paidAt: iso(giftBoughtAt),
        fulfilmentStatus: 'ENTREGADO',
        deliveredAt: iso(giftBoughtAt),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const giftLine = await trx
      .insertInto('saleLines')
      .values({ saleId: giftSale.id, productId: giftProduct.id, quantity: 1, unitPriceClp: 30000 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('payments')
      .values({
        saleId: giftSale.id,
        amountClp: 30000,
        method: 'transferencia',
        reference: `DEMO-REGALO-${giftSale.id}`,
        paidAt: iso(giftBoughtAt),
      })
      .execute();
    const giftCtx = { now: giftBoughtAt, actor: null, publicUrl: '' };
    await createPendingGiftCard(
      trx,
      {
        saleId: giftSale.id,
        saleLineId: giftLine.id,
        buyerCustomerId: giftBuyer.id,
        recipientName: 'Josefa Muñoz',
        recipientEmail: 'josefa.munoz@example.cl',
        message: '¡Feliz cumpleaños! Para que te regales una tarde de cerámica.',
        amountClp: 30000,
      },
      giftCtx,
    );
    await issueGiftCardsForSale(trx, giftSale.id, giftCtx);
    saleCount++;
    paymentCount++;

    // Lifecycle stages follow from the history: paid once → customer; enrolled → prospect.
    await trx
      .updateTable('customers')
      .set({ lifecycleStage: 'customer' })
      .where((eb) =>
        eb.or([
          eb('id', 'in', eb.selectFrom('enrollments').select('customerId').where('amountPaidClp', '>', 0)),
          eb('id', 'in', eb.selectFrom('sales').select('customerId').where('status', '=', 'PAGADO')),
        ]),
      )
      .execute();
    await trx
      .updateTable('customers')
      .set({ lifecycleStage: 'prospect' })
      .where('lifecycleStage', '=', 'lead')
      .where('id', 'in', (eb) => eb.selectFrom('enrollments').select('customerId'))
      .execute();
    // Payments were written in bulk: the reports' daily summary is built from them in one go.
    await rebuildPaymentDays(trx);
    await seedFacilitators(trx, { now, passwordHash: staffHash });
    // A weekly series of four Thursday evenings, made as staff would make it. It opens beyond the
    // twelve weeks sessions are made ahead, so its sessions appear later (with the job), not among
    // the demo's workshops, each of which has its cover and details.
    const mindfulness = await trx
      .selectFrom('interests')
      .select('id')
      .where('name', '=', 'Mindfulness')
      .executeTakeFirst();
    await createSeries(
      trx,
      {
        name: 'Ciclo de meditación de los jueves',
        description: 'Cuatro jueves de respiración, meditación guiada y un cierre con té.',
        categoryId: mindfulness?.id ?? null,
        priceClp: 12000,
        totalSeats: 12,
        durationMinutes: 75,
        location: 'Sala del segundo piso',
        facilitatorName: 'Valentina Soto',
        startTime: '19:00',
        locationId: null,
        weekdays: [4],
        startsOn: santiagoDate(addHours(now, 100 * 24)),
        endsOn: null,
        sessionCount: 4,
      },
      { now, actor: null, publicUrl: '' },
    );
    bar.finish();

    return {
      interests: INTERESTS.length,
      companies: COMPANIES.length,
      customers: customers.length,
      workshops: workshops.length,
      enrollments: enrollmentCount,
      products: PRODUCTS.length,
      sales: saleCount,
      payments: paymentCount,
    };
  });
  options.log?.(
    `Datos de demostración: ${Object.entries(summary)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  return summary;
}

/** The demo's facilitator login (the same demo password): sees only Valentina Soto's sessions. */
export const DEMO_FACILITATOR = { email: 'valentina.soto@tmm.cl' } as const;

const FACILITATOR_BIOS: Record<string, { rut: string; bio: string }> = {
  'Valentina Soto': {
    rut: '15678234',
    bio: 'Ceramista y profesora de resina. Trabaja en su taller de Cerro Alegre hace doce años.\n\nLe gusta que cada persona se lleve algo hecho con sus manos.',
  },
  'Javiera Muñoz': {
    rut: '17234987',
    bio: 'Encuadernadora y artista del libro, formada en Valparaíso y en Kioto.',
  },
  'Tomás Araya': { rut: '16543210', bio: 'Grabador y tallador de timbres; hace las tintas que usa.' },
  'Paula Contreras': { rut: '18456321', bio: 'Instructora de meditación y yoga suave, con grupos pequeños.' },
  'Francisca Morales': { rut: '14321987', bio: 'Terapeuta ocupacional; guía los talleres para empresas.' },
};

/**
 * Facilitators as a year of use leaves them: a ficha for each person who led the demo's workshops
 * (linked to their workshops), a pay rule each (one of every kind), the year's sessions paid in one
 * closed period up to the end of last month, and a login for Valentina Soto. Added after the random
 * draws, so the rest of the demo does not move.
 */
async function seedFacilitators(trx: Tx, options: { now: Date; passwordHash: string }) {
  const kinds = [
    {
      kind: 'per_attendee' as const,
      amountClp: 9000,
      percentBp: null,
      bonusThreshold: 8,
      bonusClp: 10000,
      attendeeBasis: 'booked' as const,
    },
    {
      kind: 'fixed' as const,
      amountClp: 60000,
      percentBp: null,
      bonusThreshold: null,
      bonusClp: null,
      attendeeBasis: 'attended' as const,
    },
    {
      kind: 'revenue_share' as const,
      amountClp: 0,
      percentBp: 4000,
      bonusThreshold: null,
      bonusClp: null,
      attendeeBasis: 'attended' as const,
    },
  ];
  const ids = new Map<string, number>();
  for (const [i, [name, data]] of Object.entries(FACILITATOR_BIOS).entries()) {
    const row = await trx
      .insertInto('facilitators')
      .values({
        name,
        rut: `${data.rut}-${rutCheckDigit(data.rut)}`,
        email: `${searchable(name).replace(/\s+/g, '.')}@tmm.cl`,
        phone: null,
        bio: data.bio,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(name, row.id);
    await trx
      .updateTable('workshops')
      .set({ facilitatorId: row.id })
      .where('facilitatorName', '=', name)
      .execute();
    await trx
      .insertInto('payRules')
      .values({ facilitatorId: row.id, effectiveFrom: '2025-01-01', ...kinds[i % kinds.length]! })
      .execute();
  }
  const today = santiagoDate(options.now);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const lastDay = santiagoDate(addHours(santiagoToUtc(`${year}-${String(month).padStart(2, '0')}-01`), -12));
  const firstDay = `${year - 1}-${String(month).padStart(2, '0')}-01`;
  await closePayPeriod(
    trx,
    { startsOn: firstDay, endsOn: lastDay },
    { now: options.now, actor: null, publicUrl: '' },
  );
  await trx
    .insertInto('users')
    .values({
      email: DEMO_FACILITATOR.email,
      name: 'Valentina Soto',
      passwordHash: options.passwordHash,
      role: 'facilitator',
      facilitatorId: ids.get('Valentina Soto')!,
      emailVerifiedAt: options.now.toISOString(),
    })
    .execute();
}
