import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createProduct, createUser, createWorkshop } from '../support/factories';

function flashes(html: string): string[] {
  return [...html.matchAll(/<div class="flash flash-\w+"[^>]*>([^<]*)/g)].map((m) => m[1]!);
}

/** A multipart/form-data body as a browser sends it: the token field first, then the file. */
function multipart(
  fields: Record<string, string>,
  file?: { name: string; filename: string; type: string; data: Buffer },
) {
  const boundary = `----tmm${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#d63384' } });

describe('staff image upload for products and workshops', () => {
  let t: TestApp;
  let staff: TestClient;
  let mediaRoot: string;
  beforeAll(async () => {
    t = await buildTestApp();
    mediaRoot = path.join(t.config.dataDir, 'media');
    const user = await createUser(t.database.db, { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, user.password);
  });
  afterAll(async () => t.close());

  async function upload(
    client: TestClient,
    url: string,
    file: { filename: string; type: string; data: Buffer } | undefined,
    options: { csrf?: boolean } = {},
  ) {
    const fields: Record<string, string> = options.csrf === false ? {} : { _csrf: await client.csrfToken() };
    const body = multipart(fields, file && { name: 'imagen', ...file });
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return t.app.inject({
      method: 'POST',
      url,
      payload: body.payload,
      headers: { 'content-type': body.contentType, cookie },
    });
  }

  const imageOf = async (table: 'products' | 'workshops', id: number) =>
    (await t.database.db.selectFrom(table).select('imagePath').where('id', '=', id).executeTakeFirstOrThrow())
      .imagePath;
  const storedFiles = () =>
    ['card', 'page'].flatMap((size) =>
      existsSync(path.join(mediaRoot, size))
        ? readdirSync(path.join(mediaRoot, size)).map((f) => `${size}/${f}`)
        : [],
    );

  it('stores a JPEG as card and page copies with a generated name, served with a long cache', async () => {
    const kit = await createProduct(t.database.db);
    const jpeg = await solid(2400, 1500).jpeg().toBuffer();
    const res = await upload(staff, `/gestion/productos/${kit.id}/imagen/`, {
      filename: 'foto de mi kit.jpg',
      type: 'image/jpeg',
      data: jpeg,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/gestion/productos/${kit.id}/imagen/`);
    const name = await imageOf('products', kit.id);
    expect(name).toMatch(/^[0-9a-f-]{36}\.webp$/);

    const card = await t.app.inject(`/media/card/${name}`);
    expect(card.statusCode).toBe(200);
    expect(card.headers['content-type']).toBe('image/webp');
    expect(String(card.headers['cache-control'])).toContain('max-age=31536000');
    expect(String(card.headers['cache-control'])).toContain('immutable');
    expect((await sharp(card.rawPayload).metadata()).width).toBe(600);
    const page = await t.app.inject(`/media/page/${name}`);
    expect((await sharp(page.rawPayload).metadata()).width).toBe(1200);

    const product = await t.app.inject(`/productos/${kit.id}/`);
    expect(product.body).toContain(`src="/media/page/${name}"`);
    const staffPage = await staff.get(`/gestion/productos/${kit.id}/imagen/`);
    expect(flashes(staffPage.body)).toContain('Imagen actualizada.');
    expect(staffPage.body).toContain(`src="/media/page/${name}"`);
    expect(staffPage.body).toContain('enctype="multipart/form-data"');
  });

  it('replaces the previous image and removes its files; never enlarges a small image', async () => {
    const workshop = await createWorkshop(t.database.db);
    const url = `/gestion/talleres/${workshop.id}/imagen/`;
    await upload(staff, url, {
      filename: 'a.png',
      type: 'image/png',
      data: await solid(1600, 900).png().toBuffer(),
    });
    const first = await imageOf('workshops', workshop.id);
    expect(storedFiles()).toContain(`card/${first}`);
    const res = await upload(staff, url, {
      filename: 'b.webp',
      type: 'image/webp',
      data: await solid(400, 300).webp().toBuffer(),
    });
    expect(res.statusCode).toBe(303);
    const second = await imageOf('workshops', workshop.id);
    expect(second).not.toBe(first);
    expect(storedFiles()).not.toContain(`card/${first}`);
    expect(storedFiles()).not.toContain(`page/${first}`);
    const page = await t.app.inject(`/media/page/${second}`);
    expect((await sharp(page.rawPayload).metadata()).width).toBe(400);
  });

  it('refuses a .jpg that is really text, and changes nothing', async () => {
    const kit = await createProduct(t.database.db);
    const before = storedFiles().length;
    const res = await upload(staff, `/gestion/productos/${kit.id}/imagen/`, {
      filename: 'kit.jpg',
      type: 'image/jpeg',
      data: Buffer.from('Esto no es una imagen, es texto con extensión .jpg\n'.repeat(50)),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/gestion/productos/${kit.id}/imagen/`);
    expect(flashes((await staff.get(String(res.headers.location))).body)).toContain(
      'El archivo no es una imagen JPEG, PNG o WebP válida.',
    );
    expect(await imageOf('products', kit.id)).toBeNull();
    expect(storedFiles().length).toBe(before);
  });

  it('refuses an image over 5 MB, and changes nothing', async () => {
    const kit = await createProduct(t.database.db);
    // Noise does not compress: a 1500×1500 PNG of it weighs about 6.7 MB.
    const noise = randomBytes(1500 * 1500 * 3);
    const big = await sharp(noise, { raw: { width: 1500, height: 1500, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(big.length).toBeGreaterThan(6 * 1024 * 1024);
    const before = storedFiles().length;
    const res = await upload(staff, `/gestion/productos/${kit.id}/imagen/`, {
      filename: 'grande.png',
      type: 'image/png',
      data: big,
    });
    expect(res.statusCode).toBe(303);
    expect(flashes((await staff.get(String(res.headers.location))).body)).toContain(
      'La imagen pesa más de 5 MB. Reduce su tamaño e inténtalo otra vez.',
    );
    expect(await imageOf('products', kit.id)).toBeNull();
    expect(storedFiles().length).toBe(before);
  });

  it('refuses other image formats and a truncated image, whatever they are called', async () => {
    const kit = await createProduct(t.database.db);
    const gif = await solid(100, 100).gif().toBuffer();
    const res = await upload(staff, `/gestion/productos/${kit.id}/imagen/`, {
      filename: 'x.png',
      type: 'image/png',
      data: gif,
    });
    expect(flashes((await staff.get(String(res.headers.location))).body)).toContain(
      'El archivo no es una imagen JPEG, PNG o WebP válida.',
    );
    const jpeg = await solid(800, 600).jpeg().toBuffer();
    const cut = await upload(staff, `/gestion/productos/${kit.id}/imagen/`, {
      filename: 'x.jpg',
      type: 'image/jpeg',
      data: jpeg.subarray(0, 200),
    });
    expect(flashes((await staff.get(String(cut.headers.location))).body)).toContain(
      'El archivo no es una imagen JPEG, PNG o WebP válida.',
    );
    expect(await imageOf('products', kit.id)).toBeNull();
  });

  it('asks for a file when none is sent', async () => {
    const kit = await createProduct(t.database.db);
    const res = await upload(staff, `/gestion/productos/${kit.id}/imagen/`, undefined);
    expect(res.statusCode).toBe(303);
    expect(flashes((await staff.get(String(res.headers.location))).body)).toContain(
      'Elige una imagen para subir.',
    );
  });

  it('refuses a multipart upload without the CSRF token', async () => {
    const kit = await createProduct(t.database.db);
    const res = await upload(
      staff,
      `/gestion/productos/${kit.id}/imagen/`,
      { filename: 'a.jpg', type: 'image/jpeg', data: await solid(300, 200).jpeg().toBuffer() },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    expect(await imageOf('products', kit.id)).toBeNull();
  });

  it('is for staff only, and 404 for a product that does not exist', async () => {
    const kit = await createProduct(t.database.db);
    const customerUser = await createUser(t.database.db, { role: 'customer' });
    const customer = new TestClient(t.app);
    await customer.login(customerUser.email, customerUser.password);
    const data = await solid(300, 200).jpeg().toBuffer();
    const res = await upload(customer, `/gestion/productos/${kit.id}/imagen/`, {
      filename: 'a.jpg',
      type: 'image/jpeg',
      data,
    });
    expect(res.statusCode).toBe(403);
    expect((await customer.get(`/gestion/productos/${kit.id}/imagen/`)).statusCode).toBe(403);
    expect(await imageOf('products', kit.id)).toBeNull();
    expect((await staff.get('/gestion/productos/999999/imagen/')).statusCode).toBe(404);
    const missing = await upload(staff, '/gestion/talleres/999999/imagen/', {
      filename: 'a.jpg',
      type: 'image/jpeg',
      data,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('serves nothing outside the stored copies', async () => {
    expect((await t.app.inject('/media/../session-secret')).statusCode).toBe(404);
    expect((await t.app.inject('/media/card/no-existe.webp')).statusCode).toBe(404);
    expect((await t.app.inject('/media/%2e%2e/session-secret')).statusCode).toBe(404);
    expect([403, 404]).toContain((await t.app.inject('/media/')).statusCode); // no listing
  });
});
