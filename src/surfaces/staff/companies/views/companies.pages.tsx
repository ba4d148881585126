import type { CompanyRecord } from '../../../../domain/customers';
import { LIFECYCLE_LABELS, plural } from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import { formatDateShort } from '../../../../lib/dates';
import { formatRut } from '../../../../lib/rut';
import { CsrfField, Field } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import type { AuditTrailData } from '../../audit/audit-names';
import { AuditTrail } from '../../audit/views/audit-changes';
import { COMPANY_LIST } from '../companies.list';

const LIST = COMPANY_LIST.path;

export function CompaniesPage({ ctx, query, page }: ListDataOf<typeof COMPANY_LIST> & { ctx: PageContext }) {
  return (
    <StaffLayout ctx={ctx} title="Empresas" crumbs={[['Gestión', '/gestion/'], ['Empresas']]}>
      <div class="section-head">
        <h1>Empresas (B2B)</h1>
        <p>
          <a href="/gestion/empresas/nueva/" class="button button-small">
            Nueva empresa
          </a>{' '}
          <a href="/gestion/empresas/importar/" class="button button-small button-secondary">
            Importar CSV
          </a>
        </p>
      </div>
      <ListFilters basePath={LIST} query={query} placeholder="Razón social, RUT o teléfono">
        <div class="field">
          <label for="f-contactos">Contactos</label>
          <select id="f-contactos" name="contactos">
            <option value="">Todas</option>
            <option value="con" selected={query.filters.contactos === 'con'}>
              Con contactos
            </option>
            <option value="sin" selected={query.filters.contactos === 'sin'}>
              Sin contactos
            </option>
          </select>
        </div>
      </ListFilters>
      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Empresas"
        empty="No hay empresas que coincidan con la búsqueda."
        rowId={COMPANY_LIST.rowId}
        columns={COMPANY_LIST.columns}
      />
    </StaffLayout>
  );
}

export function CompanyFormPage({
  ctx,
  company,
  values,
  errors,
}: {
  ctx: PageContext;
  company: CompanyRecord | null;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const title = company ? `Editar ${company.legalName}` : 'Nueva empresa';
  const action = company ? `/gestion/empresas/${company.id}/editar/` : '/gestion/empresas/nueva/';
  return (
    <StaffLayout ctx={ctx} title={title} crumbs={[['Gestión', '/gestion/'], ['Empresas', LIST], [title]]}>
      <h1>{title}</h1>
      <form method="post" action={action} class="panel form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {Object.keys(errors).length > 0 && (
          <p class="flash flash-error" role="alert">
            Revisa los campos marcados.
          </p>
        )}
        <Field
          name="razon_social"
          label="Razón social"
          value={values.razon_social}
          error={errors.razon_social}
          required
        />
        <Field
          name="rut"
          label="RUT"
          value={values.rut}
          error={errors.rut}
          hint="Opcional. Por ejemplo 76.123.456-0."
        />
        <Field name="direccion" label="Dirección" value={values.direccion} error={errors.direccion} />
        <Field name="telefono" label="Teléfono" type="tel" value={values.telefono} error={errors.telefono} />
        <button type="submit" class="button">
          Guardar
        </button>{' '}
        <a href={company ? `/gestion/empresas/${company.id}/` : LIST}>Cancelar</a>
      </form>
    </StaffLayout>
  );
}

type Contact = {
  id: number;
  fullName: string;
  email: string;
  phone: string | null;
  lifecycleStage: keyof typeof LIFECYCLE_LABELS;
};

export function CompanyDetailPage({
  ctx,
  company,
  contacts,
  audit,
}: {
  ctx: PageContext;
  company: CompanyRecord;
  contacts: Contact[];
  audit: AuditTrailData;
}) {
  return (
    <StaffLayout
      ctx={ctx}
      title={company.legalName}
      crumbs={[['Gestión', '/gestion/'], ['Empresas', LIST], [company.legalName]]}
    >
      <div class="section-head">
        <h1>{company.legalName}</h1>
        <p>
          <a href={`/gestion/empresas/${company.id}/editar/`} class="button button-small">
            Editar
          </a>{' '}
          <a href={`/gestion/empresas/${company.id}/eliminar/`} class="button button-small button-secondary">
            Eliminar
          </a>
        </p>
      </div>
      <div class="two-col">
        <div>
          <section class="panel" aria-labelledby="contactos">
            <h2 id="contactos">Contactos ({contacts.length})</h2>
            {contacts.length === 0 ? (
              <p class="meta">Esta empresa aún no tiene contactos.</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Nombre</th>
                      <th scope="col">Correo</th>
                      <th scope="col">Teléfono</th>
                      <th scope="col">Etapa</th>
                    </tr>
                  </thead>
                  <tbody>
                    {contacts.map((c) => (
                      <tr>
                        <td>
                          <a href={`/gestion/clientes/${c.id}/`}>{c.fullName}</a>
                        </td>
                        <td>{c.email}</td>
                        <td>{c.phone ?? '—'}</td>
                        <td>{LIFECYCLE_LABELS[c.lifecycleStage]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p>
              <a href={`/gestion/clientes/?empresa=${company.id}`}>Ver en la lista de clientes</a>
            </p>
          </section>
          <AuditTrail trail={audit} listHref={`/gestion/auditoria/?entidad=company&q=${company.id}`} />
        </div>
        <section class="panel" aria-labelledby="datos">
          <h2 id="datos">Datos</h2>
          <dl class="profile-data">
            <dt>RUT</dt>
            <dd>{company.rut ? formatRut(company.rut) : '—'}</dd>
            <dt>Dirección</dt>
            <dd>{company.address ?? '—'}</dd>
            <dt>Teléfono</dt>
            <dd>{company.phone ?? '—'}</dd>
            <dt>Registrada</dt>
            <dd>{formatDateShort(company.createdAt)}</dd>
          </dl>
        </section>
      </div>
    </StaffLayout>
  );
}

export function CompanyDeletePage({
  ctx,
  company,
  contacts,
}: {
  ctx: PageContext;
  company: CompanyRecord;
  contacts: number;
}) {
  return (
    <StaffLayout
      ctx={ctx}
      title={`Eliminar ${company.legalName}`}
      crumbs={[
        ['Gestión', '/gestion/'],
        ['Empresas', LIST],
        [company.legalName, `/gestion/empresas/${company.id}/`],
        ['Eliminar'],
      ]}
    >
      <h1>¿Eliminar la empresa {company.legalName}?</h1>
      <div class="panel">
        {contacts > 0 ? (
          <p data-test="unlink-warning">
            Esta empresa tiene <strong>{plural(contacts, 'contacto', 'contactos')}</strong>. No se eliminarán:{' '}
            {contacts === 1 ? 'quedará' : 'quedarán'} como {contacts === 1 ? 'cliente' : 'clientes'} sin
            empresa.
          </p>
        ) : (
          <p>Esta empresa no tiene contactos.</p>
        )}
        <p>Esta acción no se puede deshacer; quedará registrada en la auditoría.</p>
        <form method="post" action={`/gestion/empresas/${company.id}/eliminar/`}>
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="button button-danger">
            Sí, eliminar
          </button>{' '}
          <a href={`/gestion/empresas/${company.id}/`}>Cancelar</a>
        </form>
      </div>
    </StaffLayout>
  );
}
