import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { santiagoToUtc } from '../../src/lib/dates';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import {
  createCustomerAccount,
  createInterest,
  createProduct,
  createWorkshop,
  unique,
} from '../support/factories';

/** The <img> tag that shows the stored image `name` (the first one in the page). */
function imgOf(html: string, name: string): string {
  const tag = html.match(new RegExp(`<img[^>]*/media/\\w+/${name.replace('.', '\\.')}[^>]*>`))?.[0];
  if (!tag) throw new Error(`No <img> for ${name}`);
  return tag;
}

const picture = () => `${unique('cover')}.webp`;

/**
 * What a customer sees before deciding: pictures everywhere a workshop or kit is shown, the
 * workshop page with its details and cancellation policy, the policy again before paying, and the
 * month calendar. The clock is Monday 2 March 2026, 12:00 in Santiago.
 */
describe('pictures, the workshop page and the calendar', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const setImage = (table: 'workshops' | 'products', id: number, imagePath: string) =>
    t.database.db.updateTable(table).set({ imagePath }).where('id', '=', id).execute();

  describe('pictures', () => {
    it('gives catalogue cards both stored sizes, a fixed box, and lazy loading after the first', async () => {
      const interest = await createInterest(t.database.db);
      const first = await createWorkshop(t.database.db, {
        categoryId: interest.id,
        startsAt: '2026-03-10T14:00:00.000Z',
        imagePath: picture(),
      });
      const second = await createWorkshop(t.database.db, {
        categoryId: interest.id,
        startsAt: '2026-03-11T14:00:00.000Z',
        imagePath: picture(),
      });
      const bare = await createWorkshop(t.database.db, {
        categoryId: interest.id,
        startsAt: '2026-03-12T14:00:00.000Z',
      });
      const res = await t.app.inject(`/talleres/?categoria=${interest.id}`);
      expect(res.statusCode).toBe(200);

      const name = (await t.database.db
        .selectFrom('workshops')
        .select('imagePath')
        .where('id', '=', first.id)
        .executeTakeFirstOrThrow())!.imagePath!;
      const top = imgOf(res.body, name);
      expect(top).toContain(`src="/media/card/${name}"`);
      expect(top).toContain(`srcset="/media/card/${name} 600w, /media/page/${name} 1200w"`);
      expect(top).toMatch(/sizes="[^"]*100vw"/);
      expect(top).toContain('width="600"');
      expect(top).toContain('height="400"');
      expect(top).toContain('decoding="async"');
      // An empty alt (Preact writes it as a bare attribute): the card's heading names the workshop.
      expect(top).toMatch(/ alt(="")? /);
      // The first card is above the fold: fetched at once, not lazily.
      expect(top).not.toContain('loading="lazy"');
      expect(top).toContain('fetchpriority="high"');

      const secondName = (await t.database.db
        .selectFrom('workshops')
        .select('imagePath')
        .where('id', '=', second.id)
        .executeTakeFirstOrThrow())!.imagePath!;
      const next = imgOf(res.body, secondName);
      expect(next).toContain('loading="lazy"');
      expect(next).not.toContain('fetchpriority');

      // No picture yet: the generic illustration, in the same box, without a srcset.
      const cards = res.body.split('<article class="card">');
      const bareCard = cards.find((c) => c.includes(`/talleres/${bare.id}/`))!;
      expect(bareCard).toMatch(
        /<img[^>]*src="\/static\/img\/placeholder\.svg"[^>]*width="600"[^>]*height="400"/,
      );
      expect(bareCard).not.toContain('srcset');
    });

    it('shows the page copy on the workshop and kit pages, and both sizes on the home page and in the cart', async () => {
      const cover = picture();
      const w = await createWorkshop(t.database.db, {
        imagePath: cover,
        startsAt: '2026-03-03T14:00:00.000Z',
      });
      const page = await t.app.inject(`/talleres/${w.id}/`);
      const hero = imgOf(page.body, cover);
      expect(hero).toContain(`src="/media/page/${cover}"`);
      expect(hero).toContain(`srcset="/media/card/${cover} 600w, /media/page/${cover} 1200w"`);
      expect(hero).toContain('width="1200"');
      expect(hero).toContain('height="800"');
      expect(hero).not.toContain('loading="lazy"');

      const kit = await createProduct(t.database.db, { name: unique('Aaa kit ') });
      const kitPicture = picture();
      await setImage('products', kit.id, kitPicture);
      const product = imgOf((await t.app.inject(`/productos/${kit.id}/`)).body, kitPicture);
      expect(product).toContain(`src="/media/page/${kitPicture}"`);
      expect(product).toContain(`srcset="/media/card/${kitPicture} 600w, /media/page/${kitPicture} 1200w"`);
      expect(product).toContain(`alt="${kit.name}"`);

      const home = await t.app.inject('/');
      expect(imgOf(home.body, kitPicture)).toContain('loading="lazy"');
      expect(imgOf(home.body, kitPicture)).toContain('srcset=');

      const client = new TestClient(t.app);
      await client.post(`/carrito/add/${kit.id}/`, { cantidad: '1' });
      const thumb = imgOf((await client.get('/carrito/')).body, kitPicture);
      expect(thumb).toContain('sizes="96px"');
      expect(thumb).toContain('width="96"');
      expect(thumb).toContain('height="96"');
      expect(thumb).toContain('loading="lazy"');
      expect(thumb).toMatch(/ alt(="")? /);
    });
  });

  describe('workshop page', () => {
    it('gives the day and times in words, the place with a map, what it includes, what to bring and who leads it', async () => {
      const w = await createWorkshop(t.database.db, {
        // Saturday 14 March, 11:30 in Santiago (UTC-3 in March).
        startsAt: '2026-03-14T14:30:00.000Z',
        durationMinutes: 120,
        location: 'Almirante Montt 352, Cerro Alegre, Valparaíso',
        whatIncluded: 'Resina y endurecedor\n- Moldes de silicona\n\nTé y algo rico',
        whatToBring: 'Ropa que se pueda manchar',
        facilitatorName: 'Valentina Soto',
      });
      const res = await t.app.inject(`/talleres/${w.id}/`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('sábado 14 de marzo, 11:30 a 13:30 hrs');
      expect(res.body).toContain('2 horas');
      expect(res.body).toContain(
        'href="https://www.google.com/maps/search/?api=1&amp;query=Almirante%20Montt%20352%2C%20Cerro%20Alegre%2C%20Valpara%C3%ADso"',
      );
      const included = res.body.slice(res.body.indexOf('data-test="what-included"'));
      expect(included).toMatch(
        /<li>Resina y endurecedor<\/li><li>Moldes de silicona<\/li><li>Té y algo rico<\/li><\/ul>/,
      );
      expect(res.body).toContain('<h2 id="traer">Qué traer</h2>');
      expect(res.body).toContain('<li>Ropa que se pueda manchar</li>');
      expect(res.body).toContain('<dd data-test="facilitator">Valentina Soto</dd>');
      expect(res.body).toContain('$45.000');
      expect(res.body).toContain('Quedan 10 cupos');
    });

    it('says an online workshop sends its link by e-mail before it starts, with no map', async () => {
      const w = await createWorkshop(t.database.db, { modality: 'ONLINE', location: null });
      await t.database.db
        .updateTable('workshops')
        .set({ onlineUrl: 'https://meet.example/secreto' })
        .where('id', '=', w.id)
        .execute();
      const res = await t.app.inject(`/talleres/${w.id}/`);
      expect(res.body).toContain(
        'te enviaremos el enlace de la sesión por correo al inscribirte y otra vez en el recordatorio, antes de que empiece',
      );
      expect(res.body).not.toContain('google.com/maps');
      expect(res.body).not.toContain('meet.example');
    });

    it('leaves out the lists and the facilitator when staff have not written them', async () => {
      const w = await createWorkshop(t.database.db);
      const res = await t.app.inject(`/talleres/${w.id}/`);
      expect(res.body).not.toContain('Qué incluye');
      expect(res.body).not.toContain('Qué traer');
      expect(res.body).not.toContain('data-test="facilitator"');
    });

    it('shows the cancellation policy of its cut-off beside the enroll button', async () => {
      const w = await createWorkshop(t.database.db, {
        startsAt: '2026-03-14T14:30:00.000Z',
        cancellationCutoffHours: 72,
      });
      const account = await createCustomerAccount(t.database.db);
      const client = new TestClient(t.app);
      await client.login(account.login, account.password);
      const res = await client.get(`/talleres/${w.id}/`);
      const aside = res.body.slice(res.body.indexOf('<aside'), res.body.indexOf('</aside>'));
      expect(aside).toContain('data-test="enroll-button"');
      expect(aside).toContain('Política de anulación');
      expect(aside).toContain(
        'Anulación con devolución total hasta el miércoles 11 de marzo a las 11:30 hrs.',
      );
      expect(aside).toContain('(72 horas antes de que empiece)');
      expect(aside).toContain('no tiene derecho a retracto');
    });

    it('warns before enrolling when the cut-off has already passed', async () => {
      // Starts in 30 hours; the cut-off was 48 hours before.
      const w = await createWorkshop(t.database.db, { startsAt: '2026-03-03T21:00:00.000Z' });
      const res = await t.app.inject(`/talleres/${w.id}/`);
      expect(res.body).toContain(
        'Sin anulación en línea: el plazo venció el domingo 1 de marzo a las 18:00 hrs.',
      );
    });
  });

  it('shows the cancellation policy on the payment page before the pay button', async () => {
    const w = await createWorkshop(t.database.db, {
      startsAt: '2026-03-14T14:30:00.000Z',
      cancellationCutoffHours: 24,
      priceClp: 30000,
    });
    const account = await createCustomerAccount(t.database.db);
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    const page = await client.follow(await client.post(`/talleres/${w.id}/`));
    expect(page.statusCode).toBe(200);
    const policy = page.body.indexOf('data-test="cancellation-policy"');
    const pay = page.body.indexOf('data-test="pay"');
    expect(policy).toBeGreaterThan(-1);
    expect(policy).toBeLessThan(pay);
    expect(page.body).toContain(
      'Anulación con devolución total hasta el viernes 13 de marzo a las 11:30 hrs.',
    );
    expect(page.body).toContain('Al pagar aceptas esta política de anulación.');
  });

  describe('calendar', () => {
    it('puts a workshop on the day it starts in Santiago, not on its UTC day', async () => {
      const interest = await createInterest(t.database.db);
      // 23:30 on Thursday 30 April in Santiago is already 1 May in UTC.
      const lateNight = santiagoToUtc('2026-04-30', '23:30').toISOString();
      expect(lateNight).toBe('2026-05-01T03:30:00.000Z');
      const w = await createWorkshop(t.database.db, { categoryId: interest.id, startsAt: lateNight });

      const april = await t.app.inject(`/talleres/?vista=calendario&mes=2026-04&categoria=${interest.id}`);
      expect(april.statusCode).toBe(200);
      expect(april.body).toContain('<h2 id="cal-mes" data-test="calendar-month">Abril 2026</h2>');
      const day = april.body.slice(april.body.indexOf('data-date="2026-04-30"'));
      expect(day.slice(0, day.indexOf('</li></ul></li>'))).toContain(`href="/talleres/${w.id}/"`);
      expect(april.body).toContain('jueves 30 de abril');
      expect(april.body).toContain('<span class="cal-time">23:30</span>');

      const may = await t.app.inject(`/talleres/?vista=calendario&mes=2026-05&categoria=${interest.id}`);
      expect(may.body).not.toContain(`href="/talleres/${w.id}/"`);
      expect(may.body).toContain('No hay talleres con esos filtros en mayo.');
    });

    it('answers a month it cannot read with the current month and a note, never an error', async () => {
      for (const mes of ['2026-13', 'abril', '2026-4', '0000-00', '', '%00']) {
        const res = await t.app.inject(`/talleres/?vista=calendario&mes=${mes}`);
        expect(res.statusCode, mes).toBe(200);
        expect(res.body, mes).toContain('data-test="calendar-month">Marzo 2026</h2>');
      }
      const bad = await t.app.inject('/talleres/?vista=calendario&mes=2026-13');
      expect(bad.body).toContain(
        'El mes indicado no es válido (usa el formato AAAA-MM); se muestra el mes actual.',
      );
      // A month already over shows the current one, with no way back into the past.
      const past = await t.app.inject('/talleres/?vista=calendario&mes=2025-12');
      expect(past.body).toContain('data-test="calendar-month">Marzo 2026</h2>');
      expect(past.body).not.toContain('data-test="mes-anterior"');
      expect(past.body).toContain('href="/talleres/?vista=calendario&amp;mes=2026-04" rel="next"');
      // An unknown view is the list.
      const list = await t.app.inject('/talleres/?vista=mosaico');
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain('class="calendar"');
    });

    it('moves between months keeping the filters, and switches between list and calendar', async () => {
      const interest = await createInterest(t.database.db);
      const res = await t.app.inject(
        `/talleres/?vista=calendario&mes=2026-06&categoria=${interest.id}&modalidad=ONLINE`,
      );
      expect(res.body).toContain(
        `href="/talleres/?vista=calendario&amp;mes=2026-05&amp;categoria=${interest.id}&amp;modalidad=ONLINE" rel="prev"`,
      );
      expect(res.body).toContain(
        `href="/talleres/?vista=calendario&amp;mes=2026-07&amp;categoria=${interest.id}&amp;modalidad=ONLINE" rel="next"`,
      );
      expect(res.body).toMatch(
        new RegExp(
          `href="/talleres/\\?categoria=${interest.id}&amp;modalidad=ONLINE"[^>]*data-test="vista-lista"`,
        ),
      );
      expect(res.body).toMatch(/aria-current="page" data-test="vista-calendario"/);

      // A list filtered to a month opens the calendar on that month.
      const list = await t.app.inject('/talleres/?mes=2026-08');
      expect(list.body).toMatch(
        /href="\/talleres\/\?vista=calendario&amp;mes=2026-08"[^>]*data-test="vista-calendario"/,
      );
    });
  });
});
