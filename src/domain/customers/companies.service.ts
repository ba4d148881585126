import type { Tx } from '../../db/database';
import { withUniqueCheck } from '../../db/errors';
import { NotFoundError } from '../../lib/errors';
import { searchable } from '../../lib/text';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { duplicateCompanyRut, duplicateLegalName } from './companies.errors';
import {
  companyNameKey,
  countCompanyContacts,
  deleteCompanyRow,
  findCompany,
  findCompanyIdByLegalName,
  findCompanyIdByRut,
  insertCompany,
  updateCompanyRow,
} from './companies.queries';
import { rutForms } from './customers.service';

export type CompanyInput = {
  legalName: string;
  /** Already normalised ("76123456-0") or null. */
  rut: string | null;
  address: string | null;
  phone: string | null;
};

type Ctx = Pick<ServiceContext, 'now' | 'actor'>;

export const companySearchText = (c: Pick<CompanyInput, 'legalName' | 'rut' | 'phone'>) =>
  searchable(c.legalName, ...rutForms(c.rut), c.phone);

const snapshot = (c: CompanyInput) => ({
  legalName: c.legalName,
  rut: c.rut,
  address: c.address,
  phone: c.phone,
});

async function assertUnique(trx: Tx, input: CompanyInput, exceptId: number | null) {
  const sameName = await findCompanyIdByLegalName(trx, input.legalName);
  if (sameName !== null && sameName !== exceptId) throw duplicateLegalName();
  if (input.rut) {
    const sameRut = await findCompanyIdByRut(trx, input.rut);
    if (sameRut !== null && sameRut !== exceptId) throw duplicateCompanyRut();
  }
}

/** Creates a company; razón social and RUT must be unique. Throws ValidationError. Audited. */
export async function createCompany(trx: Tx, input: CompanyInput, ctx: Ctx): Promise<number> {
  await assertUnique(trx, input, null);
  const at = ctx.now.toISOString();
  const id = await withUniqueCheck(
    () =>
      insertCompany(trx, {
        ...input,
        nameKey: companyNameKey(input.legalName),
        searchText: companySearchText(input),
        createdAt: at,
        updatedAt: at,
      }),
    (index) => (index.includes('rut') ? duplicateCompanyRut() : duplicateLegalName()),
  );
  await recordAudit(
    trx,
    { entityType: 'company', entityId: id, action: 'create', after: snapshot(input) },
    ctx,
  );
  return id;
}

/** Edits a company (same uniqueness rules). Throws NotFoundError, ValidationError. Audited (changed fields). */
export async function updateCompany(trx: Tx, id: number, input: CompanyInput, ctx: Ctx): Promise<void> {
  const before = await findCompany(trx, id);
  if (!before) throw new NotFoundError('No encontramos esa empresa.');
  await assertUnique(trx, input, id);
  await withUniqueCheck(
    () =>
      updateCompanyRow(trx, id, {
        ...input,
        nameKey: companyNameKey(input.legalName),
        searchText: companySearchText(input),
        updatedAt: ctx.now.toISOString(),
      }),
    (index) => (index.includes('rut') ? duplicateCompanyRut() : duplicateLegalName()),
  );
  await recordAudit(
    trx,
    {
      entityType: 'company',
      entityId: id,
      action: 'update',
      before: snapshot(before),
      after: snapshot(input),
    },
    ctx,
  );
}

/**
 * Deletes a company. Its contacts stay as customers without a company (the foreign key is
 * SET NULL); the audit entry records how many were unlinked. Throws NotFoundError.
 */
export async function deleteCompany(
  trx: Tx,
  id: number,
  ctx: Ctx,
): Promise<{ legalName: string; unlinked: number }> {
  const before = await findCompany(trx, id);
  if (!before) throw new NotFoundError('No encontramos esa empresa.');
  const unlinked = await countCompanyContacts(trx, id);
  await deleteCompanyRow(trx, id);
  await recordAudit(
    trx,
    {
      entityType: 'company',
      entityId: id,
      action: 'delete',
      before: { ...snapshot(before), contactsUnlinked: unlinked },
    },
    ctx,
  );
  return { legalName: before.legalName, unlinked };
}
