import { DomainError } from '../../lib/errors';

/** Only a person checked in at the session gets a certificate. */
export class NotAttendedError extends DomainError {
  constructor(customerName: string) {
    super(
      'not_attended',
      `${customerName} no tiene registrada su asistencia: no se puede emitir su certificado.`,
    );
  }
}

export class CertificateAlreadyRevokedError extends DomainError {
  constructor() {
    super('certificate_already_revoked', 'Ese certificado ya estaba revocado.');
  }
}
