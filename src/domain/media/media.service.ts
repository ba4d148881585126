import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { NotFoundError } from '../../lib/errors';
import { IMAGE_SIZES, type ImageSize } from '../../lib/images';
import type { ServiceContext } from '../context';
import { setFacilitatorImage } from '../facilitators';
import { setProductImage } from '../products';
import { setWorkshopImage } from '../workshops';
import { IMAGE_MESSAGES, InvalidImageError } from './media.errors';
import type { ImageOwner } from './media.queries';

/** The module that owns each kind of image's record, and how it records a new image. */
const SET_IMAGE = {
  products: setProductImage,
  workshops: setWorkshopImage,
  facilitators: setFacilitatorImage,
} as const;

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);

/** The format named by the file's first bytes, whatever its name or declared type says. */
export function sniffImageFormat(bytes: Buffer): 'jpeg' | 'png' | 'webp' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png';
  if (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'webp';
  return null;
}

export const mediaDir = (dataDir: string) => path.join(dataDir, 'media');

/**
 * Checks an upload from its content (magic bytes, then sharp decoding it) and renders the card
 * and page copies as WebP: EXIF orientation applied, metadata (camera, GPS) dropped, never
 * enlarged. Throws InvalidImageError.
 */
export async function renderImageCopies(bytes: Buffer | undefined): Promise<Record<ImageSize, Buffer>> {
  if (!bytes || bytes.length === 0) throw new InvalidImageError(IMAGE_MESSAGES.missing);
  if (bytes.length > MAX_IMAGE_BYTES) throw new InvalidImageError(IMAGE_MESSAGES.tooLarge);
  if (!sniffImageFormat(bytes)) throw new InvalidImageError(IMAGE_MESSAGES.wrongType);
  // Loaded on the first upload, not at start-up: libvips costs ~20 MB in every web process.
  const { default: sharp } = await import('sharp');
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.format || !ACCEPTED_FORMATS.has(meta.format))
      throw new InvalidImageError(IMAGE_MESSAGES.wrongType);
    const render = (width: number) =>
      sharp(bytes).rotate().resize({ width, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
    const [card, page] = await Promise.all([render(IMAGE_SIZES.card), render(IMAGE_SIZES.page)]);
    return { card, page };
  } catch (error) {
    if (error instanceof InvalidImageError) throw error;
    // sharp could not decode it (corrupt or truncated file, or a bomb past its pixel limit).
    throw new InvalidImageError(IMAGE_MESSAGES.wrongType);
  }
}

async function writeCopies(dir: string, name: string, copies: Record<ImageSize, Buffer>): Promise<void> {
  for (const size of Object.keys(IMAGE_SIZES) as ImageSize[]) {
    await mkdir(path.join(dir, size), { recursive: true });
    await writeFile(path.join(dir, size, name), copies[size], { flag: 'wx' });
  }
}

/**
 * Checks an image, renders its copies and writes them under a new generated name, which it
 * returns; the caller records the name on its row. Throws InvalidImageError.
 */
export async function storeImage(dataDir: string, bytes: Buffer | undefined): Promise<string> {
  const copies = await renderImageCopies(bytes);
  const name = `${randomUUID()}.webp`;
  await writeCopies(mediaDir(dataDir), name, copies);
  return name;
}

/** Removes the copies of a stored image (a row that never recorded it, or a replaced one). */
export async function removeImage(dataDir: string, name: string): Promise<void> {
  await removeCopies(mediaDir(dataDir), name);
}

async function removeCopies(dir: string, name: string): Promise<void> {
  // Names are ours (uuid.webp), never user input, but a stored path is checked anyway.
  if (!/^[\w-]+\.webp$/.test(name)) return;
  for (const size of Object.keys(IMAGE_SIZES) as ImageSize[])
    await rm(path.join(dir, size, name), { force: true });
}

/**
 * Replaces the image of a product or workshop. The files get a new generated name (so the
 * long cache of the old URL never serves a stale picture) and are written before the row is
 * updated; if the update fails they are removed, so a bad upload changes nothing. The previous
 * files are removed after commit. Throws InvalidImageError, NotFoundError.
 */
export async function replaceImage(
  database: Database,
  dataDir: string,
  owner: ImageOwner,
  id: number,
  bytes: Buffer | undefined,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<string> {
  const name = await storeImage(dataDir, bytes);
  const dir = mediaDir(dataDir);
  let previous: string | null;
  try {
    const result = await inTransaction(database, (trx) => SET_IMAGE[owner](trx, id, name, ctx));
    if (!result) throw new NotFoundError();
    previous = result.previous;
  } catch (error) {
    await removeCopies(dir, name);
    throw error;
  }
  if (previous) await removeCopies(dir, previous).catch(() => {});
  return name;
}
