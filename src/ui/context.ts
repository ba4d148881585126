import type { UserRole } from '../db/schema';

export type FlashKind = 'success' | 'error' | 'warning' | 'info';
export type Flash = { kind: FlashKind; message: string; link?: { href: string; label: string } };

/** The logged-in user as pages and guards see it. */
export type CurrentUser = {
  id: number;
  email: string;
  username: string | null;
  name: string;
  role: UserRole;
  customerId: number | null;
  /** The facilitator record of a `facilitator` account; null for everyone else. */
  facilitatorId: number | null;
};

/** What every page knows about the request; built by reply.page(), never by a view. */
export type PageContext = {
  user: CurrentUser | null;
  flash: Flash[];
  csrfToken: string;
  path: string;
  /** Calendar year in Santiago, for the footer (views never read the clock). */
  year: number;
  /** How customers reach the centre (from the configuration): the footer and the legal pages. */
  centre: CentreContact;
};

export type CentreContact = {
  name: string;
  address: string;
  email: string;
  whatsapp: { label: string; href: string };
  instagram: { label: string; href: string };
};

export const isStaff = (user: CurrentUser | null) => user?.role === 'staff' || user?.role === 'admin';
