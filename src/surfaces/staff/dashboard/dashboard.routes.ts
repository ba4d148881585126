import type { FastifyInstance } from 'fastify';
import { loadDashboard } from '../../../domain/reports';
import { santiagoDate, santiagoToUtc } from '../../../lib/dates';
import { DashboardPage } from './views/dashboard.page';

/** Calendar arithmetic on "YYYY-MM-DD" (no time zone involved). */
const addDays = (ymd: string, days: number) => {
  const d = new Date(`${ymd}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The week (Monday to Sunday, Santiago) that contains `now`, and the other windows the dashboard uses. */
export function dashboardWindow(now: Date) {
  const today = santiagoDate(now);
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
  const monday = addDays(today, -((weekday + 6) % 7));
  return {
    today,
    weekStart: santiagoToUtc(monday).toISOString(),
    weekEnd: santiagoToUtc(addDays(monday, 7)).toISOString(),
    since: new Date(now.getTime() - 7 * 24 * 3600_000).toISOString(),
  };
}

/** The back-office home (/gestion/): what needs attention today. */
export async function backofficeStaffRoutes(app: FastifyInstance) {
  app.get('/', async (_request, reply) => {
    const window = dashboardWindow(app.deps.clock());
    const dashboard = await loadDashboard(app.deps.database.db, window);
    return reply.page(DashboardPage, { dashboard, today: window.today });
  });
}
