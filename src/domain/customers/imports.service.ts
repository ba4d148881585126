import type { z } from 'zod';
import type { Db, Tx } from '../../db/database';
import type { CustomerType } from '../../db/schema';
import { santiagoDate } from '../../lib/dates';
import { searchable } from '../../lib/text';
import type { ServiceContext } from '../context';
import { companyForm } from './companies.input';
import { createCompany, updateCompany } from './companies.service';
import { customerForm } from './customers.input';
import { createCustomerByStaff, type StaffCustomerInput, updateCustomerByStaff } from './customers.service';
import { columnKey, type ParsedCsv, parseCsv } from './imports.csv';
import { ImportRejectedError, MalformedCsvError } from './imports.errors';
import type { ImportKind, ImportReport } from './imports.report';

export type { ImportKind, ImportReport, ImportRowReport } from './imports.report';

export const MAX_IMPORT_ROWS = 5000;

type Ctx = Pick<ServiceContext, 'now' | 'actor'>;

/** Accepted column names (compared by columnKey) for each field of the form the row goes through. */
const CUSTOMER_COLUMNS: Record<string, string[]> = {
  nombre: ['nombre', 'nombre_completo', 'name', 'cliente'],
  email: ['email', 'correo', 'e_mail', 'correo_electronico', 'mail'],
  telefono: ['telefono', 'fono', 'celular', 'movil', 'phone'],
  comuna: ['comuna', 'comuna_vive'],
  tipo: ['tipo', 'tipo_cliente', 'segmento'],
  empresa: ['empresa', 'razon_social', 'company'],
  rut: ['rut'],
  fecha_nacimiento: ['fecha_nacimiento', 'nacimiento', 'cumpleanos'],
  intereses: ['intereses', 'interes'],
  observaciones: ['observaciones', 'notas', 'comentarios'],
};
const CUSTOMER_REQUIRED = ['nombre', 'email'];

const COMPANY_COLUMNS: Record<string, string[]> = {
  razon_social: ['razon_social', 'nombre', 'empresa', 'nombre_empresa'],
  rut: ['rut'],
  direccion: ['direccion', 'domicilio'],
  telefono: ['telefono', 'fono', 'telefono_empresa'],
};
const COMPANY_REQUIRED = ['razon_social'];

const FIELD_NAMES: Record<string, string> = {
  nombre: 'nombre',
  email: 'email',
  razon_social: 'razón social',
};

function mapColumns(header: string[], columns: Record<string, string[]>, required: string[]) {
  const index: Record<string, number> = {};
  const ignored: string[] = [];
  header.forEach((name, i) => {
    const key = columnKey(name);
    const field = Object.keys(columns).find((f) => columns[f]!.includes(key));
    if (field && index[field] === undefined) index[field] = i;
    else if (name) ignored.push(name);
  });
  const missing = required.filter((f) => index[f] === undefined);
  const fileErrors = missing.length
    ? [
        `Falta la columna ${missing.map((m) => `"${FIELD_NAMES[m] ?? m}"`).join(' y ')} en la primera fila del archivo.`,
      ]
    : [];
  return { index, ignored, fileErrors };
}

const rowValues = (cells: string[], index: Record<string, number>) =>
  Object.fromEntries(Object.entries(index).map(([field, i]) => [field, cells[i] ?? '']));

const zodMessages = (error: z.ZodError) =>
  error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    return field ? `${field.replace('_', ' ')}: ${issue.message}` : issue.message;
  });

