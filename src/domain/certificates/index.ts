// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { CENTRE_NAME, certificateDay, certifiedHours } from './certificate.pdf';
export {
  CertificateAlreadyRevokedError,
  NotAttendedError,
  SeriesAttendanceTooLowError,
} from './certificates.errors';
export type { Certificate } from './certificates.queries';
export {
  findCertificateInForce,
  listCustomerCertificates,
  listSessionCertificates,
} from './certificates.queries';
export type { CertificateCheck } from './certificates.service';
export {
  certificateDocument,
  certificateDownloadPath,
  certificatePath,
  checkCertificate,
  issueCertificate,
  issueSessionCertificates,
  revokeCertificate,
} from './certificates.service';
