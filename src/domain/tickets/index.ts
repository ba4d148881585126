// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { enrollmentOfTicket, ticketImagePath, ticketPath, ticketToken } from './tickets.service';
