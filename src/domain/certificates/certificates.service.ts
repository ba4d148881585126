import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { queueEmail } from '../email';
import { findSeriesCompletion } from '../series';
import { certificatePdf } from './certificate.pdf';
import {
  CertificateAlreadyRevokedError,
  NotAttendedError,
  SeriesAttendanceTooLowError,
} from './certificates.errors';
import {
  type Certificate,
  findCertifiable,
  findCertificateByUuid,
  findCertificateInForce,
  listUncertifiedAttendees,
} from './certificates.queries';
import { reachesMinimum } from './certificates.rules';

export const certificatePath = (uuid: string) => `/certificados/${uuid}/`;
export const certificateDownloadPath = (enrollmentId: number) =>
  `/cuenta/inscripciones/${enrollmentId}/certificado.pdf`;

/** What the verification page says about a uuid: genuine, revoked, or never issued. */
export type CertificateCheck =
  | { state: 'valid'; certificate: Certificate }
  | { state: 'revoked'; certificate: Certificate }
  | { state: 'unknown' };

export async function checkCertificate(db: Db, uuid: string): Promise<CertificateCheck> {
  const certificate = await findCertificateByUuid(db, uuid);
  if (!certificate) return { state: 'unknown' };
  return { state: certificate.revokedAt ? 'revoked' : 'valid', certificate };
}

/** The PDF of a certificate, as it was issued. */
export function certificateDocument(certificate: Certificate, publicUrl: string): Promise<Buffer> {
  return certificatePdf(certificate, `${publicUrl}${certificatePath(certificate.uuid)}`);
}

/**
 * Issues the certificate of attendance of one enrollment and e-mails it (PDF attached) in the same
 * transaction. Idempotent: an enrollment with a certificate in force keeps it (a concurrent issue
 * loses on the partial unique index and reads the winner's). Throws NotFoundError,
 * NotAttendedError (not checked in, or cancelled) or SeriesAttendanceTooLowError (a session of a
 * series with a certificate minimum the customer's attendance to its sessions held does not reach).
 */
export async function issueCertificate(
  trx: Tx,
  input: { enrollmentId: number },
  ctx: ServiceContext,
): Promise<{ uuid: string; issued: boolean }> {
  const e = await findCertifiable(trx, input.enrollmentId);
  if (!e) throw new NotFoundError('No encontramos esa inscripción.');
  if (!e.attendedAt || e.status === 'ANULADO') throw new NotAttendedError(e.customerName);
  const existing = await findCertificateInForce(trx, e.id);
  if (existing) return { uuid: existing.uuid, issued: false };
  const completion = await findSeriesCompletion(
    trx,
    { workshopId: e.workshopId, customerId: e.customerId },
    ctx.now,
  );
  if (completion && !reachesMinimum(completion))
    throw new SeriesAttendanceTooLowError(e.customerName, completion);

  const inserted = await trx
    .insertInto('certificates')
    .values({
      uuid: randomUUID(),
      enrollmentId: e.id,
      customerName: e.customerName,
      workshopName: e.workshopName,
      sessionStartsAt: e.startsAt,
      durationMinutes: e.durationMinutes,
      facilitatorName: e.facilitatorName,
      issuedAt: ctx.now.toISOString(),
      issuedByUserId: ctx.actor?.userId ?? null,
    })
    .onConflict((oc) => oc.column('enrollmentId').where(sql<boolean>`revoked_at is null`).doNothing())
    .returning(['id', 'uuid'])
    .executeTakeFirst();
  if (!inserted) return { uuid: (await findCertificateInForce(trx, e.id))!.uuid, issued: false };
  await recordAudit(
    trx,
    {
      entityType: 'certificate',
      entityId: inserted.id,
      action: 'create',
      after: { uuid: inserted.uuid, enrollmentId: e.id },
    },
    ctx,
  );

  const certificate = (await findCertificateByUuid(trx, inserted.uuid))!;
  const pdf = await certificateDocument(certificate, ctx.publicUrl);
  await queueEmail(
    trx,
    {
      template: 'certificate_issued',
      to: e.customerEmail,
      customerId: e.customerId,
      enrollmentId: e.id,
      data: {
        name: e.customerName,
        workshopName: e.workshopName,
        startsAt: e.startsAt,
        verifyPath: certificatePath(inserted.uuid),
        downloadPath: certificateDownloadPath(e.id),
      },
      attachments: [
        {
          filename: 'certificado-de-asistencia.pdf',
          contentType: 'application/pdf',
          content: pdf.toString('base64'),
          encoding: 'base64',
        },
      ],
    },
    ctx,
  );
  return { uuid: inserted.uuid, issued: true };
}

/**
 * Issues the certificates of everyone checked in at a session who has none. Those whose attendance
 * to the session's series is below its certificate minimum are skipped, and counted.
 */
export async function issueSessionCertificates(
  trx: Tx,
  input: { workshopId: number },
  ctx: ServiceContext,
): Promise<{ issued: number; belowSeriesMinimum: number; minPercent: number | null }> {
  const result = { issued: 0, belowSeriesMinimum: 0, minPercent: null as number | null };
  for (const enrollmentId of await listUncertifiedAttendees(trx, input.workshopId)) {
    try {
      if ((await issueCertificate(trx, { enrollmentId }, ctx)).issued) result.issued++;
    } catch (error) {
      // Refused before anything was written, so the other attendees' certificates go on.
      if (!(error instanceof SeriesAttendanceTooLowError)) throw error;
      result.belowSeriesMinimum++;
      result.minPercent = error.minPercent;
    }
  }
  return result;
}

/**
 * Revokes a certificate (the verification page then says so, with the date), audited with the
 * reason. The claim is conditional, so revoking twice is refused once. Throws NotFoundError (no
 * such certificate at this session) or
 * CertificateAlreadyRevokedError.
 */
export async function revokeCertificate(
  trx: Tx,
  input: { certificateId: number; workshopId: number; reason: string },
  ctx: ServiceContext,
): Promise<void> {
  const ofSession = trx.selectFrom('enrollments').select('id').where('workshopId', '=', input.workshopId);
  const revoked = await trx
    .updateTable('certificates')
    .set({
      revokedAt: ctx.now.toISOString(),
      revokedByUserId: ctx.actor?.userId ?? null,
      revokeReason: input.reason,
    })
    .where('id', '=', input.certificateId)
    .where('enrollmentId', 'in', ofSession)
    .where('revokedAt', 'is', null)
    .returning(['id', 'uuid', 'enrollmentId'])
    .executeTakeFirst();
  if (!revoked) {
    const exists = await trx
      .selectFrom('certificates')
      .select('id')
      .where('id', '=', input.certificateId)
      .executeTakeFirst();
    if (!exists) throw new NotFoundError('Ese certificado no existe.');
    throw new CertificateAlreadyRevokedError();
  }
  await recordAudit(
    trx,
    {
      entityType: 'certificate',
      entityId: revoked.id,
      action: 'update',
      before: { revoked: false },
      after: { revoked: true, reason: input.reason, uuid: revoked.uuid, enrollmentId: revoked.enrollmentId },
    },
    ctx,
  );
}
