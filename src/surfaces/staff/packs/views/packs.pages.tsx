import { PACK_STATUSES } from '../../../../db/schema';
import { PACK_OWNER_FILTERS, type PackDetail } from '../../../../domain/packs';
import { PACK_ENTRY_LABELS, PACK_STATUS_LABELS, plural } from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import { formatDateShort, formatDateTimeShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import {
  CsrfField,
  DataList,
  Field,
  ResponsiveTable,
  SelectField,
  TextAreaField,
} from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { BulkExportForm, DateRangeFields, ListTotals } from '../../lists/admin-lists.components';
import { PACK_LIST } from '../packs.list';

const LIST = PACK_LIST.path;
const BULK = 'bulk-bonos';
const OWNER_LABELS = { cliente: 'Clientes', empresa: 'Empresas (convenios)' } as const;
const CRUMBS: [string, string?][] = [
  ['Gestión', '/gestion/'],
  ['Bonos', LIST],
];

type ListProps = ListDataOf<typeof PACK_LIST> & { ctx: PageContext };

/** Packs sold and company bundles, with what the accountant asks: sold, redeemed, liability. */
export function PacksPage({ ctx, query, page, totals, currentUrl }: ListProps) {
  const f = query.filters;
  return (
    <StaffLayout ctx={ctx} title="Bonos" crumbs={[['Gestión', '/gestion/'], ['Bonos']]}>
      <div class="section-head">
        <h1>Bonos y convenios</h1>
        <p>
          <a href="/gestion/bonos/productos/">Bonos a la venta</a> ·{' '}
          <a href="/gestion/bonos/convenios/nuevo/">Asignar cupos a una empresa</a> ·{' '}
          <a href="/gestion/bonos/?tipo=empresa">Uso por empresa</a>
        </p>
      </div>
      <ListFilters basePath={LIST} query={query} placeholder="Cliente, empresa o N° de bono">
        <SelectField
          name="estado"
          label="Estado"
          emptyLabel="Todos"
          options={PACK_STATUSES.map((s) => ({ value: s, label: PACK_STATUS_LABELS[s] }))}
          value={f.estado}
        />
        <SelectField
          name="tipo"
          label="Titular"
          emptyLabel="Todos"
          options={PACK_OWNER_FILTERS.map((v) => ({ value: v, label: OWNER_LABELS[v] }))}
          value={f.tipo}
        />
        <DateRangeFields from={f.desde} to={f.hasta} label="Comprados" />
        {f.ids.map((id) => (
          <input type="hidden" name="ids" value={String(id)} />
        ))}
      </ListFilters>

      <ListTotals
        items={[
          ['Vendido en bonos', totals.soldClp],
          ['Pasivo por créditos sin usar', totals.liabilityClp],
        ]}
      />
      <p class="meta" data-test="packs-report">
        {plural(totals.redeemed, 'crédito canjeado', 'créditos canjeados')} ·{' '}
        {plural(totals.unusedCredits, 'crédito vigente sin usar', 'créditos vigentes sin usar')}. El ingreso
        se cuenta al vender el bono; cada crédito sin usar vale el precio del bono dividido por sus créditos.
      </p>

      <BulkExportForm
        formId={BULK}
        listPath={LIST}
        csrfToken={ctx.csrfToken}
        currentUrl={currentUrl}
        label="Exportar los bonos seleccionados"
      />

      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Bonos"
        bulkForm={BULK}
        empty="No hay bonos que coincidan con los filtros."
        rowId={PACK_LIST.rowId}
        columns={PACK_LIST.columns}
      />
    </StaffLayout>
  );
}

type DetailProps = {
  ctx: PageContext;
  pack: PackDetail;
  values: Record<string, string>;
  errors: Record<string, string>;
};

/** One pack or bundle: who holds it, its ledger, and the manual adjustment. */
export function PackDetailPage({ ctx, pack, values, errors }: DetailProps) {
  return (
    <StaffLayout ctx={ctx} title={`Bono N° ${pack.id}`} crumbs={[...CRUMBS, [`N° ${pack.id}`]]}>
      <h1>
        {pack.name} <span class="meta">N° {pack.id}</span>
      </h1>
      <DataList
        items={[
          {
            label: 'Titular',
            value:
              pack.customerId !== null ? (
                <a href={`/gestion/clientes/${pack.customerId}/`}>{pack.customerName}</a>
              ) : (
                <a href={`/gestion/empresas/${pack.companyId}/`}>{pack.companyName}</a>
              ),
          },
          ...(pack.companyId !== null ? [{ label: 'Contacto de la empresa', value: pack.contactName }] : []),
          { label: 'Saldo', value: `${pack.balance} de ${pack.credits}`, 'data-test': 'pack-balance' },
          { label: 'Valor', value: formatClp(pack.priceClp) },
          { label: 'Estado', value: PACK_STATUS_LABELS[pack.status] },
          { label: 'Comprado', value: formatDateShort(pack.purchasedAt) },
          { label: 'Vence', value: formatDateShort(pack.expiresAt) },
          ...(pack.saleId !== null
            ? [{ label: 'Pedido', value: <a href={`/gestion/ventas/${pack.saleId}/`}>N° {pack.saleId}</a> }]
            : []),
          ...(pack.note ? [{ label: 'Nota', value: pack.note }] : []),
        ]}
      />
      <h2>Movimientos</h2>
      <ResponsiveTable
        caption="Movimientos del bono"
        rows={pack.entries}
        rowAttributes={(e) => ({ 'data-test': `entry-${e.kind}` })}
        columns={[
          { label: 'Fecha', cell: (e) => formatDateTimeShort(e.createdAt) },
          { label: 'Movimiento', title: true, cell: (e) => PACK_ENTRY_LABELS[e.kind] },
          {
            label: 'Detalle',
            cell: (e) =>
              e.enrollmentId !== null
                ? `${e.customerName ?? ''} · ${e.workshopName ?? ''}`
                : [e.reason, e.userName].filter(Boolean).join(' · ') || null,
          },
          {
            label: 'Créditos',
            numeric: true,
            cell: (e) => (e.credits > 0 ? `+${e.credits}` : String(e.credits)),
          },
        ]}
      />
      {pack.status === 'ACTIVO' && (
        <form method="post" action={`/gestion/bonos/${pack.id}/ajuste/`} class="panel form-narrow" novalidate>
          <h2>Ajustar créditos</h2>
          <CsrfField token={ctx.csrfToken} />
          <Field
            name="creditos"
            label="Créditos"
            inputmode="numeric"
            value={values.creditos}
            error={errors.creditos}
            required
            hint="Un número para sumar (2) o negativo para quitar (-1)."
          />
          <TextAreaField name="motivo" label="Motivo" value={values.motivo} error={errors.motivo} />
          <button type="submit" class="button">
            Registrar ajuste
          </button>
        </form>
      )}
    </StaffLayout>
  );
}

type ProductRow = {
  id: number;
  name: string;
  priceClp: number;
  isAvailable: boolean;
  stock: number;
  credits: number;
  validityDays: number;
  isOnlineIncluded: boolean;
};

/** The pack products staff sell in the shop. */
export function PackProductsPage({ ctx, products }: { ctx: PageContext; products: ProductRow[] }) {
  return (
    <StaffLayout ctx={ctx} title="Bonos a la venta" crumbs={[...CRUMBS, ['Bonos a la venta']]}>
      <div class="section-head">
        <h1>Bonos a la venta</h1>
        <p>
          <a href="/gestion/bonos/productos/nuevo/" class="button button-small">
            Nuevo bono
          </a>
        </p>
      </div>
      <ResponsiveTable
        caption="Bonos a la venta"
        rows={products}
        rowAttributes={(p) => ({ 'data-test': `pack-product-${p.id}` })}
        columns={[
          {
            label: 'Nombre',
            title: true,
            cell: (p) => <a href={`/gestion/bonos/productos/${p.id}/editar/`}>{p.name}</a>,
          },
          { label: 'Créditos', numeric: true, cell: (p) => p.credits },
          { label: 'Vigencia', cell: (p) => plural(p.validityDays, 'día', 'días') },
          { label: 'Precio', numeric: true, cell: (p) => formatClp(p.priceClp) },
          { label: 'Online', cell: (p) => (p.isOnlineIncluded ? 'Sí' : 'No') },
          { label: 'Quedan a la venta', numeric: true, cell: (p) => p.stock },
          { label: 'Activo', cell: (p) => (p.isAvailable ? 'Sí' : 'No') },
        ]}
      />
    </StaffLayout>
  );
}

type ProductFormProps = {
  ctx: PageContext;
  id: number | null;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  categories: { id: number; name: string }[];
  workshops: { id: number; name: string; startsAt: string }[];
};

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** Create or edit a pack product: the shop's fields and the pack's terms. */
export function PackProductFormPage({ ctx, id, values, errors, categories, workshops }: ProductFormProps) {
  const title = id ? 'Editar bono' : 'Nuevo bono';
  const chosenCategories = list(values.categorias);
  const chosenWorkshops = list(values.talleres);
  return (
    <StaffLayout
      ctx={ctx}
      title={title}
      crumbs={[...CRUMBS, ['Bonos a la venta', '/gestion/bonos/productos/'], [title]]}
    >
      <h1>{title}</h1>
      <form
        method="post"
        action={id ? `/gestion/bonos/productos/${id}/editar/` : '/gestion/bonos/productos/nuevo/'}
        class="panel form-narrow"
        novalidate
      >
        <CsrfField token={ctx.csrfToken} />
        {Object.keys(errors).length > 0 && (
          <p class="flash flash-error" role="alert">
            Revisa los campos marcados.
          </p>
        )}
        <Field name="nombre" label="Nombre" value={str(values.nombre)} error={errors.nombre} required />
        <TextAreaField
          name="descripcion"
          label="Descripción"
          value={str(values.descripcion)}
          error={errors.descripcion}
        />
        <Field
          name="precio"
          label="Precio (CLP)"
          inputmode="numeric"
          value={str(values.precio)}
          error={errors.precio}
          required
        />
        <Field
          name="creditos"
          label="Créditos"
          inputmode="numeric"
          value={str(values.creditos)}
          error={errors.creditos}
          required
          hint="Cada inscripción usa un crédito."
        />
        <Field
          name="dias"
          label="Vigencia (días)"
          inputmode="numeric"
          value={str(values.dias)}
          error={errors.dias}
          required
          hint="Cuenta desde la compra; los créditos que queden al vencer se pierden."
        />
        <Field
          name="stock"
          label="Quedan a la venta"
          inputmode="numeric"
          value={str(values.stock)}
          error={errors.stock}
          required
          hint="Cuántos bonos se pueden vender todavía; cada venta descuenta uno."
        />
        <div class="field field-check">
          <label>
            <input type="checkbox" name="online" value="1" checked={str(values.online) === '1'} /> Sirve
            también para talleres online
          </label>
        </div>
        <div class="field field-check">
          <label>
            <input type="checkbox" name="disponible" value="1" checked={str(values.disponible) === '1'} />{' '}
            Activo (a la venta en la tienda)
          </label>
        </div>
        <fieldset class="field">
          <legend>Categorías que cubre</legend>
          <p class="hint">Sin categorías ni talleres marcados, sirve para todos los talleres.</p>
          {errors.categorias && <small class="error">{errors.categorias}</small>}
          {categories.map((c) => (
            <label class="inline-check">
              <input
                type="checkbox"
                name="categorias"
                value={String(c.id)}
                checked={chosenCategories.includes(String(c.id))}
              />{' '}
              {c.name}
            </label>
          ))}
        </fieldset>
        {workshops.length > 0 && (
          <fieldset class="field">
            <legend>Talleres que cubre</legend>
            {errors.talleres && <small class="error">{errors.talleres}</small>}
            {workshops.map((w) => (
              <label class="inline-check">
                <input
                  type="checkbox"
                  name="talleres"
                  value={String(w.id)}
                  checked={chosenWorkshops.includes(String(w.id))}
                />{' '}
                {w.name} ({formatDateShort(w.startsAt)})
              </label>
            ))}
          </fieldset>
        )}
        <p>
          <button type="submit" class="button">
            {id ? 'Guardar cambios' : 'Crear bono'}
          </button>{' '}
          <a href="/gestion/bonos/productos/" class="button button-secondary">
            Cancelar
          </a>
        </p>
      </form>
    </StaffLayout>
  );
}

type BundleFormProps = {
  ctx: PageContext;
  values: Record<string, string>;
  errors: Record<string, string>;
  companies: { id: number; legalName: string }[];
  people: { id: number; fullName: string; email: string; companyName: string }[];
};

/** Assign a company a bundle of seats, with its contact. */
export function BundleFormPage({ ctx, values, errors, companies, people }: BundleFormProps) {
  return (
    <StaffLayout ctx={ctx} title="Asignar cupos a una empresa" crumbs={[...CRUMBS, ['Asignar cupos']]}>
      <h1>Asignar cupos a una empresa</h1>
      <form method="post" action="/gestion/bonos/convenios/nuevo/" class="panel form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {Object.keys(errors).length > 0 && (
          <p class="flash flash-error" role="alert">
            Revisa los campos marcados.
          </p>
        )}
        <SelectField
          name="empresa"
          label="Empresa"
          value={values.empresa}
          error={errors.empresa}
          emptyLabel="Elige una empresa"
          options={companies.map((c) => ({ value: String(c.id), label: c.legalName }))}
        />
        <Field
          name="cupos"
          label="Cupos"
          inputmode="numeric"
          value={values.cupos}
          error={errors.cupos}
          required
        />
        <Field
          name="dias"
          label="Vigencia (días)"
          inputmode="numeric"
          value={values.dias ?? '365'}
          error={errors.dias}
          required
        />
        <Field
          name="precio"
          label="Monto del convenio (CLP)"
          inputmode="numeric"
          value={values.precio ?? '0'}
          error={errors.precio}
          required
          hint="Lo que pagó la empresa: da el valor de cada cupo sin usar."
        />
        <SelectField
          name="contacto"
          label="Contacto de la empresa"
          value={values.contacto}
          error={errors.contacto}
          emptyLabel="Sin contacto"
          options={people.map((p) => ({ value: String(p.id), label: `${p.fullName} (${p.companyName})` }))}
        />
        <p class="hint">El contacto ve los cupos y quién los usó en su cuenta, en «Cupos de mi empresa».</p>
        <TextAreaField name="nota" label="Nota" value={values.nota} error={errors.nota} />
        <button type="submit" class="button">
          Asignar cupos
        </button>
      </form>
    </StaffLayout>
  );
}
