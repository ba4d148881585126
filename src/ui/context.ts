import type { CurrentUser, Flash } from '../http/types';

/** What every page knows about the request; built by reply.page(), never by a view. */
export type PageContext = {
  user: CurrentUser | null;
  flash: Flash[];
  csrfToken: string;
  path: string;
  /** Calendar year in Santiago, for the footer (views never read the clock). */
  year: number;
};

export const isStaff = (user: CurrentUser | null) => user?.role === 'staff' || user?.role === 'admin';
