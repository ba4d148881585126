// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export type { FacilitatorSession, RosterRow } from './facilitator-sessions.queries';
export { listFacilitatorSessions } from './facilitator-sessions.queries';
export { markFacilitatorAttendance, readFacilitatorSession } from './facilitator-sessions.service';
export { FacilitatorRutTakenError } from './facilitators.errors';
export type {
  Facilitator,
  FacilitatorFilters,
  FacilitatorRow,
  FacilitatorSort,
} from './facilitators.queries';
export {
  countFacilitators,
  FACILITATOR_SORTS,
  findFacilitator,
  listFacilitatorOptions,
  listFacilitators,
} from './facilitators.queries';
export type { FacilitatorInput } from './facilitators.service';
export {
  createFacilitator,
  inviteFacilitator,
  setFacilitatorImage,
  updateFacilitator,
} from './facilitators.service';
