// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { workshopSeatsCheck } from './capacity.consistency';
export {
  addToWaitlist,
  closeWaitlist,
  hasLiveOffer,
  leaveWaitlist,
  offerFreedSeats,
  releaseSeatsAndOffer,
  resolveWaitlistForEnrollment,
  takeSeat,
} from './capacity.service';
export { NoLiveOfferError, SeatsStillAvailableError } from './waitlist.errors';
export { expireWaitlistOffersJob } from './waitlist.jobs';
export type { CustomerWaitlistPlace, WaitlistRow } from './waitlist.queries';
export {
  countAhead,
  findLiveEntry,
  findLiveOfferExpiry,
  findLiveOfferSeats,
  listCustomerWaitlistPlaces,
  listWaitlist,
  reassignWaitlist,
} from './waitlist.queries';
