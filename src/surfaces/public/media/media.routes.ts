import { mkdirSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { mediaDir } from '../../../domain/media';

/**
 * Stored images under /media/<card|page>/<generated name>. A name is never reused for other
 * content, so browsers and proxies may keep a copy for a year without asking again.
 */
export async function mediaRoutes(app: FastifyInstance) {
  const root = mediaDir(app.deps.config.dataDir);
  mkdirSync(root, { recursive: true });
  await app.register(fastifyStatic, {
    root,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    immutable: true,
    maxAge: '365d',
  });
}
