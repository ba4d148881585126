import type { FastifyInstance } from 'fastify';
import { inTransaction } from '../../../db/transaction';
import { listAuditForEntity } from '../../../domain/audit';
import {
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
import { formValues, parseForm } from '../../../http/forms';
import { routeId } from '../../../http/params';
import { serveList } from '../../../http/staff-list';
import { NotFoundError, ValidationError } from '../../../lib/errors';
import { formatRut } from '../../../lib/rut';
import { COMPANY_LIST } from './companies.list';
import {
  CompaniesPage,
  CompanyDeletePage,
  CompanyDetailPage,
  CompanyFormPage,
} from './views/companies.pages';

const NOT_FOUND = 'No encontramos esa empresa.';

type IdParams = { Params: { id: string } };

/** Companies (B2B) in the back office: /gestion/empresas/. */
export async function companiesStaffRoutes(app: FastifyInstance) {
  const { database } = app.deps;

  app.get('/empresas/', (request, reply) =>
    serveList(COMPANY_LIST, request, reply, (data) => reply.page(CompaniesPage, data)),
  );

  app.get('/empresas/nueva/', async (_request, reply) =>
    reply.page(CompanyFormPage, { company: null, values: {}, errors: {} }),
  );

  app.post('/empresas/nueva/', async (request, reply) => {
    const form = parseForm(companyForm, request.body);
    if (!form.ok)
      return reply.page(CompanyFormPage, { company: null, values: form.values, errors: form.errors }, 422);
    const input = {
      legalName: form.data.razon_social,
      rut: form.data.rut,
      address: form.data.direccion,
      phone: form.data.telefono,
    };
    try {
      const id = await inTransaction(database, (trx) => createCompany(trx, input, serviceContext(request)));
      return reply.flashRedirect(
        `/gestion/empresas/${id}/`,
        'success',
        `Empresa "${input.legalName}" creada.`,
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.page(
        CompanyFormPage,
        { company: null, values: formValues(request.body), errors: error.fields },
        422,
      );
    }
  });

  app.get<IdParams>('/empresas/:id/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const company = await findCompany(database.db, id);
    if (!company) throw new NotFoundError(NOT_FOUND);
    const [contacts, audit] = await Promise.all([
      listCompanyContacts(database.db, id),
      listAuditForEntity(database.db, 'company', id, 20),
    ]);
    return reply.page(CompanyDetailPage, { company, contacts, audit });
  });

  app.get<IdParams>('/empresas/:id/editar/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const company = await findCompany(database.db, id);
    if (!company) throw new NotFoundError(NOT_FOUND);
    const values = {
      razon_social: company.legalName,
      rut: company.rut ? formatRut(company.rut) : '',
      direccion: company.address ?? '',
      telefono: company.phone ?? '',
    };
    return reply.page(CompanyFormPage, { company, values, errors: {} });
  });

  app.post<IdParams>('/empresas/:id/editar/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const company = await findCompany(database.db, id);
    if (!company) throw new NotFoundError(NOT_FOUND);
    const form = parseForm(companyForm, request.body);
    if (!form.ok)
      return reply.page(CompanyFormPage, { company, values: form.values, errors: form.errors }, 422);
    const input = {
      legalName: form.data.razon_social,
      rut: form.data.rut,
      address: form.data.direccion,
      phone: form.data.telefono,
    };
    try {
      await inTransaction(database, (trx) => updateCompany(trx, id, input, serviceContext(request)));
      return reply.flashRedirect(`/gestion/empresas/${id}/`, 'success', 'Empresa actualizada.');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.page(
        CompanyFormPage,
        { company, values: formValues(request.body), errors: error.fields },
        422,
      );
    }
  });

  app.get<IdParams>('/empresas/:id/eliminar/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const company = await findCompany(database.db, id);
    if (!company) throw new NotFoundError(NOT_FOUND);
    const contacts = await countCompanyContacts(database.db, id);
    return reply.page(CompanyDeletePage, { company, contacts });
  });

  app.post<IdParams>('/empresas/:id/eliminar/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const { legalName, unlinked } = await inTransaction(database, (trx) =>
      deleteCompany(trx, id, serviceContext(request)),
    );
    const detail =
      unlinked > 0 ? ` ${plural(unlinked, 'contacto quedó', 'contactos quedaron')} sin empresa.` : '';
    return reply.flashRedirect('/gestion/empresas/', 'success', `Empresa "${legalName}" eliminada.${detail}`);
  });
}
