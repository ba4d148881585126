import type { FastifyInstance } from 'fastify';
import { inTransaction } from '../../../db/transaction';
import { listAuditForEntity } from '../../../domain/audit';
import {
  COMPANY_SORTS,
  companyForm,
  countCompanies,
  countCompanyContacts,
  createCompany,
  deleteCompany,
  findCompany,
  listCompanies,
  listCompanyContacts,
  updateCompany,
} from '../../../domain/customers';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { sendExport } from '../../../http/export';
import { formValues, parseForm } from '../../../http/forms';
import { routeId } from '../../../http/params';
import { formatDateShort } from '../../../lib/dates';
import { NotFoundError, ValidationError } from '../../../lib/errors';
import { filter, parseListQuery } from '../../../lib/list-query';
import { makePage, pageWindow } from '../../../lib/pagination';
import { formatRut } from '../../../lib/rut';
import {
  CompaniesPage,
  CompanyDeletePage,
  CompanyDetailPage,
  CompanyFormPage,
} from './views/companies.pages';

const PAGE_SIZE = 25;
const EXPORT_LIMIT = 50_000;
const NOT_FOUND = 'No encontramos esa empresa.';

export const COMPANY_LIST = {
  sortable: COMPANY_SORTS,
  defaultSort: 'nombre' as const,
  defaultDir: 'asc' as const,
  filters: { contactos: filter.oneOf(['con', 'sin'] as const) },
};

type IdParams = { Params: { id: string } };

/** Companies (B2B) in the back office: /gestion/empresas/. */
export async function companiesStaffRoutes(app: FastifyInstance) {
  const { database } = app.deps;

  app.get('/empresas/', async (request, reply) => {
    const query = parseListQuery(request.query, COMPANY_LIST);
    const f = { q: query.q, contacts: query.filters.contactos };
    const order = { sort: query.sort, dir: query.dir };
    if (query.format) {
      const rows = await listCompanies(database.db, f, order, { offset: 0, limit: EXPORT_LIMIT });
      return sendExport(
        reply,
        query.format,
        {
          name: 'empresas',
          sheet: 'Empresas',
          header: ['Razón social', 'RUT', 'Dirección', 'Teléfono', 'Contactos', 'Registrada'],
          rows: rows.map((c) => [
            c.legalName,
            c.rut ? formatRut(c.rut) : null,
            c.address,
            c.phone,
            c.contacts ?? 0,
            formatDateShort(c.createdAt),
          ]),
        },
        app.deps.clock(),
      );
    }
    const total = await countCompanies(database.db, f);
    const { page, offset } = pageWindow(query.page, PAGE_SIZE, total);
    const rows = await listCompanies(database.db, f, order, { offset, limit: PAGE_SIZE });
    return reply.page(CompaniesPage, { query, companies: makePage(rows, page, PAGE_SIZE, total) });
  });

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
