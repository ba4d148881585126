// The yardstick for the catalogue benchmark: a bare Fastify route serving a static string of a
// given size, so the ratio shows what TMM's rendering, session and database work cost.
import Fastify from 'fastify';

const [port, bytes] = process.argv.slice(2).map(Number);
const body = 'x'.repeat(bytes);
const app = Fastify();
app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(body));
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port, host: '127.0.0.1' });