/** "31-12-1990" and "31/12/1990" as well as "1990-12-31". */
function isoDate(raw: string): string {
  const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(raw.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : raw;
}

function customerType(raw: string, hasCompany: boolean): string {
  const key = columnKey(raw);
  if (!key) return hasCompany ? 'B2B' : 'B2C';
  if (['b2b', 'empresa', 'contacto_empresa', 'institucion'].includes(key)) return 'B2B';
  if (['b2c', 'persona', 'persona_natural', 'particular'].includes(key)) return 'B2C';
  return raw;
}

type Plan<T> = { report: ImportReport; apply: (trx: Tx, ctx: Ctx) => Promise<void>; items: T[] };

function emptyReport(kind: ImportKind): ImportReport {
  return { kind, fileErrors: [], ignoredColumns: [], rows: [], creates: 0, updates: 0, invalid: 0 };
}

function finish(report: ImportReport) {
  report.invalid = report.rows.filter((r) => r.errors.length > 0).length;
  report.creates = report.rows.filter((r) => r.errors.length === 0 && r.action === 'create').length;
  report.updates = report.rows.filter((r) => r.errors.length === 0 && r.action === 'update').length;
  return report;
}

export const isImportable = (report: ImportReport) =>
  report.fileErrors.length === 0 && report.invalid === 0 && report.rows.length > 0;

/** The file's header and rows, or null with the reason in the report when it is not readable CSV. */
function readCsv(report: ImportReport, text: string): ParsedCsv | null {
  try {
    return parseCsv(text);
  } catch (error) {
    if (!(error instanceof MalformedCsvError)) throw error;
    report.fileErrors.push(error.message);
    return null;
  }
}

function checkSize(report: ImportReport, rows: number) {
  if (rows === 0)
    report.fileErrors.push(
      'El archivo no tiene filas para importar (solo la fila de títulos, o está vacío).',
    );
  if (rows > MAX_IMPORT_ROWS)
    report.fileErrors.push(
      `El archivo tiene ${rows} filas; el máximo es ${MAX_IMPORT_ROWS}. Divídelo en partes.`,
    );
}

/** Validates a customer CSV against the database: every row, without writing anything. */
export async function planCustomerImport(
  db: Db | Tx,
  text: string,
  today: string,
): Promise<Plan<StaffCustomerInput & { id: number | null }>> {
  const report = emptyReport('customers');
  const csv = readCsv(report, text);
  if (!csv) return { report: finish(report), items: [], apply: async () => {} };
  const { index, ignored, fileErrors } = mapColumns(csv.header, CUSTOMER_COLUMNS, CUSTOMER_REQUIRED);
  report.ignoredColumns = ignored;
  report.fileErrors.push(...fileErrors);
  checkSize(report, csv.rows.length);
  if (report.fileErrors.length > 0) return { report: finish(report), items: [], apply: async () => {} };

  const [companies, interests, existing] = await Promise.all([
    db.selectFrom('companies').select(['id', 'legalName']).execute(),
    db.selectFrom('interests').select(['id', 'name']).execute(),
    db.selectFrom('customers').select(['id', 'email']).execute(),
  ]);
  const companyByName = new Map(companies.map((c) => [searchable(c.legalName), c.id]));
  const interestByName = new Map(interests.map((i) => [searchable(i.name), i.id]));
  const customerByEmail = new Map(existing.map((c) => [c.email.toLowerCase(), c.id]));
  const seenEmails = new Map<string, number>();
  const listSeparator = csv.delimiter === ';' ? /[|,]/ : /[|;]/;

  const items: (StaffCustomerInput & { id: number | null })[] = [];
  for (const row of csv.rows) {
    const v = rowValues(row.cells, index);
    const errors: string[] = [];
    const companyName = v.empresa?.trim() ?? '';
    const companyId = companyName ? (companyByName.get(searchable(companyName)) ?? null) : null;
    if (companyName && companyId === null)
      errors.push(`empresa: "${companyName}" no existe; créala o impórtala primero en Empresas.`);
    const interestIds: number[] = [];
    for (const name of (v.intereses ?? '')
      .split(listSeparator)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const id = interestByName.get(searchable(name));
      if (id === undefined) errors.push(`intereses: "${name}" no existe.`);
      else if (!interestIds.includes(id)) interestIds.push(id);
    }
    const parsed = customerForm(() => today).safeParse({
      nombre: v.nombre,
      email: v.email,
      telefono: v.telefono,
      comuna: v.comuna,
      rut: v.rut,
      fecha_nacimiento: isoDate(v.fecha_nacimiento ?? ''),
      observaciones: v.observaciones,
      tipo: customerType(v.tipo ?? '', companyId !== null),
      intereses: [],
    });
    if (!parsed.success) errors.push(...zodMessages(parsed.error));
    const email = parsed.success ? parsed.data.email : (v.email ?? '').trim().toLowerCase();
    const id = customerByEmail.get(email) ?? null;
    const earlier = seenEmails.get(email);
    if (email && earlier !== undefined) errors.push(`email: ${email} ya aparece en la fila ${earlier}.`);
    if (email) seenEmails.set(email, row.line);
    report.rows.push({
      line: row.line,
      label: `${v.nombre || '(sin nombre)'} <${v.email || 'sin correo'}>`,
      action: id === null ? 'create' : 'update',
      errors,
    });
    if (parsed.success && errors.length === 0) {
      const d = parsed.data;
      items.push({
        id,
        fullName: d.nombre,
        email: d.email,
        phone: d.telefono,
        birthDate: d.fecha_nacimiento,
        comuna: d.comuna,
        rut: d.rut,
        customerType: d.tipo as CustomerType,
        companyId,
        notes: d.observaciones,
        interestIds,
      });
    }
  }

  return {
    report: finish(report),
    items,
    apply: async (trx, ctx) => {
      for (const item of items) {
        const { id, ...input } = item;
        if (id === null) {
          await createCustomerByStaff(trx, input, ctx);
          continue;
        }
        // An update only fills in what the file brings: blank cells keep what we already know.
        const current = await trx
          .selectFrom('customers')
          .select(['phone', 'birthDate', 'comuna', 'rut', 'customerType', 'companyId', 'notes'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const currentInterests = (
          await trx
            .selectFrom('customerInterests')
            .select('interestId')
            .where('customerId', '=', id)
            .execute()
        ).map((r) => r.interestId);
        await updateCustomerByStaff(
          trx,
          id,
          {
            ...input,
            phone: input.phone ?? current.phone,
            birthDate: input.birthDate ?? current.birthDate,
            comuna: input.comuna ?? current.comuna,
            rut: input.rut ?? current.rut,
            customerType:
              index.tipo !== undefined || input.companyId !== null
                ? input.customerType
                : current.customerType,
            companyId: input.companyId ?? current.companyId,
            notes: input.notes ?? current.notes,
            interestIds: [...new Set([...currentInterests, ...input.interestIds])],
          },
          ctx,
        );
      }
    },
  };
}

type CompanyItem = {
  id: number | null;
  legalName: string;
  rut: string | null;
  address: string | null;
  phone: string | null;
};

/** Validates a company CSV: matched by RUT, or by razón social when the row has no RUT. */
export async function planCompanyImport(db: Db | Tx, text: string): Promise<Plan<CompanyItem>> {
  const report = emptyReport('companies');
  const csv = readCsv(report, text);
  if (!csv) return { report: finish(report), items: [], apply: async () => {} };
  const { index, ignored, fileErrors } = mapColumns(csv.header, COMPANY_COLUMNS, COMPANY_REQUIRED);
  report.ignoredColumns = ignored;
  report.fileErrors.push(...fileErrors);
  checkSize(report, csv.rows.length);
  if (report.fileErrors.length > 0) return { report: finish(report), items: [], apply: async () => {} };

  const existing = await db
    .selectFrom('companies')
    .select(['id', 'legalName', 'rut', 'address', 'phone'])
    .execute();
  const byRut = new Map(existing.filter((c) => c.rut).map((c) => [c.rut!, c]));
  const byName = new Map(existing.map((c) => [c.legalName.toLowerCase(), c]));
  const seenRuts = new Map<string, number>();
  const seenNames = new Map<string, number>();
  const items: CompanyItem[] = [];

  for (const row of csv.rows) {
    const v = rowValues(row.cells, index);
    const errors: string[] = [];
    const parsed = companyForm.safeParse({
      razon_social: v.razon_social,
      rut: v.rut,
      direccion: v.direccion,
      telefono: v.telefono,
    });
    if (!parsed.success) errors.push(...zodMessages(parsed.error));
    let id: number | null = null;
    if (parsed.success) {
      const d = parsed.data;
      const sameRut = d.rut ? byRut.get(d.rut) : undefined;
      const sameName = byName.get(d.razon_social.toLowerCase());
      id = sameRut?.id ?? (d.rut === null ? (sameName?.id ?? null) : null);
      if (sameName && sameName.id !== id)
        errors.push(
          `razón social: "${d.razon_social}" ya pertenece a otra empresa${sameName.rut ? ` (RUT ${sameName.rut})` : ''}.`,
        );
      if (d.rut && seenRuts.has(d.rut))
        errors.push(`rut: ${d.rut} ya aparece en la fila ${seenRuts.get(d.rut)}.`);
      const nameKey = d.razon_social.toLowerCase();
      if (seenNames.has(nameKey))
        errors.push(`razón social: ya aparece en la fila ${seenNames.get(nameKey)}.`);
      if (d.rut) seenRuts.set(d.rut, row.line);
      seenNames.set(nameKey, row.line);
      if (errors.length === 0) {
        const current = id === null ? undefined : existing.find((c) => c.id === id);
        items.push({
          id,
          legalName: d.razon_social,
          rut: d.rut ?? current?.rut ?? null,
          address: d.direccion ?? current?.address ?? null,
          phone: d.telefono ?? current?.phone ?? null,
        });
      }
    }
    report.rows.push({
      line: row.line,
      label: `${v.razon_social || '(sin razón social)'}${v.rut ? ` · ${v.rut}` : ''}`,
      action: id === null ? 'create' : 'update',
      errors,
    });
  }

  return {
    report: finish(report),
    items,
    apply: async (trx, ctx) => {
      for (const { id, ...input } of items) {
        if (id === null) await createCompany(trx, input, ctx);
        else await updateCompany(trx, id, input, ctx);
      }
    },
  };
}

/**
 * Imports a CSV of customers or companies in one transaction: validated again inside it, and
 * when any row is invalid nothing is written (ImportRejectedError carries the report). Existing
 * records (same e-mail / same RUT) are updated, not duplicated. Every change is audited.
 */
export async function runImport(trx: Tx, kind: ImportKind, text: string, ctx: Ctx): Promise<ImportReport> {
  const plan =
    kind === 'customers'
      ? await planCustomerImport(trx, text, santiagoDate(ctx.now))
      : await planCompanyImport(trx, text);
  if (!isImportable(plan.report)) throw new ImportRejectedError(plan.report);
  await plan.apply(trx, ctx);
  return plan.report;
}
