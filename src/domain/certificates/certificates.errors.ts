import { DomainError } from '../../lib/errors';
import type { SeriesCompletion } from '../series';
import { plural } from '../vocabulary';
import { attendancePercent } from './certificates.rules';

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

/** A series with a certificate minimum certifies only whoever attended enough of its sessions held. */
export class SeriesAttendanceTooLowError extends DomainError {
  readonly minPercent: number;
  constructor(customerName: string, c: SeriesCompletion) {
    super(
      'series_attendance_too_low',
      `${customerName} asistió a ${c.attended} de ${plural(c.held, 'sesión realizada', 'sesiones realizadas')} de la serie "${c.seriesName}" (${attendancePercent(c)} %); la serie pide al menos ${c.minPercent} % para emitir el certificado.`,
    );
    this.minPercent = c.minPercent;
  }
}
