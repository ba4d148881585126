import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import { listInterestOptions } from '../../../domain/customers';
import {
  createDiscountCode,
  type DiscountCodeInput,
  findCodeRecord,
  setDiscountCodeActive,
  updateDiscountCode,
} from '../../../domain/discounts';
import { listWorkshopOptions } from '../../../domain/enrollments';
import { serviceContext } from '../../../http/context';
import type { FormErrors } from '../../../http/forms';
import { form, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { checkbox } from '../../../lib/fields';
import { loadAuditTrail } from '../audit/audit-names';
import { type DiscountCodeFormData, discountCodeForm } from './discount-codes.forms';
import { CODES_PATH, discountCodeList } from './discount-codes.list';
import { DiscountCodeFormPage } from './views/discount-code-form.page';
import { DiscountCodesPage } from './views/discount-codes.page';

const toInput = (d: DiscountCodeFormData): DiscountCodeInput => ({
  code: d.codigo,
  description: d.descripcion,
  kind: d.tipo,
  value: d.valor,
  validFrom: d.valido_desde,
  validUntil: d.valido_hasta,
  maxUses: d.usos_max,
  maxUsesPerCustomer: d.usos_por_cliente,
  minAmountClp: d.minimo,
  scope: d.alcance,
  itemIds: d.alcance === 'workshops' ? d.talleres : d.alcance === 'categories' ? d.categorias : [],
  isActive: d.activo,
});

/** The ids a form sent back in a list of checkboxes, to tick them again. */
const idsOf = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .filter((v) => /^\d{1,9}$/.test(v))
    .map(Number);

/** Discount codes in the back office: list with export, create, edit, activate or deactivate. */
export async function discountCodesStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  const list = discountCodeList(app.deps.clock);

  const load = async (id: number) => {
    const code = await findCodeRecord(database.db, id);
    if (!code) throw new NotFoundError('No encontramos ese código de descuento.');
    return code;
  };

  app.get('/codigos/', (request, reply) =>
    serveList(list, request, reply, (data) => reply.page(DiscountCodesPage, { ...data, list })),
  );

  const renderForm = async (
    reply: FastifyReply,
    code: Awaited<ReturnType<typeof load>> | null,
    values: Record<string, string>,
    chosen: { talleres: number[]; categorias: number[] },
    errors: FormErrors,
  ) => {
    const [workshops, categories, audit] = await Promise.all([
      listWorkshopOptions(database.db),
      listInterestOptions(database.db),
      code ? loadAuditTrail(database.db, 'discount_code', code.id, 20) : Promise.resolve(null),
    ]);
    return reply.page(DiscountCodeFormPage, { code, values, chosen, errors, workshops, categories, audit });
  };

  app.get('/codigos/nuevo/', async (_request, reply) =>
    renderForm(
      reply,
      null,
      { tipo: 'percent', alcance: 'all', activo: '1' },
      { talleres: [], categorias: [] },
      {},
    ),
  );

  app.post(
    '/codigos/nuevo/',
    form({ body: discountCodeForm }, (_request, reply, { values, errors }) =>
      renderForm(
        reply,
        null,
        values,
        { talleres: idsOf(values.talleres), categorias: idsOf(values.categorias) },
        errors,
      ),
    ),
    async (request, reply) => {
      const id = await inTransaction(database, (trx) =>
        createDiscountCode(trx, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect(
        `${CODES_PATH}${id}/editar/`,
        'success',
        `Código ${request.body.codigo} creado.`,
      );
    },
  );

  app.get('/codigos/:id/editar/', { schema: { params: idParams } }, async (request, reply) => {
    const code = await load(request.params.id);
    return renderForm(
      reply,
      code,
      {
        codigo: code.code,
        descripcion: code.description,
        tipo: code.kind,
        valor: String(code.value),
        valido_desde: code.validFrom ?? '',
        valido_hasta: code.validUntil ?? '',
        usos_max: code.maxUses === null ? '' : String(code.maxUses),
        usos_por_cliente: code.maxUsesPerCustomer === null ? '' : String(code.maxUsesPerCustomer),
        minimo: code.minAmountClp === 0 ? '' : String(code.minAmountClp),
        alcance: code.scope,
        activo: code.isActive ? '1' : '',
      },
      {
        talleres: code.scope === 'workshops' ? code.itemIds : [],
        categorias: code.scope === 'categories' ? code.itemIds : [],
      },
      {},
    );
  });

  app.post(
    '/codigos/:id/editar/',
    form({ params: idParams, body: discountCodeForm }, async (request, reply, { values, errors }) =>
      renderForm(
        reply,
        await load(request.params.id),
        values,
        { talleres: idsOf(values.talleres), categorias: idsOf(values.categorias) },
        errors,
      ),
    ),
    async (request, reply) => {
      const code = await load(request.params.id);
      await inTransaction(database, (trx) =>
        updateDiscountCode(trx, code.id, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect(`${CODES_PATH}${code.id}/editar/`, 'success', 'Cambios guardados.');
    },
  );

  app.post(
    '/codigos/:id/activo/',
    { schema: { params: idParams, body: z.object({ activo: checkbox() }) } },
    async (request, reply) => {
      const code = await load(request.params.id);
      await inTransaction(database, (trx) =>
        setDiscountCodeActive(trx, code.id, request.body.activo, serviceContext(request)),
      );
      return reply.flashRedirect(
        `${CODES_PATH}${code.id}/editar/`,
        'success',
        request.body.activo
          ? `Código ${code.code} activado.`
          : `Código ${code.code} desactivado: ya no se puede usar.`,
      );
    },
  );
}
