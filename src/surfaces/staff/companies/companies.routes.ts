import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import {
  type CompanyFormData,
  companyForm,
  countCompanyContacts,
  createCompany,
  deleteCompany,
  findCompany,
  listCompanyContacts,
  updateCompany,
} from '../../../domain/customers';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { form, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { formatRut } from '../../../lib/rut';
import { loadAuditTrail } from '../audit/audit-names';
import { COMPANY_LIST } from './companies.list';
import {
  CompaniesPage,
  CompanyDeletePage,
  CompanyDetailPage,
  CompanyFormPage,
} from './views/companies.pages';

const toInput = (data: CompanyFormData) => ({
  legalName: data.razon_social,
  rut: data.rut,
  address: data.direccion,
  phone: data.telefono,
});

/** Companies (B2B) in the back office: /gestion/empresas/. */
export async function companiesStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  const load = async (id: number) => {
    const company = await findCompany(database.db, id);
    if (!company) throw new NotFoundError('No encontramos esa empresa.');
    return company;
  };

  app.get('/empresas/', (request, reply) =>
    serveList(COMPANY_LIST, request, reply, (data) => reply.page(CompaniesPage, data)),
  );

  app.get('/empresas/nueva/', async (_request, reply) =>
    reply.page(CompanyFormPage, { company: null, values: {}, errors: {} }),
  );

  app.post(
    '/empresas/nueva/',
    form({ body: companyForm }, (_request, reply, { values, errors }) =>
      reply.page(CompanyFormPage, { company: null, values, errors }),
    ),
    async (request, reply) => {
      const input = toInput(request.body);
      const id = await inTransaction(database, (trx) => createCompany(trx, input, serviceContext(request)));
      return reply.flashRedirect(
        `/gestion/empresas/${id}/`,
        'success',
        `Empresa "${input.legalName}" creada.`,
      );
    },
  );

  app.get('/empresas/:id/', { schema: { params: idParams } }, async (request, reply) => {
    const company = await load(request.params.id);
    const [contacts, audit] = await Promise.all([
      listCompanyContacts(database.db, company.id),
      loadAuditTrail(database.db, 'company', company.id, 20),
    ]);
    return reply.page(CompanyDetailPage, { company, contacts, audit });
  });

  app.get('/empresas/:id/editar/', { schema: { params: idParams } }, async (request, reply) => {
    const company = await load(request.params.id);
    const values = {
      razon_social: company.legalName,
      rut: company.rut ? formatRut(company.rut) : '',
      direccion: company.address ?? '',
      telefono: company.phone ?? '',
    };
    return reply.page(CompanyFormPage, { company, values, errors: {} });
  });

  app.post(
    '/empresas/:id/editar/',
    form({ params: idParams, body: companyForm }, async (request, reply, { values, errors }) =>
      reply.page(CompanyFormPage, { company: await load(request.params.id), values, errors }),
    ),
    async (request, reply) => {
      const company = await load(request.params.id);
      await inTransaction(database, (trx) =>
        updateCompany(trx, company.id, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect(`/gestion/empresas/${company.id}/`, 'success', 'Empresa actualizada.');
    },
  );

  app.get('/empresas/:id/eliminar/', { schema: { params: idParams } }, async (request, reply) => {
    const company = await load(request.params.id);
    const contacts = await countCompanyContacts(database.db, company.id);
    return reply.page(CompanyDeletePage, { company, contacts });
  });

  app.post('/empresas/:id/eliminar/', { schema: { params: idParams } }, async (request, reply) => {
    const { legalName, unlinked } = await inTransaction(database, (trx) =>
      deleteCompany(trx, request.params.id, serviceContext(request)),
    );
    const detail =
      unlinked > 0 ? ` ${plural(unlinked, 'contacto quedó', 'contactos quedaron')} sin empresa.` : '';
    return reply.flashRedirect('/gestion/empresas/', 'success', `Empresa "${legalName}" eliminada.${detail}`);
  });
}
