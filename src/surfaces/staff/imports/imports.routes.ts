import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import {
  decodeCsvBytes,
  type ImportKind,
  ImportRejectedError,
  isImportable,
  planCompanyImport,
  planCustomerImport,
  runImport,
} from '../../../domain/customers';
import { serviceContext } from '../../../http/context';
import { santiagoDate } from '../../../lib/dates';
import { ImportPage } from './views/import.page';

/** The confirmation posts the CSV back as text, so a file must fit the app's 1 MB form limit. */
export const MAX_IMPORT_BYTES = 900 * 1024;

const TARGETS: Record<string, { kind: ImportKind; list: string }> = {
  clientes: { kind: 'customers', list: '/gestion/clientes/' },
  empresas: { kind: 'companies', list: '/gestion/empresas/' },
};

/**
 * The upload (multipart, read by the plugin below) or the confirmation (the CSV posted back as
 * text): a file, pasted text, or neither, which csvText answers.
 */
const importForm = z
  .object({
    archivo: z
      .custom<Buffer>((v) => Buffer.isBuffer(v))
      .optional()
      .catch(undefined),
    contenido: z
      .unknown()
      .optional()
      .transform((v) => (typeof v === 'string' ? v : '')),
  })
  .catch({ archivo: undefined, contenido: '' });

/** The CSV the user sent: an uploaded file or pasted text (contenido). */
function csvText(form: z.output<typeof importForm>): { text: string; error: string | null } {
  const file = form.archivo;
  if (file && file.length > 0) {
    if (file.length > MAX_IMPORT_BYTES)
      return { text: '', error: 'El archivo es demasiado grande (máximo 900 KB). Divídelo en partes.' };
    return { text: decodeCsvBytes(file), error: null };
  }
  if (!form.contenido.trim()) return { text: '', error: 'Elige un archivo CSV o pega su contenido.' };
  return { text: form.contenido, error: null };
}

const WORDS = {
  customers: {
    one: 'cliente',
    many: 'clientes',
    created: ['nuevo', 'nuevos'],
    updated: ['actualizado', 'actualizados'],
  },
  companies: {
    one: 'empresa',
    many: 'empresas',
    created: ['nueva', 'nuevas'],
    updated: ['actualizada', 'actualizadas'],
  },
} as const;

/** "Importación lista: 3 clientes nuevos y 1 cliente actualizado." */
export function importSummary(kind: ImportKind, creates: number, updates: number): string {
  const w = WORDS[kind];
  const part = (n: number, adj: readonly [string, string]) =>
    `${n} ${n === 1 ? w.one : w.many} ${n === 1 ? adj[0] : adj[1]}`;
  return `Importación lista: ${part(creates, w.created)} y ${part(updates, w.updated)}.`;
}

/** CSV import of customers and companies, with a preview: /gestion/clientes|empresas/importar/. */
export async function importsStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  // Only these routes accept multipart; keyValues puts the hidden _csrf field in request.body
  // before the global CSRF check runs, so an upload without a valid token is refused like any POST.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_IMPORT_BYTES + 1, files: 1, fields: 4, fieldSize: MAX_IMPORT_BYTES, parts: 5 },
  });

  for (const [segment, target] of Object.entries(TARGETS)) {
    const base = `/${segment}/importar/`;
    const plan = (text: string) =>
      target.kind === 'customers'
        ? planCustomerImport(database.db, text, santiagoDate(app.deps.clock()))
        : planCompanyImport(database.db, text);
    const page = (reply: FastifyReply, props: Omit<Parameters<typeof ImportPage>[0], 'ctx'>, status = 200) =>
      reply.page(ImportPage, props, status);

    app.get(base, async (_request, reply) =>
      page(reply, { kind: target.kind, report: null, text: '', error: null }),
    );

    // The preview: validates every row and shows the report; nothing is written.
    app.post(base, { schema: { body: importForm } }, async (request, reply) => {
      const { text, error } = csvText(request.body);
      if (error) return page(reply, { kind: target.kind, report: null, text: '', error }, 422);
      const { report } = await plan(text);
      return page(reply, { kind: target.kind, report, text, error: null }, isImportable(report) ? 200 : 422);
    });

    app.post(`${base}confirmar/`, { schema: { body: importForm } }, async (request, reply) => {
      const { text, error } = csvText(request.body);
      if (error) return page(reply, { kind: target.kind, report: null, text: '', error }, 422);
      try {
        const report = await inTransaction(database, (trx) =>
          runImport(trx, target.kind, text, serviceContext(request)),
        );
        return reply.flashRedirect(
          target.list,
          'success',
          importSummary(target.kind, report.creates, report.updates),
        );
      } catch (e) {
        if (!(e instanceof ImportRejectedError)) throw e;
        return page(reply, { kind: target.kind, report: e.report, text, error: e.message }, 422);
      }
    });
  }
}
