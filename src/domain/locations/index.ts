// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export type { LocationListFilters, LocationListRow, LocationRecord } from './locations.queries';
export {
  countLocations,
  defaultLocationId,
  findLocation,
  LOCATION_SORTS,
  listLocationOptions,
  listLocations,
  listStaffForLocation,
  staffLocationScope,
} from './locations.queries';
export type { LocationInput } from './locations.service';
export { createLocation, setLocationStaff, updateLocation } from './locations.service';
