// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { entityHref, entityLabel } from './audit.labels';
export type { AuditRow } from './audit.queries';
export {
  AUDIT_SORTS,
  auditFilterOptions,
  countAuditEntries,
  listAuditEntries,
  listAuditForEntity,
} from './audit.queries';
export type { AuditSnapshot } from './audit.service';
export { recordAudit } from './audit.service';
