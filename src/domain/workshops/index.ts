// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export type { WorkshopAvailability } from './availability';
export { DEFAULT_CANCELLATION_CUTOFF_HOURS, formatDuration, workshopAvailability } from './availability';
export type { CalendarDay } from './calendar';
export { workshopsByDay } from './calendar';
export { type WorkshopPricing, workshopPricing } from './early-bird';
export { setEarlyBird } from './early-bird.service';
export type { ApiWorkshop, ApiWorkshopFilter } from './workshops.api.queries';
export { findApiWorkshop, listApiWorkshops } from './workshops.api.queries';
export type {
  CalendarWorkshopRow,
  CatalogueFilter,
  WorkshopCardRow,
  WorkshopDetail,
} from './workshops.queries';
export {
  countCatalogueWorkshops,
  findWorkshopDetail,
  findWorkshopForEnrollment,
  findWorkshopSeats,
  findWorkshopSummary,
  listCalendarWorkshops,
  listCatalogueWorkshops,
  listFeedWorkshops,
  listSeatsLeft,
  listUpcomingWorkshops,
  listWorkshopCategories,
} from './workshops.queries';
export type { WorkshopInput } from './workshops.service';
export {
  createWorkshopByStaff,
  markWorkshopCancelled,
  retireWorkshop,
  setWorkshopImage,
  updateWorkshopFields,
} from './workshops.service';
export type {
  AdminWorkshop,
  AdminWorkshopRow,
  AttendeeRow,
  WorkshopFilters,
} from './workshops-admin.queries';
export {
  countAdminWorkshops,
  findAdminWorkshop,
  isWorkshopInScope,
  listAdminWorkshops,
  listAttendees,
  listWorkshopOptions,
  searchCustomersForEnrollment,
  WORKSHOP_SORTS,
  waitlistCounts,
} from './workshops-admin.queries';
